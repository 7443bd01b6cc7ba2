package dev.aiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.aiter.OperatorCases.Via;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * O8: a chain of operators over already-complete stages runs in constant stack depth, and adds
 * nothing per element beyond what the source and the functions allocate. Each chain runs on a
 * thread with a 256 KiB stack, so depth that grew with the element count would overflow within a
 * few thousand elements.
 */
class ChainStackSafetyTest {

  private static final int TEN_MILLION = 10_000_000;

  /** Runs {@code work} on a fresh thread with a 256 KiB stack and rethrows what it threw. */
  private static void onSmallStack(Runnable work) throws InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                work.run();
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            "small-stack",
            256 * 1024);
    thread.start();
    thread.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void o8_tenMillionElementsThroughMapFilterLimit_onA256KiBStack(Via via) throws Exception {
    onSmallStack(
        () -> {
          ScriptedSource source = ScriptedSource.counting(TEN_MILLION);
          long[] sum = {0};
          CompletableFuture<Void> loop =
              via.over(source)
                  .map(x -> x * 2)
                  .filter(x -> x % 3 != 0)
                  .limit(TEN_MILLION)
                  .forEach(x -> sum[0] += x);
          assertNull(loop.join());
          long expected = 0;
          for (long i = 0; i < TEN_MILLION; i++) {
            if ((2 * i) % 3 != 0) {
              expected += 2 * i;
            }
          }
          assertEquals(expected, sum[0]);
          assertEquals(TEN_MILLION + 1, source.nextCalls.get());
        });
  }

  @Test
  void o8_everyOperatorChainedOverTenMillionElements_onA256KiBStack() throws Exception {
    onSmallStack(
        () -> {
          CompletableFuture<Long> count =
              AsyncIterator.range(0, TEN_MILLION)
                  .peek(x -> {})
                  .skip(1)
                  .dropWhile(x -> x < 10)
                  .takeWhile(x -> x >= 0)
                  .flatMapIterable(x -> java.util.List.of(x))
                  .flatMap(AsyncIterator::of)
                  .zip(AsyncIterator.range(0, Integer.MAX_VALUE), (a, b) -> a)
                  .concat(AsyncIterator.empty())
                  .enumerate()
                  .map(Indexed::value)
                  .mapAsync(CompletableFuture::completedFuture)
                  .batched(7)
                  .count();
          assertEquals((TEN_MILLION - 10 + 6) / 7, count.join());
        });
  }

  /** A stage that is complete but that the engine cannot inspect: it takes the pending path. */
  private static <T> CompletionStage<T> minimal(T value) {
    return CompletableFuture.completedFuture(value).minimalCompletionStage();
  }

  /**
   * The pending path over stages that are already complete: {@code minimalCompletionStage()}s
   * answer pending and then complete inside {@code whenComplete}, a filter that rejects answers
   * pending again on the next one, and the window, timeout and publisher bridges register on
   * them. Through the loop and through a hand-written iterator's {@code anext()} (each a {@code
   * Resumption}), the stack stays flat.
   */
  @Test
  void o8_minimalStagesThroughTheTrampolinedOperators_onA256KiBStack() throws Exception {
    int n = 200_000;
    onSmallStack(
        () -> {
          assertEquals(n / 5, minimalChain(n).count().join());
          AsyncIterator<Integer> chain = minimalChain(n);
          AsyncIterator<Integer> handWritten =
              new AsyncIterator<>() {
                @Override
                public CompletionStage<Integer> anext() {
                  return chain.anext(); // a Resumption each time: the pending path
                }
              };
          assertEquals(n / 5, handWritten.count().join());
        });
  }

  /** 0 .. n - 1 as minimal stages, through the operators that wait on stages of their own. */
  private static AsyncIterator<Integer> minimalChain(int n) {
    AsyncIterator<Integer> source =
        new AsyncIterator<>() {
          private int next;

          @Override
          public CompletionStage<Integer> anext() {
            return next < n
                ? minimal(next++)
                : CompletableFuture.<Integer>failedFuture(new StopAsyncIteration())
                    .minimalCompletionStage();
          }
        };
    AsyncIterator<Integer> it =
        source
            .filter(x -> x % 5 == 0)
            .mapAsync(ChainStackSafetyTest::minimal)
            .mapAsync(3, ChainStackSafetyTest::minimal)
            .timeout(Duration.ofMinutes(5))
            .prefetch(2);
    return Async.fromPublisher(it.toPublisher(), 4);
  }

  @Test
  void o8_aChainAllocatesNothingPerElementOfItsOwn() throws Exception {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long[] sum = {0};
    // Boxed elements below 128 come from Integer's cache: the source allocates nothing either.
    Runnable run =
        () ->
            AsyncIterator.from(new CycleOfSmallIntegers(1_000_000))
                .map(x -> x)
                .filter(x -> x >= 0)
                .limit(1_000_000)
                .forEach(x -> sum[0] += x)
                .join();
    run.run(); // warm up: class loading and the JIT allocate
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    run.run();
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    assertEquals(true, allocated < 64 * 1024, "allocated " + allocated + " B for 1,000,000 elements");
  }

  /** An iterable over {@code count} small integers that allocates nothing per element. */
  private static final class CycleOfSmallIntegers implements Iterable<Integer> {
    private final int count;

    CycleOfSmallIntegers(int count) {
      this.count = count;
    }

    @Override
    public java.util.Iterator<Integer> iterator() {
      return new java.util.Iterator<>() {
        int i;

        @Override
        public boolean hasNext() {
          return i < count;
        }

        @Override
        public Integer next() {
          return i++ & 63;
        }
      };
    }
  }
}
