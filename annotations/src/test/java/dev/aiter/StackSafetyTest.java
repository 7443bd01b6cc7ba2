package dev.aiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.Fixtures.Path;
import dev.aiter.generated.Adapters;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * B8: constant stack depth and no allocation of the loop's own per element. The surefire fork runs
 * with {@code -Xss256k} (root pom), so a loop whose depth grew with the element count would
 * overflow within a few thousand elements.
 */
class StackSafetyTest {

  private static final int HUNDRED_MILLION = 100_000_000;

  /** A source that hands out already-complete futures of its own, as a fast in-memory source would. */
  static final class Range {
    private final int end;
    private int next;

    Range(int end) {
      this.end = end;
    }

    CompletableFuture<Integer> anext() {
      return next < end
          ? CompletableFuture.completedFuture(next++)
          : CompletableFuture.failedFuture(new StopAsyncIteration());
    }
  }

  static AsyncIterator<Integer> over(Range range, Path path) {
    if (path == Path.ITERATOR) {
      return range::anext;
    }
    return Adapters.<Integer>stage("dev.aiter.Range", "anext", range::anext);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b8_hundredMillionAlreadyCompleteElementsInConstantStack(Path path) {
    long[] sum = {0};
    CompletableFuture<Void> loop = Async.asyncFor(over(new Range(HUNDRED_MILLION), path), x -> sum[0] += x);
    assertNull(loop.join());
    assertEquals((long) HUNDRED_MILLION * (HUNDRED_MILLION - 1) / 2, sum[0]);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b8_stackDepthInTheBodyDoesNotGrow(Path path) {
    int[] depthAt = new int[3];
    Async.asyncFor(
            over(new Range(200_001), path),
            x -> {
              if (x == 1) {
                depthAt[0] = new Throwable().getStackTrace().length;
              } else if (x == 100_000) {
                depthAt[1] = new Throwable().getStackTrace().length;
              } else if (x == 200_000) {
                depthAt[2] = new Throwable().getStackTrace().length;
              }
            })
        .join();
    assertEquals(depthAt[0], depthAt[1]);
    assertEquals(depthAt[0], depthAt[2]);
  }

  /** Pending and complete stages interleaved, completed by other threads: still flat. */
  @ParameterizedTest
  @EnumSource(Path.class)
  void b8_mixedPendingAndCompleteStagesInConstantStack(Path path) {
    AtomicInteger n = new AtomicInteger();
    Scripted source =
        new Scripted(
            i -> {
              if (i >= 300_000) {
                return CompletableFuture.failedFuture(new StopAsyncIteration());
              }
              return i % 1_000 == 0
                  ? CompletableFuture.supplyAsync(() -> i, Fixtures.POOL)
                  : CompletableFuture.completedFuture(i);
            },
            () -> CompletableFuture.completedFuture(null));
    AsyncIterator<Integer> it = source.via(path);
    CompletableFuture<Void> loop = Async.asyncForAwait(it, x -> {
      n.incrementAndGet();
      return x % 777 == 0 ? CompletableFuture.runAsync(() -> {}, Fixtures.POOL) : CompletableFuture.completedFuture(null);
    });
    Fixtures.await(loop);
    assertNull(loop.join());
    assertEquals(300_000, n.get());
  }

  /** Each stage completes on the thread that asked for it, inside whenComplete's registration. */
  @ParameterizedTest
  @EnumSource(Path.class)
  void b8_minimalStagesCompleteAtRegistrationInConstantStack(Path path) {
    AtomicInteger n = new AtomicInteger();
    Scripted source =
        new Scripted(
            i -> i < 100_000
                ? CompletableFuture.completedFuture(i).minimalCompletionStage()
                : CompletableFuture.<Integer>failedFuture(new StopAsyncIteration()).minimalCompletionStage(),
            () -> CompletableFuture.completedFuture(null));
    assertNull(Async.asyncFor(source.via(path), x -> n.incrementAndGet()).join());
    assertEquals(100_000, n.get());
  }

  /**
   * The loop allocates nothing of its own per element: over a source that allocates nothing
   * either (one shared complete future), a million elements allocate no more than a few kilobytes.
   */
  @ParameterizedTest
  @EnumSource(Path.class)
  void b8_noPerElementAllocationOnTheAlreadyCompletePath(Path path) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long threadId = Thread.currentThread().getId();
    long bytes = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) { // the first rounds warm up and compile the loop
      CompletableFuture<Integer> shared = CompletableFuture.completedFuture(1);
      CompletableFuture<Integer> end = CompletableFuture.failedFuture(new StopAsyncIteration());
      int[] left = {1_000_000};
      Scripted source = new Scripted(i -> left[0]-- > 0 ? shared : end, () -> CompletableFuture.completedFuture(null));
      AsyncIterator<Integer> it = source.via(path);
      long[] sum = {0};
      long before = threads.getThreadAllocatedBytes(threadId);
      assertTrue(before >= 0, "this JVM measures allocation per thread");
      Async.asyncFor(it, x -> sum[0] += x).join();
      bytes = Math.min(bytes, threads.getThreadAllocatedBytes(threadId) - before);
      assertEquals(1_000_000, sum[0]);
    }
    assertTrue(bytes < 16_384, "allocated " + bytes + " bytes for 1,000,000 elements");
  }
}
