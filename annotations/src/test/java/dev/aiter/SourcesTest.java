package dev.aiter;

import static dev.aiter.Fixtures.await;
import static dev.aiter.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.OperatorCases.Boom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The sources of {@link AsyncIterator} and Python's two-argument {@code aiter}. */
class SourcesTest {

  private static <T> List<T> drain(AsyncIterator<T> it) {
    CompletableFuture<List<T>> list = it.toList();
    await(list);
    return list.join();
  }

  @Test
  void empty_endsAtOnce() {
    assertInstanceOf(
        StopAsyncIteration.class, failureOf(AsyncIterator.empty().anext().toCompletableFuture()));
  }

  @Test
  void of_deliversTheElementsInOrder_nullsIncluded() {
    assertEquals(Arrays.asList("a", null, "c"), drain(AsyncIterator.of("a", null, "c")));
    assertEquals(List.of(), drain(AsyncIterator.of()));
  }

  @Test
  void from_takesTheIteratorAtTheFirstAnext_andReadsLazily() {
    AtomicInteger iterators = new AtomicInteger();
    AtomicInteger reads = new AtomicInteger();
    Iterable<Integer> iterable =
        () -> {
          iterators.incrementAndGet();
          return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
              return i < 3;
            }

            @Override
            public Integer next() {
              reads.incrementAndGet();
              return i++;
            }
          };
        };
    AsyncIterator<Integer> it = AsyncIterator.from(iterable);
    assertEquals(0, iterators.get());
    assertEquals(0, it.anext().toCompletableFuture().join());
    assertEquals(1, iterators.get());
    assertEquals(1, reads.get());
    assertEquals(List.of(1, 2), drain(it));
  }

  @Test
  void from_anIteratorThatThrowsFailsWithTheVeryException() {
    Boom boom = new Boom("iterator");
    Iterable<Integer> iterable =
        () ->
            new Iterator<>() {
              @Override
              public boolean hasNext() {
                throw boom;
              }

              @Override
              public Integer next() {
                return 0;
              }
            };
    assertSame(boom, failureOf(AsyncIterator.from(iterable).toList()));
  }

  @Test
  void range_isPythonsRange() {
    assertEquals(List.of(3, 4, 5), drain(AsyncIterator.range(3, 6)));
    assertEquals(List.of(), drain(AsyncIterator.range(3, 3)));
    assertEquals(List.of(), drain(AsyncIterator.range(3, 1)));
    assertEquals(List.of(-2, -1), drain(AsyncIterator.range(-2, 0)));
  }

  // Python 3.16's aiter(callable, sentinel)

  @Test
  void aiterWithSentinel_endsAtTheSentinel_whichIsNotDelivered() {
    AtomicInteger n = new AtomicInteger();
    AsyncIterator<Integer> it =
        Async.aiter(() -> CompletableFuture.completedFuture(n.getAndIncrement()), 3);
    assertEquals(List.of(0, 1, 2), drain(it));
    assertEquals(4, n.get(), "called until the sentinel, not beyond");
  }

  @Test
  void aiterWithSentinel_callsOnlyAtAnext_andOnlyAfterThePreviousStageCompleted() {
    List<CompletableFuture<String>> calls = new ArrayList<>();
    AsyncIterator<String> it =
        Async.aiter(
            () -> {
              CompletableFuture<String> f = new CompletableFuture<>();
              calls.add(f);
              return f;
            },
            "stop");
    assertEquals(0, calls.size());
    CompletableFuture<List<String>> list = it.toList();
    assertEquals(1, calls.size());
    calls.get(0).complete("a");
    assertEquals(2, calls.size());
    calls.get(1).completeAsync(() -> "stop", Fixtures.POOL);
    await(list);
    assertEquals(List.of("a"), list.join());
    assertEquals(2, calls.size());
  }

  @Test
  void aiterWithSentinel_aNullSentinelEndsAtANullValue() {
    List<String> values = new ArrayList<>(Arrays.asList("x", "y", null, "z"));
    AsyncIterator<String> it =
        Async.aiter(() -> CompletableFuture.completedFuture(values.remove(0)), null);
    assertEquals(List.of("x", "y"), drain(it));
  }

  @Test
  void aiterWithSentinel_aStopAsyncIterationFromTheCallIsAnError() {
    StopAsyncIteration stop = new StopAsyncIteration();
    AsyncIterator<Integer> it = Async.aiter(() -> CompletableFuture.failedFuture(stop), 0);
    Throwable e = failureOf(it.toList());
    assertInstanceOf(IllegalStateException.class, e);
    assertSame(stop, e.getCause());
    assertTrue(e.getMessage().contains("sentinel"), e.getMessage());
  }

  @Test
  void aiterWithSentinel_aThrowingCallOrANullStageFails() {
    Boom boom = new Boom("call");
    assertSame(
        boom,
        failureOf(
            Async.<Integer>aiter(
                    () -> {
                      throw boom;
                    },
                    0)
                .toList()));
    Throwable e = failureOf(Async.<Integer>aiter(() -> null, 0).toList());
    assertInstanceOf(NullPointerException.class, e);
    assertTrue(e.getMessage().contains("aiter(call, sentinel)"), e.getMessage());
  }

  /** A value whose {@code equals} throws: comparing it with the sentinel runs user code. */
  private record Touchy(Boom boom) {
    @Override
    public boolean equals(Object other) {
      throw boom;
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }

  /**
   * The comparison with the sentinel fails the iteration with the exception (it used to escape:
   * thrown from toList() for a value at hand, and lost in the stage's callback for a later one,
   * where the loop then waited for ever).
   */
  @Test
  void aiterWithSentinel_anEqualsThatThrowsFailsTheIteration_atOnceAndLater() {
    Boom boom = new Boom("equals");
    Touchy value = new Touchy(boom);
    Touchy sentinel = new Touchy(boom);
    assertSame(
        boom,
        failureOf(Async.aiter(() -> CompletableFuture.completedFuture(value), sentinel).toList()));
    CompletableFuture<List<Touchy>> later =
        Async.aiter(() -> CompletableFuture.supplyAsync(() -> value, Fixtures.POOL), sentinel)
            .toList();
    await(later);
    assertSame(boom, failureOf(later));
  }

  @Test
  void aiterWithSentinel_closingCancelsThePendingCall() {
    CompletableFuture<Integer> pending = new CompletableFuture<>();
    AsyncIterator<Integer> it = Async.aiter(() -> pending, 0);
    CompletableFuture<Integer> next = it.anext().toCompletableFuture();
    assertFalse(next.isDone());
    await(it.aclose().toCompletableFuture());
    assertTrue(pending.isCancelled());
  }
}
