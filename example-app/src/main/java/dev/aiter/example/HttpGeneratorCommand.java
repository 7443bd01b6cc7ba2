package dev.aiter.example;

import dev.aiter.Async;
import dev.aiter.AsyncIterator;
import dev.aiter.example.http.Item;
import dev.aiter.example.http.ListingClient;
import dev.aiter.example.http.ListingServer;
import dev.aiter.example.http.Page;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;

/**
 * {@code http --generator [--pages N]}: the same listing as {@code http}, but its items come
 * from an async generator, Python's
 *
 * <pre>{@code
 * async def items(client):
 *     cursor = None
 *     while True:
 *         page = await client.page(cursor)
 *         for item in page.items:
 *             yield item
 *         if page.next is None:
 *             return
 *         cursor = page.next
 * }</pre>
 *
 * written as straight-line Java: the body runs on its own thread (a virtual thread on JDK 21 and
 * later), {@code join()} is its {@code await}, and each {@code out.yield(item)} waits until the
 * loop asks for the next item.
 *
 * @param pages how many pages the listing has
 */
record HttpGeneratorCommand(int pages) implements Command {

  @Override
  public int run(PrintStream out, PrintStream err) throws IOException {
    try (ListingServer server =
        ListingServer.start(
            pages, HttpCommand.ITEMS_PER_PAGE, HttpCommand.LATENCY, OptionalInt.empty())) {
      ExecutorService clientThreads = HttpCommand.clientThreads("generator-client");
      try {
        HttpClient http = HttpClient.newBuilder().executor(clientThreads).build();
        ListingClient client = new ListingClient(http, server.uri());
        AsyncIterator<Item> items =
            Async.generator(
                yielder -> {
                  String cursor = null;
                  while (true) {
                    Page page = client.page(cursor).join();
                    for (Item item : page.items()) {
                      yielder.yield(item);
                    }
                    if (page.isLast()) {
                      return;
                    }
                    cursor = page.next();
                  }
                });
        Async.asyncFor(items, item -> out.println("#" + item.id() + " " + item.name())).join();
      } finally {
        clientThreads.shutdownNow();
      }
    }
    return 0;
  }
}
