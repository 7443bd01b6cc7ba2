package dev.aiter.example.http;

/**
 * A page of the listing could not be fetched: the server answered with an error status, the
 * connection failed, or the body was not a page. The message names the page, so that a user
 * reading a one-line error knows how far the listing got.
 */
public class PageFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The number of the page that failed, from 1. */
  private final int page;

  /**
   * Creates the exception.
   *
   * @param page the number of the page that failed, from 1
   * @param message what went wrong, naming the page
   * @param cause the underlying failure, or {@code null}
   */
  public PageFailedException(int page, String message, Throwable cause) {
    super(message, cause);
    this.page = page;
  }

  /**
   * The page that failed.
   *
   * @return its number, from 1
   */
  public int page() {
    return page;
  }
}
