package dev.aiter;

import static dev.aiter.Fixtures.await;
import static dev.aiter.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code mapAsync(concurrency, fn)}: results in source order, at most {@code concurrency} elements
 * started and not yet delivered, failures at their element's position, everything in flight
 * cancelled on failure, close and cancellation (O1–O8). Stages are completed by hand.
 */
class MapAsyncConcurrentTest {

  private static final RuntimeException BOOM = new IllegalStateException("boom");

  /** An upstream of already-complete elements through a generated adapter (real B9 guard). */
  private static AsyncIterator<Integer> counting(int n) {
    return ScriptedSourceAsync.aiter(ScriptedSource.counting(n));
  }

  @Test
  void resultsComeInSourceOrderWhenStagesCompleteOutOfOrder() {
    HandStages fn = new HandStages();
    CompletableFuture<List<Integer>> all = counting(4).mapAsync(4, fn).toList();
    assertEquals(4, fn.calls());
    fn.complete(3);
    fn.complete(1);
    fn.complete(2);
    assertFalse(all.isDone(), "nothing before the head's result");
    fn.complete(0);
    assertEquals(List.of(0, 10, 20, 30), all.join());
  }

  @Test
  void buildingTheChainCallsNothing() {
    ScriptedSource source = ScriptedSource.counting(5);
    HandStages fn = new HandStages();
    ScriptedSourceAsync.aiter(source).mapAsync(3, fn);
    assertEquals(0, source.nextCalls.get());
    assertEquals(0, fn.calls());
  }

  @Test
  void fillsTheWindowWhileTheConsumerIsNotAsking() {
    HandStages fn = new HandStages();
    AsyncIterator<Integer> it = counting(10).mapAsync(3, fn);
    CompletableFuture<Integer> first = Async.anext(it);
    assertEquals(3, fn.calls(), "the first anext() starts a full window");
    fn.complete(0);
    assertEquals(0, first.join());
    assertEquals(4, fn.calls(), "the delivered slot is refilled without anyone asking");
    assertEquals(3, fn.inFlight.get());
  }

  @Test
  void aSlowHeadHoldsTheWindowAtConcurrencyStartedAndNotDelivered() {
    HandStages fn = new HandStages();
    AsyncIterator<Integer> it = counting(10).mapAsync(3, fn);
    CompletableFuture<Integer> first = Async.anext(it);
    fn.complete(1);
    fn.complete(2);
    assertEquals(3, fn.calls(), "elements 1 and 2 are done, but the slow head holds the window");
    assertFalse(first.isDone());
    fn.complete(0);
    assertEquals(0, first.join());
    assertEquals(4, fn.calls());
    assertEquals(10, Async.anext(it).join(), "already complete: delivered at once");
    assertEquals(20, Async.anext(it).join());
    assertEquals(6, fn.calls());
  }

