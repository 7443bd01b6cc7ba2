package dev.aiter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.generated.Adapters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Concurrency stress for the loop engine and the adapters: stages completed by many threads,
 * {@code breakLoop()} while the next stage is being completed, cancellation racing completion,
 * close racing the last element. Every run checks that each element is delivered exactly once
 * and in order up to the stop, that no two bodies run at once and none runs after (or during)
 * the close, that the source is closed exactly once, and that the loop's future completes once
 * and nothing is handed to an uncaught-exception handler (where a second completion would land).
 *
 * <p>Each scenario runs {@code aiter.stress.iterations} times (default 200, a few seconds in
 * all); {@code mvn -Pstress verify} raises it. A failure names the seed that reproduces its run:
 * {@code -Daiter.stress.seed=...}.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES) // -Pstress runs long; the default is 60 s
class StressTest {

  static final int ITERATIONS = Integer.getInteger("aiter.stress.iterations", 200);
  static final long SEED = Long.getLong("aiter.stress.seed", System.nanoTime());

  /** Threads that complete stages; daemon so that a failing run cannot keep the JVM alive. */
  private static ExecutorService completers;

  private static Thread.UncaughtExceptionHandler previousHandler;
  private static final Queue<Throwable> UNCAUGHT = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void start() {
    completers =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "stress-completer");
              t.setDaemon(true);
              return t;
            });
    previousHandler = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, error) -> UNCAUGHT.add(error));
  }

  @AfterAll
  static void stop() {
    completers.shutdownNow();
    Thread.setDefaultUncaughtExceptionHandler(previousHandler);
  }

  @BeforeEach
  void clearUncaught() {
    UNCAUGHT.clear();
  }

  @AfterEach
  void nothingWasUncaught() {
    assertTrue(UNCAUGHT.isEmpty(), () -> "handed to an uncaught-exception handler: " + UNCAUGHT);
  }

  /** The three ways generated code or a user reaches a source. */
  enum Via {
    ITERATOR,
    ADAPTER,
    OPTIONAL_ADAPTER
  }

  /** The three body shapes of {@code asyncFor} / {@code asyncForAwait}. */
  enum Shape {
    PLAIN,
    BREAKABLE,
    AWAIT
  }

  // ------------------------------------------------------------------------------- scenarios

  /** Every stage is completed by a random party: already, one completer, two racing ones. */
  @Test
  void stagesCompletedFromManyThreads_everyElementOnceInOrder() {
    repeat(
        (run, random) -> {
          int count = random.nextInt(1, 200);
          Feed feed = new Feed(i -> stageFor(i, count, random.split()), Feed.closedAtOnce());
          Run r = run.start(feed, Shape.values()[random.nextInt(3)], random.split());
          r.awaitLoop();
          run.check(r.loop.isDone() && !r.loop.isCompletedExceptionally(), "loop succeeded", r);
          run.checkEquals(count, r.watch.delivered.get(), "elements delivered", r);
          run.checkEquals(count + 1, feed.nextCalls.get(), "next calls", r);
          run.checkEquals(1, feed.closeCalls.get(), "close calls", r);
          r.finish();
        });
  }

  /** The body breaks at a random element while a producer is completing the following stage. */
  @Test
  void breakLoopWhileTheNextStageIsBeingCompleted_stopsExactlyThere() {
    repeat(
        (run, random) -> {
          int count = random.nextInt(2, 100);
          Prefetched stages = new Prefetched(count);
          Feed feed = new Feed(stages::get, Feed.closedAtOnce());
          int stopAt = random.nextInt(count);
          CompletableFuture<?> producer = stages.produce(completers, random.split());
          Run r = run.startBreaking(feed, stopAt);
          r.awaitLoop();
          producer.join();
          run.check(r.loop.isDone() && !r.loop.isCompletedExceptionally(), "loop succeeded", r);
          run.checkEquals(stopAt + 1, r.watch.delivered.get(), "elements delivered", r);
          run.checkEquals(stopAt + 1, feed.nextCalls.get(), "next calls: none after the break", r);
          run.checkEquals(1, feed.closeCalls.get(), "close calls", r);
          r.finish();
        });
  }

  /** A canceller races a producer completing the stages, at a random moment. */
  @Test
  void cancellationRacingCompletion_stopsCleanly() {
    repeat(
        (run, random) -> {
          int count = random.nextInt(1, 100);
          Prefetched stages = new Prefetched(count);
          Feed feed = new Feed(stages::get, Feed.closedAtOnce());
          CompletableFuture<?> producer = stages.produce(completers, random.split());
          Run r = run.start(feed, Shape.values()[random.nextInt(3)], random.split());
          int delay = random.nextInt(2_000);
          CompletableFuture<Boolean> canceller =
              CompletableFuture.supplyAsync(
                  () -> {
                    spin(delay);
                    return r.loop.cancel(false);
                  },
                  completers);
          boolean cancelled = canceller.join();
          r.awaitLoop();
          producer.join();
          r.awaitBodyStages();
          waitUntil(() -> feed.closeCalls.get() > 0);
          run.checkEquals(1, feed.closeCalls.get(), "close calls", r);
          run.checkEquals(
              feed.nextCallsAtClose.get(), feed.nextCalls.get(), "next calls after the close", r);
          if (cancelled) {
            run.check(r.loop.isCancelled(), "a successful cancel leaves the loop cancelled", r);
          } else {
            run.check(!r.loop.isCompletedExceptionally(), "loop succeeded", r);
            run.checkEquals(count, r.watch.delivered.get(), "elements delivered", r);
          }
          r.finish();
        });
  }

  /**
   * The end of the iteration arrives from a producer while another thread cancels the loop or
   * closes the adapter itself; the close stage completes (or fails) on yet another thread.
   */
  @Test
  void closeRacingTheLastElement_closesExactlyOnce() {
    repeat(
        (run, random) -> {
          int count = random.nextInt(0, 4);
          Prefetched stages = new Prefetched(count);
          boolean closeFails = random.nextInt(4) == 0;
          IllegalStateException closeFailure = new IllegalStateException("close failed");
          boolean asyncClose = random.nextBoolean();
          Feed feed =
              new Feed(
                  stages::get,
                  () -> {
                    if (!asyncClose) {
                      return closeFails
                          ? CompletableFuture.failedFuture(closeFailure)
                          : CompletableFuture.completedFuture(null);
                    }
                    return CompletableFuture.runAsync(
                        () -> {
                          if (closeFails) {
                            throw closeFailure;
                          }
                        },
                        completers);
                  });
          Run r = run.start(feed, Shape.values()[random.nextInt(3)], random.split());
          boolean closeTheAdapter = r.via != Via.ITERATOR && random.nextBoolean();
          int delay = random.nextInt(500);
          CompletableFuture<?> producer = stages.produce(completers, random.split());
          CompletableFuture<Boolean> racer =
              CompletableFuture.supplyAsync(
                  () -> {
                    if (closeTheAdapter) {
                      // The user closes the adapter once the last element was handled, racing
                      // the end of the iteration and the loop's own close.
                      waitUntil(() -> r.watch.delivered.get() == count && r.watch.inside.get() == 0);
                      spin(delay);
                      r.iterator.aclose();
                      return false;
                    }
                    spin(delay);
                    return r.loop.cancel(false);
                  },
                  completers);
          boolean cancelled = racer.join();
          producer.join();
          r.awaitLoop();
          r.awaitBodyStages();
          waitUntil(() -> feed.closeStage.get() != null);
          feed.awaitCloseStage();
          run.checkEquals(1, feed.closeCalls.get(), "close calls", r);
          Throwable outcome = r.loop.handle((v, e) -> e).join();
          if (cancelled) {
            run.check(outcome instanceof CancellationException, "cancelled: " + outcome, r);
            if (closeFails) {
              waitUntil(() -> outcome.getSuppressed().length > 0);
              run.check(
                  outcome.getSuppressed()[0] == closeFailure,
                  "the close failure is suppressed on the cancellation",
                  r);
            }
          } else if (closeTheAdapter) {
            // The loop's own close returns the stage of the adapter's first close.
            run.checkEquals(count, r.watch.delivered.get(), "elements delivered", r);
            run.check(
                closeFails ? outcome == closeFailure : outcome == null,
                "outcome " + outcome,
                r);
          } else {
            run.checkEquals(count, r.watch.delivered.get(), "elements delivered", r);
            run.check(
                closeFails ? outcome == closeFailure : outcome == null,
                "outcome " + outcome,
                r);
          }
          r.finish();
        });
  }

  // ------------------------------------------------------------------------------- machinery

  @FunctionalInterface
  interface Scenario {
    void run(Iteration iteration, SplittableRandom random) throws Exception;
  }

  private static void repeat(Scenario scenario) {
    for (int i = 0; i < ITERATIONS; i++) {
      long seed = SEED + i;
      try {
        scenario.run(new Iteration(seed), new SplittableRandom(seed));
      } catch (AssertionError e) {
        throw e;
      } catch (Exception e) {
        throw new AssertionError("seed " + seed + ": " + e, e);
      }
    }
  }

  /** One iteration: its seed, for messages, and how it starts loops. */
  record Iteration(long seed) {

    Run start(Feed feed, Shape shape, SplittableRandom random) {
      Via via = Via.values()[random.nextInt(3)];
      AsyncIterator<Integer> iterator = feed.via(via);
      Watch watch = new Watch(feed);
      Run run = new Run(this, via, shape, iterator, watch, new ArrayList<>());
      run.loop =
          switch (shape) {
            case PLAIN -> Async.asyncFor(iterator, watch::body);
            case BREAKABLE -> Async.asyncFor(iterator, (x, loop) -> watch.body(x));
            case AWAIT ->
                Async.asyncForAwait(
                    iterator,
                    x -> {
                      watch.body(x);
                      CompletableFuture<Void> stage =
                          random.nextBoolean()
                              ? CompletableFuture.completedFuture(null)
                              : CompletableFuture.runAsync(() -> {}, completers);
                      synchronized (run.bodyStages) {
                        run.bodyStages.add(stage);
                      }
                      return stage;
                    });
          };
      run.countCompletions();
      return run;
    }

    Run startBreaking(Feed feed, int stopAt) {
      Via via = Via.values()[(int) Math.floorMod(seed, 3L)];
      AsyncIterator<Integer> iterator = feed.via(via);
      Watch watch = new Watch(feed);
      Run run = new Run(this, via, Shape.BREAKABLE, iterator, watch, new ArrayList<>());
      run.loop =
          Async.asyncFor(
              iterator,
              (x, loop) -> {
                watch.body(x);
                if (x == stopAt) {
                  loop.breakLoop();
                }
              });
      run.countCompletions();
      return run;
    }

    void check(boolean condition, String what, Run run) {
      if (!condition) {
        throw new AssertionError(run + ": " + what);
      }
    }

    void checkEquals(int expected, int actual, String what, Run run) {
      if (expected != actual) {
        throw new AssertionError(run + ": " + what + " expected " + expected + " but was " + actual);
      }
    }
  }

  /** A started loop and what it is watched with. */
  static final class Run {
    final Iteration iteration;
    final Via via;
    final Shape shape;
    final AsyncIterator<Integer> iterator;
    final Watch watch;
    final List<CompletableFuture<Void>> bodyStages;
    final AtomicInteger completions = new AtomicInteger();
    CompletableFuture<Void> loop;

    Run(Iteration iteration, Via via, Shape shape, AsyncIterator<Integer> iterator, Watch watch,
        List<CompletableFuture<Void>> bodyStages) {
      this.iteration = iteration;
      this.via = via;
      this.shape = shape;
      this.iterator = iterator;
      this.watch = watch;
      this.bodyStages = bodyStages;
    }

    private CompletableFuture<Void> counted;

    void countCompletions() {
      counted = loop.whenComplete((v, e) -> completions.incrementAndGet());
    }

    void awaitLoop() {
      Fixtures.await(loop);
    }

    void awaitBodyStages() {
      List<CompletableFuture<Void>> stages;
      synchronized (bodyStages) {
        stages = List.copyOf(bodyStages);
      }
      CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The checks every scenario shares; call last. */
    void finish() {
      iteration.check(watch.violations.isEmpty(), "violations " + watch.violations, this);
      counted.handle((v, e) -> null).join(); // dependents of one future run in no fixed order
      iteration.checkEquals(1, completions.get(), "loop completions", this);
    }

    @Override
    public String toString() {
      return "seed " + iteration.seed() + " (" + via + ", " + shape + ")";
    }
  }

  /** Checks each body as it runs. */
  static final class Watch {
    private final Feed feed;
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger delivered = new AtomicInteger();
    final Queue<String> violations = new ConcurrentLinkedQueue<>();

    /** A plain field on purpose: the engine must order the bodies (B10), as users rely on. */
    private int expected;

    Watch(Feed feed) {
      this.feed = feed;
    }

    void body(int x) {
      if (inside.incrementAndGet() != 1) {
        violations.add("two bodies at once at element " + x);
      }
      if (feed.closeCalls.get() != 0) {
        violations.add("body after the close at element " + x);
      }
      if (x != expected) {
        violations.add("element " + x + " where " + expected + " was due");
      }
      expected = x + 1;
      delivered.incrementAndGet();
      spin(x % 7 * 10); // some bodies take a little while
      if (feed.closeCalls.get() != 0) {
        violations.add("close during the body of element " + x);
      }
      inside.decrementAndGet();
    }
  }

  /** A source: next and close scripted, calls counted. */
  static final class Feed {
    interface Close {
      CompletionStage<Void> call();
    }

    final AtomicInteger nextCalls = new AtomicInteger();
    final AtomicInteger closeCalls = new AtomicInteger();
    final AtomicInteger nextCallsAtClose = new AtomicInteger(-1);
    final AtomicReference<CompletionStage<Void>> closeStage = new AtomicReference<>();
    private final IntFunction<CompletableFuture<Integer>> next;
    private final Close close;

    Feed(IntFunction<CompletableFuture<Integer>> next, Close close) {
      this.next = next;
      this.close = close;
    }

    static Close closedAtOnce() {
      return () -> CompletableFuture.completedFuture(null);
    }

    CompletableFuture<Integer> anext() {
      return next.apply(nextCalls.getAndIncrement());
    }

    CompletionStage<Void> aclose() {
      nextCallsAtClose.set(nextCalls.get());
      closeCalls.incrementAndGet();
      CompletionStage<Void> stage = close.call();
      closeStage.set(stage);
      return stage;
    }

    void awaitCloseStage() {
      Fixtures.await(closeStage.get().toCompletableFuture());
    }

    AsyncIterator<Integer> via(Via via) {
      return switch (via) {
        case ITERATOR ->
            new AsyncIterator<>() {
              @Override
              public CompletionStage<Integer> anext() {
                return Feed.this.anext();
              }

              @Override
              public CompletionStage<Void> aclose() {
                return Feed.this.aclose();
              }
            };
        case ADAPTER ->
            Adapters.<Integer>stage("dev.aiter.Feed", "anext", Feed.this::anext, "aclose", Feed.this::aclose);
        case OPTIONAL_ADAPTER ->
            Adapters.<Integer>optional(
                "dev.aiter.Feed",
                "poll",
                // The end becomes an empty Optional, on the thread that completed the stage.
                () ->
                    Feed.this.anext()
                        .handle(
                            (value, error) -> {
                              if (error == null) {
                                return Optional.of(value);
                              }
                              if (dev.aiter.internal.Stages.unwrap(error)
                                  instanceof StopAsyncIteration) {
                                return Optional.<Integer>empty();
                              }
                              throw new java.util.concurrent.CompletionException(error);
                            }),
                "aclose",
                Feed.this::aclose);
      };
    }
  }

  /** Stages created up front, so that a producer can complete them while the loop runs. */
  static final class Prefetched {
    private final List<CompletableFuture<Integer>> stages = new ArrayList<>();

    Prefetched(int count) {
      for (int i = 0; i <= count; i++) {
        stages.add(new CompletableFuture<>());
      }
    }

    CompletableFuture<Integer> get(int index) {
      // Past the end: the loop must not ask (the checks catch it); answer the end again.
      return stages.get(Math.min(index, stages.size() - 1));
    }

    /** Completes the elements in order, then the end, with small random pauses. */
    CompletableFuture<?> produce(ExecutorService executor, SplittableRandom random) {
      int[] pauses = random.ints(stages.size(), 0, 200).toArray();
      return CompletableFuture.runAsync(
          () -> {
            int last = stages.size() - 1;
            for (int i = 0; i < last; i++) {
              spin(pauses[i]);
              stages.get(i).complete(i);
            }
            spin(pauses[last]);
            stages.get(last).completeExceptionally(new StopAsyncIteration());
          },
          executor);
    }
  }

  /** The stage for element {@code i} of {@code count}, completed by a random party. */
  private static CompletableFuture<Integer> stageFor(int i, int count, SplittableRandom random) {
    boolean end = i >= count;
    CompletableFuture<Integer> stage = new CompletableFuture<>();
    Runnable complete =
        () -> {
          if (end) {
            stage.completeExceptionally(new StopAsyncIteration());
          } else {
            stage.complete(i);
          }
        };
    int pause = random.nextInt(100);
    switch (random.nextInt(4)) {
      case 0 -> complete.run();
      case 1 -> completers.execute(complete);
      case 2 -> {
        completers.execute(complete);
        completers.execute(complete);
      }
      default -> completers.execute(() -> {
        spin(pause);
        complete.run();
      });
    }
    return stage;
  }

  static void spin(int rounds) {
    for (int i = 0; i < rounds; i++) {
      Thread.onSpinWait();
    }
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.yield();
    }
  }
}
