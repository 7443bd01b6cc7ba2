package dev.aiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.Fixtures.Mode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link AsyncIterator#toPublisher()} beyond what the TCK checks: how often the iterator is
 * pulled and closed, what a cancel reaches, and when the terminal signal comes. Every source is
 * a processor-generated adapter, whose B9 guard fails any overlapping {@code anext()}.
 */
class ToPublisherTest {

  private static final CompletionStage<Void> CLOSED = CompletableFuture.completedFuture(null);

  private static AsyncIterator<Integer> adapter(ScriptedSource source) {
    return ScriptedSourceAsync.aiter(source);
  }

  /** A source of 0 .. count - 1 whose stages complete as {@code mode} says. */
  private static ScriptedSource counting(int count, Mode mode) {
    return new ScriptedSource(i -> i < count ? mode.value(i) : mode.end(), () -> CLOSED);
  }

  @Test
  void o1_subscribingPullsNothingBeforeARequest() {
    ScriptedSource source = ScriptedSource.counting(5);
    Recorder<Integer> r = new Recorder<>();
    adapter(source).toPublisher().subscribe(r);
    assertEquals(List.of("subscribe"), r.signals);
    assertEquals(0, source.nextCalls.get());
  }

  @Test
  void pullsOnlyWhatWasRequested() {
    ScriptedSource source = ScriptedSource.counting(10);
    Recorder<Integer> r = new Recorder<>();
    adapter(source).toPublisher().subscribe(r);
    r.request(2);
    assertEquals(List.of(0, 1), r.elements);
    assertEquals(2, source.nextCalls.get());
    r.request(1);
    assertEquals(List.of(0, 1, 2), r.elements);
    assertEquals(3, source.nextCalls.get());
  }

  @Test
  void pullsOneAtATimeOverPendingStages() {
    List<CompletableFuture<Integer>> stages = new CopyOnWriteArrayList<>();
    ScriptedSource source =
        new ScriptedSource(
            i -> {
              CompletableFuture<Integer> f = new CompletableFuture<>();
              stages.add(f);
              return f;
            },
            () -> CLOSED);
    Recorder<Integer> r = new Recorder<>();
    adapter(source).toPublisher().subscribe(r);
    r.request(3);
    assertEquals(1, source.nextCalls.get());
    stages.get(0).complete(10);
    assertEquals(2, source.nextCalls.get());
    stages.get(1).complete(11);
    stages.get(2).complete(12);
    assertEquals(List.of(10, 11, 12), r.elements);
    assertEquals(3, source.nextCalls.get(), "demand met: no fourth pull");
    assertEquals(0, r.terminals.get(), "the B9 guard was never tripped");
  }

