package dev.aiter.generated;

import dev.aiter.internal.FunctionAdapters;
import dev.aiter.internal.Stages;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where a generated {@code FooAsync} gets its iterator over a {@code Foo}: from the source's next
 * method and close method as method references ({@code source::anext}, {@code source::aclose}),
 * so that no adapter class is generated, and compiled, per annotated type. For generated code
 * only; users call {@code FooAsync.aiter(source)}.
 *
 * <p>The adapter normalises what a next method may do (a synchronous throw, a {@code null} stage,
 * {@link dev.aiter.StopAsyncIteration} thrown or wrapped, an empty {@code Optional}), repeats the
 * end, refuses an overlapping call as "already running" and closes once: B1–B10 of aiter's
 * contract.
 */
public final class Adapters {

  private Adapters() {}

  /**
   * A next method returning a stage of the element.
   *
   * @param <T> the element type
   */
  @FunctionalInterface
  public interface Next<T> {
    /**
     * Calls the next method.
     *
     * @return what it returned
     * @throws Exception whatever it throws
     */
    CompletionStage<? extends T> call() throws Exception;
  }

  /**
   * A next method returning a stage of an {@code Optional} element; empty ends the iteration.
   *
   * @param <T> the element type
   */
  @FunctionalInterface
  public interface OptionalNext<T> {
    /**
     * Calls the next method.
     *
     * @return what it returned
     * @throws Exception whatever it throws
     */
    CompletionStage<? extends Optional<? extends T>> call() throws Exception;
  }

  /** A close method returning a stage. */
  @FunctionalInterface
  public interface Close {
    /**
     * Calls the close method.
     *
     * @return what it returned
     * @throws Exception whatever it throws
     */
    CompletionStage<?> call() throws Exception;
  }

  /**
   * The iterator over a source whose next method returns a stage of the element, and which has
   * nothing to close.
   *
   * @param sourceType the source's class name, for messages, e.g. {@code p.Pager}
   * @param nextMethod the next method's name, for messages
   * @param next calls the next method
   * @param <T> the element type
   * @return the iterator
   */
  public static <T> GeneratedAdapter<T> stage(String sourceType, String nextMethod, Next<T> next) {
    return new FunctionAdapters.Stage<>(sourceType, nextMethod, next, null, null);
  }

  /**
   * The iterator over a source whose next method returns a stage of the element, closed by
   * {@code close}.
   *
   * @param sourceType the source's class name, for messages
   * @param nextMethod the next method's name, for messages
   * @param next calls the next method
   * @param closeMethod the close method's name, for messages
   * @param close calls the close method
   * @param <T> the element type
   * @return the iterator
   */
  public static <T> GeneratedAdapter<T> stage(
      String sourceType, String nextMethod, Next<T> next, String closeMethod, Close close) {
    return new FunctionAdapters.Stage<>(
        sourceType, nextMethod, next, closeMethod, Objects.requireNonNull(close, "close"));
  }

  /**
   * The iterator over a source whose next method returns a stage of an {@code Optional}, and
   * which has nothing to close.
   *
   * @param sourceType the source's class name, for messages
   * @param nextMethod the next method's name, for messages
   * @param next calls the next method
   * @param <T> the element type
   * @return the iterator
   */
  public static <T> GeneratedAdapter<T> optional(
      String sourceType, String nextMethod, OptionalNext<T> next) {
    return new FunctionAdapters.OptionalStage<>(sourceType, nextMethod, next, null, null);
  }

  /**
   * The iterator over a source whose next method returns a stage of an {@code Optional}, closed
   * by {@code close}.
   *
   * @param sourceType the source's class name, for messages
   * @param nextMethod the next method's name, for messages
   * @param next calls the next method
   * @param closeMethod the close method's name, for messages
   * @param close calls the close method
   * @param <T> the element type
   * @return the iterator
   */
  public static <T> GeneratedAdapter<T> optional(
      String sourceType,
      String nextMethod,
      OptionalNext<T> next,
      String closeMethod,
      Close close) {
    return new FunctionAdapters.OptionalStage<>(
        sourceType, nextMethod, next, closeMethod, Objects.requireNonNull(close, "close"));
  }

  /**
   * The close of an {@link AutoCloseable} source: {@code close()}, then an already-complete
   * stage.
   *
   * @param source the source
   * @return its close
   */
  public static Close closing(AutoCloseable source) {
    Objects.requireNonNull(source, "source");
    return () -> {
      source.close();
      return Stages.DONE;
    };
  }
}
