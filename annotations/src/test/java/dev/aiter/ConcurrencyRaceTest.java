package dev.aiter;

import static dev.aiter.CancellationTest.waitUntil;
import static dev.aiter.Fixtures.await;
import static dev.aiter.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Races of the concurrent operators and generators, each run 200 times: cancellation racing the
 * completions inside {@code mapAsync} and {@code prefetch}, and {@code aclose()} racing {@code
 * yield}. Every run checks what must hold whoever wins: elements in order up to the stop, the
 * upstream closed exactly once, nothing left running, nothing handed to an uncaught-exception
 * handler (where a second completion or a lost failure would land).
 */
class ConcurrencyRaceTest {

  private static final Queue<Throwable> UNCAUGHT = new ConcurrentLinkedQueue<>();
  private Thread.UncaughtExceptionHandler previous;

  @BeforeEach
  void catchUncaught() {
    UNCAUGHT.clear();
    previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, error) -> UNCAUGHT.add(error));
  }

  @AfterEach
  void nothingWasUncaught() {
    Thread.setDefaultUncaughtExceptionHandler(previous);
    assertTrue(UNCAUGHT.isEmpty(), () -> "handed to an uncaught-exception handler: " + UNCAUGHT);
  }

  /** Spins a random short while, so that the racing parties meet at different points. */
  private static void jitter() {
    int spins = ThreadLocalRandom.current().nextInt(2_000);
    for (int i = 0; i < spins; i++) {
      Thread.onSpinWait();
    }
  }

  /**
   * Two of three stages of fn are completed by pool threads; the third would never complete, so
   * the loop ends only by its cancellation, which races those completions. Every stage must end
   * up done: the never-completing ones can only have been cancelled by the window.
   */
  @RepeatedTest(200)
  void cancellationRacingCompletionsInMapAsync() throws InterruptedException {
    ScriptedSource source = ScriptedSource.counting(1_000);
    List<CompletableFuture<Integer>> stages = new CopyOnWriteArrayList<>();
    List<Integer> seen = new CopyOnWriteArrayList<>();
    AtomicInteger afterClose = new AtomicInteger();
    AtomicInteger delivered = new AtomicInteger();
    CompletableFuture<Void> loop =
        Async.asyncFor(
            ScriptedSourceAsync.aiter(source)
                .mapAsync(
                    4,
                    x -> {
                      CompletableFuture<Integer> stage = new CompletableFuture<>();
                      stages.add(stage);
                      if (x % 3 != 2) {
                        Fixtures.POOL.execute(
                            () -> {
                              jitter();
                              stage.complete(x);
                            });
                      }
                      return stage;
                    })
                .peek(x -> delivered.incrementAndGet()), // what left the window
            x -> {
              if (source.closeCalls.get() > 0) {
                afterClose.incrementAndGet();
              }
              seen.add(x);
            });
    Fixtures.POOL.execute(
        () -> {
          jitter();
          loop.cancel(true);
        });
    await(loop);
    assertTrue(loop.isCancelled());
    waitUntil(() -> source.closeCalls.get() == 1);
    waitUntil(() -> stages.stream().allMatch(CompletableFuture::isDone));
    for (int i = 0; i < seen.size(); i++) {
      assertEquals(i, seen.get(i), "in source order, none skipped");
    }
    assertTrue(seen.size() <= 2, "element 2 never completes: " + seen);
    assertEquals(0, afterClose.get(), "no body after the close");
    // One more than peek saw may have been handed over: the element whose signal the window
    // completed just as the loop was being cancelled, which the loop then dropped unread.
    assertTrue(
        stages.size() <= 4 + delivered.get() + 1,
        () -> stages.size() + " started, " + delivered.get() + " delivered: at most 4 in between");
    assertEquals(1, source.closeCalls.get());
  }

  /**
   * The upstream's stages are completed by pool threads while the loop over its prefetch is
   * cancelled: the read in flight is cancelled, the upstream closed once, and the generated
   * adapter's guard never trips (a trip would fail the loop instead of cancelling it).
   */
  @RepeatedTest(200)
  void cancellationRacingReadsInPrefetch() throws InterruptedException {
    List<CompletableFuture<Integer>> reads = new CopyOnWriteArrayList<>();
    AtomicInteger outstanding = new AtomicInteger();
    AtomicInteger maxOutstanding = new AtomicInteger();
    ScriptedSource source =
        new ScriptedSource(
            i -> {
              maxOutstanding.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
              CompletableFuture<Integer> read = new CompletableFuture<>();
              reads.add(read);
              Fixtures.POOL.execute(
                  () -> {
                    jitter();
                    // Counted before completing: the window pulls again inside complete().
                    outstanding.decrementAndGet();
                    read.complete(i);
                  });
              return read;
            },
            () -> CompletableFuture.completedFuture(null));
    List<Integer> seen = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> loop =
        Async.asyncFor(
            ScriptedSourceAsync.aiter(source).prefetch(4),
            x -> {
              seen.add(x);
              LockSupport.parkNanos(1_000); // a consumer slower than the reads
            });
    Fixtures.POOL.execute(
        () -> {
          jitter();
          LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(200_000));
          loop.cancel(true);
        });
    await(loop);
    assertTrue(loop.isCancelled(), "cancelled, not failed by an overlapping read");
    waitUntil(() -> source.closeCalls.get() == 1);
    waitUntil(() -> reads.stream().allMatch(CompletableFuture::isDone));
    for (int i = 0; i < seen.size(); i++) {
      assertEquals(i, seen.get(i));
    }
    assertEquals(1, maxOutstanding.get(), "one upstream anext() at a time");
    assertTrue(reads.size() <= seen.size() + 4 + 1, "reads: " + reads.size() + ", seen " + seen);
    assertEquals(1, source.closeCalls.get());
  }

  /**
   * The consumer asks for the next element and closes at once, while the body runs towards its
   * next yield: whichever wins, the body unwinds exactly once, aclose() completes after its
   * finally, and the pending anext() completes.
   */
  @RepeatedTest(200)
  void acloseRacingYield() {
    AtomicInteger finallyRuns = new AtomicInteger();
    AtomicInteger yielded = new AtomicInteger();
    AsyncIterator<Integer> it =
        Async.generator(
            out -> {
              try {
                for (int i = 0; ; i++) {
                  jitter();
                  out.yield(i);
                  yielded.incrementAndGet();
                }
              } finally {
                finallyRuns.incrementAndGet();
              }
            });
    int before = ThreadLocalRandom.current().nextInt(3);
    for (int i = 0; i < before; i++) {
      assertEquals(i, Async.anext(it).join());
    }
    CompletableFuture<Integer> pending = Async.anext(it);
    jitter();
    CompletableFuture<Void> closed = it.aclose().toCompletableFuture();
    await(closed);
    assertNull(closed.join());
    assertEquals(1, finallyRuns.get(), "the finally ran once, before aclose() completed");
    await(pending);
    if (!pending.isCompletedExceptionally()) {
      assertEquals(before, pending.join(), "the element yielded before the close won");
    }
    assertInstanceOf(StopAsyncIteration.class, failureOf(Async.anext(it)), "closed: it ends");
  }

  /** Cancelling a loop over a generator from another thread races the body's hand-over. */
  @RepeatedTest(200)
  void loopCancellationRacingYield() {
    AtomicInteger finallyRuns = new AtomicInteger();
    CompletableFuture<Void> unwound = new CompletableFuture<>();
    List<Integer> seen = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> loop =
        Async.asyncFor(
            Async.<Integer>generator(
                out -> {
                  try {
                    for (int i = 0; ; i++) {
                      out.yield(i);
                    }
                  } finally {
                    finallyRuns.incrementAndGet();
                    unwound.complete(null);
                  }
                }),
            x -> seen.add(x));
    jitter();
    loop.cancel(true);
    await(unwound);
    assertEquals(1, finallyRuns.get());
    for (int i = 0; i < seen.size(); i++) {
      assertEquals(i, seen.get(i));
    }
  }
}
