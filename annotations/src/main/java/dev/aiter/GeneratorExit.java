package dev.aiter;

/**
 * Thrown by {@link Yield#yield(Object)} when the generator's iterator was closed while its body
 * waited there (a loop that ended early, {@code aclose()}, an iterator dropped and collected), as
 * Python throws {@code GeneratorExit} into a suspended generator. It unwinds the body so that its
 * {@code finally} blocks run; {@code aclose()} completes once the body has returned.
 *
 * <p>Unchecked, so that a body's lambda need not declare it. Let it propagate: a body that catches
 * it and yields again gets it again.
 */
public class GeneratorExit extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the signal; its message says that the generator was closed. */
  public GeneratorExit() {
    super("the generator's iterator was closed: unwinding its body");
  }
}
