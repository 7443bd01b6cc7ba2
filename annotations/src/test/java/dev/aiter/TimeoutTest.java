package dev.aiter;

import static dev.aiter.Fixtures.await;
import static dev.aiter.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@code timeout(perElement)}: a slow {@code anext()} fails with {@link TimeoutException}, its
 * upstream stage is cancelled and the upstream closed; answers in time pass untouched. The
 * timeouts that must fire are short (20 ms) and awaited; the ones that must not are long (an
 * hour), so no test depends on the machine being fast.
 */
class TimeoutTest {

  private static final Duration SHORT = Duration.ofMillis(20);
  private static final Duration LONG = Duration.ofHours(1);

  /** A source whose stages the test completes by hand. */
  private static final class HandSource {
    final List<CompletableFuture<Integer>> stages = new CopyOnWriteArrayList<>();
    final ScriptedSource source =
        new ScriptedSource(
            i -> {
              CompletableFuture<Integer> stage = new CompletableFuture<>();
              stages.add(stage);
              return stage;
            },
            () -> CompletableFuture.completedFuture(null));

    AsyncIterator<Integer> iterator() {
      return ScriptedSourceAsync.aiter(source);
    }
  }

  @Test
  void aSlowAnextFailsWithTimeoutExceptionNamingTheOperatorAndTheDuration() {
    HandSource hand = new HandSource();
    CompletableFuture<Integer> next = Async.anext(hand.iterator().timeout(SHORT));
    await(next);
    Throwable failure = failureOf(next);
    assertInstanceOf(TimeoutException.class, failure);
    assertTrue(failure.getMessage().contains("AsyncIterator.timeout(PT0.02S)"), failure.getMessage());
    assertTrue(failure.getMessage().contains("within PT0.02S"), failure.getMessage());
  }

  @Test
  void aTimeoutCancelsThePendingStageAndClosesTheUpstream() {
    HandSource hand = new HandSource();
    AsyncIterator<Integer> it = hand.iterator().timeout(SHORT);
    await(Async.anext(it));
    assertTrue(hand.stages.get(0).isCancelled());
    assertEquals(1, hand.source.closeCalls.get());
    it.aclose().toCompletableFuture().join();
    assertEquals(1, hand.source.closeCalls.get(), "closed once");
  }

  @Test
  void theIterationStaysFailedAfterATimeout() {
    HandSource hand = new HandSource();
    AsyncIterator<Integer> it = hand.iterator().timeout(SHORT);
    await(Async.anext(it));
    assertInstanceOf(TimeoutException.class, failureOf(Async.anext(it)));
    assertEquals(1, hand.source.nextCalls.get(), "the upstream is not asked again");
  }

