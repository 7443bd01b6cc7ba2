package dev.aiter;

import static dev.aiter.Fixtures.await;
import static dev.aiter.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.Fixtures.Mode;
import dev.aiter.OperatorCases.Boom;
import dev.aiter.OperatorCases.Case;
import dev.aiter.OperatorCases.Via;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules O1–O7 of API.md, checked for every operator (the rows of {@link OperatorCases}),
 * over the processor-generated adapter (whose B9 guard turns any overlapping upstream call into a
 * failure, so every passing test here also proves O2) and over a hand-written iterator.
 */
class OperatorRulesTest {

  static Stream<Arguments> casesAndVias() {
    List<Arguments> all = new ArrayList<>();
    for (Case c : OperatorCases.all()) {
      for (Via via : Via.values()) {
        all.add(Arguments.of(c, via));
      }
    }
    return all.stream();
  }

  static Stream<Arguments> casesViasModesAndSizes() {
    List<Arguments> all = new ArrayList<>();
    for (Case c : OperatorCases.all()) {
      for (Via via : Via.values()) {
        for (Mode mode : Mode.values()) {
          for (int size : new int[] {0, 1, 10}) {
            all.add(Arguments.of(c, via, mode, size));
          }
        }
      }
    }
    return all.stream();
  }

  static Stream<Arguments> functionCasesAndVias() {
    List<Arguments> all = new ArrayList<>();
    OperatorCases.withFunctions()
        .forEach(
            c -> {
              for (Via via : Via.values()) {
                for (Mode mode : new Mode[] {Mode.SYNC, Mode.ASYNC}) {
                  all.add(Arguments.of(c, via, mode));
                }
              }
            });
    return all.stream();
  }

  private static List<Integer> upTo(int size) {
    return IntStream.range(0, size).boxed().collect(Collectors.toList());
  }

  @ParameterizedTest(name = "{0} via {1}, {2}, {3} elements")
  @MethodSource("casesViasModesAndSizes")
  void producesWhatTheModelSays_andClosesTheUpstreamOnce(
      Case c, Via via, Mode mode, int size) {
    ScriptedSource source = OperatorCases.counting(size, mode);
    CompletableFuture<? extends List<?>> list = c.apply().apply(via.over(source)).toList();
    await(list);
    assertEquals(c.model().apply(upTo(size)), list.join());
    assertEquals(1, source.closeCalls.get(), "upstream closed once");
  }

  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("casesAndVias")
  void o1_buildingTheOperatorCallsNothing(Case c, Via via) {
    ScriptedSource source = ScriptedSource.counting(5);
    c.apply().apply(via.over(source));
    assertEquals(0, source.nextCalls.get());
    assertEquals(0, source.closeCalls.get());
  }

  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("casesAndVias")
  void o3_acloseClosesTheUpstreamOnceAndIsIdempotent(Case c, Via via) {
    ScriptedSource source = ScriptedSource.counting(5);
    AsyncIterator<?> it = c.apply().apply(via.over(source));
    await(it.anext().toCompletableFuture());
    CompletionStage<Void> first = it.aclose();
    CompletionStage<Void> second = it.aclose();
    await(first.toCompletableFuture());
    await(second.toCompletableFuture());
    assertEquals(1, source.closeCalls.get());
    assertFalse(second.toCompletableFuture().isCompletedExceptionally());
  }

  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("casesAndVias")
  void o3_aShortCircuitingTerminalClosesTheUpstreamOnce(Case c, Via via) {
    ScriptedSource source = ScriptedSource.counting(1_000);
    CompletableFuture<?> first = c.apply().apply(via.over(source)).findFirst();
    await(first);
    assertEquals(1, source.closeCalls.get());
    assertTrue(source.nextCalls.get() < 20, "stopped early: " + source.nextCalls.get());
  }

  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("casesAndVias")
  void o3_anOperatorClosedBeforeItsFirstPullClosesTheUpstreamWithoutPulling(Case c, Via via) {
    ScriptedSource source = ScriptedSource.counting(5);
    AsyncIterator<?> it = c.apply().apply(via.over(source));
    await(it.aclose().toCompletableFuture());
    assertEquals(1, source.closeCalls.get());
    assertEquals(0, source.nextCalls.get());
    assertInstanceOf(StopAsyncIteration.class, failureOf(it.anext().toCompletableFuture()));
  }

  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("casesAndVias")
  void o4_aSourceFailureMidwayFailsWithTheVeryException_afterClosing(Case c, Via via) {
    Boom boom = new Boom("source");
    ScriptedSource source =
        new ScriptedSource(
            i -> i < 2 ? CompletableFuture.completedFuture(i) : CompletableFuture.failedFuture(boom),
            () -> CompletableFuture.completedFuture(null));
    CompletableFuture<? extends List<?>> list = c.apply().apply(via.over(source)).toList();
    await(list);
    assertSame(boom, failureOf(list));
    assertEquals(1, source.closeCalls.get());
  }

