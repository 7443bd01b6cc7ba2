package dev.aiter;

import static dev.aiter.Fixtures.await;
import static dev.aiter.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.Fixtures.Path;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the loop does when something goes badly wrong: a body that throws an {@link Error}, a stage
 * or a close that never completes, a close that throws, an executor that rejects work. Each test
 * runs over a hand-written iterator and over a generated-style adapter. docs/RELIABILITY.md lists
 * every fault with its test.
 */
class FaultsTest {

  /** How long a test waits to see that something does not happen. */
  private static final long QUIET_MILLIS = 50;

  // ------------------------------------------------------------------------- errors from the body

  @ParameterizedTest
  @EnumSource(Path.class)
  void bodyThrowingOutOfMemoryError_failsTheLoopWithThatErrorAndCloses(Path path) {
    Scripted source = Scripted.counting(10);
    OutOfMemoryError oom = new OutOfMemoryError("simulated");
    AtomicInteger bodies = new AtomicInteger();
    CompletableFuture<Void> loop =
        Async.asyncFor(
            source.via(path),
            x -> {
              if (bodies.incrementAndGet() == 3) {
                throw oom;
              }
            });
    assertSame(oom, failureOf(loop));
    assertEquals(3, bodies.get());
    assertEquals(3, source.nextCalls.get(), "no next call after the error");
    assertEquals(1, source.closeCalls.get());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void bodyOverflowingTheStack_failsTheLoopWithThatStackOverflowErrorAndCloses(Path path) {
    Scripted source = Scripted.counting(10);
    List<StackOverflowError> thrown = new ArrayList<>();
    CompletableFuture<Void> loop =
        Async.asyncFor(
            source.via(path),
            x -> {
              try {
                recurse(0);
              } catch (StackOverflowError e) {
                thrown.add(e);
                throw e;
              }
            });
    Throwable failure = failureOf(loop);
    assertEquals(1, thrown.size(), "a real stack overflow in the first body");
    assertSame(thrown.get(0), failure);
    assertEquals(1, source.closeCalls.get());
  }

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void errorOnAnotherThread_failsTheLoopWithThatErrorAndCloses(Path path) {
    // The element arrives on a pool thread, so the body (and its Error) runs there.
    Scripted source =
        new Scripted(
            i -> CompletableFuture.supplyAsync(() -> i, Fixtures.POOL),
            () -> CompletableFuture.completedFuture(null));
    AssertionError error = new AssertionError("simulated");
    CompletableFuture<Void> loop =
        Async.asyncFor(
            source.via(path),
            x -> {
              throw error;
            });
    await(loop);
    assertSame(error, failureOf(loop));
    assertEquals(1, source.closeCalls.get());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void errorFromTheBodysStage_andFromTheNextMethod_failTheLoopWithThatError(Path path) {
    OutOfMemoryError oom = new OutOfMemoryError("simulated");
    Scripted viaStage = Scripted.counting(10);
    assertSame(
        oom,
        failureOf(
            Async.asyncForAwait(viaStage.via(path), x -> CompletableFuture.failedFuture(oom))));
    assertEquals(1, viaStage.closeCalls.get());

    StackOverflowError soe = new StackOverflowError("simulated");
    Scripted throwing =
        new Scripted(
            i -> {
              throw soe;
            },
            () -> CompletableFuture.completedFuture(null));
    assertSame(soe, failureOf(Async.asyncFor(throwing.via(path), x -> {})));
    assertEquals(1, throwing.closeCalls.get());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void closeThrowingAnError_afterABodyError_isSuppressedOnTheBodysError(Path path) {
    OutOfMemoryError bodyError = new OutOfMemoryError("body");
    StackOverflowError closeError = new StackOverflowError("close");
    Scripted source =
        Scripted.counting(3)
            .withClose(
                () -> {
                  throw closeError;
                });
    Throwable failure =
        failureOf(
            Async.asyncFor(
                source.via(path),
                x -> {
                  throw bodyError;
                }));
    assertSame(bodyError, failure);
    assertArrayEquals(new Throwable[] {closeError}, failure.getSuppressed());

    Scripted clean = Scripted.counting(3).withClose(() -> { throw closeError; });
    assertSame(closeError, failureOf(Async.asyncFor(clean.via(path), x -> {})));
  }

  // ------------------------------------------------------------- stages that never complete

  /**
   * A next stage that never completes and cannot be cancelled (not a Future): the loop waits;
   * cancelling it ends it and closes the source; if the stage completes after all, nothing runs.
   */
  @ParameterizedTest
  @EnumSource(Path.class)
  void nextStageThatNeverCompletes_loopWaitsUntilCancelled_andALateElementIsIgnored(Path path)
      throws InterruptedException {
    CompletableFuture<Integer> behind = new CompletableFuture<>();
    Scripted source =
        new Scripted(
            i -> behind.minimalCompletionStage(), () -> CompletableFuture.completedFuture(null));
    AtomicInteger bodies = new AtomicInteger();
    CompletableFuture<Void> loop = Async.asyncFor(source.via(path), x -> bodies.incrementAndGet());

    Thread.sleep(QUIET_MILLIS);
    assertFalse(loop.isDone(), "the loop waits as long as the stage does");
    assertEquals(0, source.closeCalls.get());

    assertTrue(loop.cancel(false));
    assertTrue(loop.isCancelled());
    assertEquals(1, source.closeCalls.get());

    behind.complete(42);
    assertEquals(0, bodies.get(), "an element arriving after cancellation is not delivered");
    assertEquals(1, source.nextCalls.get());
    assertEquals(1, source.closeCalls.get());
  }

  /**
   * A pending next stage whose {@code cancel} throws (a user's Future): cancelling the loop still
   * succeeds and closes; the exception is kept as suppressed on the cancellation.
   */
  @ParameterizedTest
  @EnumSource(Path.class)
  void nextStageWhoseCancelThrows_cancelStillClosesAndKeepsTheException(Path path) {
    IllegalStateException refused = new IllegalStateException("cannot cancel");
    CompletableFuture<Integer> stubborn =
        new CompletableFuture<>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            throw refused;
          }
        };
    Scripted source = new Scripted(i -> stubborn, () -> CompletableFuture.completedFuture(null));
    CompletableFuture<Void> loop = Async.asyncFor(source.via(path), x -> {});

    assertTrue(loop.cancel(false));
    assertEquals(1, source.closeCalls.get());
    Throwable cancellation = failureOf(loop);
    assertInstanceOf(CancellationException.class, cancellation);
    assertArrayEquals(new Throwable[] {refused}, cancellation.getSuppressed());
  }

  /**
   * The same with an {@code Error} from {@code cancel} (it used to escape from the loop's {@code
   * cancel()}, and the source was never closed); and through an operator's {@code anext()} stage.
   */
  @ParameterizedTest
  @EnumSource(Path.class)
  void nextStageWhoseCancelThrowsAnError_cancelStillClosesAndKeepsTheError(Path path) {
    // Not an OutOfMemoryError: JUnit aborts the whole run when one escapes a test.
    StackOverflowError refused = new StackOverflowError("simulated, in cancel");
    CompletableFuture<Integer> stubborn =
        new CompletableFuture<>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            throw refused;
          }
        };
    Scripted source = new Scripted(i -> stubborn, () -> CompletableFuture.completedFuture(null));
    CompletableFuture<Void> loop = Async.asyncFor(source.via(path), x -> {});
    assertTrue(loop.cancel(false));
    assertEquals(1, source.closeCalls.get());
    Throwable cancellation = failureOf(loop);
    assertInstanceOf(CancellationException.class, cancellation);
    assertArrayEquals(new Throwable[] {refused}, cancellation.getSuppressed());

