package dev.aiter.example;

import dev.aiter.example.http.ItemDetail;
import dev.aiter.example.http.ListingClient;
import dev.aiter.example.http.ListingClientAsync;
import dev.aiter.example.http.ListingServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code http --details [--concurrency N] [--pages N]}: the listing's items, each with its
 * details fetched from the server's second endpoint, through {@code mapAsync(concurrency,
 * client::detail)}: up to N detail requests in flight while the pages are still being read,
 * printed in the listing's order. Python (aiostream): {@code stream.map(items(client),
 * client.detail, task_limit=n)}. A last line gives the wall time, so that the speed-up of a
 * larger N shows.
 *
 * @param pages how many pages the listing has
 * @param concurrency how many detail requests may be in flight at once
 */
record HttpDetailsCommand(int pages, int concurrency) implements Command {

  @Override
  public int run(PrintStream out, PrintStream err) throws IOException {
    try (ListingServer server =
        ListingServer.start(
            pages, HttpCommand.ITEMS_PER_PAGE, HttpCommand.LATENCY, OptionalInt.empty())) {
      ExecutorService clientThreads = HttpCommand.clientThreads("details-client");
      try {
        HttpClient http = HttpClient.newBuilder().executor(clientThreads).build();
        ListingClient client = new ListingClient(http, server.uri());
        AtomicInteger printed = new AtomicInteger();
        long start = System.nanoTime();
        ListingClientAsync.aiter(client)
            .mapAsync(concurrency, client::detail)
            .forEach(
                (ItemDetail detail) -> {
                  printed.incrementAndGet();
                  out.println("#" + detail.id() + " " + detail.name() + ": " + detail.description());
                })
            .join();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        out.println(
            "("
                + printed.get()
                + " items with their details in "
                + millis
                + " ms, up to "
                + concurrency
                + (concurrency == 1 ? " detail request at once)" : " detail requests at once)"));
      } finally {
        clientThreads.shutdownNow();
      }
    }
    return 0;
  }
}
