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
import java.util.function.UnaryOperator;
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
 * <p>The release 0.2 scenarios do the same over random operator chains, the concurrent operators
 * (mapAsync, mapAsyncUnordered, prefetch, timeout) with cancellation racing their completions,
 * aclose() from another thread while an anext() is pending, generators closed while they yield,
 * and the Reactive Streams bridges with cancel and request racing onNext.
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

  // ------------------------------------------------------------------- release 0.2 scenarios

  /**
   * A random chain of up to four operators (map, filter, limit, skip, takeWhile, flatMap with
   * inner iterators waiting on other threads, zip and concat with sources of their own, batched,
   * mapAsync, prefetch, timeout) over a source whose stages are completed by random parties:
   * exactly what a list model of the chain says, in order, one body at a time, and every source
   * closed exactly once, never read after its close.
   */
  @Test
  void operatorChainsOverOtherThreadAndMixedSources_deliverWhatTheModelSays() {
    repeat(
        (run, random) -> {
          int count = random.nextInt(0, 100);
          SplittableRandom sourceRandom = random.split();
          Feed feed = new Feed(i -> stageFor(i, count, sourceRandom), Feed.closedAtOnce());
          List<Feed> feeds = new ArrayList<>(List.of(feed));
          List<Integer> model = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            model.add(i);
          }
          AsyncIterator<Integer> it = feed.via(Via.values()[random.nextInt(3)]);
          StringBuilder chain = new StringBuilder("source(" + count + ")");
          int steps = random.nextInt(1, 5);
          for (int s = 0; s < steps; s++) {
            Step step = randomStep(random, feeds);
            it = step.apply().apply(it);
            model = step.model().apply(model);
            chain.append('.').append(step.name());
          }
          Bodies bodies = new Bodies();
          CompletableFuture<Void> loop =
              random.nextBoolean()
                  ? Async.asyncFor(it, bodies::body)
                  : Async.asyncForAwait(
                      it,
                      x -> {
                        bodies.body(x);
                        return CompletableFuture.runAsync(() -> {}, completers);
                      });
          Fixtures.await(loop);
          String what = "seed " + run.seed() + " " + chain;
          if (loop.isCompletedExceptionally()) {
            throw new AssertionError(what + ": failed", Fixtures.failureOf(loop));
          }
          bodies.check(what);
          if (!bodies.seen.equals(model)) {
            throw new AssertionError(what + ": " + bodies.seen + " where " + model + " was due");
          }
          for (Feed f : feeds) {
            checkClosedOnceAndNotReadAfter(f, what);
          }
        });
  }

  /**
   * One random operator (as in the chains above) with an anext() pending while another thread
   * calls aclose() and the stages are completed by yet others (the close racing the resume):
   * every source closed exactly once and never read after its close, the pending anext()
   * completes with an element or the end, aclose() completes, and a later anext() ends.
   */
  @Test
  void acloseFromAnotherThreadWhileAnAnextIsPending_closesOnceAndCompletesBoth() {
    repeat(
        (run, random) -> {
          int count = random.nextInt(0, 8);
          SplittableRandom sourceRandom = random.split();
          Feed feed = new Feed(i -> stageFor(i, count, sourceRandom), Feed.closedAtOnce());
          List<Feed> feeds = new ArrayList<>(List.of(feed));
          Step step = randomStep(random, feeds);
          AsyncIterator<Integer> it = step.apply().apply(feed.via(Via.values()[random.nextInt(3)]));
          String what = "seed " + run.seed() + " " + step.name() + " of " + count;
          int before = random.nextInt(0, 3);
          for (int i = 0; i < before; i++) {
            Fixtures.await(it.anext().toCompletableFuture());
          }
          CompletableFuture<Integer> pending = it.anext().toCompletableFuture();
          int delay = random.nextInt(2_000);
          CompletableFuture<Void> closed =
              CompletableFuture.supplyAsync(
                      () -> {
                        spin(delay);
                        return it.aclose().toCompletableFuture();
                      },
                      completers)
                  .thenCompose(c -> c);
          Fixtures.await(closed);
          Fixtures.await(pending);
          if (closed.isCompletedExceptionally()) {
            throw new AssertionError(what + ": close failed", Fixtures.failureOf(closed));
          }
          if (pending.isCompletedExceptionally()
              && !(Fixtures.failureOf(pending) instanceof StopAsyncIteration)) {
            throw new AssertionError(what + ": the pending anext failed", Fixtures.failureOf(pending));
          }
          CompletableFuture<Integer> after = it.anext().toCompletableFuture();
          Fixtures.await(after);
          if (!(after.isCompletedExceptionally()
              && Fixtures.failureOf(after) instanceof StopAsyncIteration)) {
            throw new AssertionError(what + ": an anext() after the close did not end: " + after);
          }
          for (Feed f : feeds) {
            // A zip or concat source that nobody pulled is closed all the same.
            checkClosedOnceAndNotReadAfter(f, what);
          }
        });
  }

  /**
   * mapAsync(c), mapAsyncUnordered(c), prefetch(n) and timeout(d) over stages and functions
   * completed by racing parties, the loop cancelled at a random moment in half the runs (and
   * then some stages never complete, so that only the cancellation can end the loop): delivery in
   * order (or, unordered, each at most once), the source closed once and never read after, and
   * every stage the operators started or waited on done at the end (O7: cancelled, if nothing
   * else completed it).
   */
  @Test
  void concurrentOperators_completionsRacingEachOtherAndTheLoopsCancellation() {
    repeat(
        (run, random) -> {
          int count = random.nextInt(0, 60);
          boolean cancel = random.nextBoolean();
          Queue<CompletableFuture<?>> handedOut = new ConcurrentLinkedQueue<>();
          SplittableRandom sourceRandom = random.split();
          int neverAt = cancel ? random.nextInt(0, count + 5) : -1;
          Feed feed =
              new Feed(
                  i -> {
                    CompletableFuture<Integer> stage =
                        i == neverAt ? new CompletableFuture<>() : stageFor(i, count, sourceRandom);
                    handedOut.add(stage);
                    return stage;
                  },
                  Feed.closedAtOnce());
          // Not through the Optional adapter: it waits on a stage of its own, derived from the
          // feed's, and cancelling that one does not reach the feed's.
          AsyncIterator<Integer> up = feed.via(random.nextBoolean() ? Via.ITERATOR : Via.ADAPTER);
          SplittableRandom fnRandom = random.split();
          java.util.function.Function<Integer, CompletionStage<Integer>> fn =
              x -> {
                CompletableFuture<Integer> stage =
                    cancel && fnRandom.nextInt(10) == 0
                        ? new CompletableFuture<>()
                        : valueStage(x * 2, fnRandom);
                handedOut.add(stage);
                return stage;
              };
          int c = random.nextInt(1, 6);
          int kind = random.nextInt(4);
          AsyncIterator<Integer> it =
              switch (kind) {
                case 0 -> up.mapAsync(c, fn);
                case 1 -> up.mapAsyncUnordered(c, fn);
                case 2 -> up.prefetch(c).map(x -> x * 2);
                default -> up.timeout(java.time.Duration.ofMinutes(5)).map(x -> x * 2);
              };
          String what =
              "seed " + run.seed() + " " + List.of("mapAsync", "unordered", "prefetch", "timeout").get(kind)
                  + "(" + c + ") of " + count + (cancel ? ", cancelled" : "");
          Bodies bodies = new Bodies(feed);
          CompletableFuture<Void> loop = Async.asyncFor(it, bodies::body);
          if (cancel) {
            int delay = random.nextInt(3_000);
            completers.execute(
                () -> {
                  spin(delay);
                  loop.cancel(false);
                });
          }
          Fixtures.await(loop);
          waitUntil(() -> feed.closeCalls.get() > 0);
          checkClosedOnceAndNotReadAfter(feed, what);
          waitUntil(() -> handedOut.stream().allMatch(CompletableFuture::isDone));
          bodies.check(what);
          List<Integer> expected = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            expected.add(i * 2);
          }
          if (!loop.isCancelled() && loop.isCompletedExceptionally()) {
            throw new AssertionError(what + ": failed", Fixtures.failureOf(loop));
          }
          boolean complete = !loop.isCancelled();
          if (kind == 1) {
            List<Integer> sorted = new ArrayList<>(bodies.seen);
            sorted.sort(null);
            boolean ok =
                complete
                    ? sorted.equals(expected)
                    : sorted.stream().distinct().count() == sorted.size()
                        && expected.containsAll(sorted);
            if (!ok) {
              throw new AssertionError(what + ": " + bodies.seen);
            }
          } else {
            List<Integer> due = complete ? expected : expected.subList(0, bodies.seen.size());
            if (!bodies.seen.equals(due)) {
              throw new AssertionError(what + ": " + bodies.seen + " where " + due + " was due");
            }
          }
        });
  }

  /**
   * timeout(1 ms) racing stages that arrive at about that time: elements in order up to a
   * TimeoutException or the end, the source closed once (by the timeout or by the loop), no body
   * after that close. Bound by the timer, so it runs a tenth of the iterations (at least 200).
   */
  @Test
  void timeoutExpiringWhileTheStageIsBeingCompleted_failsOrDeliversCleanly() {
    repeat(
        Math.max(200, ITERATIONS / 10),
        (run, random) -> {
          int count = random.nextInt(1, 4);
          Prefetched stages = new Prefetched(count);
          Feed feed = new Feed(stages::get, Feed.closedAtOnce());
          CompletableFuture<?> producer = stages.produceSlowly(completers, random.split());
          Run r =
              run.start(
                  feed,
                  Shape.values()[random.nextInt(3)],
                  random.split(),
                  it -> it.timeout(java.time.Duration.ofMillis(1)),
                  true);
          r.awaitLoop();
          producer.join();
          r.awaitBodyStages();
          run.checkEquals(1, feed.closeCalls.get(), "close calls", r);
          run.checkEquals(
              feed.nextCallsAtClose.get(), feed.nextCalls.get(), "next calls after the close", r);
          if (r.loop.isCompletedExceptionally()) {
            Throwable e = Fixtures.failureOf(r.loop);
            run.check(e instanceof java.util.concurrent.TimeoutException, "failed with " + e, r);
          } else {
            run.checkEquals(count, r.watch.delivered.get(), "elements delivered", r);
          }
          r.finish();
        });
  }

  /**
   * A generator whose body yields with pauses while another thread closes it (aclose() racing
   * yield) or cancels the loop over it: the body's finally runs exactly once and before aclose()
   * completes, elements arrive in order, the loop completes once (normally after a close: the
   * pending anext() ends).
   */
  @Test
  void generatorClosedOrCancelledWhileItYields_unwindsOnce() {
    repeat(
        (run, random) -> {
          int count = random.nextInt(0, 30);
          int[] pauses = random.ints(count, 0, 300).toArray();
          AtomicInteger finallyRuns = new AtomicInteger();
          AtomicInteger bodiesAfterUnwind = new AtomicInteger();
          AsyncIterator<Integer> gen =
              Async.generator(
                  out -> {
                    try {
                      for (int i = 0; i < count; i++) {
                        spin(pauses[i]);
                        out.yield(i);
                      }
                    } finally {
                      finallyRuns.incrementAndGet();
                    }
                  });
          Bodies bodies = new Bodies();
          CompletableFuture<Void> loop =
              Async.asyncFor(
                  gen,
                  x -> {
                    if (finallyRuns.get() != 0) {
                      bodiesAfterUnwind.incrementAndGet();
                    }
                    bodies.body(x);
                  });
          boolean byCancel = random.nextBoolean();
          int delay = random.nextInt(3_000);
          CompletableFuture<Integer> finallyRunsAtClose = new CompletableFuture<>();
          completers.execute(
              () -> {
                spin(delay);
                if (byCancel) {
                  loop.cancel(false);
                } else {
                  gen.aclose()
                      .whenComplete((v, e) -> finallyRunsAtClose.complete(finallyRuns.get()));
                }
              });
          Fixtures.await(loop);
          CompletableFuture<Void> closed = gen.aclose().toCompletableFuture();
          Fixtures.await(closed);
          String what = "seed " + run.seed() + (byCancel ? " cancelled" : " closed") + " of " + count;
          if (closed.isCompletedExceptionally()) {
            throw new AssertionError(what + ": close failed", Fixtures.failureOf(closed));
          }
          if (finallyRuns.get() != 1) {
            throw new AssertionError(what + ": finally ran " + finallyRuns.get() + " times");
          }
          if (!byCancel) {
            Fixtures.await(finallyRunsAtClose);
            if (finallyRunsAtClose.join() != 1) {
              throw new AssertionError(what + ": aclose() completed before the body unwound");
            }
          }
          if (bodiesAfterUnwind.get() != 0) {
            throw new AssertionError(what + ": a body after the generator unwound");
          }
          if (!loop.isCancelled() && loop.isCompletedExceptionally()) {
            throw new AssertionError(what + ": failed", Fixtures.failureOf(loop));
          }
          bodies.check(what);
          for (int i = 0; i < bodies.seen.size(); i++) {
            if (bodies.seen.get(i) != i) {
              throw new AssertionError(what + ": " + bodies.seen);
            }
          }
        });
  }

  /**
   * toPublisher() and fromPublisher(p, prefetch) in a round trip over other-thread sources, the
   * loop cancelled at a random moment in half the runs (its cancel races the onNext signals in
   * flight): elements in order, each once; the source closed exactly once, never read after.
   */
  @Test
  void publisherRoundTrip_cancellationRacingOnNext() {
    repeat(
        (run, random) -> {
          int count = random.nextInt(0, 100);
          SplittableRandom sourceRandom = random.split();
          Feed feed = new Feed(i -> stageFor(i, count, sourceRandom), Feed.closedAtOnce());
          int prefetch = random.nextInt(1, 9);
          boolean cancel = random.nextBoolean();
          // Buffered elements may be delivered after the publisher closed the source at its end.
          Run r =
              run.start(
                  feed,
                  Shape.values()[random.nextInt(3)],
                  random.split(),
                  it -> Async.fromPublisher(it.toPublisher(), prefetch),
                  false);
          boolean cancelled = false;
          if (cancel) {
            int delay = random.nextInt(3_000);
            cancelled =
                CompletableFuture.supplyAsync(
                        () -> {
                          spin(delay);
                          return r.loop.cancel(false);
                        },
                        completers)
                    .join();
          }
          r.awaitLoop();
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
   * A subscriber of toPublisher() that requests in small amounts from two threads (and from
   * inside onNext) while a third cancels at a random moment: signals one at a time, never more
   * onNext than requested, in order, nothing after the terminal signal, which comes at most
   * once and only after the source was closed; the source closed exactly once, never read after.
   */
  @Test
  void toPublisher_requestsAndCancelRacingOnNext() {
    repeat(
        (run, random) -> {
          int count = random.nextInt(0, 60);
          SplittableRandom sourceRandom = random.split();
          Feed feed = new Feed(i -> stageFor(i, count, sourceRandom), Feed.closedAtOnce());
          java.util.concurrent.Flow.Publisher<Integer> publisher =
              feed.via(Via.values()[random.nextInt(3)]).toPublisher();
          RacingSubscriber subscriber = new RacingSubscriber(feed, random.nextBoolean());
          publisher.subscribe(subscriber);
          String what = "seed " + run.seed() + " of " + count;
          if (subscriber.subscription == null) {
            throw new AssertionError(what + ": no onSubscribe inside subscribe");
          }
          boolean cancel = random.nextBoolean();
          int delay = random.nextInt(3_000);
          CompletableFuture<?> others =
              CompletableFuture.allOf(
                  CompletableFuture.runAsync(subscriber::requestUntilDone, completers),
                  CompletableFuture.runAsync(
                      () -> {
                        if (cancel) {
                          spin(delay);
                          subscriber.cancel();
                        }
                      },
                      completers));
          subscriber.requestUntilDone(); // the second requester: this thread
          others.orTimeout(10, TimeUnit.SECONDS).join();
          waitUntil(() -> feed.closeCalls.get() > 0);
          checkClosedOnceAndNotReadAfter(feed, what);
          subscriber.check(what, count);
        });
  }

  // ------------------------------------------------------------ machinery for the 0.2 scenarios

  /** One step of a random chain: the operator, and what it does to the list of elements. */
  record Step(
      String name, UnaryOperator<AsyncIterator<Integer>> apply, UnaryOperator<List<Integer>> model) {}

  private static Step randomStep(SplittableRandom random, List<Feed> feeds) {
    switch (random.nextInt(12)) {
      case 0:
        return new Step("map", it -> it.map(x -> x * 3), l -> mapped(l, x -> x * 3));
      case 1:
        return new Step(
            "filter",
            it -> it.filter(x -> x % 2 == 0),
            l -> l.stream().filter(x -> x % 2 == 0).collect(java.util.stream.Collectors.toList()));
      case 2:
        {
          int n = random.nextInt(0, 40);
          return new Step(
              "limit(" + n + ")",
              it -> it.limit(n),
              l -> new ArrayList<>(l.subList(0, Math.min(n, l.size()))));
        }
      case 3:
        {
          int n = random.nextInt(0, 20);
          return new Step(
              "skip(" + n + ")",
              it -> it.skip(n),
              l -> new ArrayList<>(l.subList(Math.min(n, l.size()), l.size())));
        }
      case 4:
        {
          int t = random.nextInt(0, 150);
          return new Step(
              "takeWhile(<" + t + ")",
              it -> it.takeWhile(x -> x < t),
              l -> l.stream().takeWhile(x -> x < t).collect(java.util.stream.Collectors.toList()));
        }
      case 5:
        {
          // Inner iterators: none for multiples of 3, else two elements waiting on other threads.
          return new Step(
              "flatMap",
              it ->
                  it.flatMap(
                      x ->
                          x % 3 == 0
                              ? AsyncIterator.<Integer>empty()
                              : AsyncIterator.of(x, x + 1)
                                  .mapAsync(y -> CompletableFuture.supplyAsync(() -> y, completers))),
              l -> {
                List<Integer> out = new ArrayList<>();
                for (int x : l) {
                  if (x % 3 != 0) {
                    out.add(x);
                    out.add(x + 1);
                  }
                }
                return out;
              });
        }
      case 6:
        {
          int m = random.nextInt(0, 60);
          SplittableRandom r = random.split();
          Feed other = new Feed(i -> stageFor(i, m, r), Feed.closedAtOnce());
          feeds.add(other);
          Via via = Via.values()[random.nextInt(3)];
          return new Step(
              "zip(" + m + ")",
              it -> it.zip(other.via(via), Integer::sum),
              l -> {
                List<Integer> out = new ArrayList<>();
                for (int i = 0; i < Math.min(l.size(), m); i++) {
                  out.add(l.get(i) + i);
                }
                return out;
              });
        }
      case 7:
        {
          int m = random.nextInt(0, 30);
          SplittableRandom r = random.split();
          Feed other = new Feed(i -> stageFor(i, m, r), Feed.closedAtOnce());
          feeds.add(other);
          Via via = Via.values()[random.nextInt(3)];
          return new Step(
              "concat(" + m + ")",
              it -> it.concat(other.via(via)),
              l -> {
                List<Integer> out = new ArrayList<>(l);
                for (int i = 0; i < m; i++) {
                  out.add(i);
                }
                return out;
              });
        }
      case 8:
        {
          int k = random.nextInt(1, 6);
          return new Step(
              "batched(" + k + ").flatMapIterable",
              it -> it.batched(k).flatMapIterable(b -> b),
              l -> l);
        }
      case 9:
        {
          int c = random.nextInt(1, 5);
          SplittableRandom r = random.split();
          return new Step(
              "mapAsync(" + c + ")",
              it -> it.mapAsync(c, x -> valueStage(x + 1, r)),
              l -> mapped(l, x -> x + 1));
        }
      case 10:
        {
          int n = random.nextInt(1, 5);
          return new Step("prefetch(" + n + ")", it -> it.prefetch(n), l -> l);
        }
      default:
        return new Step(
            "timeout", it -> it.timeout(java.time.Duration.ofMinutes(5)), l -> l);
    }
  }

  private static List<Integer> mapped(List<Integer> l, UnaryOperator<Integer> fn) {
    List<Integer> out = new ArrayList<>(l.size());
    for (int x : l) {
      out.add(fn.apply(x));
    }
    return out;
  }

  private static void checkClosedOnceAndNotReadAfter(Feed feed, String what) {
    if (feed.closeCalls.get() != 1) {
      throw new AssertionError(what + ": a source closed " + feed.closeCalls.get() + " times");
    }
    if (feed.nextCallsAtClose.get() != feed.nextCalls.get()) {
      throw new AssertionError(
          what
              + ": a source read after its close ("
              + feed.nextCallsAtClose.get()
              + " next calls before, "
              + feed.nextCalls.get()
              + " in all)");
    }
  }

  /** Records what the bodies of a loop saw, checking that they run one at a time. */
  static final class Bodies {
    private final Feed closedBy;
    private final AtomicInteger inside = new AtomicInteger();
    private final Queue<String> violations = new ConcurrentLinkedQueue<>();

    /** Plain on purpose: the engine orders the bodies (B10); read after the loop completed. */
    final List<Integer> seen = new ArrayList<>();

    Bodies() {
      this(null);
    }

    /** With a feed whose close must come after the last body. */
    Bodies(Feed closedBy) {
      this.closedBy = closedBy;
    }

    void body(int x) {
      if (inside.incrementAndGet() != 1) {
        violations.add("two bodies at once at " + x);
      }
      if (closedBy != null && closedBy.closeCalls.get() != 0) {
        violations.add("body after the close at " + x);
      }
      seen.add(x);
      inside.decrementAndGet();
    }

    void check(String what) {
      if (!violations.isEmpty()) {
        throw new AssertionError(what + ": " + violations);
      }
    }
  }

  /** A subscriber that requests from several threads and checks every signal it gets. */
  static final class RacingSubscriber implements java.util.concurrent.Flow.Subscriber<Integer> {
    private final Feed feed;
    private final boolean requestsFromOnNext;
    private final AtomicInteger inside = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong requested =
        new java.util.concurrent.atomic.AtomicLong();
    private final Queue<String> violations = new ConcurrentLinkedQueue<>();
    private final AtomicInteger terminals = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean cancelled =
        new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean completed;
    private volatile int received;
    volatile java.util.concurrent.Flow.Subscription subscription;

    RacingSubscriber(Feed feed, boolean requestsFromOnNext) {
      this.feed = feed;
      this.requestsFromOnNext = requestsFromOnNext;
    }

    private void request(long n) {
      requested.addAndGet(n); // before the call: an onNext inside it is then covered
      subscription.request(n);
    }

    void requestUntilDone() {
      while (terminals.get() == 0 && !cancelled.get()) {
        if (requested.get() - received < 3) {
          request(1 + (received & 1));
        }
        Thread.yield(); // the stages' completers need the cores too
      }
    }

    void cancel() {
      cancelled.set(true);
      subscription.cancel();
    }

    private void enter(String signal) {
      if (inside.incrementAndGet() != 1) {
        violations.add("two signals at once: " + signal);
      }
      if (terminals.get() != 0) {
        violations.add(signal + " after the terminal signal");
      }
    }

    @Override
    public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
      subscription = s;
    }

    @Override
    public void onNext(Integer item) {
      enter("onNext(" + item + ")");
      if (item != received) {
        violations.add("onNext(" + item + ") where " + received + " was due");
      }
      received++;
      if (received > requested.get()) {
        violations.add("onNext beyond the demand: " + received + " > " + requested.get());
      }
      if (requestsFromOnNext && (item & 3) == 0) {
        request(1); // rule 3.3: returns at once, the running loop goes round
      }
      inside.decrementAndGet();
    }

    @Override
    public void onError(Throwable error) {
      enter("onError(" + error + ")");
      violations.add("onError(" + error + ")");
      terminal();
    }

    @Override
    public void onComplete() {
      enter("onComplete");
      completed = true;
      terminal();
    }

    private void terminal() {
      if (feed.closeCalls.get() != 1) {
        violations.add("terminal signal before the source was closed");
      }
      terminals.incrementAndGet();
      inside.decrementAndGet();
    }

    void check(String what, int count) {
      if (!cancelled.get()) {
        waitUntil(() -> terminals.get() > 0);
      }
      if (!violations.isEmpty()) {
        throw new AssertionError(what + ": " + violations);
      }
      if (terminals.get() > 1) {
        throw new AssertionError(what + ": " + terminals.get() + " terminal signals");
      }
      if (!cancelled.get() && (!completed || received != count)) {
        throw new AssertionError(what + ": received " + received + ", completed " + completed);
      }
    }
  }

  /** A stage of {@code value}, completed by a random party (as {@link #stageFor} does). */
  private static CompletableFuture<Integer> valueStage(int value, SplittableRandom random) {
    CompletableFuture<Integer> stage = new CompletableFuture<>();
    int pause = random.nextInt(100);
    switch (random.nextInt(4)) {
      case 0 -> stage.complete(value);
      case 1 -> completers.execute(() -> stage.complete(value));
      case 2 -> {
        completers.execute(() -> stage.complete(value));
        completers.execute(() -> stage.complete(value));
      }
      default -> completers.execute(
          () -> {
            spin(pause);
            stage.complete(value);
          });
    }
    return stage;
  }


  // ------------------------------------------------------------------------------- machinery

  @FunctionalInterface
  interface Scenario {
    void run(Iteration iteration, SplittableRandom random) throws Exception;
  }

  private static void repeat(Scenario scenario) {
    repeat(ITERATIONS, scenario);
  }

  private static void repeat(int iterations, Scenario scenario) {
    for (int i = 0; i < iterations; i++) {
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
      return start(feed, shape, random, UnaryOperator.identity(), true);
    }

    /**
     * Starts a loop over {@code chain} applied to the feed. {@code closeEndsBodies}: whether a
     * body after the feed's close is a violation (not where a bridge buffers what it read).
     */
    Run start(
        Feed feed,
        Shape shape,
        SplittableRandom random,
        UnaryOperator<AsyncIterator<Integer>> chain,
        boolean closeEndsBodies) {
      Via via = Via.values()[random.nextInt(3)];
      AsyncIterator<Integer> iterator = chain.apply(feed.via(via));
      Watch watch = new Watch(feed, closeEndsBodies);
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
      Watch watch = new Watch(feed, true);
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

    private final boolean closeEndsBodies;

    Watch(Feed feed, boolean closeEndsBodies) {
      this.feed = feed;
      this.closeEndsBodies = closeEndsBodies;
    }

    void body(int x) {
      if (inside.incrementAndGet() != 1) {
        violations.add("two bodies at once at element " + x);
      }
      if (closeEndsBodies && feed.closeCalls.get() != 0) {
        violations.add("body after the close at element " + x);
      }
      if (x != expected) {
        violations.add("element " + x + " where " + expected + " was due");
      }
      expected = x + 1;
      delivered.incrementAndGet();
      spin(x % 7 * 10); // some bodies take a little while
      if (closeEndsBodies && feed.closeCalls.get() != 0) {
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

    /**
     * Completes the elements in order, then the end, each after a pause of up to two
     * milliseconds: about the time a timeout of one millisecond takes to fire.
     */
    CompletableFuture<?> produceSlowly(ExecutorService executor, SplittableRandom random) {
      long[] pauses = random.longs(stages.size(), 0, 2_000_000).toArray();
      return CompletableFuture.runAsync(
          () -> {
            int last = stages.size() - 1;
            for (int i = 0; i < last; i++) {
              java.util.concurrent.locks.LockSupport.parkNanos(pauses[i]);
              stages.get(i).complete(i);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(pauses[last]);
            stages.get(last).completeExceptionally(new StopAsyncIteration());
          },
          executor);
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
