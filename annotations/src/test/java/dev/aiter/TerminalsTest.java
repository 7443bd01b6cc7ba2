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
import dev.aiter.OperatorCases.Via;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The terminal operations: results, short-circuits, and the loop's close and cancel rules. */
class TerminalsTest {

  private static final CompletableFuture<Void> CLOSED = CompletableFuture.completedFuture(null);

  /** Every terminal operation, applied to an iterator, as a future of anything. */
  enum Terminal {
    FOR_EACH(it -> it.forEach(x -> {})),
    TO_LIST(AsyncIterator::toList),
    COLLECT(it -> it.collect(Collectors.toList())),
    REDUCE(it -> it.reduce(0, Integer::sum)),
    COUNT(AsyncIterator::count),
    FIND_FIRST(AsyncIterator::findFirst),
    ANY_MATCH(it -> it.anyMatch(x -> x < 0)),
    ALL_MATCH(it -> it.allMatch(x -> x >= 0)),
    NONE_MATCH(it -> it.noneMatch(x -> x < 0)),
    MIN(it -> it.min(Comparator.naturalOrder())),
    MAX(it -> it.max(Comparator.naturalOrder()));

    final Function<AsyncIterator<Integer>, CompletableFuture<?>> run;

    Terminal(Function<AsyncIterator<Integer>, CompletableFuture<?>> run) {
      this.run = run;
    }
  }

  private static <T> T result(CompletableFuture<T> future) {
    await(future);
    return future.join();
  }

  @Test
  void results() {
    assertEquals(Arrays.asList(1, null, 3), result(AsyncIterator.of(1, null, 3).toList()));
    assertEquals("a-b", result(AsyncIterator.of("a", "b").collect(Collectors.joining("-"))));
    assertEquals(6, result(AsyncIterator.of(1, 2, 3).reduce(0, Integer::sum)));
    assertEquals("x", result(AsyncIterator.<String>empty().reduce("x", (a, b) -> a + b)));
    assertEquals(3L, result(AsyncIterator.of(1, 2, 3).count()));
    assertEquals(Optional.of(1), result(AsyncIterator.of(1, 2).findFirst()));
    assertEquals(Optional.empty(), result(AsyncIterator.empty().findFirst()));
    assertTrue(result(AsyncIterator.of(1, 2).anyMatch(x -> x == 2)));
    assertFalse(result(AsyncIterator.<Integer>empty().anyMatch(x -> true)));
    assertTrue(result(AsyncIterator.<Integer>empty().allMatch(x -> false)));
    assertFalse(result(AsyncIterator.of(1, 2).allMatch(x -> x == 1)));
    assertTrue(result(AsyncIterator.of(1, 2).noneMatch(x -> x == 3)));
    assertFalse(result(AsyncIterator.of(1, 2).noneMatch(x -> x == 2)));
    assertEquals(Optional.of(1), result(AsyncIterator.of(3, 1, 2).min(Comparator.naturalOrder())));
    assertEquals(Optional.of(3), result(AsyncIterator.of(3, 1, 2).max(Comparator.naturalOrder())));
    assertEquals(Optional.empty(), result(AsyncIterator.<Integer>empty().max(Comparator.naturalOrder())));
  }

  @Test
  void minAndMax_theFirstOfEqualElementsWins() {
    record Item(int key, String name) {}
    Comparator<Item> byKey = Comparator.comparingInt(Item::key);
    AsyncIterator<Item> items =
        AsyncIterator.of(new Item(1, "a"), new Item(0, "b"), new Item(1, "c"), new Item(0, "d"));
    assertEquals("b", result(items.min(byKey)).orElseThrow().name());
    items =
        AsyncIterator.of(new Item(1, "a"), new Item(0, "b"), new Item(1, "c"), new Item(0, "d"));
    assertEquals("a", result(items.max(byKey)).orElseThrow().name());
  }

  @Test
  void findFirst_aNullFirstElementIsANullPointerException() {
    Throwable e = failureOf(AsyncIterator.of((Object) null).findFirst());
    assertInstanceOf(NullPointerException.class, e);
    assertTrue(e.getMessage().contains("findFirst"), e.getMessage());
  }

  @Test
  void minAndMax_aNullResultIsANullPointerException() {
    Comparator<Integer> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
    assertInstanceOf(
        NullPointerException.class, failureOf(AsyncIterator.of(2, null).min(nullsFirst)));
  }