  @Test
  void aLoopFailsWithTheTimeoutAfterTheElementsInTimeAndClosesOnce() {
    AtomicInteger calls = new AtomicInteger();
    ScriptedSource source =
        new ScriptedSource(
            i -> {
              calls.incrementAndGet();
              return i < 3 ? CompletableFuture.completedFuture(i) : new CompletableFuture<>();
            },
            () -> CompletableFuture.completedFuture(null));
    List<Integer> seen = new ArrayList<>();
    CompletableFuture<Void> loop =
        Async.asyncFor(ScriptedSourceAsync.aiter(source).timeout(SHORT), x -> seen.add(x));
    await(loop);
    assertInstanceOf(TimeoutException.class, failureOf(loop));
    assertEquals(List.of(0, 1, 2), seen);
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void anAnswerInTimePassesUntouched() {
    HandSource hand = new HandSource();
    AsyncIterator<Integer> it = hand.iterator().timeout(LONG);
    CompletableFuture<Integer> next = Async.anext(it);
    hand.stages.get(0).complete(7);
    assertEquals(7, next.join());
    CompletableFuture<Integer> end = Async.anext(it);
    hand.stages.get(1).completeExceptionally(new StopAsyncIteration());
    assertInstanceOf(StopAsyncIteration.class, failureOf(end));
    assertEquals(0, hand.source.closeCalls.get(), "nothing timed out: the upstream is open");
  }

  @Test
  void anUpstreamFailureInTimeIsThatFailure() {
    HandSource hand = new HandSource();
    CompletableFuture<Integer> next = Async.anext(hand.iterator().timeout(LONG));
    RuntimeException boom = new IllegalStateException("boom");
    hand.stages.get(0).completeExceptionally(boom);
    assertTrue(failureOf(next) == boom);
  }

  @Test
  void alreadyCompleteElementsNeverWaitForTheClock() {
    long[] sum = {0};
    assertNull(
        Async.asyncFor(AsyncIterator.range(0, 1_000_000).timeout(Duration.ofNanos(1)), x -> sum[0] += x)
            .join());
    assertEquals(499_999_500_000L, sum[0]);
  }

  /** The JDK's one timer thread must never run the timeout's consequences (user code). */
  @Test
  void theTimeoutIsHandledOffTheJdksTimerThread() {
    HandSource hand = new HandSource();
    CompletableFuture<Integer> next = Async.anext(hand.iterator().timeout(SHORT));
    AtomicReference<Thread> canceller = new AtomicReference<>();
    hand.stages.get(0).whenComplete((v, e) -> canceller.set(Thread.currentThread()));
    await(next);
    String name = canceller.get().getName();
    assertFalse(name.contains("Delay") || name.contains("delay"), "cancelled on " + name);
  }

  @Test
  void closingWhilePendingCancelsTheUpstreamStage() {
    HandSource hand = new HandSource();
    AsyncIterator<Integer> it = hand.iterator().timeout(LONG);
    CompletableFuture<Integer> next = Async.anext(it);
    it.aclose().toCompletableFuture().join();
    assertTrue(hand.stages.get(0).isCancelled());
    assertEquals(1, hand.source.closeCalls.get());
    assertInstanceOf(StopAsyncIteration.class, failureOf(next));
  }

  @Test
  void cancellingTheLoopCancelsTheUpstreamStageAndCloses() {
    HandSource hand = new HandSource();
    CompletableFuture<Void> loop = Async.asyncFor(hand.iterator().timeout(LONG), x -> {});
    assertTrue(loop.cancel(true));
    assertTrue(hand.stages.get(0).isCancelled());
    assertEquals(1, hand.source.closeCalls.get());
  }

  @Test
  void overAGeneratedAdapterTheOverlapGuardNeverTrips() {
    ScriptedSource source =
        new ScriptedSource(
            i ->
                CompletableFuture.supplyAsync(
                    () -> {
                      if (i >= 300) {
                        throw new StopAsyncIteration();
                      }
                      return i;
                    },
                    Fixtures.POOL),
            () -> CompletableFuture.completedFuture(null));
    CompletableFuture<List<Integer>> all = ScriptedSourceAsync.aiter(source).timeout(LONG).toList();
    await(all);
    assertEquals(300, all.join().size());
    assertEquals(301, source.nextCalls.get());
  }

  @Test
  void anOverlappingAnextFailsWithAlreadyRunningNamingTheDuration() {
    HandSource hand = new HandSource();
    AsyncIterator<Integer> it = hand.iterator().timeout(LONG);
    Async.anext(it);
    Throwable overlap = failureOf(Async.anext(it));
    assertInstanceOf(IllegalStateException.class, overlap);
    assertTrue(
        overlap.getMessage().contains("AsyncIterator.timeout(PT1H) is already running"),
        overlap.getMessage());
  }

  @Test
  void aNonPositiveOrNullDurationIsRejectedWhenTheOperatorIsCalled() {
    AsyncIterator<Integer> it = AsyncIterator.range(0, 3);
    assertThrows(IllegalArgumentException.class, () -> it.timeout(Duration.ZERO));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> it.timeout(Duration.ofSeconds(-1)));
    assertTrue(e.getMessage().contains("perElement must be positive, got PT-1S"), e.getMessage());
    assertThrows(NullPointerException.class, () -> it.timeout(null));
  }

  @Test
  void anEnormousDurationIsAccepted() {
    assertEquals(
        List.of(0, 1), AsyncIterator.range(0, 2).timeout(Duration.ofSeconds(Long.MAX_VALUE)).toList().join());
  }
}
