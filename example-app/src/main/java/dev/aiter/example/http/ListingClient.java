package dev.aiter.example.http;

import dev.aiter.AsyncIterable;
import dev.aiter.StopAsyncIteration;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The items of a paginated listing (see {@link ListingServer} and {@link ListingJson}), fetched
 * page after page with {@link HttpClient#sendAsync}: no thread waits for the network.
 *
 * <pre>{@code
 * import static dev.aiter.example.http.ListingClientAsync.*;
 * asyncFor(new ListingClient(http, listing), item -> System.out.println(item.name())).join();
 * }</pre>
 *
 * <p>The first {@link #anext()} fetches the first page; the items of a page are then handed out
 * one by one, already complete, and the one after the last fetches the page its {@code next}
 * cursor names, until the last page. A page that fails fails the iteration with a {@link
 * PageFailedException} naming the page.
 *
 * <p>{@link #aclose()} (which {@code asyncFor} calls on every way out) cancels a request in
 * flight. The {@link HttpClient} belongs to the caller, who may share it.
 */
@AsyncIterable
public final class ListingClient {

  /** Beyond this a page counts as failed rather than leaving the loop waiting forever. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final URI listing;
  private final Queue<Item> fetched = new ArrayDeque<>();

  /** The cursor of the next page to fetch; {@code null} before the first page. */
  private String cursor;
  private boolean lastPageFetched;
  private int pagesRequested;
  private volatile boolean closed;
  private volatile CompletableFuture<HttpResponse<String>> inFlight;

  /**
   * Creates a client for the listing at {@code listing}; nothing is fetched yet.
   *
   * @param http the HTTP client to send requests with
   * @param listing the address of the listing's first page, e.g. {@link ListingServer#uri()}
   */
  public ListingClient(HttpClient http, URI listing) {
    this.http = http;
    this.listing = listing;
  }

  /**
   * Yields the next item, fetching the next page when the current one is used up.
   *
   * @return a future of the next item; failed with {@link StopAsyncIteration} after the last item
   *     of the last page, with a {@link PageFailedException} when a page could not be fetched,
   *     with an {@link IllegalStateException} once the client was closed
   */
  public CompletableFuture<Item> anext() {
    if (closed) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("the client of " + listing + " was closed"));
    }
    Item item = fetched.poll();
    if (item != null) {
      return CompletableFuture.completedFuture(item);
    }
    if (lastPageFetched) {
      return CompletableFuture.failedFuture(new StopAsyncIteration());
    }
    return fetchNextPage();
  }

  /**
   * Stops fetching: cancels the request in flight, if any; idempotent.
   *
   * @return an already completed stage
   */
  public CompletionStage<Void> aclose() {
    closed = true;
    CompletableFuture<HttpResponse<String>> request = inFlight;
    if (request != null) {
      request.cancel(true);
    }
    return CompletableFuture.completedFuture(null);
  }

  /**
   * How many pages were requested so far, including one in flight or failed.
   *
   * @return the number of page requests sent
   */
  public int pagesRequested() {
    return pagesRequested;
  }

  /**
   * Fetches the details of one item from the listing's details endpoint: the second request per
   * item that {@code mapAsync(n, client::detail)} makes n at a time.
   *
   * @param item an item of this listing
   * @return a future of the item's details; failed with an {@link IllegalStateException} naming
   *     the item when the request failed
   */
  public CompletableFuture<ItemDetail> detail(Item item) {
    URI uri = listing.resolve(ListingServer.DETAILS_PATH + "?id=" + item.id());
    return http.sendAsync(get(uri), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .handle(
            (answer, error) -> {
              if (error != null || answer.statusCode() != 200) {
                Throwable cause =
                    error instanceof CompletionException && error.getCause() != null
                        ? error.getCause()
                        : error;
                throw new IllegalStateException(
                    "the details of item " + item.id() + " (" + uri + ") failed: "
                        + (cause != null ? describe(cause) : "HTTP " + answer.statusCode()),
                    cause);
              }
              return ListingJson.decodeDetail(answer.body());
            });
  }

  /**
   * Fetches one page by its cursor, for code that walks the pages itself (the generator of
   * {@code http --generator}) rather than iterating items through {@code anext()}.
   *
   * @param pageCursor the cursor of the page, {@code null} for the first page
   * @return a future of the page; failed with a {@link PageFailedException} like {@code anext()}
   */
  public CompletableFuture<Page> page(String pageCursor) {
    int number = ++pagesRequested;
    URI page = pageUri(pageCursor);
    return http.sendAsync(get(page), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .handle((answer, error) -> readPage(number, page, answer, error));
  }

  private URI pageUri(String pageCursor) {
    return pageCursor == null
        ? listing
        : URI.create(listing + "?cursor=" + URLEncoder.encode(pageCursor, StandardCharsets.UTF_8));
  }

  private static HttpRequest get(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(REQUEST_TIMEOUT)
        .header("Accept", "application/json")
        .GET()
        .build();
  }

  /** Fetches pages until one has an item or the last page came; yields that item. */
  private CompletableFuture<Item> fetchNextPage() {
    int number = ++pagesRequested;
    URI page = pageUri(cursor);
    CompletableFuture<HttpResponse<String>> response =
        http.sendAsync(get(page), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    inFlight = response;
    if (closed) { // aclose() ran between the check in anext() and the line above
      response.cancel(true);
    }
    return response
        .handle((answer, error) -> readPage(number, page, answer, error))
        .thenCompose(
            contents -> {
              inFlight = null;
              cursor = contents.next();
              lastPageFetched = contents.isLast();
              fetched.addAll(contents.items());
              Item first = fetched.poll();
              if (first != null) {
                return CompletableFuture.completedFuture(first);
              }
              if (lastPageFetched) {
                return CompletableFuture.failedFuture(new StopAsyncIteration());
              }
              return fetchNextPage(); // an empty page in the middle: on to the next one
            });
  }

  /** Turns the outcome of a request into a page, or into a failure that names the page. */
  private static Page readPage(
      int number, URI page, HttpResponse<String> answer, Throwable error) {
    if (error != null) {
      Throwable cause =
          error instanceof CompletionException && error.getCause() != null
              ? error.getCause()
              : error;
      throw new PageFailedException(
          number, "page " + number + " of " + page + " failed: " + describe(cause), cause);
    }
    if (answer.statusCode() != 200) {
      String reason = ListingJson.decodeError(answer.body());
      throw new PageFailedException(
          number,
          "page " + number + " of " + page + " failed: HTTP " + answer.statusCode()
              + (reason == null ? "" : " (" + reason + ")"),
          null);
    }
    try {
      return ListingJson.decode(answer.body());
    } catch (IllegalArgumentException e) {
      throw new PageFailedException(
          number,
          "page " + number + " of " + page + " is not a listing page: " + e.getMessage(),
          e);
    }
  }

  private static String describe(Throwable error) {
    String message = error.getMessage();
    String type = error.getClass().getSimpleName();
    return message == null || message.isEmpty() ? type : type + ": " + message;
  }
}
