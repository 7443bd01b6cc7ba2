package dev.aiter.benchmarks;

import dev.aiter.AsyncIterable;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * {@link IntSource} in the Optional shape: {@code CompletableFuture<Optional<Integer>>}, ended by
 * an empty Optional. It allocates one {@code Optional} per element more than {@link IntSource}.
 */
@AsyncIterable
public final class OptionalIntSource {

  private final int n;
  private final Executor executor;
  private int next;

  /**
   * @param n how many elements
   * @param executor completes the stages, or {@code null} to hand out completed ones
   */
  public OptionalIntSource(int n, Executor executor) {
    this.n = n;
    this.executor = executor;
  }

  /**
   * The next element.
   *
   * @return a stage of the next element, or of an empty Optional at the end
   */
  public CompletableFuture<Optional<Integer>> anext() {
    int i = next;
    Optional<Integer> value;
    if (i == n) {
      value = Optional.empty();
    } else {
      next = i + 1;
      value = Optional.of(i);
    }
    if (executor == null) {
      return CompletableFuture.completedFuture(value);
    }
    CompletableFuture<Optional<Integer>> stage = new CompletableFuture<>();
    executor.execute(() -> stage.complete(value));
    return stage;
  }
}
