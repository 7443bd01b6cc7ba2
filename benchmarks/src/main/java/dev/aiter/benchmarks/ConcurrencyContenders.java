package dev.aiter.benchmarks;

import dev.aiter.Async;
import dev.aiter.AsyncIterator;
import dev.aiter.StopAsyncIteration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The contenders of the concurrency and generator benchmarks (issue 10), each doing the whole
 * job and returning a checksum, so that one that skipped or reordered elements fails instead of
 * measuring nothing. The benchmarks and {@code ConcurrencyContendersTest} call these same methods.
 */
public final class ConcurrencyContenders {

  /**
   * Runs a task 1 ms later on the JDK's shared {@code CompletableFuture} timer thread: the work of
   * one element, the same for every contender, with no pool of its own to saturate.
   */
  private static final Executor ONE_MS_LATER =
      CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS, Runnable::run);

  private static final Object END = new Object();

  private ConcurrencyContenders() {}

  /** One element's asynchronous work: its value, 1 ms later. */
  public static CompletableFuture<Integer> work(Integer x) {
    CompletableFuture<Integer> stage = new CompletableFuture<>();
    ONE_MS_LATER.execute(() -> stage.complete(x));
    return stage;
  }

  /** A checksum that depends on the order: {@code h = 31 h + x} over the elements. */
  public static long ordered(long h, Integer x) {
    return 31 * h + x;
  }

  /** The checksum of {@code 0, 1, ..., n - 1} in this order. */
  public static long expectedOrdered(int n) {
    long h = 0;
    for (int i = 0; i < n; i++) {
      h = ordered(h, i);
    }
    return h;
  }

  /** aiter: {@code mapAsync(concurrency, work)} over the generated source, results in order. */
  public static long aiterMapAsync(int n, int concurrency) {
    return IntSourceAsync.aiter(new IntSource(n, null))
        .mapAsync(concurrency, ConcurrencyContenders::work)
        .reduce(0L, ConcurrencyContenders::ordered)
        .join();
  }

  /** Reactor: {@code flatMapSequential(work, concurrency)}, results in order. */
  public static long reactorFlatMapSequential(int n, int concurrency) {
    return Flux.range(0, n)
        .flatMapSequential(x -> Mono.fromFuture(work(x)), concurrency)
        .reduce(0L, ConcurrencyContenders::ordered)
        .block();
  }

  /** aiter: a generator of {@code 0 .. n - 1} drained by {@code asyncFor}. */
  public static long aiterGenerator(int n) {
    Sum sum = new Sum();
    Async.asyncFor(counting(n), x -> sum.add(x)).join();
    return sum.total();
  }

  /**
   * aiter: the same generator, each element taken by {@code anext().join()} on the calling
   * thread, so that every element is a hand-off between two threads (the body parks in yield,
   * the caller in join).
   */
  public static long aiterGeneratorJoinEach(int n) {
    AsyncIterator<Integer> it = counting(n);
    Sum sum = new Sum();
    for (; ; ) {
      Integer x;
      try {
        x = it.anext().toCompletableFuture().join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof StopAsyncIteration) {
          return sum.total();
        }
        throw e;
      }
      sum.add(x);
    }
  }

  private static AsyncIterator<Integer> counting(int n) {
    return Async.generator(
        out -> {
          for (int i = 0; i < n; i++) {
            out.yield(i);
          }
        });
  }

  /**
   * The hand-written way: a producer thread {@code put}s each element into a {@code
   * SynchronousQueue} and the calling thread {@code take}s it.
   */
  public static long synchronousQueueThread(int n) {
    SynchronousQueue<Object> queue = new SynchronousQueue<>();
    Thread producer =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < n; i++) {
                  queue.put(i);
                }
                queue.put(END);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "synchronous-queue-producer");
    producer.setDaemon(true);
    producer.start();
    Sum sum = new Sum();
    try {
      for (Object x = queue.take(); x != END; x = queue.take()) {
        sum.add((Integer) x);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return sum.total();
  }
}
