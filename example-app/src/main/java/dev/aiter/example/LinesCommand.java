package dev.aiter.example;

import static dev.aiter.example.lines.AsyncLineReaderAsync.asyncFor;

import dev.aiter.example.lines.AsyncLineReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code lines FILE [--grep WORD] [--limit N]}: prints the lines of a UTF-8 file, read
 * asynchronously by an {@link AsyncLineReader}; with {@code --grep} only those containing the
 * word, and with {@code --limit} it breaks out of the loop after that many, closing the file.
 *
 * @param file the file to read
 * @param word the text a line must contain to be printed, or empty to print every line
 * @param limit how many lines to print at most, or empty for all of them
 */
record LinesCommand(Path file, Optional<String> word, OptionalInt limit) implements Command {

  @Override
  public int run(PrintStream out, PrintStream err) throws IOException {
    AsyncLineReader reader;
    try {
      reader = AsyncLineReader.open(file);
    } catch (FileSystemException e) {
      // Their own messages are the bare file name; say what went wrong with it.
      throw new IOException("cannot open " + file + ": " + reasonOf(e), e);
    }
    AtomicInteger printed = new AtomicInteger();
    asyncFor(
            reader,
            (line, loop) -> {
              if (word.isPresent() && !line.contains(word.get())) {
                return; // continue
              }
              out.println(line);
              if (limit.isPresent() && printed.incrementAndGet() >= limit.getAsInt()) {
                loop.breakLoop();
              }
            })
        .join();
    return 0;
  }

  private static String reasonOf(FileSystemException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
  }
}
