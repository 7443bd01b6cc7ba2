package dev.aiter.benchmarks;

import dev.aiter.StopAsyncIteration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The loop most people write first: recursion through {@code thenCompose}. When the source's
 * futures are already complete every element adds stack frames, and past a couple of thousand
 * elements the loop fails with {@link StackOverflowError} (which {@code CompletableFuture} catches
 * and stores); see {@link NaiveDepthProbe}.
 */
public final class NaiveLoop {

  private NaiveLoop() {}

  /**
   * Runs {@code body} for every element of {@code source}, in order.
   *
   * @param source the source
   * @param body what to do with each element
   * @return a future that completes when the source ended or fails with the first error
   */
  public static CompletableFuture<Void> run(IntSource source, Consumer<? super Integer> body) {
    return loop(source, body)
        .handle(
            (ignored, error) -> {
              if (error == null) {
                return null;
              }
              Throwable cause = error instanceof CompletionException ? error.getCause() : error;
              if (cause instanceof StopAsyncIteration) {
                return null;
              }
              throw error instanceof CompletionException
                  ? (CompletionException) error
                  : new CompletionException(error);
            });
  }

  private static CompletableFuture<Void> loop(IntSource source, Consumer<? super Integer> body) {
    return source
        .anext()
        .thenCompose(
            value -> {
              body.accept(value);
              return loop(source, body);
            });
  }
}
