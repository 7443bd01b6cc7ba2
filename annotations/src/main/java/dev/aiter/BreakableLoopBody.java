package dev.aiter;

/**
 * The body of {@code asyncFor(source, (element, loop) -> ...)}: like {@link LoopBody}, and it
 * may call {@link Loop#breakLoop()} to stop after this element.
 *
 * @param <T> the element type
 */
@FunctionalInterface
public interface BreakableLoopBody<T> {

  /**
   * Handles one element. Python: the block of {@code async for element in source:}, where
   * {@code loop.breakLoop()} is {@code break}.
   *
   * @param element the current element
   * @param loop the running loop, to break out of it
   * @throws Exception to fail the loop with it
   */
  void accept(T element, Loop loop) throws Exception;
}
