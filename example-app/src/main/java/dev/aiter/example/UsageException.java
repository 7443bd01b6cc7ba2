package dev.aiter.example;

/** The command line is not one the application understands; the message says what is wrong. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message one line saying what is wrong with the arguments
   */
  UsageException(String message) {
    super(message);
  }
}
