package dev.aiter;

import dev.aiter.internal.Stages;
import java.util.concurrent.CompletionStage;

/**
 * The asynchronous iterator protocol, Python's {@code __anext__} and {@code aclose()}: every
 * generated adapter implements it, and anyone may implement it by hand.
 *
 * <p>Callers call {@link #anext()} again only after the previous stage completed. The functions
 * of {@link Async} accept any implementation.
 *
 * @param <T> the element type
 */
public interface AsyncIterator<T> {

  /**
   * Returns the next element; at the end the stage completes exceptionally with {@link
   * StopAsyncIteration}. Python: {@code await it.__anext__()}.
   *
   * @return a stage completed with the next element, or failed with {@link StopAsyncIteration}
   *     at the end
   */
  CompletionStage<T> anext();

  /**
   * Releases the source; idempotent. The default does nothing. Python: {@code await
   * it.aclose()}.
   *
   * @return a stage that completes once the source is released
   */
  default CompletionStage<Void> aclose() {
    return Stages.DONE;
  }
}
