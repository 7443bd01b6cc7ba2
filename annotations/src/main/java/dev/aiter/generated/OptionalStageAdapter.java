package dev.aiter.generated;

import dev.aiter.internal.Stages;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Base of the adapter generated for a next method returning {@code CompletionStage<Optional<E>>}
 * (or a subtype): an empty {@code Optional} ends the iteration, as does {@link
 * dev.aiter.StopAsyncIteration}; a {@code null} Optional is an error. For generated code only.
 *
 * <p>Everything a generated adapter calls or overrides is declared here, so that generated code
 * never names the runtime's internal package, which a named module does not export.
 *
 * @param <T> the element type
 */
// The superclass is the engine's, in a package the module does not export on purpose.
@SuppressWarnings("exports")
public abstract class OptionalStageAdapter<T>
    extends dev.aiter.internal.OptionalStageAdapter<T> {

  /**
   * Creates an adapter; the names are used in messages only.
   *
   * @param sourceType the source's class name, e.g. {@code p.Pager}
   * @param nextMethod the name of the next method, e.g. {@code anext}
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
  @Override
  protected abstract CompletionStage<? extends Optional<? extends T>> next() throws Exception;

  /**
   * Releases the source. The generated adapter overrides it when the source has an {@code
   * aclose()} or is {@link AutoCloseable}; this one does nothing.
   *
   * @return a stage that completes once the source is released; never {@code null}
   * @throws Exception when releasing fails
   */
  @Override
  protected CompletionStage<?> close() throws Exception {
    return super.close();
  }

  /**
   * The stage for {@link #close()} to return when it released the source synchronously.
   *
   * @return an already-complete stage
   */
  protected static CompletionStage<Void> closed() {
    return Stages.DONE;
  }
}
