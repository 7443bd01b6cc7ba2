package dev.aiter;

import static dev.aiter.Fixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.aiter.Fixtures.Counter;
import dev.aiter.Fixtures.Mode;
import dev.aiter.Fixtures.Path;
import dev.aiter.generated.Adapters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** B1: how a source ends an iteration. */
class EndTest {

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dev.aiter.Fixtures#pathsAndModes")
  void b1_endsOnStopAsyncIteration_failedThrownOrWrapped(Path path, Mode mode) {
    Counter counter = new Counter(5, mode);
    List<Integer> seen = new ArrayList<>();
    CompletableFuture<Void> loop = Async.asyncFor(path.over(counter), x -> seen.add(x));
    await(loop);
    assertNull(loop.join());
    assertEquals(List.of(0, 1, 2, 3, 4), seen);
    assertEquals(6, counter.nextCalls.get(), "next is called once more to see the end");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dev.aiter.Fixtures#pathsAndModes")
  void b1_emptySourceRunsNoBody(Path path, Mode mode) {
    Counter counter = new Counter(0, mode);
    AtomicInteger bodies = new AtomicInteger();
    CompletableFuture<Void> loop = Async.asyncFor(path.over(counter), x -> bodies.incrementAndGet());
    await(loop);
    assertNull(loop.join());
    assertEquals(0, bodies.get());
  }

  @Test
  void b1_emptyOptionalEndsTheIteration() {
    AtomicInteger n = new AtomicInteger();
    AsyncIterator<String> it = optionalSource(() -> {
      int i = n.getAndIncrement();
      return CompletableFuture.completedFuture(i < 3 ? Optional.of("s" + i) : Optional.empty());
    });
    List<String> seen = new ArrayList<>();
    Async.asyncFor(it, x -> seen.add(x)).join();
    assertEquals(List.of("s0", "s1", "s2"), seen);
  }

  @Test
  void b1_optionalShapeAlsoEndsOnStopAsyncIteration() {
    AtomicInteger n = new AtomicInteger();
    AsyncIterator<String> it = optionalSource(() -> {
      int i = n.getAndIncrement();
      return i < 2
          ? CompletableFuture.supplyAsync(() -> Optional.of("a" + i), Fixtures.POOL)
          : CompletableFuture.supplyAsync(() -> { throw new StopAsyncIteration(); }, Fixtures.POOL);
    });
    List<String> seen = new ArrayList<>();
    Async.asyncFor(it, x -> seen.add(x)).join();
    assertEquals(List.of("a0", "a1"), seen);
  }

  @Test
  void b1_nullOptionalIsAnErrorNamingTheMethod() {
    AsyncIterator<String> it = optionalSource(() -> CompletableFuture.completedFuture(null));
    Throwable failure = Fixtures.failureOf(Async.asyncFor(it, x -> {}));
    assertInstanceOf(NullPointerException.class, failure);
    assertEquals(
        "dev.aiter.Pages.fetch() completed with a null Optional; complete with Optional.empty()"
            + " to end the iteration",
        failure.getMessage());
  }

  @Test
  void b1_pendingEmptyOptionalEndsTheIteration() {
    CompletableFuture<Optional<String>> stage = new CompletableFuture<>();
    AsyncIterator<String> it = optionalSource(() -> stage);
    CompletableFuture<Void> loop = Async.asyncFor(it, x -> {});
    stage.complete(Optional.empty());
    assertNull(loop.join());
  }

  interface OptionalNext {
    CompletionStage<Optional<String>> fetch();
  }

  static AsyncIterator<String> optionalSource(OptionalNext next) {
    return Adapters.<String>optional("dev.aiter.Pages", "fetch", next::fetch);
  }
}
