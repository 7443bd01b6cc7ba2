package dev.aiter.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every contender sums correctly in both modes, so that a benchmark never measures a loop that
 * stops early or skips elements. Small counts: these are correctness checks, not measurements.
 */
class ContendersTest {

  private static final int N = 20_000;
  private static ExecutorService executor;

  @BeforeAll
  static void startExecutor() {
    executor = Executors.newSingleThreadExecutor();
  }

  @AfterAll
  static void stopExecutor() {
    executor.shutdownNow();
  }

  static Stream<Arguments> contenders() {
    return Stream.of(
        Arguments.of("handWritten", (BiFunction<Integer, Boolean, Long>) (n, async) ->
            Contenders.handWritten(n, async ? executor : null)),
        Arguments.of("aiter", (BiFunction<Integer, Boolean, Long>) (n, async) ->
            Contenders.aiter(n, async ? executor : null)),
        Arguments.of("aiterBreakable", (BiFunction<Integer, Boolean, Long>) (n, async) ->
            Contenders.aiterBreakable(n, async ? executor : null)),
        Arguments.of("aiterAwait", (BiFunction<Integer, Boolean, Long>) (n, async) ->
            Contenders.aiterAwait(n, async ? executor : null)),
        Arguments.of("aiterOptional", (BiFunction<Integer, Boolean, Long>) (n, async) ->
            Contenders.aiterOptional(n, async ? executor : null)),
        Arguments.of("asyncUtil", (BiFunction<Integer, Boolean, Long>) (n, async) ->
            Contenders.asyncUtil(n, async ? executor : null)),
        Arguments.of("reactorRepeat", (BiFunction<Integer, Boolean, Long>) (n, async) ->
            Contenders.reactorRepeat(n, async ? executor : null)),
        Arguments.of("reactorConcatMap", (BiFunction<Integer, Boolean, Long>) (n, async) ->
            Contenders.reactorConcatMap(n, async ? executor : null)),
        Arguments.of("rxjavaConcatMapSingle", (BiFunction<Integer, Boolean, Long>) (n, async) ->
            Contenders.rxjavaConcatMapSingle(n, async ? executor : null)),
        Arguments.of("rxjavaRepeat", (BiFunction<Integer, Boolean, Long>) (n, async) ->
            Contenders.rxjavaRepeat(n, async ? executor : null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contenders")
  void sumsEveryElementOnceInSyncMode(String name, BiFunction<Integer, Boolean, Long> contender) {
    assertEquals(IntSource.expectedSum(N), contender.apply(N, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contenders")
  void sumsEveryElementOnceInAsyncMode(String name, BiFunction<Integer, Boolean, Long> contender) {
    assertEquals(IntSource.expectedSum(N), contender.apply(N, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contenders")
  void sumsAnEmptySource(String name, BiFunction<Integer, Boolean, Long> contender) {
    assertEquals(0, contender.apply(0, false));
    assertEquals(0, contender.apply(0, true));
  }

  @Test
  void virtualThreadLoopSumsInBothModes_whereTheJdkHasVirtualThreads() {
    // CI's second pass runs on JDK 25, where this contender exists; on 17 it says it cannot run.
    if (!VirtualThreadLoop.available()) {
      assertThrows(UnsupportedOperationException.class, () -> Contenders.virtualThread(N, null));
      return;
    }
    assertEquals(IntSource.expectedSum(N), Contenders.virtualThread(N, null));
    assertEquals(IntSource.expectedSum(N), Contenders.virtualThread(N, executor));
    assertEquals(0, Contenders.virtualThread(0, executor));
  }

  @Test
  void floorSumsTheSameValues() {
    assertEquals(IntSource.expectedSum(N), Contenders.floor(N));
  }

  @Test
  void naiveLoopSumsASmallSourceInBothModes() {
    assertEquals(IntSource.expectedSum(100), Contenders.naive(100, null));
    assertEquals(IntSource.expectedSum(N), Contenders.naive(N, executor));
  }

  @Test
  void naiveLoopOverflowsOnALargeAlreadyCompleteSource() {
    CompletionException e =
        assertThrows(CompletionException.class, () -> Contenders.naive(1_000_000, null));
    assertInstanceOf(StackOverflowError.class, e.getCause());
  }
}
