package dev.aiter;

import java.util.concurrent.CompletionStage;

/**
 * The body of {@code asyncForAwait(source, element -> stage)}: the loop asks for the next
 * element only once the returned stage completed; a failed stage fails the loop.
 *
 * @param <T> the element type
 */
@FunctionalInterface
public interface AwaitLoopBody<T> {

  /**
   * Starts the work for one element. Python: a block of {@code async for} that {@code await}s.
   *
   * @param element the current element
   * @return a stage that completes when the work for this element is done; never {@code null}
   * @throws Exception to fail the loop with it
   */
  CompletionStage<?> apply(T element) throws Exception;
}
