package dev.aiter.example.lines;

import dev.aiter.AsyncIterable;
import dev.aiter.StopAsyncIteration;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;

/**
 * The lines of a UTF-8 text file, read asynchronously: no thread ever blocks on the file. Each
 * {@link #anext()} yields one line without its terminator ({@code \n} or {@code \r\n}); a last
 * line without a terminator is yielded too, and an empty file yields nothing, as {@link
 * java.io.BufferedReader#lines()} does (a lone {@code \r} is not a terminator here).
 *
 * <pre>{@code
 * import static dev.aiter.example.lines.AsyncLineReaderAsync.*;
 * asyncFor(AsyncLineReader.open(path), line -> System.out.println(line)).join();
 * }</pre>
 *
 * <p>Memory stays constant whatever the size of the file: one byte buffer and one char buffer of
 * the chosen size, plus the line being assembled, so only a single very long line makes it grow.
 * Bytes of a character split between two reads stay in the byte buffer until the rest arrives.
 * Bytes that are not UTF-8 fail the iteration with an {@link IOException} naming the file and the
 * byte offset.
 *
 * <p>{@code asyncFor} closes the reader on every way out of the loop; the reader is {@link
 * AutoCloseable} for that. Like any async iterator it serves one {@code anext()} at a time.
 */
@AsyncIterable
public final class AsyncLineReader implements AutoCloseable {

  /** The buffer size of {@link #open(Path)}: a few pages of the file per read. */
  public static final int DEFAULT_BUFFER_SIZE = 16 * 1024;

  /**
   * The smallest buffer that always makes progress: the up to three bytes of a split UTF-8
   * character that wait for the rest, plus room for one more byte.
   */
  public static final int MIN_BUFFER_SIZE = 4;

  /**
   * A line buffer that grew past this many times the buffer size, for one long line, is dropped
   * afterwards rather than kept for the rest of the file.
   */
  private static final int LINE_BUFFER_SLACK = 4;

  private final Path file;
  private final AsynchronousFileChannel channel;
  private final int bufferSize;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ReadCompletion readCompletion = new ReadCompletion();

  // Between calls both buffers are in "read mode": position..limit is what is still to be used.
  private final ByteBuffer bytes;
  private final CharBuffer chars;
  private StringBuilder line;

  /** The file offset of the next read. */
  private long readPosition;
  /** Bytes handed to the decoder so far: the file offset of an undecodable byte. */
  private long decodedBytes;
  /** The channel reported the end of the file. */
  private boolean endOfInput;
  /** The decoder was flushed after the end of the file: nothing more will come. */
  private boolean decoderFlushed;
  /** The last line was yielded: every later call ends again. */
  private boolean exhausted;

  private AsyncLineReader(Path file, AsynchronousFileChannel channel, int bufferSize) {
    this.file = file;
    this.channel = channel;
    this.bufferSize = bufferSize;
    this.bytes = ByteBuffer.allocate(bufferSize).flip();
    this.chars = CharBuffer.allocate(bufferSize).flip();
    this.line = new StringBuilder();
  }

  /**
   * Opens {@code file} for reading with a buffer of {@value #DEFAULT_BUFFER_SIZE} bytes.
   *
   * @param file a UTF-8 text file
   * @return a reader positioned at the start of the file
   * @throws IOException when the file cannot be opened
   */
  public static AsyncLineReader open(Path file) throws IOException {
    return open(file, DEFAULT_BUFFER_SIZE);
  }

  /**
   * Opens {@code file} for reading with a buffer of {@code bufferSize} bytes (and as many chars).
   * Small sizes are for tests that split characters and lines across reads.
   *
   * @param file a UTF-8 text file
   * @param bufferSize bytes read at a time, at least {@value #MIN_BUFFER_SIZE}
   * @return a reader positioned at the start of the file
   * @throws IOException when the file cannot be opened
   * @throws IllegalArgumentException when {@code bufferSize} is below {@value #MIN_BUFFER_SIZE}
   */
  public static AsyncLineReader open(Path file, int bufferSize) throws IOException {
    if (bufferSize < MIN_BUFFER_SIZE) {
      throw new IllegalArgumentException(
          "bufferSize must be at least " + MIN_BUFFER_SIZE + ", got " + bufferSize);
    }
    return new AsyncLineReader(
        file, AsynchronousFileChannel.open(file, StandardOpenOption.READ), bufferSize);
  }

