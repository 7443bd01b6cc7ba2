package dev.aiter;

/**
 * How a {@link Generator}'s body hands its elements over: Python's {@code yield} inside an {@code
 * async def}.
 *
 * @param <T> the element type
 */
public interface Yield<T> {

  /**
   * Completes the pending {@code anext()} with {@code value}, then waits until the consumer asks
   * for the next element (returns) or closes the iterator (throws {@link GeneratorExit}, so that
   * the body's {@code finally} blocks run). When the consumer asks again at once, as a loop body
   * running on this thread does, it returns without waiting. The wait is not interruptible; the
   * thread's interrupt status is kept.
   *
   * @param value the element; may be {@code null}
   * @throws GeneratorExit when the iterator was closed, and at every later call
   * @throws IllegalStateException when called from another thread than the body's
   */
  void yield(T value);
}
