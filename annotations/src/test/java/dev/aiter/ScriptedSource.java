package dev.aiter;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A user's {@code @AsyncIterable} class whose next and close behaviour each test scripts. The
 * runtime tests reach it through {@link ScriptedSourceAsync}, which the processor generated from
 * this file: {@code processor}'s {@code RuntimeFixtureTest} regenerates it and fails when the
 * committed copy differs, so the tests run over exactly what a user's build produces (and the
 * B9 guard of a real adapter).
 *
 * <p>Self-contained on purpose (JDK and {@code dev.aiter} only), so that the processor test can
 * compile it alone.
 */
@AsyncIterable
public final class ScriptedSource {

  /** What the next method returns for the call with the given index (0, 1, 2...). */
  @FunctionalInterface
  public interface Next {
    /**
     * Answers one call of the next method.
     *
     * @param index how many calls came before this one
     * @return the stage to return
     * @throws Exception to throw it from the next method
     */
    CompletionStage<Integer> call(int index) throws Exception;
  }

  /** What {@code aclose()} returns. */
  @FunctionalInterface
  public interface Close {
    /**
     * Answers one call of {@code aclose()}.
     *
     * @return the stage to return
     * @throws Exception to throw it from {@code aclose()}
     */
    CompletionStage<Void> call() throws Exception;
  }

  /** How many times the next method was called. */
  public final AtomicInteger nextCalls = new AtomicInteger();

  /** How many times {@code aclose()} was called. */
  public final AtomicInteger closeCalls = new AtomicInteger();

  private final Next next;
  private final Close close;

  /**
   * A source with the given behaviour.
   *
   * @param next what each call of the next method returns
   * @param close what {@code aclose()} returns
   */
  public ScriptedSource(Next next, Close close) {
    this.next = next;
    this.close = close;
  }

  /**
   * A source of {@code 0 .. count - 1} as already-complete stages, then the end; its close
   * completes at once.
   *
   * @param count how many elements
   * @return the source
   */
  public static ScriptedSource counting(int count) {
    return new ScriptedSource(
        i ->
            i < count
                ? CompletableFuture.completedFuture(i)
                : CompletableFuture.failedFuture(new StopAsyncIteration()),
        () -> CompletableFuture.completedFuture(null));
  }

  /**
   * The next method.
   *
   * @return the scripted stage
   * @throws Exception when the script throws
   */
  public CompletionStage<Integer> anext() throws Exception {
    return next.call(nextCalls.getAndIncrement());
  }

  /**
   * The close method.
   *
   * @return the scripted stage
   * @throws Exception when the script throws
   */
  public CompletionStage<Void> aclose() throws Exception {
    closeCalls.incrementAndGet();
    return close.call();
  }
}
