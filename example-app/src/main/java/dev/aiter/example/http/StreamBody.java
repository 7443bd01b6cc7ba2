package dev.aiter.example.http;

import java.nio.ByteBuffer;

/**
 * The body of {@link ListingServer}'s streaming endpoint, generated or checked one byte after the
 * other without ever holding more than a line: lines of {@value #LINE} bytes, each a line number
 * (from 0) of eleven digits and a newline.
 */
public final class StreamBody {

  /** The length of each line: eleven digits and a newline. */
  public static final int LINE = 12;

  private final byte[] line = new byte[LINE];
  private long lineNumber = -1;
  private int column = LINE;
  private long offset;

  /** A body positioned at its first byte. */
  public StreamBody() {}

  /**
   * The next byte of the body.
   *
   * @return the byte at the current offset, which then moves on by one
   */
  public byte next() {
    if (column == LINE) {
      lineNumber++;
      long n = lineNumber;
      for (int i = LINE - 2; i >= 0; i--) {
        line[i] = (byte) ('0' + n % 10);
        n /= 10;
      }
      line[LINE - 1] = '\n';
      column = 0;
    }
    offset++;
    return line[column++];
  }

  /**
   * Checks that {@code buffer}'s remaining bytes are the next bytes of the body, consuming them.
   *
   * @param buffer bytes received
   * @throws IllegalStateException at the first byte that is not the expected one
   */
  public void check(ByteBuffer buffer) {
    while (buffer.hasRemaining()) {
      long at = offset;
      byte expected = next();
      byte actual = buffer.get();
      if (actual != expected) {
        throw new IllegalStateException(
            "byte " + at + " of the body is " + actual + ", expected " + expected);
      }
    }
  }

  /**
   * How many bytes were generated or checked so far.
   *
   * @return the current offset
   */
  public long offset() {
    return offset;
  }
}