    Scripted other = new Scripted(i -> stubborn, () -> CompletableFuture.completedFuture(null));
    CompletableFuture<Integer> next = other.via(path).map(x -> x).anext().toCompletableFuture();
    assertTrue(next.cancel(false));
    assertArrayEquals(new Throwable[] {refused}, failureOf(next).getSuppressed());
  }

  /** A close stage that never completes keeps the loop's future pending: nothing times out. */
  @ParameterizedTest
  @EnumSource(Path.class)
  void closeThatNeverCompletes_keepsTheLoopPendingUntilCancelled(Path path)
      throws InterruptedException {
    CompletableFuture<Void> closing = new CompletableFuture<>();
    Scripted source = Scripted.counting(3).withClose(() -> closing);
    CompletableFuture<Void> loop = Async.asyncFor(source.via(path), x -> {});

    Thread.sleep(QUIET_MILLIS);
    assertFalse(loop.isDone(), "exhausted, but waiting for the close");
    assertEquals(1, source.closeCalls.get());

    assertTrue(loop.cancel(false));
    assertTrue(loop.isCancelled());
    assertFalse(closing.isDone(), "the loop does not cancel the close stage");
    assertEquals(1, source.closeCalls.get(), "cancelling does not close a second time");

    closing.complete(null);
    assertTrue(loop.isCancelled(), "a close completing late changes nothing");
  }

  /** orTimeout bounds the wait for a close that never completes; a late close failure is kept. */
  @ParameterizedTest
  @EnumSource(Path.class)
  void closeThatNeverCompletes_orTimeoutFailsTheLoop_andALateCloseFailureIsSuppressed(Path path) {
    CompletableFuture<Void> closing = new CompletableFuture<>();
    Scripted source = Scripted.counting(3).withClose(() -> closing);
    CompletableFuture<Void> loop =
        Async.asyncFor(source.via(path), x -> {}).orTimeout(20, TimeUnit.MILLISECONDS);
    await(loop);
    Throwable timeout = failureOf(loop);
    assertInstanceOf(TimeoutException.class, timeout);
    assertEquals(1, source.closeCalls.get());

    IOException closeFailure = new IOException("close failed late");
    closing.completeExceptionally(closeFailure);
    assertArrayEquals(new Throwable[] {closeFailure}, timeout.getSuppressed());
  }

  /** Cancelling while the next stage is pending completes the future at once, whatever close does. */
  @ParameterizedTest
  @EnumSource(Path.class)
  void cancelWithACloseThatNeverCompletes_completesTheFutureAtOnce(Path path) {
    CompletableFuture<Integer> never = new CompletableFuture<>();
    Scripted source = new Scripted(i -> never, () -> new CompletableFuture<>());
    CompletableFuture<Void> loop = Async.asyncFor(source.via(path), x -> {});
    assertTrue(loop.cancel(false));
    assertTrue(loop.isCancelled());
    assertEquals(1, source.closeCalls.get());
  }

  // ------------------------------------------------------------------- executors that reject

  /** A source that uses supplyAsync on a shut-down executor throws from its next method. */
  @ParameterizedTest
  @EnumSource(Path.class)
  void nextOnAShutDownExecutor_failsTheLoopWithTheRejectionAndCloses(Path path) {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    executor.shutdown();
    Scripted source =
        new Scripted(
            i -> CompletableFuture.supplyAsync(() -> i, executor),
            () -> CompletableFuture.completedFuture(null));
    Throwable failure = failureOf(Async.asyncFor(source.via(path), x -> {}));
    assertInstanceOf(RejectedExecutionException.class, failure);
    assertEquals(1, source.closeCalls.get());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void rejectionInsideAStage_failsTheLoopWithTheRejectionUnwrapped(Path path) {
    RejectedExecutionException rejection = new RejectedExecutionException("full");
    Executor rejecting =
        task -> {
          throw rejection;
        };
    // thenApplyAsync does not throw: its stage fails with CompletionException(rejection).
    Scripted source =
        new Scripted(
            i -> CompletableFuture.completedFuture(i).thenApplyAsync(x -> x, rejecting),
            () -> CompletableFuture.completedFuture(null));
    assertSame(rejection, failureOf(Async.asyncFor(source.via(path), x -> {})));
    assertEquals(1, source.closeCalls.get());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void rejectionInTheBody_andInTheClose_failTheLoopWithTheRejection(Path path) {
    RejectedExecutionException rejection = new RejectedExecutionException("full");
    Executor rejecting =
        task -> {
          throw rejection;
        };
    Scripted body = Scripted.counting(5);
    assertSame(
        rejection,
        failureOf(
            Async.asyncForAwait(body.via(path), x -> CompletableFuture.runAsync(() -> {}, rejecting))));
    assertEquals(1, body.nextCalls.get());
    assertEquals(1, body.closeCalls.get());

    Scripted close = Scripted.counting(5).withClose(() -> CompletableFuture.runAsync(() -> {}, rejecting));
    assertSame(rejection, failureOf(Async.asyncFor(close.via(path), x -> {})));
    assertEquals(1, close.closeCalls.get());
  }
}
