package dev.aiter;

/**
 * Control of a running {@code asyncFor} loop, handed to a {@link BreakableLoopBody}.
 * Returning from the body is Python's {@code continue}; {@link #breakLoop()} is its {@code
 * break}.
 */
public interface Loop {

  /**
   * Stops the loop after the current body returns: the next method is not called again, the
   * source is closed and the loop's future then completes normally. Python: {@code break}.
   */
  void breakLoop();
}
