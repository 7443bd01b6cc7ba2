package dev.aiter;

import static dev.aiter.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.Fixtures.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** B9: anext on an adapter while its previous stage is pending fails and leaves everything alone. */
class OverlapGuardTest {

  @Test
  void b9_secondAnextWhilePendingFailsWithAlreadyRunning() {
    CompletableFuture<Integer> first = new CompletableFuture<>();
    Scripted source = new Scripted(i -> i == 0 ? first : CompletableFuture.completedFuture(i), () -> null);
    AsyncIterator<Integer> it = source.via(Path.ADAPTER);

    CompletionStage<Integer> pending = it.anext();
    CompletionStage<Integer> overlapping = it.anext();

    Throwable failure = failureOf(overlapping.toCompletableFuture());
    assertInstanceOf(IllegalStateException.class, failure);
    assertTrue(failure.getMessage().contains("already running"), failure.getMessage());
    assertTrue(failure.getMessage().contains("dev.aiter.Scripted.anext()"), failure.getMessage());
    assertEquals(1, source.nextCalls.get(), "the source was not called for the overlapping anext");

    assertFalse(pending.toCompletableFuture().isDone(), "the pending stage is intact");
    first.complete(10);
    assertEquals(10, pending.toCompletableFuture().join());
    assertEquals(1, Async.anext(it).join(), "once the stage completed, anext works again");
  }

  @Test
  void b9_guardHoldsThroughAsyncAnextToo() {
    CompletableFuture<Integer> first = new CompletableFuture<>();
    Scripted source = new Scripted(i -> first, () -> null);
    AsyncIterator<Integer> it = source.via(Path.ADAPTER);
    CompletableFuture<Integer> pending = Async.anext(it);
    Throwable failure = failureOf(Async.anext(it));
    assertTrue(failure.getMessage().contains("already running"));
    first.complete(5);
    assertEquals(5, pending.join());
  }

  @Test
  void b9_guardHoldsForMinimalStagesThatCannotBeInspected() {
    CompletableFuture<Integer> first = new CompletableFuture<>();
    Scripted source = new Scripted(i -> first.minimalCompletionStage(), () -> null);
    AsyncIterator<Integer> it = source.via(Path.ADAPTER);
    CompletionStage<Integer> pending = it.anext();
    assertInstanceOf(IllegalStateException.class, failureOf(it.anext().toCompletableFuture()));
    first.complete(3);
    assertEquals(3, pending.toCompletableFuture().join());
  }

  @Test
  void b9_anextDuringARunningLoopFailsAndTheLoopGoesOn() {
    CompletableFuture<Integer> first = new CompletableFuture<>();
    Scripted source =
        new Scripted(
            i -> i == 0 ? first : CompletableFuture.failedFuture(new StopAsyncIteration()),
            () -> CompletableFuture.completedFuture(null));
    AsyncIterator<Integer> it = source.via(Path.ADAPTER);
    StringBuilder seen = new StringBuilder();
    CompletableFuture<Void> loop = Async.asyncFor(it, x -> seen.append(x));
    assertInstanceOf(IllegalStateException.class, failureOf(Async.anext(it)));
    first.complete(7);
    loop.join();
    assertEquals("7", seen.toString());
  }

  @Test
  void b9_guardHoldsWhileALoopWaitsOnTheSourcesOwnStageAndLiftsWhenItCompletes() {
    CompletableFuture<Integer> first = new CompletableFuture<>();
    CompletableFuture<Integer> second = new CompletableFuture<>();
    Scripted source =
        new Scripted(
            i ->
                i == 0
                    ? first
                    : i == 1 ? second : CompletableFuture.failedFuture(new StopAsyncIteration()),
            () -> CompletableFuture.completedFuture(null));
    AsyncIterator<Integer> it = source.via(Path.ADAPTER);
    StringBuilder seen = new StringBuilder();
    CompletableFuture<Void> loop = Async.asyncFor(it, x -> seen.append(x));
    assertEquals(1, first.getNumberOfDependents(), "one callback on the source's stage");
    assertInstanceOf(IllegalStateException.class, failureOf(Async.anext(it)));
    first.complete(1);
    assertInstanceOf(IllegalStateException.class, failureOf(Async.anext(it)));
    second.complete(2);
    loop.join();
    assertEquals("12", seen.toString());
    assertEquals(3, source.nextCalls.get(), "no overlapping anext reached the source");
  }

  @Test
  void b9_cancellingALoopThatWaitsOnTheSourceLiftsTheGuard() {
    CompletableFuture<Integer> first = new CompletableFuture<>();
    Scripted source =
        new Scripted(
            i -> i == 0 ? first : CompletableFuture.completedFuture(i),
            () -> CompletableFuture.completedFuture(null));
    AsyncIterator<Integer> it = source.via(Path.ADAPTER);
    CompletableFuture<Void> loop = Async.asyncFor(it, x -> {});
    assertTrue(loop.cancel(false));
    assertTrue(first.isCancelled(), "the source's pending stage was cancelled");
    assertEquals(1, Async.anext(it).join(), "the cancelled loop no longer holds the adapter");
  }

  @Test
  void cancellingAPendingAdapterStageCancelsTheSourceStage() {
    CompletableFuture<Integer> first = new CompletableFuture<>();
    Scripted source = new Scripted(i -> first, () -> null);
    CompletionStage<Integer> pending = source.via(Path.ADAPTER).anext();
    assertTrue(pending.toCompletableFuture().cancel(false));
    assertTrue(first.isCancelled());
  }
}
