package dev.aiter.example;

import dev.aiter.AsyncIterator;
import dev.aiter.example.http.Item;
import dev.aiter.example.http.ListingClient;
import dev.aiter.example.http.ListingClientAsync;
import dev.aiter.example.http.ListingServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code http [--pages N] [--fail-at K] [--grep WORD] [--limit K]}: starts a {@link
 * ListingServer} on a loopback port and prints each item of the listing as its page arrives,
 * through a {@link ListingClient}. With {@code --grep} and {@code --limit} the loop is a chain of
 * operators, Python's {@code islice((i async for i in client if word in i.name), k)}: {@code
 * limit} closes the client once it has K items, so no page after that is fetched, and a last
 * line says how many pages were.
 *
 * @param pages how many pages the listing has
 * @param failingPage the page the server answers with HTTP 500, or empty for none
 * @param word only items whose name contains it, or empty for all
 * @param limit at most that many items, or empty for all
 */
record HttpCommand(int pages, OptionalInt failingPage, Optional<String> word, OptionalInt limit)
    implements Command {

  /** Items on each page of the listing. */
  static final int ITEMS_PER_PAGE = 3;

  /** How long the server takes for each page: long enough to see the pages arrive. */
  static final Duration LATENCY = Duration.ofMillis(150);

  @Override
  public int run(PrintStream out, PrintStream err) throws IOException {
    try (ListingServer server = ListingServer.start(pages, ITEMS_PER_PAGE, LATENCY, failingPage)) {
      ExecutorService clientThreads = clientThreads("listing-client");
      try {
        HttpClient http = HttpClient.newBuilder().executor(clientThreads).build();
        AsyncIterator<Item> items = ListingClientAsync.aiter(new ListingClient(http, server.uri()));
        if (word.isPresent()) {
          String w = word.get();
          items = items.filter(item -> item.name().contains(w));
        }
        if (limit.isPresent()) {
          items = items.limit(limit.getAsInt());
        }
        items.forEach(item -> out.println("#" + item.id() + " " + item.name())).join();
        if (word.isPresent() || limit.isPresent()) {
          out.println("(" + server.requestCount() + " of " + pages + " pages fetched)");
        }
      } finally {
        clientThreads.shutdownNow();
      }
    }
    return 0;
  }

  /**
   * Daemon threads for an {@code HttpClient}, named {@code name-1, name-2...}: the commands'
   * own, shut down when the command ends, so that none outlives it.
   */
  static ExecutorService clientThreads(String name) {
    AtomicInteger threadNumber = new AtomicInteger();
    return Executors.newCachedThreadPool(
        task -> {
          Thread thread = new Thread(task, name + "-" + threadNumber.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }
}
