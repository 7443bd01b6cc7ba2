package dev.aiter.example;

import dev.aiter.example.http.ListingServer;
import dev.aiter.example.http.StreamClient;
import dev.aiter.example.http.StreamClient.Received;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;

/**
 * {@code http --stream [--bytes N]}: starts a {@link ListingServer} on a loopback port and
 * downloads a generated body of N bytes (64 MiB by default) from its streaming endpoint,
 * through {@code HttpClient}'s {@code Flow.Publisher} seen as an {@code AsyncIterator} ({@link
 * StreamClient}): each chunk is checked as it arrives and dropped, so memory stays the same
 * whatever N. Prints one line: how many bytes arrived, in how many chunks.
 *
 * @param bytes the body's length
 */
record HttpStreamCommand(long bytes) implements Command {

  /** The body's length when no {@code --bytes} is given. */
  static final long DEFAULT_BYTES = 64L << 20;

  @Override
  public int run(PrintStream out, PrintStream err) throws IOException {
    try (ListingServer server =
        ListingServer.start(1, 1, Duration.ZERO, OptionalInt.empty())) {
      ExecutorService clientThreads = HttpCommand.clientThreads("stream-client");
      try {
        HttpClient http = HttpClient.newBuilder().executor(clientThreads).build();
        URI uri = server.streamUri(bytes);
        Received received = StreamClient.open(http, uri).thenCompose(StreamClient::check).join();
        out.println(
            "received "
                + received.bytes()
                + " bytes in "
                + received.chunks()
                + " chunks from "
                + uri
                + ", every byte in order");
      } finally {
        clientThreads.shutdownNow();
      }
    }
    return 0;
  }
}
