package dev.aiter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.generated.Adapters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Sources and helpers shared by the runtime tests. */
final class Fixtures {

  /** Threads that complete stages asynchronously; daemon so that a failing test cannot hang the JVM. */
  static final ExecutorService POOL =
      Executors.newFixedThreadPool(
          4,
          r -> {
            Thread t = new Thread(r, "aiter-test-pool");
            t.setDaemon(true);
            return t;
          });

  private Fixtures() {}

  /** How a {@link Counter} completes the stages it returns. */
  enum Mode {
    /** Already-complete {@code CompletableFuture}s; the end is a failed future. */
    SYNC {
      @Override
      CompletionStage<Integer> value(int i) {
        return CompletableFuture.completedFuture(i);
      }

      @Override
      CompletionStage<Integer> end() {
        return CompletableFuture.failedFuture(new StopAsyncIteration());
      }
    },
    /** Completed by another thread; the end is wrapped in CompletionException, as supplyAsync does. */
    ASYNC {
      @Override
      CompletionStage<Integer> value(int i) {
        return CompletableFuture.supplyAsync(() -> i, POOL);
      }

      @Override
      CompletionStage<Integer> end() {
        return CompletableFuture.supplyAsync(
            () -> {
              throw new StopAsyncIteration();
            },
            POOL);
      }
    },
    /** Two of three complete already, one on another thread. */
    MIXED {
      @Override
      CompletionStage<Integer> value(int i) {
        return i % 3 == 1 ? ASYNC.value(i) : SYNC.value(i);
      }

      @Override
      CompletionStage<Integer> end() {
        return ASYNC.end();
      }
    },
    /** {@code minimalCompletionStage()}: isDone() and getNow() throw on these. */
    MINIMAL {
      @Override
      CompletionStage<Integer> value(int i) {
        CompletionStage<Integer> s = i % 2 == 0 ? SYNC.value(i) : ASYNC.value(i);
        return ((CompletableFuture<Integer>) s).minimalCompletionStage();
      }

      @Override
      CompletionStage<Integer> end() {
        return CompletableFuture.<Integer>failedFuture(new StopAsyncIteration())
            .minimalCompletionStage();
      }
    },
    /** Already-complete values; the end is thrown synchronously. */
    THROWS_END {
      @Override
      CompletionStage<Integer> value(int i) {
        return SYNC.value(i);
      }

      @Override
      CompletionStage<Integer> end() {
        throw new StopAsyncIteration();
      }
    };

    abstract CompletionStage<Integer> value(int i);

    abstract CompletionStage<Integer> end();
  }

  /** A user's class with an async next method, counting from 0 to count - 1. */
  static final class Counter {
    final int count;
    final Mode mode;
    final AtomicInteger nextCalls = new AtomicInteger();
    final AtomicInteger closeCalls = new AtomicInteger();
    private int current;

    Counter(int count, Mode mode) {
      this.count = count;
      this.mode = mode;
    }

    CompletionStage<Integer> anext() {
      nextCalls.incrementAndGet();
      if (current >= count) {
        return mode.end();
      }
      return mode.value(current++);
    }

    CompletionStage<Void> aclose() {
      closeCalls.incrementAndGet();
      return CompletableFuture.completedFuture(null);
    }
  }

  /** The two ways a loop reaches a source: a hand-written iterator, or a generated-style adapter. */
  enum Path {
    ITERATOR(Fixtures::handWritten),
    ADAPTER(Fixtures::adapter);

    private final Function<Counter, AsyncIterator<Integer>> wrap;

    Path(Function<Counter, AsyncIterator<Integer>> wrap) {
      this.wrap = wrap;
    }

    AsyncIterator<Integer> over(Counter counter) {
      return wrap.apply(counter);
    }
  }

  /** Every path crossed with every mode. */
  static Stream<Arguments> pathsAndModes() {
    List<Arguments> all = new ArrayList<>();
    for (Path path : Path.values()) {
      for (Mode mode : Mode.values()) {
        all.add(Arguments.of(path, mode));
      }
    }
    return all.stream();
  }

  static AsyncIterator<Integer> handWritten(Counter counter) {
    return new AsyncIterator<>() {
      @Override
      public CompletionStage<Integer> anext() {
        return counter.anext();
      }

      @Override
      public CompletionStage<Void> aclose() {
        return counter.aclose();
      }
    };
  }

  /** What the processor generates for {@link Counter}. */
  static AsyncIterator<Integer> adapter(Counter counter) {
    return Adapters.<Integer>stage(
        "dev.aiter.Counter", "anext", counter::anext, "aclose", counter::aclose);
  }

  /** The exception a future holds, exactly as stored (no CompletionException added by join). */
  static Throwable failureOf(CompletableFuture<?> future) {
    Throwable held = future.handle((value, error) -> error).join();
    assertTrue(held != null, "expected the future to have failed");
    return held;
  }

  /** Waits for a future to complete either way, failing the test instead of hanging. */
  static void await(CompletableFuture<?> future) {
    try {
      future.handle((v, e) -> null).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the future did not complete in 10 s: " + future, e);
    }
  }

  /** A stage that is pending until the test completes it. */
  static <T> CompletableFuture<T> pending() {
    return new CompletableFuture<>();
  }
}
