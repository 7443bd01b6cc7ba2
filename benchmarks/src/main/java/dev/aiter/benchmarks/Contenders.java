package dev.aiter.benchmarks;

import com.ibm.asyncutil.iteration.AsyncIterator;
import com.ibm.asyncutil.util.Either;
import dev.aiter.StopAsyncIteration;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every contender, each summing the elements of a fresh source the way a user of that library
 * would write it. The benchmarks and the tests call these same methods; each returns the sum once
 * the loop has ended, so that a broken contender fails instead of measuring nothing.
 */
public final class Contenders {

  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
  private static final Object TICK = new Object();

  private Contenders() {}

  /** The floor: a plain {@code for} over an {@code Iterator} of the same values. */
  public static long floor(int n) {
    Sum sum = new Sum();
    for (Iterator<Integer> it = new CountingIterator(n); it.hasNext(); ) {
      sum.add(it.next());
    }
    return sum.total();
  }

  /** The practical limit: {@link HandWrittenLoop}. */
  public static long handWritten(int n, Executor executor) {
    Sum sum = new Sum();
    HandWrittenLoop.run(new IntSource(n, executor), sum::add).join();
    return sum.total();
  }

  /** The Java 21+ way: a virtual thread blocking on each element, {@link VirtualThreadLoop}. */
  public static long virtualThread(int n, Executor executor) {
    return VirtualThreadLoop.sum(new IntSource(n, executor));
  }

  /** Recursion through {@code thenCompose}: {@link NaiveLoop}. */
  public static long naive(int n, Executor executor) {
    Sum sum = new Sum();
    NaiveLoop.run(new IntSource(n, executor), sum::add).join();
    return sum.total();
  }

  /** aiter: the generated {@code asyncFor} with a plain body. */
  public static long aiter(int n, Executor executor) {
    Sum sum = new Sum();
    IntSourceAsync.asyncFor(new IntSource(n, executor), x -> sum.add(x)).join();
    return sum.total();
  }

  /** aiter: the {@code (element, loop)} body form, which could break. */
  public static long aiterBreakable(int n, Executor executor) {
    Sum sum = new Sum();
    IntSourceAsync.asyncFor(new IntSource(n, executor), (x, loop) -> sum.add(x)).join();
    return sum.total();
  }

  /** aiter: {@code asyncForAwait} with a body whose stage is already complete. */
  public static long aiterAwait(int n, Executor executor) {
    Sum sum = new Sum();
    IntSourceAsync.asyncForAwait(
            new IntSource(n, executor),
            x -> {
              sum.add(x);
              return DONE;
            })
        .join();
    return sum.total();
  }

  /** aiter over the Optional shape (the source allocates an {@code Optional} more per element). */
  public static long aiterOptional(int n, Executor executor) {
    Sum sum = new Sum();
    OptionalIntSourceAsync.asyncFor(new OptionalIntSource(n, executor), x -> sum.add(x)).join();
    return sum.total();
  }

  /**
   * IBM async-util: the source wrapped as an async-util {@code AsyncIterator} (its protocol wants
   * an {@code Either} per element), then {@code forEach}.
   */
  public static long asyncUtil(int n, Executor executor) {
    Sum sum = new Sum();
    IntSource source = new IntSource(n, executor);
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
    it.forEach(sum::add).toCompletableFuture().join();
    return sum.total();
  }

  /** Project Reactor: resubscribe to {@code Mono.fromFuture(source::anext)} until the end. */
  public static long reactorRepeat(int n, Executor executor) {
    Sum sum = new Sum();
    IntSource source = new IntSource(n, executor);
    Mono.fromFuture(source::anext)
        .repeat()
        .onErrorComplete(StopAsyncIteration.class)
        .doOnNext(sum::add)
        .then()
        .toFuture()
        .join();
    return sum.total();
  }

  /** Project Reactor: an endless flux of requests, each mapped to the next future, one at a time. */
  public static long reactorConcatMap(int n, Executor executor) {
    Sum sum = new Sum();
    IntSource source = new IntSource(n, executor);
    Flux.generate(sink -> sink.next(TICK))
        .concatMap(tick -> Mono.fromFuture(source.anext()), 0)
        .onErrorComplete(StopAsyncIteration.class)
        .doOnNext(sum::add)
        .then()
        .toFuture()
        .join();
    return sum.total();
  }

  /** RxJava 3: an endless flowable of requests, each mapped to the next future by concatMapSingle. */
  public static long rxjavaConcatMapSingle(int n, Executor executor) {
    Sum sum = new Sum();
    IntSource source = new IntSource(n, executor);
    Flowable.generate(emitter -> emitter.onNext(TICK))
        .concatMapSingle(tick -> Single.fromCompletionStage(source.anext()))
        .onErrorComplete(StopAsyncIteration.class::isInstance)
        .doOnNext(sum::add)
        .ignoreElements()
        .toCompletionStage(null)
        .toCompletableFuture()
        .join();
    return sum.total();
  }

  /** RxJava 3: resubscribe to a deferred {@code Single.fromCompletionStage} until the end. */
  public static long rxjavaRepeat(int n, Executor executor) {
    Sum sum = new Sum();
    IntSource source = new IntSource(n, executor);
    Single.defer(() -> Single.fromCompletionStage(source.anext()))
        .repeat()
        .onErrorComplete(StopAsyncIteration.class::isInstance)
        .doOnNext(sum::add)
        .ignoreElements()
        .toCompletionStage(null)
        .toCompletableFuture()
        .join();
    return sum.total();
  }

  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** {@code 0, 1, ..., n - 1}, boxed like the source's values. */
  private static final class CountingIterator implements Iterator<Integer> {
    private final int n;
    private int next;

    CountingIterator(int n) {
      this.n = n;
    }

    @Override
    public boolean hasNext() {
      return next < n;
    }

    @Override
    public Integer next() {
      if (next == n) {
        throw new NoSuchElementException();
      }
      return next++;
    }
  }
}
