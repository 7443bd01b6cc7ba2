package dev.aiter.example.lines;

import static dev.aiter.example.lines.AsyncLineReaderAsync.asyncFor;
import static dev.aiter.example.lines.AsyncLineReaderAsync.asyncForAwait;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.StopAsyncIteration;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncLineReaderTest {

  /** One-, two-, three- and four-byte UTF-8 characters (the last one is a surrogate pair). */
  private static final String MIXED_WIDTHS = "a\u00e9\u20ac\ud83d\ude00";

  @TempDir Path dir;

  @Test
  void emptyFileHasNoLines() throws IOException {
    assertEquals(List.of(), readLines(file(""), 4));
  }

  @Test
  void lastLineWithoutNewlineIsStillALine() throws IOException {
    assertEquals(List.of("one", "two"), readLines(file("one\ntwo"), 4));
  }

  @Test
  void finalNewlineDoesNotAddAnEmptyLine() throws IOException {
    assertEquals(List.of("one", "two"), readLines(file("one\ntwo\n"), 4));
  }

  @Test
  void emptyLinesAreKept() throws IOException {
    assertEquals(List.of("", "a", "", "b"), readLines(file("\na\n\nb\n"), 4));
  }

  @Test
  void aFileOfOnlyANewlineHasOneEmptyLine() throws IOException {
    assertEquals(List.of(""), readLines(file("\n"), 4));
  }

  @ParameterizedTest(name = "buffer of {0} bytes")
  @ValueSource(ints = {4, 5, 6, 7})
  void crlfEndsALineEvenWhenSplitAcrossReads(int bufferSize) throws IOException {
    assertEquals(
        List.of("ab", "cde", "", "f"), readLines(file("ab\r\ncde\r\n\r\nf\r\n"), bufferSize));
  }

  @Test
  void aLoneCarriageReturnIsPartOfTheLine() throws IOException {
    assertEquals(List.of("a\rb"), readLines(file("a\rb\n"), 4));
  }

  /**
   * Every buffer size from 4 to 13 puts the boundaries between reads at a different offset
   * inside the two-, three- and four-byte characters, so each split is met.
   */
  @ParameterizedTest(name = "buffer of {0} bytes")
  @ValueSource(ints = {4, 5, 6, 7, 8, 9, 10, 11, 12, 13})
  void multiByteCharactersSplitAcrossReadsDecodeWhole(int bufferSize) throws IOException {
    List<String> expected = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      String line = MIXED_WIDTHS.repeat(i % 5) + i + "\u00fc";
      expected.add(line);
      text.append(line).append('\n');
    }
    assertEquals(expected, readLines(file(text.toString()), bufferSize));
  }

  @Test
  void aLineLongerThanTheBufferComesWhole() throws IOException {
    String longLine = (MIXED_WIDTHS + "xyz").repeat(20_000);
    assertEquals(
        List.of("short", longLine, "after"),
        readLines(file("short\n" + longLine + "\nafter"), 16));
  }

  @Test
  void bytesThatAreNotUtf8FailWithTheirOffset() throws IOException {
    Path file = dir.resolve("latin1.txt");
    Files.write(file, new byte[] {'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xe9, '\n'});
    try (AsyncLineReader reader = AsyncLineReader.open(file, 4)) {
      assertEquals("ok", reader.anext().join());
      CompletionException failure = assertThrows(CompletionException.class, reader.anext()::join);
      IOException error = assertInstanceOf(IOException.class, failure.getCause());
      assertTrue(error.getMessage().contains("not UTF-8"), error.getMessage());
      assertTrue(error.getMessage().contains("offset 6"), error.getMessage());
    }
  }

  @Test
  void aCharacterCutOffByTheEndOfTheFileIsAnError() throws IOException {
    byte[] euro = "\u20ac".getBytes(UTF_8);
    Path file = dir.resolve("cut.txt");
    Files.write(file, new byte[] {'a', '\n', euro[0], euro[1]});
    try (AsyncLineReader reader = AsyncLineReader.open(file, 4)) {
      assertEquals("a", reader.anext().join());
      CompletionException failure = assertThrows(CompletionException.class, reader.anext()::join);
      assertTrue(failure.getCause().getMessage().contains("offset 2"), failure.getMessage());
    }
  }

  @Test
  void anExhaustedReaderKeepsEnding() throws IOException {
    try (AsyncLineReader reader = AsyncLineReader.open(file("only\n"), 4)) {
      assertEquals("only", reader.anext().join());
      for (int i = 0; i < 3; i++) {
        CompletionException end = assertThrows(CompletionException.class, reader.anext()::join);
        assertInstanceOf(StopAsyncIteration.class, end.getCause());
      }
    }
  }

  @Test
  void aBufferTooSmallForAUtf8CharacterIsRefused() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> AsyncLineReader.open(file("x"), 3));
    assertTrue(error.getMessage().contains("at least 4"), error.getMessage());
  }

  @Test
  void aReadAfterCloseFails() throws IOException {
    AsyncLineReader reader = AsyncLineReader.open(file("a\nb\n"), 4);
    reader.close();
    CompletionException failure = assertThrows(CompletionException.class, reader.anext()::join);
    assertInstanceOf(IOException.class, failure.getCause());
  }

  @Test
  void asyncForReadsEveryLineInOrderAndClosesTheFile() throws IOException {
    AsyncLineReader reader = AsyncLineReader.open(file("1\n2\n3\n"), 4);
    List<String> seen = new ArrayList<>();
    asyncFor(reader, line -> seen.add(line)).join();
    assertEquals(List.of("1", "2", "3"), seen);
    assertFalse(reader.isOpen());
  }

  @Test
  void breakLoopStopsReadingAndClosesTheFile() throws IOException {
    AsyncLineReader reader = AsyncLineReader.open(file("match 1\nskip\nmatch 2\nmatch 3\n"), 4);
    List<String> seen = new ArrayList<>();
    asyncFor(
            reader,
            (line, loop) -> {
              if (line.startsWith("match")) {
                seen.add(line);
                if (seen.size() == 2) {
                  loop.breakLoop();
                }
              }
            })
        .join();
    assertEquals(List.of("match 1", "match 2"), seen);
    assertFalse(reader.isOpen());
  }

  @Test
  void aFailingBodyFailsTheLoopAndClosesTheFile() throws IOException {
    AsyncLineReader reader = AsyncLineReader.open(file("a\nb\n"), 4);
    IllegalStateException thrown = new IllegalStateException("body failed");
    CompletionException failure =
        assertThrows(
            CompletionException.class,
            () ->
                asyncFor(
                        reader,
                        line -> {
                          throw thrown;
                        })
                    .join());
    assertEquals(thrown, failure.getCause());
    assertFalse(reader.isOpen());
  }

  @Test
  void aFileThatIsNotUtf8FailsTheLoopAndClosesTheFile() throws IOException {
    Path file = dir.resolve("bad.txt");
    Files.write(file, new byte[] {'a', '\n', (byte) 0xff, '\n'});
    AsyncLineReader reader = AsyncLineReader.open(file, 4);
    List<String> seen = new ArrayList<>();
    CompletionException failure =
        assertThrows(
            CompletionException.class, () -> asyncFor(reader, line -> seen.add(line)).join());
    assertInstanceOf(IOException.class, failure.getCause());
    assertEquals(List.of("a"), seen);
    assertFalse(reader.isOpen());
  }

  @Test
  void aDirectoryFailsWithAMessageNamingIt() throws IOException {
    AsyncLineReader reader = AsyncLineReader.open(dir, 4);
    CompletionException failure =
        assertThrows(CompletionException.class, () -> asyncFor(reader, line -> {}).join());
    IOException error = assertInstanceOf(IOException.class, failure.getCause());
    assertTrue(error.getMessage().startsWith("cannot read " + dir + ": "), error.getMessage());
    assertFalse(reader.isOpen());
  }

  @Test
  void cancellingTheLoopClosesTheFile() throws IOException {
    AsyncLineReader reader = AsyncLineReader.open(file("a\nb\nc\n"), 4);
    List<String> seen = new CopyOnWriteArrayList<>();
    // The body's work for the first line never ends, so the loop is surely still running,
    // whichever thread it is on, when it is cancelled. The first line arrives from a read on
    // the channel's thread: wait for it, or the cancel can come first and (rightly) no body runs.
    CompletableFuture<Void> loop =
        asyncForAwait(
            reader,
            line -> {
              seen.add(line);
              return new CompletableFuture<Void>();
            });
    waitUntil(() -> !seen.isEmpty());
    assertTrue(loop.cancel(false));
    waitUntil(() -> !reader.isOpen());
    assertEquals(List.of("a"), seen);
  }

  /**
   * The file is larger than the whole heap of the test JVM (see the surefire argLine), so a reader
   * that kept the file, or a growing share of it, in memory would fail here.
   */
  @Test
  void aFileLargerThanTheHeapStreamsThroughInConstantMemory() throws IOException {
    String line = ("line of the large file " + MIXED_WIDTHS).repeat(3);
    byte[] chunk = (line + "\n").repeat(10_000).getBytes(UTF_8);
    long size = 0;
    int chunks = 0;
    Path file = dir.resolve("large.txt");
    try (OutputStream out = Files.newOutputStream(file)) {
      while (size <= Math.max(Runtime.getRuntime().maxMemory(), 16L << 20)) {
        out.write(chunk);
        size += chunk.length;
        chunks++;
      }
    }
    AtomicLong lines = new AtomicLong();
    AtomicLong chars = new AtomicLong();
    asyncFor(
            AsyncLineReader.open(file),
            text -> {
              lines.incrementAndGet();
              chars.addAndGet(text.length());
              if (!text.equals(line)) {
                throw new AssertionError("line " + lines.get() + " differs: " + text);
              }
            })
        .join();
    assertEquals(chunks * 10_000L, lines.get());
    assertEquals(chunks * 10_000L * line.length(), chars.get());
  }

  private static void waitUntil(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out");
      Thread.onSpinWait();
    }
  }

  /** Reads every line with {@code anext()} alone, as a caller without the loop would. */
  private static List<String> readLines(Path file, int bufferSize) throws IOException {
    List<String> lines = new ArrayList<>();
    try (AsyncLineReader reader = AsyncLineReader.open(file, bufferSize)) {
      for (;;) {
        try {
          lines.add(reader.anext().join());
        } catch (CompletionException e) {
          if (e.getCause() instanceof StopAsyncIteration) {
            return lines;
          }
          throw e;
        }
      }
    }
  }

  private Path file(String text) throws IOException {
    Path file = dir.resolve("text-" + Arrays.hashCode(text.getBytes(UTF_8)) + ".txt");
    Files.writeString(file, text, UTF_8);
    return file;
  }
}
