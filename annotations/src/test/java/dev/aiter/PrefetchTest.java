package dev.aiter;

import static dev.aiter.Fixtures.await;
import static dev.aiter.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code prefetch(n)}: reads up to n ahead, never more, in order, and cancels its read on close. */
class PrefetchTest {

  private static final RuntimeException BOOM = new IllegalStateException("boom");

  /** A source whose stages the test completes by hand, each with its index. */
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

    void complete(int i) {
      stages.get(i).complete(i);
    }
  }

  @Test
  void neverReadsMoreThanNAheadOfTheConsumer() {
    ScriptedSource source = ScriptedSource.counting(100);
    AsyncIterator<Integer> it = ScriptedSourceAsync.aiter(source).prefetch(5);
    assertEquals(0, source.nextCalls.get(), "nothing before the first anext()");
    assertEquals(0, Async.anext(it).join());
    assertEquals(6, source.nextCalls.get(), "one delivered, five ahead");
    for (int i = 1; i <= 3; i++) {
      assertEquals(i, Async.anext(it).join());
      assertEquals(i + 6, source.nextCalls.get());
    }
  }

  @Test
  void readsAheadWhileTheConsumerIsNotAsking() {
    HandSource hand = new HandSource();
    AsyncIterator<Integer> it = ScriptedSourceAsync.aiter(hand.source).prefetch(3);
    CompletableFuture<Integer> first = Async.anext(it);
    hand.complete(0);
    assertEquals(0, first.join());
    for (int i = 1; i <= 3; i++) {
      assertEquals(i + 1, hand.stages.size(), "one read at a time");
      hand.complete(i);
    }
    assertEquals(4, hand.stages.size(), "three are held: no fourth read ahead");
    assertEquals(1, Async.anext(it).join());
    assertEquals(5, hand.stages.size(), "taking one frees a place");
  }

  @Test
  void elementsAndTheEndComeInOrder() {
    assertEquals(
        List.of(0, 1, 2, 3, 4, 5, 6),
        ScriptedSourceAsync.aiter(ScriptedSource.counting(7)).prefetch(3).toList().join());
  }

  @Test
  void anUpstreamFailureComesAfterTheElementsBeforeIt() {
    ScriptedSource source =
        new ScriptedSource(
            i -> i < 3 ? CompletableFuture.completedFuture(i) : CompletableFuture.failedFuture(BOOM),
            () -> CompletableFuture.completedFuture(null));
    List<Integer> seen = new ArrayList<>();
    CompletableFuture<Void> loop =
        Async.asyncFor(ScriptedSourceAsync.aiter(source).prefetch(8), x -> seen.add(x));
    assertSame(BOOM, failureOf(loop));
    assertEquals(List.of(0, 1, 2), seen);
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void closeCancelsThePendingReadAndClosesTheUpstreamOnce() {
    HandSource hand = new HandSource();
    AsyncIterator<Integer> it = ScriptedSourceAsync.aiter(hand.source).prefetch(4);
    CompletableFuture<Integer> first = Async.anext(it);
    hand.complete(0);
    assertEquals(0, first.join());
    assertEquals(2, hand.stages.size());
    assertNull(it.aclose().toCompletableFuture().join());
    assertTrue(hand.stages.get(1).isCancelled(), "the read in flight is cancelled");
    assertEquals(1, hand.source.closeCalls.get());
    it.aclose().toCompletableFuture().join();
    assertEquals(1, hand.source.closeCalls.get());
    assertEquals(2, hand.stages.size(), "nothing read after the close");
  }

  @Test
  void cancellingTheLoopCancelsThePendingReadAndCloses() {
    HandSource hand = new HandSource();
    CompletableFuture<Void> loop =
        Async.asyncFor(ScriptedSourceAsync.aiter(hand.source).prefetch(4), x -> {});
    assertTrue(loop.cancel(true));
    assertTrue(hand.stages.get(0).isCancelled());
    assertEquals(1, hand.source.closeCalls.get());
  }

  @Test
  void overAGeneratedAdapterUpstreamIsPulledOneAtATime() {
    AtomicInteger outstanding = new AtomicInteger();
    AtomicInteger maxOutstanding = new AtomicInteger();
    ScriptedSource source =
        new ScriptedSource(
            i -> {
              maxOutstanding.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
              return CompletableFuture.supplyAsync(
                  () -> {
                    outstanding.decrementAndGet();
                    if (i >= 500) {
                      throw new StopAsyncIteration();
                    }
                    return i;
                  },
                  Fixtures.POOL);
            },
            () -> CompletableFuture.completedFuture(null));
    CompletableFuture<List<Integer>> all = ScriptedSourceAsync.aiter(source).prefetch(16).toList();
    await(all);
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      expected.add(i);
    }
    assertEquals(expected, all.join());
    assertEquals(1, maxOutstanding.get());
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void aMillionAlreadyCompleteElementsRunInConstantStack() {
    int[] depth = new int[2];
    long[] sum = {0};
    Async.asyncFor(
            AsyncIterator.range(0, 1_000_000).prefetch(8),
            x -> {
              sum[0] += x;
              if (x == 1) {
                depth[0] = new Throwable().getStackTrace().length;
              } else if (x == 999_999) {
                depth[1] = new Throwable().getStackTrace().length;
              }
            })
        .join();
    assertEquals(499_999_500_000L, sum[0]);
    assertEquals(depth[0], depth[1]);
  }

  @Test
  void nothingIsAllocatedPerElementOverAlreadyCompleteStages() {
    long bytes = MapAsyncConcurrentTest.allocatedFor1MElements(it -> it.prefetch(8));
    assertTrue(bytes < 16_384, bytes + " bytes for 1M elements");
  }

  @Test
  void anOverlappingAnextFailsWithAlreadyRunning() {
    HandSource hand = new HandSource();
    AsyncIterator<Integer> it = ScriptedSourceAsync.aiter(hand.source).prefetch(2);
    CompletableFuture<Integer> first = Async.anext(it);
    Throwable overlap = failureOf(Async.anext(it));
    assertInstanceOf(IllegalStateException.class, overlap);
    assertTrue(overlap.getMessage().contains("AsyncIterator.prefetch(n) is already running"));
    hand.complete(0);
    assertEquals(0, first.join());
    assertFalse(hand.stages.get(0).isCancelled());
  }

  @Test
  void nBelowOneIsRejectedWhenTheOperatorIsCalled() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AsyncIterator.range(0, 3).prefetch(0));
    assertTrue(e.getMessage().contains("n must be at least 1, got 0"), e.getMessage());
  }
}
