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

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code Async.generator(body)}: Python's {@code async def ... yield}, on a thread of its own. */
class GeneratorTest {

  private static final RuntimeException BOOM = new IllegalStateException("boom");

  private static final ExecutorService NAMED =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "generator-pool");
            t.setDaemon(true);
            return t;
          });

  @AfterAll
  static void shutdown() {
    NAMED.shutdownNow();
  }

  /** Thread.isVirtual(), which the tests (compiled for Java 17) can only look up. */
  static boolean isVirtual(Thread thread) {
    if (Runtime.version().feature() < 21) {
      return false;
    }
    try {
      return (boolean)
          MethodHandles.publicLookup()
              .findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class))
              .invoke(thread);
    } catch (Throwable e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theBodyStartsAtTheFirstAnext() {
    AtomicInteger runs = new AtomicInteger();
    AsyncIterator<Integer> it =
        Async.generator(
            out -> {
              runs.incrementAndGet();
              out.yield(1);
            });
    assertEquals(0, runs.get());
    assertEquals(1, Async.anext(it).join());
    assertEquals(1, runs.get());
  }

  @Test
  void elementsComeInTheOrderTheyAreYielded() {
    AsyncIterator<String> it =
        Async.generator(
            out -> {
              out.yield("a");
              out.yield(null);
              out.yield("c");
            });
    List<String> all = it.toList().join();
    assertEquals(3, all.size());
    assertEquals("a", all.get(0));
    assertNull(all.get(1));
    assertEquals("c", all.get(2));
  }

  @Test
  void theBodyMayBlockWhileTheConsumerWaits() {
    CompletableFuture<Integer> fetched = new CompletableFuture<>();
    AsyncIterator<Integer> it = Async.generator(out -> out.yield(fetched.join() * 2));
    CompletableFuture<Integer> next = Async.anext(it);
    assertFalse(next.isDone());
    fetched.complete(21);
    assertEquals(42, next.join());
  }

  @Test
  void returningEndsTheIterationAndTheEndRepeats() {
    AtomicInteger runs = new AtomicInteger();
    AsyncIterator<Integer> it =
        Async.generator(
            out -> {
              runs.incrementAndGet();
              out.yield(1);
            });
    assertEquals(1, Async.anext(it).join());
    assertInstanceOf(StopAsyncIteration.class, failureOf(Async.anext(it)));
    assertInstanceOf(StopAsyncIteration.class, failureOf(Async.anext(it)));
    assertEquals(1, runs.get());
  }

  @Test
  void anExceptionFailsThePendingAnextWithThatException() {
    List<Integer> seen = new ArrayList<>();
    CompletableFuture<Void> loop =
        Async.asyncFor(
            Async.<Integer>generator(
                out -> {
                  out.yield(1);
                  throw BOOM;
                }),
            x -> seen.add(x));
    await(loop);
    assertSame(BOOM, failureOf(loop));
    assertEquals(List.of(1), seen);
  }

  @Test
  void acloseWhileSuspendedThrowsGeneratorExitAndCompletesAfterTheFinallyRan() {
    List<String> log = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> releaseFinally = new CompletableFuture<>();
    AsyncIterator<Integer> it =
        Async.generator(
            out -> {
              try {
                out.yield(1);
                out.yield(2);
                log.add("after the second yield");
              } catch (GeneratorExit e) {
                log.add("GeneratorExit");
                throw e;
              } finally {
                releaseFinally.join();
                log.add("finally");
              }
            });
    assertEquals(1, Async.anext(it).join());
    CompletableFuture<Void> closed = it.aclose().toCompletableFuture();
    assertFalse(closed.isDone(), "the body has not returned yet");
    releaseFinally.complete(null);
    assertNull(closed.join());
    assertEquals(List.of("GeneratorExit", "finally"), log);
    assertInstanceOf(StopAsyncIteration.class, failureOf(Async.anext(it)));
  }

  @Test
  void acloseBeforeTheFirstAnextCompletesAtOnceAndTheBodyNeverRuns() {
    AtomicBoolean ran = new AtomicBoolean();
    AsyncIterator<Integer> it = Async.generator(out -> ran.set(true));
    CompletableFuture<Void> closed = it.aclose().toCompletableFuture();
    assertTrue(closed.isDone());
    assertNull(closed.join());
    assertInstanceOf(StopAsyncIteration.class, failureOf(Async.anext(it)));
    assertFalse(ran.get());
  }

  @Test
  void aYieldAfterGeneratorExitThrowsItAgain() {
    List<String> log = new CopyOnWriteArrayList<>();
    AsyncIterator<Integer> it =
        Async.generator(
            out -> {
              try {
                out.yield(1);
              } catch (GeneratorExit e) {
                log.add("first");
                try {
                  out.yield(2);
                } catch (GeneratorExit again) {
                  log.add("again");
                }
              }
            });
    assertEquals(1, Async.anext(it).join());
    it.aclose().toCompletableFuture().join();
    assertEquals(List.of("first", "again"), log);
  }

  @Test
  void closingWhileTheBodyRunsMakesItsNextYieldThrowGeneratorExit() {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    List<String> log = new CopyOnWriteArrayList<>();
    AsyncIterator<Integer> it =
        Async.generator(
            out -> {
              try {
                out.yield(1);
                gate.join();
                out.yield(2);
                log.add("yielded 2");
              } finally {
                log.add("finally");
              }
            });
    assertEquals(1, Async.anext(it).join());
    CompletableFuture<Integer> second = Async.anext(it); // the body runs, blocked on the gate
    CompletableFuture<Void> closed = it.aclose().toCompletableFuture();
    assertFalse(closed.isDone());
    gate.complete(null);
    assertNull(closed.join());
    assertEquals(List.of("finally"), log);
    assertInstanceOf(StopAsyncIteration.class, failureOf(second));
  }

  @Test
  void aFailureWhileUnwindingFailsAclose() {
    AsyncIterator<Integer> it =
        Async.generator(
            out -> {
              try {
                out.yield(1);
              } catch (GeneratorExit e) {
                throw BOOM; // clean-up that fails
              }
            });
    assertEquals(1, Async.anext(it).join());
    CompletableFuture<Void> closed = it.aclose().toCompletableFuture();
    await(closed);
    assertSame(BOOM, failureOf(closed));
  }

  @Test
  void breakingTheLoopClosesTheGeneratorAndTheLoopCompletesAfterItsFinally() {
    List<String> log = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> loop =
        Async.asyncFor(
            Async.<Integer>generator(
                out -> {
                  try {
                    for (int i = 0; ; i++) {
                      out.yield(i);
                    }
                  } finally {
                    log.add("finally");
                  }
                }),
            (x, control) -> {
              log.add("body " + x);
              if (x == 2) {
                control.breakLoop();
              }
            });
    await(loop);
    assertNull(loop.join());
    assertEquals(List.of("body 0", "body 1", "body 2", "finally"), log);
  }

  @Test
  void anOverlappingAnextFailsWithAlreadyRunning() {
    CompletableFuture<Integer> value = new CompletableFuture<>();
    AsyncIterator<Integer> it = Async.generator(out -> out.yield(value.join()));
    CompletableFuture<Integer> first = Async.anext(it);
    Throwable overlap = failureOf(Async.anext(it));
    assertInstanceOf(IllegalStateException.class, overlap);
    assertTrue(overlap.getMessage().contains("Async.generator(body) is already running"));
    value.complete(5);
    assertEquals(5, first.join());
  }

  @Test
  void withAnExecutorTheBodyRunsOnOneOfItsThreads() {
    AtomicReference<String> name = new AtomicReference<>();
    AsyncIterator<Integer> it =
        Async.generator(
            NAMED,
            out -> {
              name.set(Thread.currentThread().getName());
              out.yield(1);
            });
    assertEquals(1, Async.anext(it).join());
    assertEquals("generator-pool", name.get());
    it.aclose().toCompletableFuture().join();
  }

  @Test
  void withoutAnExecutorTheBodyRunsOnAVirtualThreadFromJdk21AndOnADaemonThreadBefore() {
    AtomicReference<Thread> thread = new AtomicReference<>();
    AsyncIterator<Integer> it =
        Async.generator(
            out -> {
              thread.set(Thread.currentThread());
              out.yield(1);
            });
    assertEquals(1, Async.anext(it).join());
    Thread body = thread.get();
    assertEquals("aiter-generator", body.getName());
    if (Runtime.version().feature() >= 21) {
      assertTrue(isVirtual(body), body + " on JDK " + Runtime.version());
    } else {
      assertFalse(isVirtual(body));
      assertTrue(body.isDaemon(), body + " on JDK " + Runtime.version());
    }
    it.aclose().toCompletableFuture().join();
  }

  /**
   * B10: the first element is held back until the loop waits for it, so the generator's thread
   * completes it; every later anext() then comes from inside yield and resumes the body there.
   */
  @Test
  void loopBodiesRunOnTheGeneratorsThreadWhenItCompletedTheirElements() {
    Set<Thread> bodies = ConcurrentHashMap.newKeySet();
    AtomicReference<Thread> generator = new AtomicReference<>();
    CompletableFuture<Void> loopWaits = new CompletableFuture<>();
    CompletableFuture<Void> loop =
        Async.asyncFor(
            Async.<Integer>generator(
                out -> {
                  generator.set(Thread.currentThread());
                  loopWaits.join();
                  for (int i = 0; i < 100; i++) {
                    out.yield(i);
                  }
                }),
            x -> bodies.add(Thread.currentThread()));
    loopWaits.complete(null); // asyncFor returned: the loop waits on the first element
    await(loop);
    assertNull(loop.join());
    assertEquals(Set.of(generator.get()), bodies);
  }

  @Test
  void aMillionYieldsThroughAsyncForRunInConstantStack() {
    int[] depth = new int[2];
    long[] sum = {0};
    CompletableFuture<Void> loop =
        Async.asyncFor(
            Async.<Integer>generator(
                out -> {
                  for (int i = 0; i < 1_000_000; i++) {
                    if (i == 1) {
                      depth[0] = new Throwable().getStackTrace().length;
                    } else if (i == 999_999) {
                      depth[1] = new Throwable().getStackTrace().length;
                    }
                    out.yield(i);
                  }
                }),
            x -> sum[0] += x);
    await(loop);
    assertNull(loop.join());
    assertEquals(499_999_500_000L, sum[0]);
    assertEquals(depth[0], depth[1]);
  }

  @Test
  void aConsumerOnAnotherThreadWakesTheSuspendedBody() {
    AsyncIterator<Integer> it =
        Async.generator(
            out -> {
              for (int i = 0; i < 1_000; i++) {
                out.yield(i);
              }
            });
    // asyncForAwait with a body stage completed elsewhere: each next anext() comes from a pool
    // thread after the body parked.
    AtomicInteger count = new AtomicInteger();
    CompletableFuture<Void> loop =
        Async.asyncForAwait(
            it, x -> CompletableFuture.runAsync(count::incrementAndGet, Fixtures.POOL));
    await(loop);
    assertNull(loop.join());
    assertEquals(1_000, count.get());
  }

  @Test
  void anAbandonedGeneratorIsClosedWhenCollectedAndItsFinallyRuns() throws InterruptedException {
    CountDownLatch finallyRan = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    takeOneAndDrop(finallyRan, thrown);
    for (int i = 0; i < 100 && finallyRan.getCount() > 0; i++) {
      System.gc();
      finallyRan.await(100, TimeUnit.MILLISECONDS);
    }
    assertEquals(0, finallyRan.getCount(), "the Cleaner closed the dropped generator");
    assertInstanceOf(GeneratorExit.class, thrown.get());
  }

  /** A method of its own, so that no reference to the iterator stays in the test's frame. */
  private static void takeOneAndDrop(CountDownLatch finallyRan, AtomicReference<Throwable> thrown) {
    AsyncIterator<Integer> it =
        Async.generator(
            out -> {
              try {
                for (int i = 0; ; i++) {
                  out.yield(i);
                }
              } catch (GeneratorExit e) {
                thrown.set(e);
                throw e;
              } finally {
                finallyRan.countDown();
              }
            });
    assertEquals(0, Async.anext(it).join());
  }

  @Test
  void anInterruptWhileSuspendedIsKeptForTheBody() throws Exception {
    AtomicReference<Thread> thread = new AtomicReference<>();
    AtomicBoolean sawInterrupt = new AtomicBoolean();
    AsyncIterator<Integer> it =
        Async.generator(
            out -> {
              thread.set(Thread.currentThread());
              out.yield(1);
              sawInterrupt.set(Thread.interrupted());
              out.yield(2);
            });
    assertEquals(1, Async.anext(it).join());
    thread.get().interrupt(); // the body is parked in yield, or about to be
    assertEquals(2, Async.anext(it).join());
    assertTrue(sawInterrupt.get(), "the interrupt reached the body after yield returned");
    it.aclose().toCompletableFuture().join();
  }

  @Test
  void yieldFromAnotherThreadFails() {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AsyncIterator<Integer> it =
        Async.generator(
            out -> {
              Thread other =
                  new Thread(
                      () -> {
                        try {
                          out.yield(1);
                        } catch (Throwable t) {
                          thrown.set(t);
                        }
                      });
              other.start();
              other.join();
              out.yield(2);
            });
    assertEquals(2, Async.anext(it).join());
    assertInstanceOf(IllegalStateException.class, thrown.get());
    it.aclose().toCompletableFuture().join();
  }

  @Test
  void anExecutorThatRunsTheBodyOnTheCallersThreadFailsTheFirstAnext() {
    AsyncIterator<Integer> it = Async.generator(Runnable::run, out -> out.yield(1));
    Throwable failure = failureOf(Async.anext(it));
    assertInstanceOf(IllegalStateException.class, failure);
    assertTrue(failure.getMessage().contains("thread that called anext()"), failure.getMessage());
  }

  @Test
  void aRejectingExecutorFailsTheFirstAnextWithItsException() {
    RejectedExecutionException rejected = new RejectedExecutionException("full");
    AsyncIterator<Integer> it =
        Async.generator(
            r -> {
              throw rejected;
            },
            out -> out.yield(1));
    assertSame(rejected, failureOf(Async.anext(it)));
    assertNull(it.aclose().toCompletableFuture().join());
  }

  @Test
  void aNullBodyOrExecutorIsRejectedAtOnce() {
    assertThrows(NullPointerException.class, () -> Async.generator(null));
    assertThrows(NullPointerException.class, () -> Async.generator(null, out -> {}));
    assertThrows(NullPointerException.class, () -> Async.generator(NAMED, null));
  }
}
