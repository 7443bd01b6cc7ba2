package dev.aiter;

import static dev.aiter.Fixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.Fixtures.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** B7: cancelling the loop's future stops the loop, cancels the pending next stage, closes. */
class CancellationTest {

  @ParameterizedTest
  @EnumSource(Path.class)
  void b7_cancelWhileNextIsPendingCancelsThatStageAndCloses(Path path) {
    CompletableFuture<Integer> pendingNext = new CompletableFuture<>();
    Scripted source = new Scripted(i -> pendingNext, () -> CompletableFuture.completedFuture(null));
    AtomicInteger bodies = new AtomicInteger();
    CompletableFuture<Void> loop = Async.asyncFor(source.via(path), x -> bodies.incrementAndGet());

    assertTrue(loop.cancel(true));

    assertTrue(pendingNext.isCancelled(), "the source's pending stage is cancelled");
    assertEquals(1, source.nextCalls.get());
    assertEquals(1, source.closeCalls.get());
    assertEquals(0, bodies.get());
    assertTrue(loop.isCancelled());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b7_cancelDuringABodyRunsNoFurtherNextOrBody(Path path) throws Exception {
    CompletableFuture<Integer> first = new CompletableFuture<>();
    Scripted source =
        new Scripted(
            i -> i == 0 ? first : CompletableFuture.completedFuture(i),
            () -> CompletableFuture.completedFuture(null));
    CountDownLatch inBody = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger bodies = new AtomicInteger();
    CompletableFuture<Void> loop =
        Async.asyncFor(
            source.via(path),
            x -> {
              bodies.incrementAndGet();
              inBody.countDown();
              release.await();
            });
    Fixtures.POOL.execute(() -> first.complete(0)); // the body then runs on a pool thread
    assertTrue(inBody.await(10, TimeUnit.SECONDS));
    assertTrue(loop.cancel(false));
    assertEquals(0, source.closeCalls.get(), "the running body is not interrupted by the close");
    release.countDown();
    waitUntil(() -> source.closeCalls.get() == 1);
    assertEquals(1, bodies.get());
    assertEquals(1, source.nextCalls.get());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b7_cancelWhileTheBodysStageIsPendingStopsAndCloses(Path path) {
    Scripted source = Scripted.counting(5);
    CompletableFuture<Void> work = new CompletableFuture<>();
    CompletableFuture<Void> loop = Async.asyncForAwait(source.via(path), x -> work);
    assertTrue(loop.cancel(false));
    assertEquals(1, source.closeCalls.get());
    work.complete(null);
    assertEquals(1, source.nextCalls.get(), "no next call after cancellation");
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b7_timeoutOnTheLoopFutureStopsTheLoopLikeCancel(Path path) throws InterruptedException {
    CompletableFuture<Integer> pendingNext = new CompletableFuture<>();
    Scripted source = new Scripted(i -> pendingNext, () -> CompletableFuture.completedFuture(null));
    CompletableFuture<Void> loop = Async.asyncFor(source.via(path), x -> {});
    loop.orTimeout(10, TimeUnit.MILLISECONDS);
    await(loop);
    assertInstanceOf(TimeoutException.class, Fixtures.failureOf(loop));
    // The future completes first (that is what stops the loop); the loop then reacts.
    waitUntil(() -> source.closeCalls.get() == 1);
    assertTrue(pendingNext.isCancelled());
    assertEquals(1, source.closeCalls.get());
  }

  /** Cancellation races the completion of the next stages by other threads. */
  @RepeatedTest(200)
  void b7_race_cancelAgainstAsynchronousCompletion() throws Exception {
    Path path = ThreadLocalRandom.current().nextBoolean() ? Path.ADAPTER : Path.ITERATOR;
    Scripted source =
        new Scripted(
            i -> i < 1_000
                ? CompletableFuture.supplyAsync(() -> i, Fixtures.POOL)
                : CompletableFuture.failedFuture(new StopAsyncIteration()),
            () -> CompletableFuture.completedFuture(null));
    List<Integer> seen = new CopyOnWriteArrayList<>();
    AtomicInteger concurrent = new AtomicInteger();
    AtomicReference<String> violation = new AtomicReference<>();
    CompletableFuture<Void> loop =
        Async.asyncFor(
            source.via(path),
            x -> {
              if (concurrent.incrementAndGet() != 1) {
                violation.set("two bodies at once");
              }
              if (source.closeCalls.get() != 0) {
                violation.set("body after close");
              }
              seen.add(x);
              concurrent.decrementAndGet();
            });
    LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(200_000));
    boolean cancelled = loop.cancel(false);
    waitUntil(() -> source.closeCalls.get() == 1);
    int nextCallsAtClose = source.nextCalls.get();
    Thread.sleep(1);
    assertEquals(nextCallsAtClose, source.nextCalls.get(), "no next call after close");
    assertEquals(1, source.closeCalls.get());
    assertEquals(null, violation.get());
    for (int i = 0; i < seen.size(); i++) {
      assertEquals(i, seen.get(i), "elements in order, none lost or repeated");
    }
    if (cancelled) {
      assertTrue(loop.isCancelled());
    } else {
      assertFalse(loop.isCompletedExceptionally());
      assertEquals(1_000, seen.size());
    }
  }

  /** breakLoop() from another thread races the completion of the next stages. */
  @RepeatedTest(200)
  void b7_race_breakLoopAgainstAsynchronousCompletion() throws Exception {
    Path path = ThreadLocalRandom.current().nextBoolean() ? Path.ADAPTER : Path.ITERATOR;
    Scripted source =
        new Scripted(
            i -> i < 1_000
                ? CompletableFuture.supplyAsync(() -> i, Fixtures.POOL)
                : CompletableFuture.failedFuture(new StopAsyncIteration()),
            () -> CompletableFuture.completedFuture(null));
    List<Integer> seen = new CopyOnWriteArrayList<>();
    AtomicReference<Loop> control = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Void> loop =
        Async.asyncFor(
            source.via(path),
            (x, l) -> {
              control.set(l);
              started.countDown();
              seen.add(x);
            });
    assertTrue(started.await(10, TimeUnit.SECONDS));
    LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(100_000));
    control.get().breakLoop();
    await(loop);
    assertFalse(loop.isCompletedExceptionally());
    assertEquals(1, source.closeCalls.get());
    int size = seen.size();
    assertTrue(size >= 1 && size <= 1_000);
    for (int i = 0; i < size; i++) {
      assertEquals(i, seen.get(i));
    }
    assertTrue(source.nextCalls.get() <= size + 1, "at most one next call beyond the last element");
  }

  static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(1);
    }
  }
}
