package dev.aiter.internal;

import dev.aiter.generated.Adapters;
import dev.aiter.generated.GeneratedAdapter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The adapters {@link Adapters} builds for generated code: a {@link SourceAdapter} over the
 * source's next and close methods as functions. Internal: not part of the aiter API.
 */
public final class FunctionAdapters {

  private FunctionAdapters() {}

  /**
   * Over a next method returning a stage of the element.
   *
   * @param <T> the element type
   */
  public static final class Stage<T> extends SourceAdapter<T> implements GeneratedAdapter<T> {
    private final Adapters.Next<T> next;
    private final Adapters.Close close;

    /**
     * @param sourceType the source's class name, for messages
     * @param nextMethod the next method's name, for messages
     * @param next calls the next method
     * @param closeMethod the close method's name, or {@code null} when there is none
     * @param close calls the close method, or {@code null} when there is none
     */
    public Stage(
        String sourceType,
        String nextMethod,
        Adapters.Next<T> next,
        String closeMethod,
        Adapters.Close close) {
      super(sourceType, nextMethod, closeMethod);
      this.next = next;
      this.close = close;
    }

    @Override
    CompletionStage<?> callNext() throws Exception {
      return next.call();
    }

    @Override
    Object decode(Object value) {
      return value;
    }

    @Override
    CompletionStage<?> close() throws Exception {
      return close == null ? Stages.DONE : close.call();
    }

    // PullIterator.anext() hands out a CompletableFuture on every path.
    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<T> anext() {
      return (CompletableFuture<T>) super.anext();
    }
  }

  /**
   * Over a next method returning a stage of an {@code Optional}: an empty one ends the iteration,
   * a {@code null} one is an error.
   *
   * @param <T> the element type
   */
  public static final class OptionalStage<T> extends SourceAdapter<T>
      implements GeneratedAdapter<T> {
    private final Adapters.OptionalNext<T> next;
    private final Adapters.Close close;

    /**
     * @param sourceType the source's class name, for messages
     * @param nextMethod the next method's name, for messages
     * @param next calls the next method
     * @param closeMethod the close method's name, or {@code null} when there is none
     * @param close calls the close method, or {@code null} when there is none
     */
    public OptionalStage(
        String sourceType,
        String nextMethod,
        Adapters.OptionalNext<T> next,
        String closeMethod,
        Adapters.Close close) {
      super(sourceType, nextMethod, closeMethod);
      this.next = next;
      this.close = close;
    }

    @Override
    CompletionStage<?> callNext() throws Exception {
      return next.call();
    }

    @Override
    Object decode(Object value) {
      if (value == null) {
        throw new NullPointerException(
            nextMethod()
                + " completed with a null Optional; complete with Optional.empty() to end the"
                + " iteration");
      }
      Optional<?> optional = (Optional<?>) value;
      return optional.isPresent() ? optional.get() : Stages.END;
    }

    @Override
    CompletionStage<?> close() throws Exception {
      return close == null ? Stages.DONE : close.call();
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<T> anext() {
      return (CompletableFuture<T>) super.anext();
    }
  }
}