  /**
   * Yields the next line. A line already in the buffers comes back as a completed future;
   * otherwise the future completes once reads brought the rest of it in.
   *
   * @return a future of the next line, without its terminator; failed with {@link
   *     StopAsyncIteration} after the last line, with an {@link IOException} when the file cannot
   *     be read or is not UTF-8, with a {@link ClosedChannelException} once the reader was closed
   */
  public CompletableFuture<String> anext() {
    if (!channel.isOpen()) {
      return CompletableFuture.failedFuture(new ClosedChannelException());
    }
    if (exhausted) {
      return CompletableFuture.failedFuture(new StopAsyncIteration());
    }
    CompletableFuture<String> next = new CompletableFuture<>();
    String complete;
    try {
      complete = takeBufferedLine();
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (complete != null) {
      next.complete(complete);
    } else if (exhausted) {
      next.completeExceptionally(new StopAsyncIteration());
    } else {
      readMore(next);
    }
    return next;
  }

  /**
   * Closes the file; idempotent. A read still in flight fails with {@link
   * java.nio.channels.AsynchronousCloseException}.
   *
   * @throws IOException when closing the channel fails
   */
  @Override
  public void close() throws IOException {
    channel.close();
  }

  /**
   * Tells whether the file is still open.
   *
   * @return {@code false} once {@link #close()} was called
   */
  public boolean isOpen() {
    return channel.isOpen();
  }

  /**
   * Returns the next complete line from what was already read, decoding more of the bytes at
   * hand when needed. Returns {@code null} when a read is needed first, or when the file ended
   * ({@link #exhausted} is then set).
   */
  private String takeBufferedLine() throws IOException {
    for (;;) {
      int start = chars.position();
      for (int i = start; i < chars.limit(); i++) {
        if (chars.get(i) == '\n') {
          line.append(chars, 0, i - start); // CharBuffer indexes from its position
          chars.position(i + 1);
          return finishLine(true);
        }
      }
      line.append(chars);
      chars.position(chars.limit());
      if (!decodeMore()) {
        if (!decoderFlushed) {
          return null;
        }
        exhausted = true;
        // Text after the last terminator is a line too; nothing after it is not.
        return line.length() > 0 ? finishLine(false) : null;
      }
    }
  }

  /**
   * Decodes more chars from the bytes at hand into the (fully used) char buffer; returns whether
   * any came out. At the end of the file the decoder is told so, which turns bytes of an
   * unfinished character into an error, and flushed.
   */
  private boolean decodeMore() throws IOException {
    if (decoderFlushed) {
      return false;
    }
    chars.clear();
    int before = bytes.position();
    CoderResult result = decoder.decode(bytes, chars, endOfInput);
    decodedBytes += bytes.position() - before;
    if (result.isError()) {
      if (chars.position() > 0) {
        // Lines before the bad byte come first; decoding again stops at it once more.
        chars.flip();
        return true;
      }
      chars.flip();
      throw notUtf8(result);
    }
    if (endOfInput && result.isUnderflow()) {
      result = decoder.flush(chars);
      decoderFlushed = result.isUnderflow();
    }
    chars.flip();
    return chars.hasRemaining();
  }

  private String finishLine(boolean terminated) {
    int length = line.length();
    if (terminated && length > 0 && line.charAt(length - 1) == '\r') {
      length--;
    }
    String complete = line.substring(0, length);
    if (line.capacity() > LINE_BUFFER_SLACK * bufferSize) {
      line = new StringBuilder();
    } else {
      line.setLength(0);
    }
    return complete;
  }

  private IOException notUtf8(CoderResult result) {
    IOException error =
        new IOException(file + " is not UTF-8: undecodable byte at offset " + decodedBytes);
    try {
      result.throwException();
    } catch (CharacterCodingException cause) {
      error.initCause(cause);
    }
    return error;
  }

  /** Reads the next bytes of the file; {@link ReadCompletion} takes it from there. */
  private void readMore(CompletableFuture<String> next) {
    bytes.compact(); // keeps the bytes of a character split by the previous read
    try {
      channel.read(bytes, readPosition, next, readCompletion);
    } catch (RuntimeException e) { // e.g. the reader was closed meanwhile
      bytes.flip();
      next.completeExceptionally(e);
    }
  }

  /**
   * What happens when a read completes, on a thread of the channel's pool: take a line if the
   * read completed one, else read again. One instance serves every read, as reads never overlap.
   */
  private final class ReadCompletion
      implements CompletionHandler<Integer, CompletableFuture<String>> {

    @Override
    public void completed(Integer count, CompletableFuture<String> next) {
      bytes.flip();
      if (count < 0) {
        endOfInput = true;
      } else {
        readPosition += count;
      }
      String complete;
      try {
        complete = takeBufferedLine();
      } catch (IOException | RuntimeException e) {
        next.completeExceptionally(e);
        return;
      }
      if (complete != null) {
        next.complete(complete);
      } else if (exhausted) {
        next.completeExceptionally(new StopAsyncIteration());
      } else {
        readMore(next); // the line goes on past this read
      }
    }

    @Override
    public void failed(Throwable error, CompletableFuture<String> next) {
      bytes.flip();
      if (error instanceof ClosedChannelException) { // closed meanwhile: no news about the file
        next.completeExceptionally(error);
      } else {
        // The system's message ("Is a directory") does not say which file it is about.
        next.completeExceptionally(
            new IOException("cannot read " + file + ": " + error.getMessage(), error));
      }
    }
  }
}
