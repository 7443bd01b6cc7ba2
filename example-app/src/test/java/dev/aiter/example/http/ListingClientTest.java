package dev.aiter.example.http;

import static dev.aiter.example.http.ListingClientAsync.asyncFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.aiter.StopAsyncIteration;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ListingClientTest {

  private static final Duration LATENCY = Duration.ofMillis(20);

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AutoCloseable> servers = new ArrayList<>();

  @AfterEach
  void stopServers() throws Exception {
    for (AutoCloseable server : servers) {
      server.close();
    }
  }

  @Test
  void itemsOfEveryPageArriveInOrder() throws IOException {
    ListingServer server = serve(4, 3, OptionalInt.empty());
    ListingClient client = new ListingClient(http, server.uri());
    List<Integer> ids = new ArrayList<>();
    asyncFor(client, item -> ids.add(item.id())).join();
    assertEquals(IntStream.rangeClosed(1, 12).boxed().collect(Collectors.toList()), ids);
    assertEquals(4, client.pagesRequested());
    assertEquals(4, server.requestCount());
  }

  @Test
  void mapAsyncFetchesDetailsConcurrently_andDeliversThemInOrder() throws IOException {
    ListingServer server = serve(3, 3, OptionalInt.empty());
    ListingClient client = new ListingClient(http, server.uri());
    List<Integer> ids =
        ListingClientAsync.aiter(client)
            .mapAsync(4, client::detail)
            .map(ItemDetail::id)
            .toList()
            .join();
    assertEquals(IntStream.rangeClosed(1, 9).boxed().collect(Collectors.toList()), ids);
    // A page brings three items at once, so three of their detail requests overlap at least.
    int most = server.mostDetailsInFlight();
    assertTrue(most >= 3 && most <= 4, "at most 4 and at least 3 in flight, was " + most);
  }

  @Test
  void mapAsyncOfOneFetchesOneDetailAtATime() throws IOException {
    ListingServer server = serve(2, 3, OptionalInt.empty());
    ListingClient client = new ListingClient(http, server.uri());
    assertEquals(6, ListingClientAsync.aiter(client).mapAsync(1, client::detail).count().join());
    assertEquals(1, server.mostDetailsInFlight());
  }

  @Test
  void theDetailsOfAnItemThatDoesNotExistFailNamingTheItem() throws IOException {
    ListingServer server = serve(1, 1, OptionalInt.empty());
    ListingClient client = new ListingClient(http, server.uri());
    CompletionException e =
        assertThrows(CompletionException.class, () -> client.detail(new Item(7, "ghost")).join());
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("item 7"), e.getCause().getMessage());
    assertTrue(e.getCause().getMessage().contains("HTTP 404"), e.getCause().getMessage());
  }

  @Test
  void itemsCarryTheNamesTheServerGaveThem() throws IOException {
    ListingServer server = serve(1, 2, OptionalInt.empty());
    List<Item> items = new ArrayList<>();
    asyncFor(new ListingClient(http, server.uri()), item -> items.add(item)).join();
    assertEquals(List.of(new Item(1, "apple"), new Item(2, "banana")), items);
  }

  @Test
  void anextAloneWalksThePagesAndThenKeepsEnding() throws IOException {
    ListingServer server = serve(2, 1, OptionalInt.empty());
    ListingClient client = new ListingClient(http, server.uri());
    assertEquals(1, client.anext().join().id());
    assertEquals(2, client.anext().join().id());
    for (int i = 0; i < 2; i++) {
      CompletionException end = assertThrows(CompletionException.class, client.anext()::join);
      assertInstanceOf(StopAsyncIteration.class, end.getCause());
    }
    assertEquals(2, server.requestCount());
  }

  @Test
  void aFetchDoesNotBlockTheCaller() throws IOException {
    ListingServer server = ListingServer.start(1, 1, Duration.ofMillis(500), OptionalInt.empty());
    servers.add(server);
    ListingClient client = new ListingClient(http, server.uri());
    long started = System.nanoTime();
    CompletableFuture<Item> first = client.anext();
    long tookMillis = (System.nanoTime() - started) / 1_000_000;
    assertTrue(tookMillis < 400, "anext() took " + tookMillis + " ms");
    assertEquals(1, first.join().id());
  }

  @Test
  void aFailingPageFailsTheLoopWithAMessageNamingThePage() throws IOException {
    ListingServer server = serve(3, 2, OptionalInt.of(2));
    List<Integer> ids = new ArrayList<>();
    CompletionException failure =
        assertThrows(
            CompletionException.class,
            () ->
                asyncFor(new ListingClient(http, server.uri()), item -> ids.add(item.id()))
                    .join());
    PageFailedException error = assertInstanceOf(PageFailedException.class, failure.getCause());
    assertEquals(2, error.page());
    assertTrue(error.getMessage().startsWith("page 2 of http://127.0.0.1:"), error.getMessage());
    assertTrue(error.getMessage().contains("HTTP 500"), error.getMessage());
    assertTrue(
        error.getMessage().contains("HTTP 500 (the server was told to fail this page)"),
        error.getMessage());
    assertEquals(List.of(1, 2), ids);
  }

  @Test
  void breakingOutStopsFetchingPages() throws IOException {
    ListingServer server = serve(5, 2, OptionalInt.empty());
    ListingClient client = new ListingClient(http, server.uri());
    List<Integer> ids = new ArrayList<>();
    asyncFor(
            client,
            (item, loop) -> {
              ids.add(item.id());
              if (item.id() == 3) {
                loop.breakLoop();
              }
            })
        .join();
    assertEquals(List.of(1, 2, 3), ids);
    assertEquals(2, server.requestCount());
    CompletionException afterClose = assertThrows(CompletionException.class, client.anext()::join);
    assertInstanceOf(IllegalStateException.class, afterClose.getCause());
  }

  @Test
  void closingCancelsTheRequestInFlight() throws IOException {
    ListingServer server = ListingServer.start(1, 1, Duration.ofSeconds(20), OptionalInt.empty());
    servers.add(server);
    ListingClient client = new ListingClient(http, server.uri());
    CompletableFuture<Item> pending = client.anext();
    client.aclose().toCompletableFuture().join();
    CompletionException failure = assertThrows(CompletionException.class, pending::join);
    assertNotNull(failure.getCause());
  }

  @Test
  void cancellingTheLoopCancelsTheRequestAndClosesTheClient() throws Exception {
    ListingServer server = ListingServer.start(2, 1, Duration.ofSeconds(20), OptionalInt.empty());
    servers.add(server);
    ListingClient client = new ListingClient(http, server.uri());
    List<Item> items = new ArrayList<>();
    CompletableFuture<Void> loop = asyncFor(client, item -> items.add(item));
    waitUntil(() -> server.requestCount() == 1);
    assertTrue(loop.cancel(false));
    CompletionException afterClose = assertThrows(CompletionException.class, client.anext()::join);
    assertInstanceOf(IllegalStateException.class, afterClose.getCause());
    assertEquals(List.of(), items);
  }

  @Test
  void aServerThatIsGoneFailsTheFirstPage() throws IOException {
    ListingServer server = ListingServer.start(1, 1, LATENCY, OptionalInt.empty());
    URI gone = server.uri();
    server.close();
    CompletionException failure =
        assertThrows(
            CompletionException.class,
            () -> asyncFor(new ListingClient(http, gone), item -> {}).join());
    PageFailedException error = assertInstanceOf(PageFailedException.class, failure.getCause());
    assertEquals(1, error.page());
    assertTrue(
        error.getMessage().startsWith("page 1 of " + gone + " failed: "), error.getMessage());
  }

  @Test
  void aBodyThatIsNotAPageFailsWithThePageNumberAndTheProblem() throws IOException {
    URI listing = serveAlways("<html>maintenance</html>");
    PageFailedException error = failureOfALoopOver(listing);
    assertEquals(1, error.page());
    assertTrue(
        error.getMessage().startsWith("page 1 of " + listing + " is not a listing page: "),
        error.getMessage());
    assertTrue(error.getMessage().contains("Unexpected character ('<'"), error.getMessage());
  }

  @Test
  void aPageWithAMemberOfTheWrongTypeFailsNamingThePageAndTheMember() throws IOException {
    URI listing =
        serveAlways("{\"page\":1,\"items\":[{\"id\":\"one\",\"name\":\"apple\"}],\"next\":null}");
    PageFailedException error = failureOfALoopOver(listing);
    assertTrue(
        error.getMessage().startsWith("page 1 of " + listing + " is not a listing page: "),
        error.getMessage());
    assertTrue(
        error.getMessage().contains(" is not a listing page: line 1, column 26, at items[0].id: "),
        error.getMessage());
  }

  @Test
  void theServerRefusesACursorItDidNotMake() throws Exception {
    ListingServer server = serve(2, 1, OptionalInt.empty());
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(server.uri() + "?cursor=bogus")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(400, response.statusCode());
    assertTrue(ListingJson.decodeError(response.body()).contains("bogus"), response.body());
  }

  @Test
  void theServerAnswersNotFoundPastTheLastPage() throws Exception {
    ListingServer server = serve(2, 1, OptionalInt.empty());
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(server.uri() + "?cursor=" + ListingServer.cursorFor(3)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(404, response.statusCode());
    assertEquals("there is no page 3", ListingJson.decodeError(response.body()));
  }

  private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out");
      Thread.sleep(5);
    }
  }

  /** Starts a server that answers every request for the listing with {@code body}, status 200. */
  private URI serveAlways(String body) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        ListingServer.PATH,
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    servers.add(() -> server.stop(0));
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + ListingServer.PATH);
  }

  private PageFailedException failureOfALoopOver(URI listing) {
    CompletionException failure =
        assertThrows(
            CompletionException.class,
            () -> asyncFor(new ListingClient(http, listing), item -> {}).join());
    return assertInstanceOf(PageFailedException.class, failure.getCause());
  }

  private ListingServer serve(int pages, int itemsPerPage, OptionalInt failingPage)
      throws IOException {
    ListingServer server = ListingServer.start(pages, itemsPerPage, LATENCY, failingPage);
    servers.add(server);
    return server;
  }
}
