package dev.aiter.generated;

import dev.aiter.internal.Stages;
import java.util.concurrent.CompletionStage;

/**
 * Base of the adapter generated for a next method returning {@code CompletionStage<E>} (or a
 * subtype): {@link dev.aiter.StopAsyncIteration} ends the iteration. For generated code only.
 *
 * <p>Everything a generated adapter calls or overrides is declared here, so that generated code
 * never names the runtime's internal package, which a named module does not export.
 *
 * @param <T> the element type
 */
// The superclass is the engine's, in a package the module does not export on purpose.
@SuppressWarnings("exports")
public abstract class StageAdapter<T> extends dev.aiter.internal.StageAdapter<T> {

  /**
   * Creates an adapter; the names are used in messages only.
   *
   * @param sourceType the source's class name, e.g. {@code p.Pager}
   * @param nextMethod the name of the next method, e.g. {@code anext}
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
  @Override
  protected abstract CompletionStage<? extends T> next() throws Exception;

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