  @Test
  void neverMoreThanConcurrencyStagesInFlightAndThatManyWhileTheConsumerIsSlow() {
    HandStages fn = new HandStages();
    List<Integer> seen = new ArrayList<>();
    CompletableFuture<Void> loop = Async.asyncFor(counting(40).mapAsync(4, fn), x -> seen.add(x));
    // Complete the stages in a scrambled but fixed order, one at a time.
    int completed = 0;
    while (completed < 40) {
      assertTrue(fn.inFlight.get() <= 4, "in flight: " + fn.inFlight.get());
      int calls = fn.calls();
      int pick = -1;
      for (int i = calls - 1; i >= 0; i--) { // the newest pending stage first
        if (!fn.stages.get(i).isDone()) {
          pick = i;
          break;
        }
      }
      fn.complete(pick);
      completed++;
    }
    assertNull(loop.join());
    assertEquals(4, fn.maxInFlight.get());
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      expected.add(HandStages.result(i));
    }
    assertEquals(expected, seen);
  }

  @Test
  void aFailureOfFnComesAtItsPositionAfterTheEarlierResults() {
    HandStages fn = new HandStages();
    List<Integer> seen = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> loop = Async.asyncFor(counting(5).mapAsync(5, fn), x -> seen.add(x));
    fn.fail(2, BOOM);
    assertFalse(loop.isDone(), "elements 0 and 1 come first");
    fn.complete(1);
    fn.complete(0);
    assertSame(BOOM, failureOf(loop));
    assertEquals(List.of(0, 10), seen);
  }

  @Test
  void aFailureCancelsTheStagesAfterItAtOnce() {
    HandStages fn = new HandStages();
    Async.asyncFor(counting(5).mapAsync(5, fn), x -> {});
    fn.fail(2, BOOM);
    assertTrue(fn.stages.get(3).isCancelled());
    assertTrue(fn.stages.get(4).isCancelled());
    assertFalse(fn.stages.get(0).isDone(), "the stages before it still run");
    assertFalse(fn.stages.get(1).isDone());
    assertEquals(5, fn.calls(), "nothing more is started");
  }

  @Test
  void fnThatThrowsFailsAtItsElementsPosition() {
    HandStages hand = new HandStages();
    Function<Integer, CompletionStage<Integer>> fn =
        x -> {
          if (x == 2) {
            throw BOOM;
          }
          return hand.apply(x);
        };
    List<Integer> seen = new ArrayList<>();
    CompletableFuture<Void> loop = Async.asyncFor(counting(5).mapAsync(4, fn), x -> seen.add(x));
    assertEquals(2, hand.calls(), "elements 0 and 1 were started, then fn threw for 2");
    hand.complete(0);
    hand.complete(1);
    assertSame(BOOM, failureOf(loop));
    assertEquals(List.of(0, 10), seen);
  }

  @Test
  void aNullStageFailsWithANullPointerExceptionNamingTheOperator() {
    Throwable failure =
        failureOf(counting(3).mapAsync(2, x -> null).toList());
    assertInstanceOf(NullPointerException.class, failure);
    assertTrue(
        failure.getMessage().contains("AsyncIterator.mapAsync(concurrency, fn)"),
        failure.getMessage());
    assertTrue(failure.getMessage().contains("element 0"), failure.getMessage());
  }

  @Test
  void anUpstreamFailureComesAfterTheResultsBeforeIt() {
    ScriptedSource source =
        new ScriptedSource(
            i -> i < 2 ? CompletableFuture.completedFuture(i) : CompletableFuture.failedFuture(BOOM),
            () -> CompletableFuture.completedFuture(null));
    HandStages fn = new HandStages();
    List<Integer> seen = new ArrayList<>();
    CompletableFuture<Void> loop =
        Async.asyncFor(ScriptedSourceAsync.aiter(source).mapAsync(4, fn), x -> seen.add(x));
    assertEquals(3, source.nextCalls.get(), "the failure ends the reading");
    fn.complete(1);
    assertFalse(loop.isDone());
    fn.complete(0);
    assertSame(BOOM, failureOf(loop));
    assertEquals(List.of(0, 10), seen);
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void stopAsyncIterationFromFnEndsTheIterationAtItsPosition() {
    HandStages fn = new HandStages();
    List<Integer> seen = new ArrayList<>();
    CompletableFuture<Void> loop = Async.asyncFor(counting(5).mapAsync(5, fn), x -> seen.add(x));
    fn.fail(1, new StopAsyncIteration());
    assertTrue(fn.stages.get(2).isCancelled());
    fn.complete(0);
    assertNull(loop.join());
    assertEquals(List.of(0), seen);
  }

  @Test
  void aFailureCancelsAPendingUpstreamRead() {
    CompletableFuture<Integer> third = new CompletableFuture<>();
    ScriptedSource source =
        new ScriptedSource(
            i -> i < 2 ? CompletableFuture.completedFuture(i) : third,
            () -> CompletableFuture.completedFuture(null));
    HandStages fn = new HandStages();
    CompletableFuture<Void> loop =
        Async.asyncFor(ScriptedSourceAsync.aiter(source).mapAsync(4, fn), x -> {});
    assertEquals(3, source.nextCalls.get());
    fn.fail(0, BOOM);
    assertTrue(third.isCancelled(), "nothing read after the failure could be delivered");
    assertTrue(fn.stages.get(1).isCancelled());
    assertSame(BOOM, failureOf(loop));
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void closeCancelsEveryStageInFlightAndClosesTheUpstreamOnce() {
    ScriptedSource source = ScriptedSource.counting(10);
    HandStages fn = new HandStages();
    AsyncIterator<Integer> it = ScriptedSourceAsync.aiter(source).mapAsync(3, fn);
    CompletableFuture<Integer> pending = Async.anext(it);
    assertNull(it.aclose().toCompletableFuture().join());
    assertEquals(3, fn.cancelled());
    assertEquals(1, source.closeCalls.get());
    assertInstanceOf(StopAsyncIteration.class, failureOf(pending), "the pending anext() ends");
    it.aclose().toCompletableFuture().join();
    assertEquals(1, source.closeCalls.get());
    assertInstanceOf(StopAsyncIteration.class, failureOf(Async.anext(it)));
    assertEquals(3, fn.calls(), "nothing started after the close");
  }

  @Test
  void cancellingTheLoopCancelsTheStagesInFlightAndClosesTheUpstream() {
    ScriptedSource source = ScriptedSource.counting(10);
    HandStages fn = new HandStages();
    CompletableFuture<Void> loop =
        Async.asyncFor(ScriptedSourceAsync.aiter(source).mapAsync(3, fn), x -> {});
    assertTrue(loop.cancel(true));
    assertEquals(3, fn.cancelled());
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void cancellingAnAnextStageCancelsTheWorkInFlight() {
    ScriptedSource source = ScriptedSource.counting(10);
    HandStages fn = new HandStages();
    AsyncIterator<Integer> it = ScriptedSourceAsync.aiter(source).mapAsync(3, fn);
    CompletableFuture<Integer> next = it.anext().toCompletableFuture();
    assertTrue(next.cancel(true));
    assertEquals(3, fn.cancelled());
    assertEquals(0, source.closeCalls.get(), "the upstream is closed by aclose(), not by cancel");
    it.aclose().toCompletableFuture().join();
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void anOverlappingAnextFailsWithAlreadyRunning() {
    HandStages fn = new HandStages();
    AsyncIterator<Integer> it = counting(5).mapAsync(2, fn);
    CompletableFuture<Integer> first = Async.anext(it);
    Throwable overlap = failureOf(Async.anext(it));
    assertInstanceOf(IllegalStateException.class, overlap);
    assertTrue(overlap.getMessage().contains("already running"), overlap.getMessage());
    fn.complete(0);
    assertEquals(0, first.join());
  }

  @Test
  void theEndIsRepeatedWithoutCallingUpstream() {
    ScriptedSource source = ScriptedSource.counting(2);
    AsyncIterator<Integer> it =
        ScriptedSourceAsync.aiter(source).mapAsync(4, CompletableFuture::completedFuture);
    assertEquals(0, Async.anext(it).join());
    assertEquals(1, Async.anext(it).join());
    assertInstanceOf(StopAsyncIteration.class, failureOf(Async.anext(it)));
    int calls = source.nextCalls.get();
    assertInstanceOf(StopAsyncIteration.class, failureOf(Async.anext(it)));
    assertEquals(calls, source.nextCalls.get());
  }

  /**
   * Upstream stages and fn's stages are completed by other threads: the generated adapter's
   * guard would fail any second upstream anext() made while one is pending.
   */
  @Test
  void overAGeneratedAdapterUpstreamIsPulledOneAtATime() {
    AtomicInteger outstanding = new AtomicInteger();
    AtomicInteger maxOutstanding = new AtomicInteger();
    ScriptedSource source =
        new ScriptedSource(
            i -> {
              maxOutstanding.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
              return CompletableFuture.supplyAsync(
                  () -> {
                    outstanding.decrementAndGet();
                    if (i >= 300) {
                      throw new StopAsyncIteration();
                    }
                    return i;
                  },
                  Fixtures.POOL);
            },
            () -> CompletableFuture.completedFuture(null));
    CompletableFuture<List<Integer>> all =
        ScriptedSourceAsync.aiter(source)
            .mapAsync(8, x -> CompletableFuture.supplyAsync(() -> HandStages.result(x), Fixtures.POOL))
            .toList();
    await(all);
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      expected.add(HandStages.result(i));
    }
    assertEquals(expected, all.join());
    assertEquals(1, maxOutstanding.get());
    assertEquals(301, source.nextCalls.get());
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void aMillionAlreadyCompleteElementsRunInConstantStack() {
    int[] depth = new int[2];
    long[] sum = {0};
    Async.asyncFor(
            AsyncIterator.range(0, 1_000_000).mapAsync(4, CompletableFuture::completedFuture),
            x -> {
              sum[0] += x;
              if (x == 1) {
                depth[0] = new Throwable().getStackTrace().length;
              } else if (x == 999_999) {
                depth[1] = new Throwable().getStackTrace().length;
              }
            })
        .join();
    assertEquals(499_999_500_000L, sum[0]);
    assertEquals(depth[0], depth[1]);
  }

  /** O8 for the new operators together: 10 million elements through three, on -Xss256k. */
  @Test
  void tenMillionElementsThroughThreeConcurrentOperatorsRunInConstantStack() {
    long[] sum = {0};
    Async.asyncFor(
            AsyncIterator.range(0, 10_000_000)
                .mapAsync(4, CompletableFuture::completedFuture)
                .prefetch(8)
                .timeout(Duration.ofHours(1)),
            x -> sum[0] += x)
        .join();
    assertEquals(49_999_995_000_000L, sum[0]);
  }

  @Test
  void pendingStagesCompletedOnTheConsumersThreadRunInConstantStack() {
    // Every stage is a minimal stage: whenComplete runs its callback at once, inside the window.
    long[] sum = {0};
    Async.asyncFor(
            AsyncIterator.range(0, 200_000)
                .mapAsync(3, x -> CompletableFuture.completedFuture(x).minimalCompletionStage()),
            x -> sum[0] += x)
        .join();
    assertEquals(19_999_900_000L, sum[0]);
  }

  @Test
  void nothingIsAllocatedPerElementOverAlreadyCompleteStages() {
    CompletableFuture<Integer> one = CompletableFuture.completedFuture(1);
    assertTrue(
        allocatedFor1MElements(it -> it.mapAsync(4, x -> one)) < 16_384, "bytes for 1M elements");
  }

  /** Bytes the calling thread allocates to loop over a million elements through {@code op}. */
  static long allocatedFor1MElements(Function<AsyncIterator<Integer>, AsyncIterator<Integer>> op) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long threadId = Thread.currentThread().getId();
    long bytes = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) { // the first rounds warm up and compile the loop
      CompletableFuture<Integer> shared = CompletableFuture.completedFuture(1);
      CompletableFuture<Integer> end = CompletableFuture.failedFuture(new StopAsyncIteration());
      int[] left = {1_000_000};
      ScriptedSource source =
          new ScriptedSource(
              i -> left[0]-- > 0 ? shared : end, () -> CompletableFuture.completedFuture(null));
      AsyncIterator<Integer> it = op.apply(ScriptedSourceAsync.aiter(source));
      long[] sum = {0};
      long before = threads.getThreadAllocatedBytes(threadId);
      Async.asyncFor(it, x -> sum[0] += x).join();
      bytes = Math.min(bytes, threads.getThreadAllocatedBytes(threadId) - before);
      assertEquals(1_000_000, sum[0]);
    }
    return bytes;
  }

  @Test
  void aConcurrencyBelowOneIsRejectedWhenTheOperatorIsCalled() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AsyncIterator.range(0, 3).mapAsync(0, CompletableFuture::completedFuture));
    assertTrue(e.getMessage().contains("concurrency must be at least 1, got 0"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> AsyncIterator.range(0, 3).mapAsyncUnordered(-1, CompletableFuture::completedFuture));
  }

  @Test
  void aNullFunctionIsRejectedWhenTheOperatorIsCalled() {
    assertThrows(NullPointerException.class, () -> AsyncIterator.range(0, 3).mapAsync(2, null));
    assertThrows(
        NullPointerException.class, () -> AsyncIterator.range(0, 3).mapAsyncUnordered(2, null));
  }
}
