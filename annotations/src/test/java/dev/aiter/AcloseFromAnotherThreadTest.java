package dev.aiter;

import static dev.aiter.Fixtures.await;
import static dev.aiter.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code aclose()} called on one thread while an operator's pending {@code anext()} is being
 * resumed on another (the thread that completed the stage it waited on). The close must not pull
 * the rug from under the resume: the upstream is closed only once the resume stopped reading it,
 * work the resume started is cancelled, and the pending {@code anext()} and the close both
 * complete. Each test holds the resume inside a user function until {@code aclose()} was called.
 */
class AcloseFromAnotherThreadTest {

  /** A source whose first stage is {@code first}, then stages that never complete. */
  private static final class Source {
    final CompletableFuture<Integer> first = new CompletableFuture<>();
    final AtomicBoolean closed = new AtomicBoolean();
    final AtomicInteger nextAfterClose = new AtomicInteger();
    final ScriptedSource scripted =
        new ScriptedSource(
            i -> {
              if (closed.get()) {
                nextAfterClose.incrementAndGet();
              }
              return i == 0 ? first : new CompletableFuture<>();
            },
            () -> {
              closed.set(true);
              return CompletableFuture.completedFuture(null);
            });

    AsyncIterator<Integer> adapter() {
      return ScriptedSourceAsync.aiter(scripted);
    }
  }

  /** Lets a user function wait inside the resume until the test has called aclose(). */
  private static final class Hold {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch closeCalled = new CountDownLatch(1);

    void here() {
      entered.countDown();
      try {
        closeCalled.await();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }

    /** Completes {@code stage} on another thread, then calls aclose() while the resume waits. */
    CompletableFuture<Void> closeDuringTheResume(
        CompletableFuture<Integer> stage, AsyncIterator<?> it) throws InterruptedException {
      Fixtures.POOL.execute(() -> stage.complete(0));
      entered.await();
      CompletableFuture<Void> closed = it.aclose().toCompletableFuture();
      closeCalled.countDown();
      return closed;
    }
  }

  /**
   * No resume running: the close releases at once. The stage waited on is the source's, not the
   * operator's, so it is not cancelled; the pending anext() ends when it completes.
   */
  @Test
  void map_acloseWhilePending_closesAtOnce_andTheAnextEndsWhenItsStageCompletes() {
    Source source = new Source();
    AsyncIterator<Integer> it = source.adapter().map(x -> x + 1);
    CompletableFuture<Integer> next = it.anext().toCompletableFuture();
    CompletableFuture<Void> closed = it.aclose().toCompletableFuture();
    assertTrue(closed.isDone());
    assertEquals(1, source.scripted.closeCalls.get());
    assertTrue(!next.isDone() && !source.first.isCancelled());
    source.first.complete(0);
    assertInstanceOf(StopAsyncIteration.class, failureOf(next), "closed meanwhile: it ends");
  }

  @Test
  void filter_theUpstreamIsClosedOnlyAfterTheResumeStoppedReadingIt()
      throws InterruptedException {
    Source source = new Source();
    Hold hold = new Hold();
    AsyncIterator<Integer> it =
        source
            .adapter()
            .filter(
                x -> {
                  hold.here();
                  return false; // rejected: the filter reads its upstream again
                });
    CompletableFuture<Integer> next = it.anext().toCompletableFuture();
    CompletableFuture<Void> closed = hold.closeDuringTheResume(source.first, it);
    await(closed);
    await(next);
    assertEquals(0, source.nextAfterClose.get(), "the source was read after its close");
    assertInstanceOf(StopAsyncIteration.class, failureOf(next), "closed meanwhile: it ends");
    assertEquals(1, source.scripted.closeCalls.get());
  }

  @Test
  void mapAsync_aStageOfFnStartedDuringTheCloseIsCancelled() throws InterruptedException {
    Source source = new Source();
    Hold hold = new Hold();
    CompletableFuture<Integer> work = new CompletableFuture<>();
    AsyncIterator<Integer> it =
        source
            .adapter()
            .mapAsync(
                x -> {
                  hold.here();
                  return work;
                });
    CompletableFuture<Integer> next = it.anext().toCompletableFuture();
    CompletableFuture<Void> closed = hold.closeDuringTheResume(source.first, it);
    await(closed);
    assertTrue(work.isCancelled(), "the stage of fn in flight is cancelled by the close (O7)");
    await(next);
    assertInstanceOf(StopAsyncIteration.class, failureOf(next));
    assertEquals(1, source.scripted.closeCalls.get());
  }
}
