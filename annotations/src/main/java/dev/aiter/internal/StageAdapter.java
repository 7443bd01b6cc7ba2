package dev.aiter.internal;

import java.util.concurrent.CompletionStage;

/**
 * Base of the adapter for a next method returning {@code CompletionStage<E>} (or a subtype): the
 * end is {@link dev.aiter.StopAsyncIteration}. Internal: generated code extends {@link
 * dev.aiter.generated.StageAdapter}, which declares again what it needs of this class.
 *
 * @param <T> the element type
 */
public abstract class StageAdapter<T> extends SourceAdapter<T> {

  /**
   * @param sourceType the source's class name, for messages
   * @param nextMethod the name of the next method, for messages
   * @param closeMethod the name of the close method, or {@code null} when there is none
   */
  protected StageAdapter(String sourceType, String nextMethod, String closeMethod) {
    super(sourceType, nextMethod, closeMethod);
  }

  /**
   * Calls the source's next method.
   *
   * @return what the next method returned
   * @throws Exception whatever the next method throws
   */
  protected abstract CompletionStage<? extends T> next() throws Exception;

  @Override
  final CompletionStage<?> callNext() throws Exception {
    return next();
  }

  @Override
  final Object decode(Object value) {
    return value;
  }
}
