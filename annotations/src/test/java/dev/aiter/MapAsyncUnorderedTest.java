package dev.aiter;

import static dev.aiter.Fixtures.await;
import static dev.aiter.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code mapAsyncUnordered(concurrency, fn)}: results in completion order, at most {@code
 * concurrency} started and not yet delivered, a failure delivered when it occurs and everything
 * still in flight then cancelled. Stages are completed by hand.
 */
class MapAsyncUnorderedTest {

  private static final RuntimeException BOOM = new IllegalStateException("boom");

  private static AsyncIterator<Integer> counting(int n) {
    return ScriptedSourceAsync.aiter(ScriptedSource.counting(n));
  }

  @Test
  void resultsComeInTheOrderTheirStagesCompleted() {
    HandStages fn = new HandStages();
    CompletableFuture<List<Integer>> all = counting(4).mapAsyncUnordered(4, fn).toList();
    fn.complete(2);
    fn.complete(0);
    fn.complete(3);
    fn.complete(1);
    assertEquals(List.of(20, 0, 30, 10), all.join());
  }

  @Test
  void resultsThatCompletedWhileTheConsumerWasAwayKeepTheirOrder() {
    HandStages fn = new HandStages();
    AsyncIterator<Integer> it = counting(3).mapAsyncUnordered(3, fn);
    CompletableFuture<Integer> first = Async.anext(it);
    fn.complete(1);
    assertEquals(10, first.join());
    fn.complete(2); // nobody asks now
    fn.complete(0);
    assertEquals(20, Async.anext(it).join());
    assertEquals(0, Async.anext(it).join());
  }

  @Test
  void neverMoreThanConcurrencyStartedAndNotDelivered() {
    HandStages fn = new HandStages();
    AsyncIterator<Integer> it = counting(10).mapAsyncUnordered(3, fn);
    CompletableFuture<Integer> first = Async.anext(it);
    assertEquals(3, fn.calls());
    fn.complete(2);
    assertEquals(20, first.join());
    assertEquals(4, fn.calls(), "the delivered slot is refilled");
    fn.complete(0);
    fn.complete(1);
    assertEquals(4, fn.calls(), "done but not delivered: they keep their slots");
    assertEquals(0, Async.anext(it).join());
    assertEquals(5, fn.calls());
    assertTrue(fn.maxInFlight.get() <= 3);
  }

  @Test
  void aFailureComesWhenItOccursAfterTheResultsCompletedBeforeIt() {
    HandStages fn = new HandStages();
    List<Integer> seen = new ArrayList<>();
    AsyncIterator<Integer> it = counting(5).mapAsyncUnordered(5, fn);
    CompletableFuture<Integer> first = Async.anext(it);
    fn.complete(4);
    assertEquals(40, first.join());
    fn.complete(1); // completed before the failure: delivered first
    fn.fail(3, BOOM);
    assertTrue(fn.stages.get(0).isCancelled(), "in flight at the failure: cancelled at once");
    assertTrue(fn.stages.get(2).isCancelled());
    seen.add(Async.anext(it).join());
    assertEquals(List.of(10), seen);
    assertSame(BOOM, failureOf(Async.anext(it)));
  }

  @Test
  void anUpstreamFailureComesWhenItOccursAndCancelsTheWorkInFlight() {
    ScriptedSource source =
        new ScriptedSource(
            i -> i < 2 ? CompletableFuture.completedFuture(i) : CompletableFuture.failedFuture(BOOM),
            () -> CompletableFuture.completedFuture(null));
    HandStages fn = new HandStages();
    CompletableFuture<Void> loop =
        Async.asyncFor(ScriptedSourceAsync.aiter(source).mapAsyncUnordered(4, fn), x -> {});
    assertSame(BOOM, failureOf(loop));
    assertEquals(2, fn.cancelled());
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void closeCancelsEveryStageInFlightAndClosesTheUpstreamOnce() {
    ScriptedSource source = ScriptedSource.counting(10);
    HandStages fn = new HandStages();
    CompletableFuture<Void> loop =
        Async.asyncFor(ScriptedSourceAsync.aiter(source).mapAsyncUnordered(3, fn), x -> {});
    fn.complete(1);
    assertTrue(loop.cancel(true));
    assertEquals(3, fn.cancelled(), "the three in flight after the refill");
    assertEquals(1, source.closeCalls.get());
  }

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
            .mapAsyncUnordered(
                8, x -> CompletableFuture.supplyAsync(() -> HandStages.result(x), Fixtures.POOL))
            .toList();
    await(all);
    List<Integer> sorted = new ArrayList<>(all.join());
    sorted.sort(null);
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      expected.add(HandStages.result(i));
    }
    assertEquals(expected, sorted);
    assertEquals(1, maxOutstanding.get());
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void aMillionAlreadyCompleteElementsRunInConstantStack() {
    long[] sum = {0};
    assertNull(
        Async.asyncFor(
                AsyncIterator.range(0, 1_000_000)
                    .mapAsyncUnordered(4, CompletableFuture::completedFuture),
                x -> sum[0] += x)
            .join());
    assertEquals(499_999_500_000L, sum[0]);
  }

  @Test
  void nothingIsAllocatedPerElementOverAlreadyCompleteStages() {
    CompletableFuture<Integer> one = CompletableFuture.completedFuture(1);
    long bytes =
        MapAsyncConcurrentTest.allocatedFor1MElements(it -> it.mapAsyncUnordered(4, x -> one));
    assertTrue(bytes < 16_384, bytes + " bytes for 1M elements");
  }

  @Test
  void aNullStageFailsNamingTheOperator() {
    Throwable failure = failureOf(counting(3).mapAsyncUnordered(2, x -> null).toList());
    assertInstanceOf(NullPointerException.class, failure);
    assertTrue(
        failure.getMessage().contains("AsyncIterator.mapAsyncUnordered(concurrency, fn)"),
        failure.getMessage());
    assertFalse(failure.getMessage().isEmpty());
  }
}