  @ParameterizedTest(name = "{0} via {1}, {2}")
  @MethodSource("functionCasesAndVias")
  void o4_aThrowingFunctionFailsWithTheVeryException_afterClosing(Case c, Via via, Mode mode) {
    Boom boom = new Boom("function");
    ScriptedSource source = OperatorCases.counting(10, mode);
    CompletableFuture<? extends List<?>> list = c.failing().apply(via.over(source), boom).toList();
    await(list);
    assertSame(boom, failureOf(list));
    assertEquals(1, source.closeCalls.get());
  }

  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("casesAndVias")
  void o5_afterTheEndEveryAnextEndsAgainWithoutCallingUpstream(Case c, Via via) {
    ScriptedSource source = ScriptedSource.counting(3);
    AsyncIterator<?> it = c.apply().apply(via.over(source));
    Throwable end = null;
    for (int i = 0; i < 100 && end == null; i++) {
      CompletableFuture<?> next = it.anext().toCompletableFuture();
      await(next);
      if (next.isCompletedExceptionally()) {
        end = failureOf(next);
      }
    }
    assertInstanceOf(StopAsyncIteration.class, end);
    int calls = source.nextCalls.get();
    for (int i = 0; i < 3; i++) {
      assertInstanceOf(StopAsyncIteration.class, failureOf(it.anext().toCompletableFuture()));
    }
    assertEquals(calls, source.nextCalls.get());
  }

  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("casesAndVias")
  void o5_afterAFailureEveryAnextFailsAgainWithoutCallingUpstream(Case c, Via via) {
    Boom boom = new Boom("source");
    ScriptedSource source =
        new ScriptedSource(
            i -> CompletableFuture.failedFuture(boom),
            () -> CompletableFuture.completedFuture(null));
    AsyncIterator<?> it = c.apply().apply(via.over(source));
    assertSame(boom, failureOf(it.anext().toCompletableFuture()));
    int calls = source.nextCalls.get();
    assertSame(boom, failureOf(it.anext().toCompletableFuture()));
    assertEquals(calls, source.nextCalls.get());
  }

  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("casesAndVias")
  void o6_anextWhilePendingFailsAlreadyRunning_andLeavesThePendingOneIntact(Case c, Via via) {
    CompletableFuture<Integer> gate = new CompletableFuture<>();
    ScriptedSource source =
        new ScriptedSource(
            i -> i == 0 ? gate : i < 10 ? CompletableFuture.completedFuture(i) : Mode.SYNC.end(),
            () -> CompletableFuture.completedFuture(null));
    AsyncIterator<?> it = c.apply().apply(via.over(source));
    CompletableFuture<?> first = it.anext().toCompletableFuture();
    assertFalse(first.isDone());
    CompletableFuture<?> second = it.anext().toCompletableFuture();
    Throwable refused = failureOf(second);
    assertInstanceOf(IllegalStateException.class, refused);
    assertTrue(refused.getMessage().contains("already running"), refused.getMessage());
    assertEquals(1, source.nextCalls.get(), "the refused call did not reach the source");
    assertFalse(first.isDone());
    gate.complete(0);
    await(first);
    assertFalse(first.isCompletedExceptionally(), () -> "first failed: " + failureOf(first));
  }

  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("casesAndVias")
  void o7_cancellingAPendingAnextCancelsTheUpstreamStage(Case c, Via via) {
    CompletableFuture<Integer> gate = new CompletableFuture<>();
    ScriptedSource source =
        new ScriptedSource(i -> gate, () -> CompletableFuture.completedFuture(null));
    AsyncIterator<?> it = c.apply().apply(via.over(source));
    CompletableFuture<?> next = it.anext().toCompletableFuture();
    assertTrue(next.cancel(false));
    assertTrue(gate.isCancelled(), "the upstream's stage was cancelled");
    await(it.aclose().toCompletableFuture());
    assertEquals(1, source.closeCalls.get());
  }

  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("casesAndVias")
  void o7_cancellingALoopOverTheOperatorCancelsThePendingStageAndClosesOnce(Case c, Via via) {
    CompletableFuture<Integer> gate = new CompletableFuture<>();
    ScriptedSource source =
        new ScriptedSource(
            i -> i == 0 ? CompletableFuture.completedFuture(0) : gate,
            () -> CompletableFuture.completedFuture(null));
    CompletableFuture<Void> loop = c.apply().apply(via.over(source)).forEach(x -> {});
    assertFalse(loop.isDone());
    assertTrue(loop.cancel(false));
    assertTrue(gate.isCancelled());
    assertEquals(1, source.closeCalls.get());
  }

  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("casesAndVias")
  void o2_overStagesCompletedOnOtherThreads_theGeneratedGuardNeverTrips(Case c, Via via) {
    for (Mode mode : new Mode[] {Mode.ASYNC, Mode.MIXED, Mode.MINIMAL}) {
      ScriptedSource source = OperatorCases.counting(200, mode);
      CompletableFuture<? extends List<?>> list = c.apply().apply(via.over(source)).toList();
      await(list);
      assertEquals(c.model().apply(upTo(200)), list.join(), mode.toString());
    }
  }
}