  @Test
  void collect_theContainerIsCreatedWhenTheLoopStarts_andAThrowingSupplierClosesTheChain() {
    Boom boom = new Boom("supplier");
    ScriptedSource source = ScriptedSource.counting(3);
    CompletableFuture<List<Integer>> list =
        ScriptedSourceAsync.aiter(source)
            .collect(
                Collectors.<Integer, List<Integer>>toCollection(
                    () -> {
                      throw boom;
                    }));
    await(list);
    assertSame(boom, failureOf(list));
    assertEquals(1, source.closeCalls.get());
  }

  @ParameterizedTest
  @EnumSource(Terminal.class)
  void closesTheIteratorOnce_andCompletesOnlyAfterThatClose(Terminal terminal) {
    CompletableFuture<Void> close = new CompletableFuture<>();
    ScriptedSource source =
        new ScriptedSource(
            i -> i < 5 ? CompletableFuture.completedFuture(i) : Mode.SYNC.end(), () -> close);
    CompletableFuture<?> result = terminal.run.apply(ScriptedSourceAsync.aiter(source));
    assertEquals(1, source.closeCalls.get());
    assertFalse(result.isDone(), "waits for the close");
    close.complete(null);
    await(result);
    assertFalse(result.isCompletedExceptionally());
  }

  @ParameterizedTest
  @EnumSource(Terminal.class)
  void aCloseFailureFailsTheResult(Terminal terminal) {
    Boom boom = new Boom("close");
    ScriptedSource source =
        new ScriptedSource(
            i -> i < 5 ? CompletableFuture.completedFuture(i) : Mode.SYNC.end(),
            () -> CompletableFuture.failedFuture(boom));
    assertSame(boom, failureOf(terminal.run.apply(ScriptedSourceAsync.aiter(source))));
  }

  @ParameterizedTest
  @EnumSource(Terminal.class)
  void aSourceFailureFailsWithTheVeryException_afterClosing(Terminal terminal) {
    Boom boom = new Boom("source");
    int failAt = terminal == Terminal.FIND_FIRST ? 0 : 2; // findFirst decides at element 0
    for (Via via : Via.values()) {
      ScriptedSource source =
          new ScriptedSource(
              i -> i < failAt ? Mode.ASYNC.value(i) : CompletableFuture.failedFuture(boom),
              () -> CLOSED);
      CompletableFuture<?> result = terminal.run.apply(via.over(source));
      await(result);
      assertSame(boom, failureOf(result));
      assertEquals(1, source.closeCalls.get());
    }
  }

  @ParameterizedTest
  @EnumSource(Terminal.class)
  void cancellingTheFutureCancelsThePendingStage_andClosesOnce(Terminal terminal) {
    CompletableFuture<Integer> gate = new CompletableFuture<>();
    ScriptedSource source =
        new ScriptedSource(
            i -> i == 0 ? CompletableFuture.completedFuture(0) : gate, () -> CLOSED);
    CompletableFuture<?> result = terminal.run.apply(ScriptedSourceAsync.aiter(source));
    if (result.isDone()) {
      return; // findFirst and friends are decided by the first element
    }
    assertTrue(result.cancel(false));
    assertTrue(gate.isCancelled());
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void shortCircuits_stopPullingAtTheDecidingElement() {
    for (Function<AsyncIterator<Integer>, CompletableFuture<?>> run :
        List.<Function<AsyncIterator<Integer>, CompletableFuture<?>>>of(
            AsyncIterator::findFirst,
            it -> it.anyMatch(x -> x == 2),
            it -> it.allMatch(x -> x < 2),
            it -> it.noneMatch(x -> x == 2))) {
      ScriptedSource source = ScriptedSource.counting(1_000);
      await(run.apply(ScriptedSourceAsync.aiter(source)));
      assertTrue(source.nextCalls.get() <= 3, "pulled " + source.nextCalls.get());
      assertEquals(1, source.closeCalls.get());
    }
  }

  @Test
  void aChainOfOperatorsFeedsATerminal_overEveryMode() {
    for (Mode mode : Mode.values()) {
      for (Via via : Via.values()) {
        ScriptedSource source = OperatorCases.counting(100, mode);
        CompletableFuture<List<Integer>> list =
            via.over(source)
                .map(x -> x * 2)
                .filter(x -> x % 3 != 0)
                .skip(2)
                .limit(10)
                .toList();
        await(list);
        assertEquals(
            List.of(8, 10, 14, 16, 20, 22, 26, 28, 32, 34), list.join(), mode + " " + via);
        assertEquals(1, source.closeCalls.get());
      }
    }
  }
}
