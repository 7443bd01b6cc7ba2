package dev.aiter.benchmarks;

import com.ibm.asyncutil.iteration.AsyncIterator;
import com.ibm.asyncutil.util.Either;
import dev.aiter.StopAsyncIteration;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletionException;
import java.util.stream.StreamSupport;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The operator-chain benchmark of issue 9: {@code map(x -> 2x) → filter(m % 3 != 0) →
 * limit(LIMIT) → sum} over the already-complete elements of {@link IntSource}, written the way a
 * user of each library would. Each returns the sum, checked by the benchmark and the tests.
 */
public final class ChainContenders {

  /** How many elements pass the limit. */
  public static final int LIMIT = 500_000;

  private static final Object TICK = new Object();

  private ChainContenders() {}

  /** The sum every contender must arrive at for a source of {@code n} elements. */
  public static long expected(int n) {
    long sum = 0;
    int taken = 0;
    for (int x = 0; x < n && taken < LIMIT; x++) {
      int m = 2 * x;
      if (m % 3 != 0) {
        sum += m;
        taken++;
      }
    }
    return sum;
  }

  /**
   * How many source elements the chain reads: up to the one that passes the limit, as {@code
   * run.sh} needs to report nanoseconds per source element.
   */
  public static int sourceElementsRead(int n) {
    int taken = 0;
    int x = 0;
    for (; x < n && taken < LIMIT; x++) {
      if ((2 * x) % 3 != 0) {
        taken++;
      }
    }
    return x;
  }

  /** aiter: the chain of operators on the generated adapter. */
  public static long aiter(int n) {
    Sum sum = new Sum();
    IntSourceAsync.aiter(new IntSource(n, null))
        .map(x -> 2 * x)
        .filter(m -> m % 3 != 0)
        .limit(LIMIT)
        .forEach(sum::add)
        .join();
    return sum.total();
  }

  /** The anchor: the same logic fused by hand inside one {@code asyncFor} body. */
  public static long handFused(int n) {
    long[] sum = {0};
    int[] taken = {0};
    IntSourceAsync.asyncFor(
            new IntSource(n, null),
            (x, loop) -> {
              int m = 2 * x;
              if (m % 3 != 0) {
                sum[0] += m;
                if (++taken[0] == LIMIT) {
                  loop.breakLoop();
                }
              }
            })
        .join();
    return sum[0];
  }

  /** Project Reactor: the fastest of its loop shapes over the source, then its operators. */
  public static long reactor(int n) {
    IntSource source = new IntSource(n, null);
    return Flux.generate(sink -> sink.next(TICK))
        .concatMap(tick -> Mono.fromFuture(source.anext()), 0)
        .onErrorComplete(StopAsyncIteration.class)
        .map(x -> 2 * x)
        .filter(m -> m % 3 != 0)
        .take(LIMIT)
        .reduce(0L, (s, m) -> s + m)
        .toFuture()
        .join();
  }

  /** RxJava 3: the same shape. */
  public static long rxjava(int n) {
    IntSource source = new IntSource(n, null);
    return Flowable.generate(emitter -> emitter.onNext(TICK))
        .concatMapSingle(tick -> Single.fromCompletionStage(source.anext()))
        .onErrorComplete(StopAsyncIteration.class::isInstance)
        .map(x -> 2 * x)
        .filter(m -> m % 3 != 0)
        .take(LIMIT)
        .reduce(0L, (s, m) -> s + m)
        .toCompletionStage()
        .toCompletableFuture()
        .join();
  }

  /** IBM async-util: its own {@code thenApply}, {@code filter}, {@code take} and {@code fold}. */
  public static long asyncUtil(int n) {
    IntSource source = new IntSource(n, null);
    AsyncIterator<Integer> it =
        () ->
            source
                .anext()
                .handle(
                    (value, error) -> {
                      if (error == null) {
                        return Either.right(value);
                      }
                      if (unwrap(error) instanceof StopAsyncIteration) {
                        return AsyncIterator.End.end();
                      }
                      throw new CompletionException(unwrap(error));
                    });
    return it.thenApply(x -> 2 * x)
        .filter(m -> m % 3 != 0)
        .take(LIMIT)
        .fold(0L, (s, m) -> s + m)
        .toCompletableFuture()
        .join();
  }

  /** The floor: {@code java.util.stream} over a plain {@code Iterator} of the same values. */
  public static long stream(int n) {
    Iterator<Integer> values =
        new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < n;
          }

          @Override
          public Integer next() {
            return next++;
          }
        };
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(values, Spliterator.ORDERED), false)
        .map(x -> 2 * x)
        .filter(m -> m % 3 != 0)
        .limit(LIMIT)
        .mapToLong(Integer::longValue)
        .sum();
  }

  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
