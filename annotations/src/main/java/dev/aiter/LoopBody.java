package dev.aiter;

/**
 * The body of {@code asyncFor(source, element -> ...)}: runs once for each element, in order.
 * An exception it throws fails the loop with that exception.
 *
 * @param <T> the element type
 */
@FunctionalInterface
public interface LoopBody<T> {

  /**
   * Handles one element. Python: the block of {@code async for element in source:}.
   *
   * @param element the current element
   * @throws Exception to fail the loop with it
   */
  void accept(T element) throws Exception;
}
