package dev.aiter.example.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A paginated listing served over HTTP on a free loopback port, so that the example has a real,
 * slow, remote-looking source without anything outside the JDK ({@code com.sun.net.httpserver}).
 *
 * <p>{@code GET /items} answers the first page, {@code GET /items?cursor=C} the page the cursor
 * of the previous one names, each as {@link ListingJson} and after the configured latency. Item
 * {@code k} (from 1) is on page {@code (k - 1) / itemsPerPage + 1}. When a failing page is set,
 * that page is answered with HTTP 500 and an {@code {"error": ...}} body. {@code GET
 * /details?id=K} answers item K's {@link ItemDetail} after the same latency, without holding a
 * thread while it waits.
 *
 * <p>{@code GET /stream?bytes=N} answers a large body instead, generated as it is written and sent
 * chunked, so that neither side holds it: a {@link StreamBody}. The server records how each such
 * answer ended ({@link #awaitStreamEnd}): written to the end, or cut off because the client went
 * away.
 */
public final class ListingServer implements AutoCloseable {

  /** The path of the listing. */
  public static final String PATH = "/items";

  private static final String CURSOR_PREFIX = "page=";

  private static final String[] NAMES = {
    "apple", "banana", "cherry", "damson", "elderberry", "fig",
    "grape", "huckleberry", "kiwi", "lemon", "mango", "nectarine"
  };

  private final HttpServer server;
  private final ExecutorService handlerThreads;
  private final int pages;
  private final int itemsPerPage;
  private final Duration latency;
  private final OptionalInt failingPage;
  private final AtomicInteger requests = new AtomicInteger();
  private final BlockingQueue<StreamEnd> streamEnds = new LinkedBlockingQueue<>();

  private ListingServer(
      HttpServer server,
      ExecutorService handlerThreads,
      int pages,
      int itemsPerPage,
      Duration latency,
      OptionalInt failingPage) {
    this.server = server;
    this.handlerThreads = handlerThreads;
    this.pages = pages;
    this.itemsPerPage = itemsPerPage;
    this.latency = latency;
    this.failingPage = failingPage;
  }

  /**
   * Starts a server on {@code 127.0.0.1} and a port the system picks.
   *
   * @param pages how many pages the listing has, at least 1
   * @param itemsPerPage how many items each page has, at least 1
   * @param latency how long each answer takes
   * @param failingPage the page to answer with HTTP 500, or empty for none
   * @return the running server; close it to stop it
   * @throws IOException when no port could be bound
   * @throws IllegalArgumentException when {@code pages} or {@code itemsPerPage} is below 1
   */
  public static ListingServer start(
      int pages, int itemsPerPage, Duration latency, OptionalInt failingPage) throws IOException {
    if (pages < 1 || itemsPerPage < 1) {
      throw new IllegalArgumentException(
          "pages and itemsPerPage must be at least 1, got " + pages + " and " + itemsPerPage);
    }
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    // The server's own threads, few and daemon: the latency is simulated by sleeping on them,
    // which keeps only the pretend backend waiting, never the client.
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService handlerThreads =
        Executors.newFixedThreadPool(
            2,
            task -> {
              Thread thread = new Thread(task, "listing-server-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    ListingServer listing =
        new ListingServer(server, handlerThreads, pages, itemsPerPage, latency, failingPage);
    server.createContext(PATH, listing::handle);
    server.createContext(STREAM_PATH, listing::handleStream);
    server.createContext(DETAILS_PATH, listing::handleDetails);
    server.setExecutor(handlerThreads);
    server.start();
    return listing;
  }

  /**
   * The address of the listing's first page.
   *
   * @return {@code http://127.0.0.1:PORT/items}
   */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  /**
   * How many requests the server has received so far, answered or not.
   *
   * @return the number of requests
   */
  public int requestCount() {
    return requests.get();
  }

  /** Stops the server at once, dropping open connections, and ends its threads. */
  @Override
  public void close() {
    server.stop(0);
    handlerThreads.shutdownNow();
    detailTimer.shutdownNow();
  }

  // ---- the details endpoint

  /** The path of the details endpoint. */
  public static final String DETAILS_PATH = "/details";

  /**
   * Answers the details after the latency without holding a handler thread, so that many can be
   * in flight at once, as a real backend's would be: the speed-up of a concurrent client is
   * then the client's own, not limited by this server's two threads.
   */
  private final ScheduledExecutorService detailTimer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "listing-details");
            thread.setDaemon(true);
            return thread;
          });

  private final AtomicInteger detailsInFlight = new AtomicInteger();
  private final AtomicInteger mostDetailsInFlight = new AtomicInteger();

  /**
   * The address of the details of item {@code id}.
   *
   * @param id the item's id
   * @return {@code http://127.0.0.1:PORT/details?id=K}
   */
  public URI detailsUri(int id) {
    return URI.create(
        "http://127.0.0.1:" + server.getAddress().getPort() + DETAILS_PATH + "?id=" + id);
  }

  /**
   * The most detail requests the server was answering at the same time so far.
   *
   * @return the peak number of detail requests in flight
   */
  public int mostDetailsInFlight() {
    return mostDetailsInFlight.get();
  }

  private void handleDetails(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    String query = exchange.getRequestURI().getRawQuery();
    int id;
    try {
      if (query == null || !query.startsWith("id=")) {
        throw new NumberFormatException("no id=K");
      }
      id = Integer.parseInt(query.substring("id=".length()));
    } catch (NumberFormatException e) {
      try (exchange) {
        respond(exchange, 400, ListingJson.encodeError("ask for /details?id=K"));
      }
      return;
    }
    if (id < 1 || id > pages * itemsPerPage) {
      try (exchange) {
        respond(exchange, 404, ListingJson.encodeError("there is no item " + id));
      }
      return;
    }
    int now = detailsInFlight.incrementAndGet();
    mostDetailsInFlight.accumulateAndGet(now, Math::max);
    String name = nameOf(id);
    detailTimer.schedule(
        () -> {
          try (exchange) {
            detailsInFlight.decrementAndGet();
            respond(
                exchange,
                200,
                ListingJson.encodeDetail(
                    new ItemDetail(
                        id, name, name + " is item " + id + " of " + pages * itemsPerPage)));
          } catch (IOException clientWentAway) {
            // nothing to answer any more
          }
        },
        latency.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  // ---- the streaming endpoint

  /** The path of the streaming endpoint. */
  public static final String STREAM_PATH = "/stream";

  /** How much the server writes at a time: the size of a chunk of the chunked body. */
  private static final int STREAM_CHUNK = 16 * 1024;

  /**
   * How one streamed answer ended.
   *
   * @param bytesWritten how many bytes of the body the server wrote
   * @param complete whether it wrote them all; {@code false} when the client went away first
   */
  public record StreamEnd(long bytesWritten, boolean complete) {}

  /**
   * The address of a streamed body of {@code bytes} bytes.
   *
   * @param bytes the body's length
   * @return {@code http://127.0.0.1:PORT/stream?bytes=N}
   */
  public URI streamUri(long bytes) {
    return URI.create(
        "http://127.0.0.1:" + server.getAddress().getPort() + STREAM_PATH + "?bytes=" + bytes);
  }

  /**
   * Waits for the next streamed answer to end, in the order they ended.
   *
   * @param timeout how long to wait at most
   * @return how it ended
   * @throws InterruptedException when interrupted while waiting
   * @throws IllegalStateException when none ended in time
   */
  public StreamEnd awaitStreamEnd(Duration timeout) throws InterruptedException {
    StreamEnd end = streamEnds.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (end == null) {
      throw new IllegalStateException("no streamed answer ended within " + timeout);
    }
    return end;
  }

  private void handleStream(HttpExchange exchange) throws IOException {
    long length;
    try {
      String query = exchange.getRequestURI().getRawQuery();
      if (query == null || !query.startsWith("bytes=")) {
        throw new NumberFormatException("no bytes=N");
      }
      length = Long.parseLong(query.substring("bytes=".length()));
      if (length < 0) {
        throw new NumberFormatException("negative");
      }
    } catch (NumberFormatException e) {
      try (exchange) {
        respond(exchange, 400, ListingJson.encodeError("ask for /stream?bytes=N, N >= 0"));
      }
      return;
    }
    long written = 0;
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=us-ascii");
      exchange.sendResponseHeaders(200, 0); // 0: chunked, the length is not sent ahead
      byte[] chunk = new byte[STREAM_CHUNK];
      StreamBody body = new StreamBody();
      try (OutputStream out = exchange.getResponseBody()) {
        while (written < length) {
          int n = (int) Math.min(chunk.length, length - written);
          for (int i = 0; i < n; i++) {
            chunk[i] = body.next();
          }
          out.write(chunk, 0, n); // blocks while the client does not read: constant memory
          written += n;
        }
      }
    } catch (IOException e) {
      // The client closed the connection (it cancelled the body): what the test observes.
      streamEnds.add(new StreamEnd(written, false));
      return;
    }
    streamEnds.add(new StreamEnd(written, true));
  }

  /** The cursor that {@link #handle} turns back into {@code page}. */
  static String cursorFor(int page) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((CURSOR_PREFIX + page).getBytes(StandardCharsets.UTF_8));
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().add("Allow", "GET");
        respond(exchange, 405, ListingJson.encodeError("only GET is served"));
        return;
      }
      int page;
      try {
        page = requestedPage(exchange.getRequestURI());
      } catch (IllegalArgumentException e) {
        respond(exchange, 400, ListingJson.encodeError(e.getMessage()));
        return;
      }
      if (page > pages) {
        respond(exchange, 404, ListingJson.encodeError("there is no page " + page));
        return;
      }
      try {
        Thread.sleep(latency.toMillis());
      } catch (InterruptedException e) { // the server is closing
        Thread.currentThread().interrupt();
        return;
      }
      if (failingPage.isPresent() && failingPage.getAsInt() == page) {
        respond(
            exchange, 500, ListingJson.encodeError("the server was told to fail this page"));
        return;
      }
      respond(exchange, 200, ListingJson.encode(page(page)));
    }
  }

  private Page page(int number) {
    List<Item> items = new ArrayList<>(itemsPerPage);
    int first = (number - 1) * itemsPerPage + 1;
    for (int id = first; id < first + itemsPerPage; id++) {
      items.add(new Item(id, nameOf(id)));
    }
    return new Page(number, items, number < pages ? cursorFor(number + 1) : null);
  }

  /** Fruit names, with a round number once they repeat: "apple", ..., "apple 2". */
  private static String nameOf(int id) {
    int round = (id - 1) / NAMES.length;
    String name = NAMES[(id - 1) % NAMES.length];
    return round == 0 ? name : name + " " + (round + 1);
  }

  /** The page a request asks for: 1 without a cursor. */
  private static int requestedPage(URI request) {
    String query = request.getRawQuery();
    if (query == null || query.isEmpty()) {
      return 1;
    }
    String cursor = null;
    for (String parameter : query.split("&")) {
      if (parameter.startsWith("cursor=")) {
        cursor = URLDecoder.decode(parameter.substring("cursor=".length()), StandardCharsets.UTF_8);
      }
    }
    if (cursor == null) {
      return 1;
    }
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a cursor of this listing: " + cursor, e);
    }
    if (decoded.startsWith(CURSOR_PREFIX)) {
      try {
        int page = Integer.parseInt(decoded.substring(CURSOR_PREFIX.length()));
        if (page >= 1) {
          return page;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException("not a cursor of this listing: " + cursor);
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