  @ParameterizedTest
  @EnumSource(
      value = Mode.class,
      names = {"SYNC", "ASYNC", "MIXED"})
  void deliversEveryElementInOrderAndClosesOnce(Mode mode) {
    ScriptedSource source = counting(1000, mode);
    Recorder<Integer> r = Recorder.oneByOne();
    adapter(source).toPublisher().subscribe(r);
    r.request(1);
    Fixtures.await(r.done);
    assertEquals(IntStream.range(0, 1000).boxed().collect(Collectors.toList()), r.elements);
    assertEquals(List.of("complete"), r.signals.subList(r.signals.size() - 1, r.signals.size()));
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void rule303_requestFromInsideOnNextDoesNotRecurse() {
    // 1 million already-complete elements, each requested from inside onNext, on the tests'
    // 256 KiB stack: a recursive emitter overflows within a few thousand.
    int n = 1_000_000;
    int[] seen = {0};
    Recorder<Integer> r =
        Recorder.withoutElements(
            (rec, x) -> {
              seen[0]++;
              rec.subscription.request(1);
            });
    adapter(ScriptedSource.counting(n)).toPublisher().subscribe(r);
    r.request(1);
    assertEquals(n, seen[0]);
    assertTrue(r.done.isDone() && !r.done.isCompletedExceptionally());
  }

  @Test
  void unboundedDemandDeliversEverything() {
    int[] seen = {0};
    Recorder<Integer> r = Recorder.withoutElements((rec, x) -> seen[0]++);
    AsyncIterator.range(0, 1_000_000).toPublisher().subscribe(r);
    r.request(Long.MAX_VALUE);
    assertEquals(1_000_000, seen[0]);
    assertTrue(r.done.isDone());
  }

  @Test
  void cancelCancelsThePendingStageAndClosesOnce() {
    CompletableFuture<Integer> stage = new CompletableFuture<>();
    ScriptedSource source = new ScriptedSource(i -> stage, () -> CLOSED);
    Recorder<Integer> r = new Recorder<>();
    adapter(source).toPublisher().subscribe(r);
    r.request(1);
    r.cancel();
    r.cancel();
    assertTrue(stage.isCancelled());
    assertEquals(1, source.closeCalls.get());
    r.request(5);
    assertEquals(1, source.nextCalls.get());
    assertEquals(List.of("subscribe"), r.signals, "no signal after cancel (rule 1.8)");
  }

  @Test
  void cancelBeforeAnyRequestClosesWithoutPulling() {
    ScriptedSource source = ScriptedSource.counting(3);
    Recorder<Integer> r = new Recorder<>();
    adapter(source).toPublisher().subscribe(r);
    r.cancel();
    assertEquals(0, source.nextCalls.get());
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void cancelFromInsideOnNextStopsAtOnce() {
    ScriptedSource source = ScriptedSource.counting(10);
    Recorder<Integer> r = new Recorder<>((rec, x) -> rec.cancel());
    adapter(source).toPublisher().subscribe(r);
    r.request(5);
    assertEquals(List.of(0), r.elements);
    assertEquals(1, source.nextCalls.get());
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void onCompleteComesOnlyAfterTheCloseCompleted() {
    CompletableFuture<Void> close = new CompletableFuture<>();
    ScriptedSource slowClose =
        new ScriptedSource(
            i -> i < 2 ? CompletableFuture.completedFuture(i) : Mode.SYNC.end(), () -> close);
    Recorder<Integer> r = new Recorder<>();
    adapter(slowClose).toPublisher().subscribe(r);
    r.request(10);
    assertEquals(List.of(0, 1), r.elements);
    assertEquals(1, slowClose.closeCalls.get());
    assertEquals(0, r.terminals.get());
    close.complete(null);
    assertEquals(List.of("subscribe", "next", "next", "complete"), r.signals);
  }

  @Test
  void aFailedCloseIsTheError() {
    IOException closeFailure = new IOException("close");
    ScriptedSource source =
        new ScriptedSource(
            i -> i < 1 ? Mode.SYNC.value(i) : Mode.SYNC.end(),
            () -> CompletableFuture.failedFuture(closeFailure));
    Recorder<Integer> r = new Recorder<>();
    adapter(source).toPublisher().subscribe(r);
    r.request(1);
    r.request(1);
    assertSame(closeFailure, r.error);
  }

  @Test
  void aSourceFailureIsTheErrorAfterTheClose_withAFailedCloseSuppressed() {
    IllegalStateException boom = new IllegalStateException("boom");
    IOException closeFailure = new IOException("close");
    CompletableFuture<Void> close = new CompletableFuture<>();
    ScriptedSource source =
        new ScriptedSource(
            i -> i < 2 ? CompletableFuture.completedFuture(i) : CompletableFuture.failedFuture(boom),
            () -> close);
    Recorder<Integer> r = new Recorder<>();
    adapter(source).toPublisher().subscribe(r);
    r.request(5);
    assertEquals(List.of(0, 1), r.elements);
    assertNull(r.error, "not before the close completed");
    close.completeExceptionally(closeFailure);
    assertSame(boom, r.error);
    assertSame(closeFailure, boom.getSuppressed()[0]);
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void rule213_aNullElementIsOnErrorNullPointerException_andCloses() {
    ScriptedSource source =
        new ScriptedSource(
            i -> CompletableFuture.completedFuture(i == 1 ? null : i), () -> CLOSED);
    Recorder<Integer> r = new Recorder<>();
    adapter(source).toPublisher().subscribe(r);
    r.request(5);
    assertEquals(List.of(0), r.elements);
    assertInstanceOf(NullPointerException.class, r.error);
    assertTrue(r.error.getMessage().contains("2.13"), r.error.getMessage());
    assertEquals(1, source.closeCalls.get());
    assertEquals(2, source.nextCalls.get());
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(longs = {0, -1, Long.MIN_VALUE})
  void rule309_aNonPositiveRequestIsOnErrorIllegalArgumentException_andCloses(long n) {
    CompletableFuture<Integer> stage = new CompletableFuture<>();
    ScriptedSource source =
        new ScriptedSource(
            i -> i == 0 ? CompletableFuture.completedFuture(0) : stage, () -> CLOSED);
    Recorder<Integer> r = new Recorder<>();
    adapter(source).toPublisher().subscribe(r);
    r.request(2); // one delivered, the second pending
    r.request(n);
    assertInstanceOf(IllegalArgumentException.class, r.error);
    assertTrue(r.error.getMessage().contains("3.9"), r.error.getMessage());
    assertTrue(stage.isCancelled(), "the pending stage is cancelled");
    assertEquals(1, source.closeCalls.get());
    assertEquals(List.of("subscribe", "next", "error"), r.signals);
  }

  @Test
  void rule109_aNullSubscriberThrowsNullPointerException() {
    Flow.Publisher<Integer> publisher = adapter(ScriptedSource.counting(1)).toPublisher();
    assertThrows(NullPointerException.class, () -> publisher.subscribe(null));
  }

  @Test
  void aSecondSubscriberGetsOnSubscribeThenIllegalStateException() {
    ScriptedSource source = ScriptedSource.counting(3);
    Flow.Publisher<Integer> publisher = adapter(source).toPublisher();
    Recorder<Integer> first = new Recorder<>();
    Recorder<Integer> second = new Recorder<>();
    publisher.subscribe(first);
    publisher.subscribe(second);
    assertEquals(List.of("subscribe", "error"), second.signals);
    assertInstanceOf(IllegalStateException.class, second.error);
    second.request(1); // the refused subscription does nothing
    first.request(10);
    assertEquals(List.of(0, 1, 2), first.elements);
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void rule213_anOnNextThatThrowsCancels_andTheExceptionIsNotLost() {
    ScriptedSource source = ScriptedSource.counting(10);
    RuntimeException bug = new RuntimeException("subscriber bug");
    Recorder<Integer> r =
        new Recorder<>(
            (rec, x) -> {
              throw bug;
            });
    List<Throwable> reported = new ArrayList<>();
    Thread thread = Thread.currentThread();
    Thread.UncaughtExceptionHandler previous = thread.getUncaughtExceptionHandler();
    thread.setUncaughtExceptionHandler((t, e) -> reported.add(e));
    try {
      adapter(source).toPublisher().subscribe(r);
      r.request(5);
    } finally {
      thread.setUncaughtExceptionHandler(previous);
    }
    assertEquals(List.of(bug), reported);
    assertEquals(1, source.nextCalls.get());
    assertEquals(1, source.closeCalls.get());
    assertEquals(0, r.terminals.get());
  }

  @Test
  void aSourceCompletedOnAnotherThreadSignalsFromThere() throws Exception {
    CompletableFuture<Integer> stage = new CompletableFuture<>();
    ScriptedSource source =
        new ScriptedSource(
            i -> i == 0 ? stage : CompletableFuture.failedFuture(new StopAsyncIteration()),
            () -> CLOSED);
    List<String> threads = new CopyOnWriteArrayList<>();
    Recorder<Integer> r = new Recorder<>((rec, x) -> threads.add(Thread.currentThread().getName()));
    adapter(source).toPublisher().subscribe(r);
    r.request(2);
    Thread completer = new Thread(() -> stage.complete(7), "completer");
    completer.start();
    completer.join(TimeUnit.SECONDS.toMillis(10));
    Fixtures.await(r.done);
    assertEquals(List.of(7), r.elements);
    assertEquals(List.of("completer"), threads);
    assertFalse(r.done.isCompletedExceptionally());
  }
}
