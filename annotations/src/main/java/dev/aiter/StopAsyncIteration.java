package dev.aiter;

/**
 * The end-of-iteration signal, as Python's {@code StopAsyncIteration}: a next method ends the
 * iteration by failing its stage with it (or throwing it); {@link Async#anext(AsyncIterator)}
 * fails with it once the iterator is exhausted.
 *
 * <p>It is unchecked so that a lambda or a stage can carry it. Thrown by the body of an {@code
 * asyncFor} loop it is an error, not an end, as in Python.
 */
public class StopAsyncIteration extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the end signal with no message. */
  public StopAsyncIteration() {
    super();
  }

  /**
   * Creates the end signal with a message, for example one that names the exhausted source.
   *
   * @param message the detail message
   */
  public StopAsyncIteration(String message) {
    super(message);
  }
}
