package dev.aiter.benchmarks;

import dev.aiter.AsyncIterable;
import dev.aiter.StopAsyncIteration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The benchmarks' source: {@code 0, 1, ..., n - 1}, one {@code CompletableFuture<Integer>} per
 * call, then a stage failed with {@link StopAsyncIteration}. Every contender reads this same
 * class, so the source's own allocation (one future and one {@code Integer} per element, plus the
 * executor's task in async mode) is the same for all of them.
 *
 * <p>With no executor every stage is already complete ({@code sync} mode); with one, each stage is
 * completed by a task on that executor ({@code async} mode).
 */
@AsyncIterable
public final class IntSource {

  private final int n;
  private final Executor executor;
  private int next;

  /**
   * @param n how many elements
   * @param executor completes the stages, or {@code null} to hand out completed ones
   */
  public IntSource(int n, Executor executor) {
    this.n = n;
    this.executor = executor;
  }

  /**
   * The next element.
   *
   * @return a stage of the next element, failed with {@link StopAsyncIteration} at the end
   */
  public CompletableFuture<Integer> anext() {
    int i = next;
    if (i == n) {
      return end();
    }
    next = i + 1;
    Integer value = i;
    if (executor == null) {
      return CompletableFuture.completedFuture(value);
    }
    CompletableFuture<Integer> stage = new CompletableFuture<>();
    executor.execute(() -> stage.complete(value));
    return stage;
  }

  private CompletableFuture<Integer> end() {
    if (executor == null) {
      return CompletableFuture.failedFuture(new StopAsyncIteration());
    }
    CompletableFuture<Integer> stage = new CompletableFuture<>();
    executor.execute(() -> stage.completeExceptionally(new StopAsyncIteration()));
    return stage;
  }

  /**
   * The sum a loop over {@code n} elements must arrive at.
   *
   * @param n how many elements
   * @return {@code 0 + 1 + ... + (n - 1)}
   */
  public static long expectedSum(int n) {
    return (long) n * (n - 1) / 2;
  }
}
