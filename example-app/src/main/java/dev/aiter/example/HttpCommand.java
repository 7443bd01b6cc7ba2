package dev.aiter.example;

import static dev.aiter.example.http.ListingClientAsync.asyncFor;

import dev.aiter.example.http.ListingClient;
import dev.aiter.example.http.ListingServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code http [--pages N] [--fail-at K]}: starts a {@link ListingServer} on a loopback port and
 * prints each item of the listing as its page arrives, through a {@link ListingClient}.
 *
 * @param pages how many pages the listing has
 * @param failingPage the page the server answers with HTTP 500, or empty for none
 */
record HttpCommand(int pages, OptionalInt failingPage) implements Command {

  /** Items on each page of the listing. */
  static final int ITEMS_PER_PAGE = 3;

  /** How long the server takes for each page: long enough to see the pages arrive. */
  static final Duration LATENCY = Duration.ofMillis(150);

  @Override
  public int run(PrintStream out, PrintStream err) throws IOException {
    try (ListingServer server = ListingServer.start(pages, ITEMS_PER_PAGE, LATENCY, failingPage)) {
      // The client's threads are ours, so that none outlives the command.
      AtomicInteger threadNumber = new AtomicInteger();
      ExecutorService clientThreads =
          Executors.newCachedThreadPool(
              task -> {
                Thread thread =
                    new Thread(task, "listing-client-" + threadNumber.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              });
      try {
        HttpClient http = HttpClient.newBuilder().executor(clientThreads).build();
        asyncFor(
                new ListingClient(http, server.uri()),
                item -> out.println("#" + item.id() + " " + item.name()))
            .join();
      } finally {
        clientThreads.shutdownNow();
      }
    }
    return 0;
  }
}
