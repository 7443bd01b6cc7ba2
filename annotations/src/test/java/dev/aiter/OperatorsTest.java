package dev.aiter;

import static dev.aiter.Fixtures.await;
import static dev.aiter.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.Fixtures.Mode;
import dev.aiter.OperatorCases.Boom;
import dev.aiter.OperatorCases.Via;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What each operator does beyond the shared rules: its own semantics and early closes. */
class OperatorsTest {

  private static final CompletableFuture<Void> CLOSED = CompletableFuture.completedFuture(null);

  private static <T> List<T> drain(AsyncIterator<T> it) {
    CompletableFuture<List<T>> list = it.toList();
    await(list);
    return list.join();
  }

  /** A source of 0 .. count - 1 whose close stays pending until {@code close} completes. */
  private static ScriptedSource closingLate(int count, CompletableFuture<Void> close) {
    return new ScriptedSource(
        i -> i < count ? CompletableFuture.completedFuture(i) : Mode.SYNC.end(), () -> close);
  }

  // limit

  @ParameterizedTest
  @EnumSource(Via.class)
  void limit_neverAsksUpstreamForMoreThanN(Via via) {
    ScriptedSource source = ScriptedSource.counting(100);
    assertEquals(List.of(0, 1, 2), drain(via.over(source).limit(3)));
    assertEquals(3, source.nextCalls.get());
    assertEquals(1, source.closeCalls.get());
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void limitZero_neverCallsUpstream_andClosesIt(Via via) {
    ScriptedSource source = ScriptedSource.counting(100);
    assertEquals(List.of(), drain(via.over(source).limit(0)));
    assertEquals(0, source.nextCalls.get());
    assertEquals(1, source.closeCalls.get());
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void limit_signalsItsEndOnlyAfterTheUpstreamItClosedHasClosed(Via via) {
    CompletableFuture<Void> close = new CompletableFuture<>();
    ScriptedSource source = closingLate(100, close);
    AsyncIterator<Integer> it = via.over(source).limit(1);
    assertEquals(0, it.anext().toCompletableFuture().join());
    assertEquals(0, source.closeCalls.get(), "not closed before the end is asked for");
    CompletableFuture<Integer> end = it.anext().toCompletableFuture();
    assertEquals(1, source.closeCalls.get());
    assertFalse(end.isDone(), "the end waits for the close");
    close.complete(null);
    assertInstanceOf(StopAsyncIteration.class, failureOf(end));
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void limit_aFailedCloseOfTheUpstreamFailsTheEnd(Via via) {
    Boom boom = new Boom("close");
    ScriptedSource source = closingLate(100, CompletableFuture.failedFuture(boom));
    AsyncIterator<Integer> it = via.over(source).limit(1);
    assertEquals(0, it.anext().toCompletableFuture().join());
    assertSame(boom, failureOf(it.anext().toCompletableFuture()));
    assertSame(boom, failureOf(it.anext().toCompletableFuture()), "and again (O5)");
    await(it.aclose().toCompletableFuture());
    assertEquals(1, source.closeCalls.get());
  }

  /**
   * The end waits for the upstream's close that limit started; an aclose() meanwhile must wait
   * for that same close and fail with its failure (it used to complete at once, and the failure
   * was lost: the pending end then ended normally).
   */
  @ParameterizedTest
  @EnumSource(Via.class)
  void limit_acloseWhileTheEndWaitsForTheUpstreamsClose_waitsForItAndKeepsItsFailure(Via via) {
    CompletableFuture<Void> close = new CompletableFuture<>();
    ScriptedSource source = closingLate(100, close);
    AsyncIterator<Integer> it = via.over(source).limit(1);
    assertEquals(0, it.anext().toCompletableFuture().join());
    CompletableFuture<Integer> end = it.anext().toCompletableFuture();
    CompletableFuture<Void> closed = it.aclose().toCompletableFuture();
    assertFalse(closed.isDone(), "aclose() completes only once the upstream has closed");
    Boom boom = new Boom("close");
    close.completeExceptionally(boom);
    assertSame(boom, failureOf(closed));
    await(end);
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void limit_rejectsANegativeSizeAtOnce() {
    AsyncIterator<Integer> it = AsyncIterator.range(0, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> it.limit(-1));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
  }

  // skip, takeWhile, dropWhile

  @Test
  void skip_moreThanThereAreGivesNothing_andZeroGivesAll() {
    assertEquals(List.of(), drain(AsyncIterator.range(0, 3).skip(5)));
    assertEquals(List.of(0, 1, 2), drain(AsyncIterator.range(0, 3).skip(0)));
    assertThrows(IllegalArgumentException.class, () -> AsyncIterator.range(0, 3).skip(-1));
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void takeWhile_dropsTheFirstFailingElement_andClosesUpstreamBeforeTheEnd(Via via) {
    CompletableFuture<Void> close = new CompletableFuture<>();
    ScriptedSource source = closingLate(100, close);
    AsyncIterator<Integer> it = via.over(source).takeWhile(x -> x < 2);
    assertEquals(0, it.anext().toCompletableFuture().join());
    assertEquals(1, it.anext().toCompletableFuture().join());
    CompletableFuture<Integer> end = it.anext().toCompletableFuture();
    assertEquals(3, source.nextCalls.get(), "read the failing element 2 and nothing more");
    assertEquals(1, source.closeCalls.get());
    assertFalse(end.isDone());
    close.complete(null);
    assertInstanceOf(StopAsyncIteration.class, failureOf(end));
  }

  @Test
  void dropWhile_dropsOnlyTheLeadingRun() {
    assertEquals(
        List.of(3, 0, 1), drain(AsyncIterator.of(0, 1, 2, 3, 0, 1).dropWhile(x -> x < 3)));
  }

  // flatMap, flatMapIterable, concat

  @ParameterizedTest
  @EnumSource(Via.class)
  void flatMap_closesEachInnerIteratorWhenItEnded_beforeReadingTheNext(Via via) {
    List<ScriptedSource> inners = new ArrayList<>();
    AsyncIterator<Integer> it =
        AsyncIterator.range(0, 3)
            .flatMap(
                x -> {
                  for (ScriptedSource earlier : inners) {
                    assertEquals(1, earlier.closeCalls.get(), "earlier inner closed before");
                  }
                  ScriptedSource inner = OperatorCases.counting(2, Mode.MIXED);
                  inners.add(inner);
                  return via.over(inner);
                });
    assertEquals(List.of(0, 1, 0, 1, 0, 1), drain(it));
    assertEquals(3, inners.size());
    for (ScriptedSource inner : inners) {
      assertEquals(1, inner.closeCalls.get());
    }
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void flatMap_closingTheOuterChainClosesTheCurrentInnerAndTheOuter(Via via) {
    ScriptedSource outer = ScriptedSource.counting(10);
    ScriptedSource inner = ScriptedSource.counting(10);
    AsyncIterator<Integer> it = via.over(outer).flatMap(x -> via.over(inner));
    assertEquals(List.of(0, 1), drain(it.limit(2)));
    assertEquals(1, inner.closeCalls.get());
    assertEquals(1, outer.closeCalls.get());
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void flatMap_aFailingInnerFailsTheChain_andBothAreClosedOnce(Via via) {
    Boom boom = new Boom("inner");
    ScriptedSource outer = ScriptedSource.counting(10);
    ScriptedSource inner =
        new ScriptedSource(
            i -> i == 0 ? CompletableFuture.completedFuture(7) : CompletableFuture.failedFuture(boom),
            () -> CLOSED);
    CompletableFuture<List<Integer>> list =
        via.over(outer).flatMap(x -> via.over(inner)).toList();
    await(list);
    assertSame(boom, failureOf(list));
    assertEquals(1, inner.closeCalls.get());
    assertEquals(1, outer.closeCalls.get());
  }

  @Test
  void flatMap_aFailedInnerCloseFailsTheChain() {
    Boom boom = new Boom("inner close");
    ScriptedSource inner =
        new ScriptedSource(
            i -> i == 0 ? CompletableFuture.completedFuture(1) : Mode.SYNC.end(),
            () -> CompletableFuture.failedFuture(boom));
    CompletableFuture<List<Integer>> list =
        AsyncIterator.of(1, 2).flatMap(x -> ScriptedSourceAsync.aiter(inner)).toList();
    await(list);
    assertSame(boom, failureOf(list));
  }

  @Test
  void flatMap_anInnerIteratorThatIsNullFailsWithAMessage() {
    CompletableFuture<List<Object>> list = AsyncIterator.of(1).flatMap(x -> null).toList();
    Throwable e = failureOf(list);
    assertInstanceOf(NullPointerException.class, e);
    assertTrue(e.getMessage().contains("flatMap"), e.getMessage());
  }

  @Test
  void flatMapIterable_skipsEmptyIterables_andANullOneFails() {
    assertEquals(
        List.of(1, 3, 3, 3),
        drain(AsyncIterator.of(0, 1, 2, 3).flatMapIterable(x -> Collections.nCopies(x % 2 == 0 ? 0 : x, x))));
    Throwable e = failureOf(AsyncIterator.of(1).flatMapIterable(x -> null).toList());
    assertInstanceOf(NullPointerException.class, e);
    assertTrue(e.getMessage().contains("flatMapIterable"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void concat_closesTheFirstWhenItEnded_beforeReadingTheSecond(Via via) {
    ScriptedSource first = OperatorCases.counting(2, Mode.ASYNC);
    ScriptedSource second =
        new ScriptedSource(
            i -> {
              assertEquals(1, first.closeCalls.get(), "first closed before second is read");
              return i < 2 ? CompletableFuture.completedFuture(10 + i) : Mode.SYNC.end();
            },
            () -> CLOSED);
    assertEquals(List.of(0, 1, 10, 11), drain(via.over(first).concat(via.over(second))));
    assertEquals(1, first.closeCalls.get());
    assertEquals(1, second.closeCalls.get());
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void concat_closedEarlyClosesBothOnce(Via via) {
    ScriptedSource first = ScriptedSource.counting(5);
    ScriptedSource second = ScriptedSource.counting(5);
    assertEquals(List.of(0), drain(via.over(first).concat(via.over(second)).limit(1)));
    assertEquals(1, first.closeCalls.get());
    assertEquals(1, second.closeCalls.get());
    assertEquals(0, second.nextCalls.get());
  }

  @Test
  void concat_acloseWhileTheFirstIsClosing_waitsForThatClose() {
    CompletableFuture<Void> close = new CompletableFuture<>();
    ScriptedSource first = closingLate(1, close);
    ScriptedSource second = ScriptedSource.counting(5);
    AsyncIterator<Integer> it =
        ScriptedSourceAsync.aiter(first).concat(ScriptedSourceAsync.aiter(second));
    assertEquals(0, it.anext().toCompletableFuture().join());
    CompletableFuture<Integer> next = it.anext().toCompletableFuture(); // waits for first's close
    CompletableFuture<Void> closed = it.aclose().toCompletableFuture();
    assertFalse(closed.isDone(), "aclose() waits for the close of the first");
    close.complete(null);
    await(closed);
    assertFalse(closed.isCompletedExceptionally());
    await(next);
    assertEquals(0, second.nextCalls.get());
    assertEquals(1, second.closeCalls.get());
  }

  // zip

  @ParameterizedTest
  @EnumSource(Via.class)
  void zip_endsWithTheShorterLeft_andClosesBothBeforeTheEnd(Via via) {
    ScriptedSource left = OperatorCases.counting(2, Mode.ASYNC);
    ScriptedSource right = OperatorCases.counting(5, Mode.ASYNC);
    AsyncIterator<String> it = via.over(left).zip(via.over(right), (a, b) -> a + ":" + b);
    assertEquals("0:0", it.anext().toCompletableFuture().join());
    assertEquals("1:1", it.anext().toCompletableFuture().join());
    CompletableFuture<String> end = it.anext().toCompletableFuture();
    await(end);
    assertInstanceOf(StopAsyncIteration.class, failureOf(end));
    assertEquals(1, left.closeCalls.get());
    assertEquals(1, right.closeCalls.get(), "closed before the end was signalled");
    assertEquals(2, right.nextCalls.get(), "the right side is not read past the shorter left");
    await(it.aclose().toCompletableFuture());
    assertEquals(1, left.closeCalls.get());
    assertEquals(1, right.closeCalls.get());
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void zip_endsWithTheShorterRight_andClosesBoth(Via via) {
    ScriptedSource left = ScriptedSource.counting(5);
    ScriptedSource right = ScriptedSource.counting(2);
    assertEquals(List.of(0, 2), drain(via.over(left).zip(via.over(right), Integer::sum)));
    assertEquals(3, left.nextCalls.get());
    assertEquals(1, left.closeCalls.get());
    assertEquals(1, right.closeCalls.get());
  }

  /** Both closes fail: the end fails with the left's, the right's suppressed on it once. */
  @Test
  void zip_bothClosesFailing_failTheEndAndTheCloseWithTheSameException() {
    Boom leftBoom = new Boom("left close");
    Boom rightBoom = new Boom("right close");
    ScriptedSource left = closingLate(1, CompletableFuture.failedFuture(leftBoom));
    ScriptedSource right = closingLate(5, CompletableFuture.failedFuture(rightBoom));
    AsyncIterator<Integer> it =
        ScriptedSourceAsync.aiter(left).zip(ScriptedSourceAsync.aiter(right), Integer::sum);
    assertEquals(0, it.anext().toCompletableFuture().join());
    assertSame(leftBoom, failureOf(it.anext().toCompletableFuture()));
    assertSame(leftBoom, failureOf(it.aclose().toCompletableFuture()), "the close says so too");
    assertArrayEquals(new Throwable[] {rightBoom}, leftBoom.getSuppressed());
    assertEquals(1, left.closeCalls.get());
    assertEquals(1, right.closeCalls.get());
  }

  @Test
  void zip_readsTheRightSideOnlyAfterTheLeftElementArrived() {
    CompletableFuture<Integer> leftGate = new CompletableFuture<>();
    ScriptedSource left = new ScriptedSource(i -> leftGate, () -> CLOSED);
    ScriptedSource right = ScriptedSource.counting(5);
    AsyncIterator<Integer> it =
        ScriptedSourceAsync.aiter(left).zip(ScriptedSourceAsync.aiter(right), Integer::sum);
    CompletableFuture<Integer> first = it.anext().toCompletableFuture();
    assertEquals(0, right.nextCalls.get());
    leftGate.complete(40);
    assertEquals(40, first.join());
    assertEquals(1, right.nextCalls.get());
  }

  @Test
  void zip_closingItClosesBothSides() {
    ScriptedSource left = ScriptedSource.counting(5);
    ScriptedSource right = ScriptedSource.counting(5);
    AsyncIterator<Integer> it =
        ScriptedSourceAsync.aiter(left).zip(ScriptedSourceAsync.aiter(right), Integer::sum);
    assertEquals(0, it.anext().toCompletableFuture().join());
    await(it.aclose().toCompletableFuture());
    assertEquals(1, left.closeCalls.get());
    assertEquals(1, right.closeCalls.get());
  }

  // batched, distinct, enumerate, peek

  @Test
  void batched_givesFullListsAndAShorterLast_andTheyCannotBeChanged() {
    List<List<Integer>> batches = drain(AsyncIterator.range(0, 7).batched(3));
    assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6)), batches);
    assertThrows(UnsupportedOperationException.class, () -> batches.get(0).add(9));
    assertEquals(List.of(List.of(0, 1), List.of(2, 3)), drain(AsyncIterator.range(0, 4).batched(2)));
    assertEquals(List.of(List.of(0), List.of(1)), drain(AsyncIterator.range(0, 2).batched(1)));
    assertEquals(List.of(List.of(0, 1)), drain(AsyncIterator.range(0, 2).batched(Integer.MAX_VALUE)));
  }

  @Test
  void batched_rejectsASizeBelowOneAtOnce() {
    assertThrows(IllegalArgumentException.class, () -> AsyncIterator.range(0, 3).batched(0));
  }

  @Test
  void batched_anUpstreamFailureFailsAtOnce() {
    Boom boom = new Boom("source");
    ScriptedSource source =
        new ScriptedSource(
            i -> i < 4 ? CompletableFuture.completedFuture(i) : CompletableFuture.failedFuture(boom),
            () -> CLOSED);
    AsyncIterator<List<Integer>> it = ScriptedSourceAsync.aiter(source).batched(3);
    assertEquals(List.of(0, 1, 2), it.anext().toCompletableFuture().join());
    assertSame(boom, failureOf(it.anext().toCompletableFuture()));
  }

  @Test
  void distinct_keepsTheFirstOccurrence_nullIncluded() {
    assertEquals(
        Arrays.asList(3, 1, null, 2),
        drain(AsyncIterator.of(3, 1, 3, null, 1, null, 2, 2).distinct()));
  }

  @Test
  void enumerate_countsFromZero() {
    assertEquals(
        List.of(new Indexed<>(0, "a"), new Indexed<>(1, "b")),
        drain(AsyncIterator.of("a", "b").enumerate()));
  }

  @Test
  void peek_seesEveryElementInOrder_beforeTheConsumer() {
    List<String> seen = new ArrayList<>();
    AsyncIterator.range(0, 3)
        .peek(x -> seen.add("peek " + x))
        .forEach(x -> seen.add("body " + x))
        .join();
    assertEquals(
        List.of("peek 0", "body 0", "peek 1", "body 1", "peek 2", "body 2"), seen);
  }

  // map, mapAsync

  @Test
  void map_aFunctionThatThrowsStopAsyncIterationEndsTheIteration() {
    assertEquals(
        List.of(0, 1),
        drain(
            AsyncIterator.range(0, 5)
                .map(
                    x -> {
                      if (x == 2) {
                        throw new StopAsyncIteration();
                      }
                      return x;
                    })));
  }

  @Test
  void map_keepsNullResults() {
    assertEquals(Arrays.asList(null, null), drain(AsyncIterator.range(0, 2).map(x -> null)));
  }

  @Test
  void mapAsync_pullsTheNextElementOnlyAfterTheFunctionsStageCompleted() {
    ScriptedSource source = ScriptedSource.counting(3);
    List<CompletableFuture<Integer>> work = new ArrayList<>();
    AsyncIterator<Integer> it =
        ScriptedSourceAsync.aiter(source)
            .mapAsync(
                x -> {
                  CompletableFuture<Integer> w = new CompletableFuture<>();
                  work.add(w);
                  return w;
                });
    CompletableFuture<List<Integer>> list = it.toList();
    assertEquals(1, source.nextCalls.get());
    work.get(0).complete(10);
    assertEquals(2, source.nextCalls.get());
    work.get(1).complete(11);
    work.get(2).complete(12);
    assertEquals(List.of(10, 11, 12), list.join());
  }

  @Test
  void mapAsync_closingCancelsTheStageInFlight() {
    CompletableFuture<Integer> work = new CompletableFuture<>();
    ScriptedSource source = ScriptedSource.counting(3);
    AsyncIterator<Integer> it = ScriptedSourceAsync.aiter(source).mapAsync(x -> work);
    CompletableFuture<Integer> next = it.anext().toCompletableFuture();
    assertFalse(next.isDone());
    await(it.aclose().toCompletableFuture());
    assertTrue(work.isCancelled());
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void mapAsync_aNullStageFailsWithAMessage() {
    Throwable e = failureOf(AsyncIterator.of(1).mapAsync(x -> null).toList());
    assertInstanceOf(NullPointerException.class, e);
    assertTrue(e.getMessage().contains("mapAsync"), e.getMessage());
  }

  /**
   * The messages that name the element for a null stage or iterator call its {@code toString}:
   * one that throws must not escape instead (it was thrown from toList() itself).
   */
  @Test
  void aNullStageOrIteratorForAnElementWhoseToStringThrows_stillFailsWithTheNullPointerException() {
    Object odd =
        new Object() {
          @Override
          public String toString() {
            throw new Boom("toString");
          }
        };
    assertInstanceOf(
        NullPointerException.class, failureOf(AsyncIterator.of(odd).mapAsync(x -> null).toList()));
    assertInstanceOf(
        NullPointerException.class,
        failureOf(AsyncIterator.of(odd).mapAsync(2, x -> null).toList()));
    assertInstanceOf(
        NullPointerException.class, failureOf(AsyncIterator.of(odd).flatMap(x -> null).toList()));
    assertInstanceOf(
        NullPointerException.class, failureOf(Async.asyncForAwait(AsyncIterator.of(odd), x -> null)));
  }

  @Test
  void mapAsync_aFailedStageFailsWithTheVeryException_evenWhenWrapped() {
    Boom boom = new Boom("work");
    CompletableFuture<List<Integer>> list =
        AsyncIterator.of(1)
            .<Integer>mapAsync(
                x -> CompletableFuture.supplyAsync(() -> { throw boom; }, Fixtures.POOL))
            .toList();
    await(list);
    assertSame(boom, failureOf(list));
  }

  // eager checks (O4)

  @Test
  void o4_aNullFunctionOrIteratorThrowsWhenTheOperatorIsCalled() {
    AsyncIterator<Integer> it = AsyncIterator.range(0, 3);
    assertThrows(NullPointerException.class, () -> it.map(null));
    assertThrows(NullPointerException.class, () -> it.mapAsync(null));
    assertThrows(NullPointerException.class, () -> it.filter(null));
    assertThrows(NullPointerException.class, () -> it.takeWhile(null));
    assertThrows(NullPointerException.class, () -> it.dropWhile(null));
    assertThrows(NullPointerException.class, () -> it.flatMap(null));
    assertThrows(NullPointerException.class, () -> it.flatMapIterable(null));
    assertThrows(NullPointerException.class, () -> it.zip(null, (a, b) -> a));
    assertThrows(NullPointerException.class, () -> it.zip(AsyncIterator.empty(), null));
    assertThrows(NullPointerException.class, () -> it.concat(null));
    assertThrows(NullPointerException.class, () -> it.peek(null));
    assertThrows(NullPointerException.class, () -> it.forEach(null));
    assertThrows(NullPointerException.class, () -> it.collect(null));
    assertThrows(NullPointerException.class, () -> it.reduce(0, null));
    assertThrows(NullPointerException.class, () -> it.anyMatch(null));
    assertThrows(NullPointerException.class, () -> it.allMatch(null));
    assertThrows(NullPointerException.class, () -> it.noneMatch(null));
    assertThrows(NullPointerException.class, () -> it.min(null));
    assertThrows(NullPointerException.class, () -> it.max(null));
    assertThrows(NullPointerException.class, () -> AsyncIterator.from(null));
    assertThrows(NullPointerException.class, () -> AsyncIterator.of((Object[]) null));
    assertThrows(NullPointerException.class, () -> Async.aiter(null, 0));
  }

  @Test
  void anOperatorsAlreadyRunningMessageNamesTheOperator() {
    CompletableFuture<Integer> gate = new CompletableFuture<>();
    AsyncIterator<Integer> it =
        ScriptedSourceAsync.aiter(new ScriptedSource(i -> gate, () -> CLOSED)).map(x -> x);
    it.anext();
    Throwable e = failureOf(it.anext().toCompletableFuture());
    assertTrue(e.getMessage().startsWith("AsyncIterator.map(fn) is already running"), e.getMessage());
  }

  @Test
  void anAnextThatWaitsAgainAndAgainOnCompleteStagesStaysFlat() {
    // A minimalCompletionStage() cannot be inspected, so each is waited on, and its callback
    // runs at once inside whenComplete; the filter rejects 99,999 of them. The stage anext()
    // returned must trampoline that, not recurse (the test JVM has a 256 KiB stack).
    AtomicInteger index = new AtomicInteger();
    AsyncIterator<Integer> it =
        () -> {
          int i = index.getAndIncrement();
          return i < 100_000
              ? CompletableFuture.completedFuture(i).minimalCompletionStage()
              : Mode.SYNC.end();
        };
    CompletableFuture<Integer> first = it.filter(x -> x == 99_999).anext().toCompletableFuture();
    await(first);
    assertEquals(99_999, first.join());
  }
}
