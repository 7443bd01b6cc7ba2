package dev.aiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.Fixtures.Mode;
import dev.aiter.Fixtures.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** B10: which thread runs the body, and never two at once. */
class ThreadsTest {

  private static final ExecutorService COMPLETER =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "completer"));

  @AfterAll
  static void shutdown() {
    COMPLETER.shutdownNow();
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b10_bodyRunsOnTheCallersThreadWhenStagesAreAlreadyComplete(Path path) {
    Thread caller = Thread.currentThread();
    List<Thread> threads = new ArrayList<>();
    Async.asyncFor(path.over(new Fixtures.Counter(5, Mode.SYNC)), x -> threads.add(Thread.currentThread())).join();
    assertEquals(5, threads.size());
    assertTrue(threads.stream().allMatch(t -> t == caller));
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b10_bodyRunsOnTheThreadThatCompletedTheStage(Path path) throws Exception {
    // Every stage is pending when handed out and completed later by one thread, "completer".
    BlockingQueue<CompletableFuture<Integer>> handedOut = new LinkedBlockingQueue<>();
    Scripted source =
        new Scripted(
            i -> {
              CompletableFuture<Integer> stage = new CompletableFuture<>();
              handedOut.add(stage);
              return stage;
            },
            () -> CompletableFuture.completedFuture(null));
    Set<String> names = ConcurrentHashMap.newKeySet();
    CompletableFuture<Void> loop = Async.asyncFor(source.via(path), x -> names.add(Thread.currentThread().getName()));
    COMPLETER
        .submit(
            () -> {
              for (int i = 0; i < 5; i++) {
                handedOut.take().complete(i);
              }
              handedOut.take().completeExceptionally(new StopAsyncIteration());
              return null;
            })
        .get(10, TimeUnit.SECONDS);
    Fixtures.await(loop);
    assertNull(loop.join());
    assertEquals(Set.of("completer"), names);
  }

  @RepeatedTest(20)
  void b10_neverTwoBodiesAtOnce() {
    for (Path path : Path.values()) {
      Fixtures.Counter counter = new Fixtures.Counter(2_000, Mode.MIXED);
      AtomicInteger inside = new AtomicInteger();
      AtomicInteger maxInside = new AtomicInteger();
      List<Integer> seen = new ArrayList<>();
      CompletableFuture<Void> loop =
          Async.asyncFor(
              path.over(counter),
              x -> {
                maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                seen.add(x);
                inside.decrementAndGet();
              });
      Fixtures.await(loop);
      assertNull(loop.join());
      assertEquals(1, maxInside.get());
      assertEquals(2_000, seen.size());
      for (int i = 0; i < seen.size(); i++) {
        assertEquals(i, seen.get(i));
      }
    }
  }
}
