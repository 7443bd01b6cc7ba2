package dev.aiter;

import static dev.aiter.Fixtures.await;
import static dev.aiter.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.Fixtures.Counter;
import dev.aiter.Fixtures.Mode;
import dev.aiter.Fixtures.Path;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** B4 (one element at a time, in order) and B5 (errors arrive unwrapped). */
class AsyncForTest {

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dev.aiter.Fixtures#pathsAndModes")
  void b4_nextIsCalledOnlyAfterTheBodyReturned(Path path, Mode mode) {
    Counter counter = new Counter(50, mode);
    List<Integer> seen = new ArrayList<>();
    CompletableFuture<Void> loop =
        Async.asyncFor(
            path.over(counter),
            x -> {
              assertEquals(seen.size() + 1, counter.nextCalls.get(), "one next call per element so far");
              seen.add(x);
            });
    await(loop);
    assertNull(loop.join());
    assertEquals(50, seen.size());
    for (int i = 0; i < 50; i++) {
      assertEquals(i, seen.get(i));
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dev.aiter.Fixtures#pathsAndModes")
  void b4_asyncForAwaitCallsNextOnlyAfterTheBodysStageCompleted(Path path, Mode mode) {
    Counter counter = new Counter(20, mode);
    List<Integer> seen = new ArrayList<>();
    CompletableFuture<Void> loop =
        Async.asyncForAwait(
            path.over(counter),
            x ->
                CompletableFuture.runAsync(
                    () -> {
                      assertEquals(seen.size() + 1, counter.nextCalls.get());
                      seen.add(x);
                    },
                    Fixtures.POOL));
    await(loop);
    assertNull(loop.join());
    assertEquals(20, seen.size());
    assertEquals(0, seen.get(0));
    assertEquals(19, seen.get(19));
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b4_asyncForAwaitWaitsForAPendingBodyStage(Path path) {
    Counter counter = new Counter(3, Mode.SYNC);
    List<CompletableFuture<Void>> bodies = new ArrayList<>();
    CompletableFuture<Void> loop =
        Async.asyncForAwait(
            path.over(counter),
            x -> {
              CompletableFuture<Void> work = new CompletableFuture<>();
              bodies.add(work);
              return work;
            });
    assertEquals(1, counter.nextCalls.get());
    bodies.get(0).complete(null);
    assertEquals(2, counter.nextCalls.get());
    bodies.get(1).complete(null);
    bodies.get(2).complete(null);
    assertNull(loop.join());
    assertEquals(4, counter.nextCalls.get());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b4_loopFutureCompletesOnlyWhenTheLoopEnds(Path path) {
    CompletableFuture<Integer> first = new CompletableFuture<>();
    AtomicInteger calls = new AtomicInteger();
    AsyncIterator<Integer> it =
        pathOf(path, () -> calls.getAndIncrement() == 0 ? first : CompletableFuture.failedFuture(new StopAsyncIteration()));
    CompletableFuture<Void> loop = Async.asyncFor(it, x -> {});
    assertFalse(loop.isDone());
    first.complete(1);
    assertNull(loop.join());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b5_nextThrowsFailsTheLoopWithThatException(Path path) {
    IOException boom = new IOException("boom");
    AsyncIterator<Integer> it = pathOf(path, () -> sneakyThrow(boom));
    assertSame(boom, failureOf(Async.asyncFor(it, x -> {})));
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b5_nextStageFailsFailsTheLoopUnwrapped(Path path) {
    IllegalStateException boom = new IllegalStateException("boom");
    for (CompletableFuture<Integer> failed :
        List.of(
            CompletableFuture.<Integer>failedFuture(boom),
            CompletableFuture.<Integer>failedFuture(new CompletionException(boom)),
            CompletableFuture.<Integer>supplyAsync(() -> { throw boom; }, Fixtures.POOL))) {
      AsyncIterator<Integer> it = pathOf(path, () -> failed);
      CompletableFuture<Void> loop = Async.asyncFor(it, x -> {});
      await(loop);
      assertSame(boom, failureOf(loop));
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dev.aiter.Fixtures#pathsAndModes")
  void b5_bodyThrowsFailsTheLoopWithThatException(Path path, Mode mode) {
    Exception boom = new Exception("checked, from the body");
    Counter counter = new Counter(10, mode);
    CompletableFuture<Void> loop =
        Async.asyncFor(
            path.over(counter),
            x -> {
              if (x == 3) {
                throw boom;
              }
            });
    await(loop);
    assertSame(boom, failureOf(loop));
    assertEquals(4, counter.nextCalls.get(), "no next call after the failing body");
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b5_bodysStageFailsFailsTheLoopUnwrapped(Path path) {
    IOException boom = new IOException("boom");
    for (int variant = 0; variant < 3; variant++) {
      int v = variant;
      CompletableFuture<Void> loop =
          Async.asyncForAwait(
              path.over(new Counter(5, Mode.SYNC)),
              x -> switch (v) {
                case 0 -> CompletableFuture.failedFuture(boom);
                case 1 -> CompletableFuture.failedFuture(new CompletionException(boom));
                default -> CompletableFuture.runAsync(() -> { throw new CompletionException(boom); }, Fixtures.POOL);
              });
      await(loop);
      assertSame(boom, failureOf(loop), "variant " + v);
    }
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b5_bodyReturningANullStageFailsTheLoopWithNpe(Path path) {
    CompletableFuture<Void> loop = Async.asyncForAwait(path.over(new Counter(5, Mode.SYNC)), x -> null);
    Throwable failure = failureOf(loop);
    assertInstanceOf(NullPointerException.class, failure);
    assertTrue(failure.getMessage().contains("asyncForAwait"), failure.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b5_stopAsyncIterationThrownByTheBodyIsAnErrorNotAnEnd(Path path) {
    StopAsyncIteration fromBody = new StopAsyncIteration("from the body");
    CompletableFuture<Void> loop =
        Async.asyncFor(path.over(new Counter(5, Mode.SYNC)), x -> { throw fromBody; });
    assertSame(fromBody, failureOf(loop));
    CompletableFuture<Void> awaiting =
        Async.asyncForAwait(path.over(new Counter(5, Mode.SYNC)), x -> CompletableFuture.failedFuture(fromBody));
    assertSame(fromBody, failureOf(awaiting));
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b5_errorsFromTheBodyAreNotWrappedEvenWhenTheyAreErrors(Path path) {
    AssertionError error = new AssertionError("an Error from the body");
    CompletableFuture<Void> loop = Async.asyncFor(path.over(new Counter(5, Mode.ASYNC)), x -> { throw error; });
    await(loop);
    assertSame(error, failureOf(loop));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dev.aiter.Fixtures#pathsAndModes")
  void breakLoop_stopsAfterTheCurrentBody(Path path, Mode mode) {
    Counter counter = new Counter(100, mode);
    List<Integer> seen = new ArrayList<>();
    CompletableFuture<Void> loop =
        Async.asyncFor(
            path.over(counter),
            (x, control) -> {
              seen.add(x);
              if (x == 4) {
                control.breakLoop();
              }
            });
    await(loop);
    assertNull(loop.join());
    assertEquals(List.of(0, 1, 2, 3, 4), seen);
    assertEquals(5, counter.nextCalls.get());
    assertEquals(1, counter.closeCalls.get());
  }

  interface Next {
    CompletionStage<Integer> call() throws Exception;
  }

  static AsyncIterator<Integer> pathOf(Path path, Next next) {
    if (path == Path.ITERATOR) {
      return () -> {
        try {
          return next.call();
        } catch (Exception e) {
          return sneakyThrow(e);
        }
      };
    }
    return AnextTest.adapter(next::call);
  }

  @SuppressWarnings("unchecked")
  static <E extends Throwable, R> R sneakyThrow(Throwable t) throws E {
    throw (E) t;
  }
}
