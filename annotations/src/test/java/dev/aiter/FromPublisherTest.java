package dev.aiter;

import static dev.aiter.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.Fixtures.Mode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.example.unicast.AsyncIterablePublisher;
import org.reactivestreams.example.unicast.RangePublisher;

/**
 * {@link Async#fromPublisher}: when it subscribes and requests, what it does with each signal,
 * and what breaking a rule costs the publisher. {@link ManualPublisher} breaks rules on purpose;
 * the Reactive Streams examples ({@code RangePublisher}, {@code AsyncIterablePublisher}) are
 * TCK-verified third-party publishers.
 */
class FromPublisherTest {

  private static CompletableFuture<Integer> next(AsyncIterator<Integer> it) {
    return it.anext().toCompletableFuture();
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toList());
  }

  @Test
  void o4_argumentsAreCheckedAtOnce() {
    ManualPublisher<Integer> p = new ManualPublisher<>();
    assertThrows(NullPointerException.class, () -> Async.fromPublisher(null));
    assertThrows(NullPointerException.class, () -> Async.fromPublisher(null, 4));
    assertThrows(IllegalArgumentException.class, () -> Async.fromPublisher(p, 0));
    assertThrows(IllegalArgumentException.class, () -> Async.fromPublisher(p, -1));
    assertEquals(0, p.subscribes.get());
  }

  @Test
  void o1_subscribesAtTheFirstAnext() {
    ManualPublisher<Integer> p = new ManualPublisher<>();
    AsyncIterator<Integer> it = Async.fromPublisher(p);
    assertEquals(0, p.subscribes.get());
    it.anext();
    assertEquals(1, p.subscribes.get());
    it.aclose();
  }

  @Test
  void requestsSixtyFourByDefault() {
    ManualPublisher<Integer> p = new ManualPublisher<>();
    AsyncIterator<Integer> it = Async.fromPublisher(p);
    it.anext();
    assertEquals(List.of(64L), p.requests);
  }

  @Test
  void requestsPrefetchThenThreeQuartersOfItEachTimeThatManyWereConsumed() {
    ManualPublisher<Integer> p = new ManualPublisher<>();
    AsyncIterator<Integer> it = Async.fromPublisher(p, 8);
    CompletableFuture<Integer> first = next(it);
    assertEquals(List.of(8L), p.requests);
    p.next(0, 1, 2, 3, 4, 5, 6, 7);
    assertEquals(0, first.join());
    for (int i = 1; i < 5; i++) {
      assertEquals(i, next(it).join());
    }
    assertEquals(List.of(8L), p.requests, "five consumed: no refill yet");
    assertEquals(5, next(it).join());
    assertEquals(List.of(8L, 6L), p.requests, "six consumed: six more");
    p.next(8, 9, 10, 11, 12, 13);
    for (int i = 6; i < 12; i++) {
      assertEquals(i, next(it).join());
    }
    assertEquals(List.of(8L, 6L, 6L), p.requests);
    assertTrue(p.requested() - 14 <= 8, "never more than prefetch outstanding or buffered");
  }

  @Test
  void aPrefetchOfOneRequestsOneAtATime() {
    ManualPublisher<Integer> p = new ManualPublisher<>();
    AsyncIterator<Integer> it = Async.fromPublisher(p, 1);
    CompletableFuture<Integer> a = next(it);
    p.next(0);
    assertEquals(0, a.join());
    assertEquals(List.of(1L, 1L), p.requests);
  }

  @Test
  void bufferedElementsComeInAlreadyCompleteStages() {
    ManualPublisher<Integer> p = new ManualPublisher<>();
    AsyncIterator<Integer> it = Async.fromPublisher(p, 4);
    CompletableFuture<Integer> first = next(it);
    assertFalse(first.isDone());
    p.next(0, 1, 2);
    assertEquals(0, first.join());
    CompletableFuture<Integer> second = next(it);
    assertTrue(second.isDone(), "buffered: no waiting");
    assertEquals(1, second.join());
  }

  @Test
  void aPendingAnextCompletesWhenAnotherThreadSignals() throws Exception {
    ManualPublisher<Integer> p = new ManualPublisher<>();
    AsyncIterator<Integer> it = Async.fromPublisher(p, 4);
    CompletableFuture<Integer> first = next(it);
    Thread signaller = new Thread(() -> p.next(42), "signaller");
    signaller.start();
    assertEquals(42, first.get(10, TimeUnit.SECONDS));
    signaller.join();
  }

  @Test
  void onErrorFailsAfterTheBufferedElements_andTheFailureRepeats() {
    ManualPublisher<Integer> p = new ManualPublisher<>();
    AsyncIterator<Integer> it = Async.fromPublisher(p, 4);
    CompletableFuture<Integer> first = next(it);
    IOException boom = new IOException("boom");
    p.next(0, 1);
    p.error(boom);
    assertEquals(0, first.join());
    assertEquals(1, next(it).join());
    assertSame(boom, failureOf(next(it)));
    assertSame(boom, failureOf(next(it)));
  }

  @Test
  void onCompleteEndsAfterTheBufferedElements() {
    ManualPublisher<Integer> p = new ManualPublisher<>();
    AsyncIterator<Integer> it = Async.fromPublisher(p, 4);
    CompletableFuture<Integer> first = next(it);
    p.next(0, 1);
    p.complete();
    assertEquals(0, first.join());
    assertEquals(1, next(it).join());
    assertInstanceOf(StopAsyncIteration.class, failureOf(next(it)));
    assertEquals(0, p.cancels.get(), "a publisher that completed is not cancelled");
  }

  @Test
  void onCompleteWakesAPendingAnext() {
    ManualPublisher<Integer> p = new ManualPublisher<>();
    AsyncIterator<Integer> it = Async.fromPublisher(p, 4);
    CompletableFuture<Integer> first = next(it);
    p.complete();
    assertInstanceOf(StopAsyncIteration.class, failureOf(first));
  }

  @Test
  void acloseCancelsTheSubscriptionOnce_andLaterAnextsEnd() {
    ManualPublisher<Integer> p = new ManualPublisher<>();
    AsyncIterator<Integer> it = Async.fromPublisher(p, 4);
    CompletableFuture<Integer> first = next(it);
    p.next(0, 1);
    assertEquals(0, first.join());
    CompletionStage<Void> closed = it.aclose();
    assertTrue(closed.toCompletableFuture().isDone());
    assertSame(closed, it.aclose(), "idempotent");
    assertEquals(1, p.cancels.get());
    assertInstanceOf(StopAsyncIteration.class, failureOf(next(it)));
    p.next(2); // still in flight after the cancel: dropped (rule 2.8)
    assertInstanceOf(StopAsyncIteration.class, failureOf(next(it)));
  }

  @Test
  void acloseEndsAPendingAnext() {
    ManualPublisher<Integer> p = new ManualPublisher<>();
    AsyncIterator<Integer> it = Async.fromPublisher(p, 4);
    CompletableFuture<Integer> first = next(it);
    it.aclose();
    assertInstanceOf(StopAsyncIteration.class, failureOf(first));
    assertEquals(1, p.cancels.get());
  }

  @Test
  void acloseBeforeTheFirstAnextNeverSubscribes() {
    ManualPublisher<Integer> p = new ManualPublisher<>();
    AsyncIterator<Integer> it = Async.fromPublisher(p);
    assertTrue(it.aclose().toCompletableFuture().isDone());
    assertInstanceOf(StopAsyncIteration.class, failureOf(next(it)));
    assertEquals(0, p.subscribes.get());
  }

  @Test
  void acloseBeforeOnSubscribeArrivedCancelsTheSubscriptionWhenItDoes() {
    ManualPublisher<Integer> p = new ManualPublisher<>(false);
    AsyncIterator<Integer> it = Async.fromPublisher(p, 4);
    CompletableFuture<Integer> first = next(it);
    it.aclose();
    assertInstanceOf(StopAsyncIteration.class, failureOf(first));
    p.handOutSubscription();
    assertEquals(1, p.cancels.get());
    assertEquals(List.of(), p.requests, "cancelled, so nothing was requested");
  }

  @Test
  void rule11_moreOnNextThanRequestedCancelsAndFails() {
    ManualPublisher<Integer> p = new ManualPublisher<>();
    AsyncIterator<Integer> it = Async.fromPublisher(p, 2);
    CompletableFuture<Integer> first = next(it);
    p.next(0, 1, 2);
    assertEquals(1, p.cancels.get());
    assertEquals(0, first.join());
    assertEquals(1, next(it).join(), "what was requested is still delivered");
    Throwable e = failureOf(next(it));
    assertInstanceOf(IllegalStateException.class, e);
    assertTrue(e.getMessage().contains("more onNext than requested"), e.getMessage());
    p.complete(); // after the violation: ignored
    assertSame(e, failureOf(next(it)));
  }

  @Test
  void rule25_aSecondOnSubscribeIsCancelled() {
    ManualPublisher<Integer> p = new ManualPublisher<>();
    ManualPublisher<Integer> other = new ManualPublisher<>();
    AsyncIterator<Integer> it = Async.fromPublisher(p, 4);
    CompletableFuture<Integer> first = next(it);
    p.subscriber.onSubscribe(other.subscription);
    assertEquals(1, other.cancels.get());
    assertEquals(List.of(), other.requests);
    assertEquals(0, p.cancels.get());
    p.next(5);
    assertEquals(5, first.join());
  }

  @Test
  void rule213_onNextNullThrows_failsTheIterator_andCancels() {
    ManualPublisher<Integer> p = new ManualPublisher<>();
    AsyncIterator<Integer> it = Async.fromPublisher(p, 4);
    CompletableFuture<Integer> first = next(it);
    assertThrows(NullPointerException.class, () -> p.subscriber.onNext(null));
    assertInstanceOf(NullPointerException.class, failureOf(first));
    assertEquals(1, p.cancels.get());
  }

  @Test
  void rule213_onErrorNullThrows_andFailsTheIterator() {
    ManualPublisher<Integer> p = new ManualPublisher<>();
    AsyncIterator<Integer> it = Async.fromPublisher(p, 4);
    CompletableFuture<Integer> first = next(it);
    assertThrows(NullPointerException.class, () -> p.subscriber.onError(null));
    assertInstanceOf(NullPointerException.class, failureOf(first));
  }

  @Test
  void aPublisherWhoseSubscribeThrowsFailsTheFirstAnext() {
    IllegalStateException boom = new IllegalStateException("boom");
    Flow.Publisher<Integer> p =
        s -> {
          throw boom;
        };
    assertSame(boom, failureOf(next(Async.fromPublisher(p))));
  }

  @Test
  void o6_anAnextWhileOneIsPendingIsAlreadyRunning() {
    ManualPublisher<Integer> p = new ManualPublisher<>();
    AsyncIterator<Integer> it = Async.fromPublisher(p, 4);
    CompletableFuture<Integer> first = next(it);
    Throwable e = failureOf(next(it));
    assertTrue(e.getMessage().contains("already running"), e.getMessage());
    p.next(3);
    assertEquals(3, first.join(), "the pending one is intact");
  }

  @Test
  void cancellingAPendingAnextFailsIt_cancelsTheSubscription_andLaterSignalsAreHarmless() {
    ManualPublisher<Integer> p = new ManualPublisher<>();
    AsyncIterator<Integer> it = Async.fromPublisher(p, 4);
    CompletableFuture<Integer> first = next(it);
    assertTrue(first.cancel(false));
    assertEquals(1, p.cancels.get());
    p.next(1); // after the cancel: neither throws nor lands anywhere
    p.complete();
    assertInstanceOf(CancellationException.class, failureOf(next(it)));
    assertTrue(it.aclose().toCompletableFuture().isDone());
    assertEquals(1, p.cancels.get());
  }

  @Test
  void aLoopCancelledWhileWaitingCancelsTheSubscription() {
    ManualPublisher<Integer> p = new ManualPublisher<>();
    CompletableFuture<Void> loop = Async.asyncFor(Async.fromPublisher(p, 4), x -> {});
    p.next(0);
    loop.cancel(false);
    assertEquals(1, p.cancels.get());
    p.next(1);
  }

  @Test
  void o8_aSynchronousPublisherOfAMillionRunsInConstantStack() {
    // RangePublisher signals inside request(): each refill re-enters the iterator's consumer.
    int n = 1_000_000;
    Flow.Publisher<Integer> p = FlowAdapters.toFlowPublisher(new RangePublisher(0, n));
    long[] sum = {0};
    Async.asyncFor(Async.fromPublisher(p), x -> sum[0] += x).join();
    assertEquals((long) n * (n - 1) / 2, sum[0]);
    assertEquals(n, Async.fromPublisher(p, 1).count().join());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 64})
  void anAsynchronousPublisherDeliversEverythingInOrder(int prefetch) {
    Flow.Publisher<Integer> p =
        FlowAdapters.toFlowPublisher(new AsyncIterablePublisher<>(range(2000), Fixtures.POOL));
    assertEquals(range(2000), Async.fromPublisher(p, prefetch).toList().join());
  }

  // Round trips: fromPublisher(toPublisher(it)) is it again.

  private static ScriptedSource counting(int count, Mode mode) {
    return new ScriptedSource(
        i -> i < count ? mode.value(i) : mode.end(), () -> CompletableFuture.completedFuture(null));
  }

  @ParameterizedTest
  @EnumSource(
      value = Mode.class,
      names = {"SYNC", "ASYNC", "MIXED", "MINIMAL"})
  void roundTripKeepsOrderAndEnd_andClosesTheSourceOnce(Mode mode) {
    ScriptedSource source = counting(1000, mode);
    AsyncIterator<Integer> it =
        Async.fromPublisher(ScriptedSourceAsync.aiter(source).toPublisher(), 16);
    assertEquals(range(1000), it.toList().join());
    assertEquals(1, source.closeCalls.get());
    assertEquals(1001, source.nextCalls.get());
  }

  @ParameterizedTest
  @EnumSource(
      value = Mode.class,
      names = {"SYNC", "ASYNC"})
  void roundTripKeepsTheVeryFailure_andClosesTheSourceOnce(Mode mode) {
    IOException boom = new IOException("boom");
    ScriptedSource source =
        new ScriptedSource(
            i ->
                i < 5
                    ? mode.value(i)
                    : CompletableFuture.supplyAsync(
                        () -> {
                          throw new java.util.concurrent.CompletionException(boom);
                        },
                        Fixtures.POOL),
            () -> CompletableFuture.completedFuture(null));
    List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    CompletableFuture<Void> loop =
        Async.asyncFor(
            Async.fromPublisher(ScriptedSourceAsync.aiter(source).toPublisher(), 2),
            (Integer x) -> seen.add(x));
    Fixtures.await(loop);
    assertSame(boom, failureOf(loop));
    assertEquals(range(5), seen);
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void roundTripLimitCancelsUpstream_andClosesTheSourceOnce() {
    ScriptedSource source = counting(1_000_000, Mode.SYNC);
    AsyncIterator<Integer> it =
        Async.fromPublisher(ScriptedSourceAsync.aiter(source).toPublisher(), 8).limit(10);
    assertEquals(range(10), it.toList().join());
    assertEquals(1, source.closeCalls.get());
    assertTrue(source.nextCalls.get() <= 16, "read at most two windows ahead: " + source.nextCalls);
  }
}
