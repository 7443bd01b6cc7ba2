package p;

import dev.aiter.AsyncIterable;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Lines of a reader; an empty Optional is the end. */
@AsyncIterable(next = "readLine")
public class Lines implements AutoCloseable {
  private final BufferedReader reader;

  public Lines(BufferedReader reader) {
    this.reader = reader;
  }

  public CompletionStage<Optional<String>> readLine() throws IOException {
    return CompletableFuture.completedFuture(Optional.ofNullable(reader.readLine()));
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
