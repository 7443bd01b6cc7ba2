package dev.aiter.internal;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Base of the adapter for a next method returning {@code CompletionStage<Optional<E>>}: an empty
 * {@code Optional} ends the iteration, as does {@link dev.aiter.StopAsyncIteration}; a {@code
 * null} Optional is an error. Internal: generated code extends {@link
 * dev.aiter.generated.OptionalStageAdapter}, which declares again what it needs of this class.
 *
 * @param <T> the element type
 */
public abstract class OptionalStageAdapter<T> extends SourceAdapter<T> {

  /**
   * @param sourceType the source's class name, for messages
   * @param nextMethod the name of the next method, for messages
   * @param closeMethod the name of the close method, or {@code null} when there is none
   */
  protected OptionalStageAdapter(String sourceType, String nextMethod, String closeMethod) {
    super(sourceType, nextMethod, closeMethod);
  }

  /**
   * Calls the source's next method.
   *
   * @return what the next method returned
   * @throws Exception whatever the next method throws
   */
  protected abstract CompletionStage<? extends Optional<? extends T>> next() throws Exception;

  @Override
  final CompletionStage<?> callNext() throws Exception {
    return next();
  }

  @Override
  final Object decode(Object value) {
    if (value == null) {
      throw new NullPointerException(
          nextMethod()
              + " completed with a null Optional; complete with Optional.empty() to end the"
              + " iteration");
    }
    Optional<?> optional = (Optional<?>) value;
    return optional.isPresent() ? optional.get() : Stages.END;
  }
}
