package dev.aiter.example.http;

import dev.aiter.Async;
import dev.aiter.AsyncIterator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A response body read as an {@link AsyncIterator}: the JDK's {@code HttpClient} hands the body out
 * as a {@link Flow.Publisher} of buffer lists ({@code BodyHandlers.ofPublisher()}), and {@link
 * Async#fromPublisher} turns it into an iterator that requests a bounded window of chunks at a
 * time, so a body of any size is read in constant memory; closing the iterator cancels the body,
 * and the client drops the connection.
 */
public final class StreamClient {

  private StreamClient() {}

  /**
   * Sends {@code GET uri} and, once the headers arrived, returns the body as an iterator of the
   * chunks the client receives. Nothing of the body is requested before the first {@code
   * anext()}.
   *
   * @param http the client
   * @param uri the address
   * @return a future of the body's chunks; failed when the status is not 200 (with the body's text)
   */
  public static CompletableFuture<AsyncIterator<List<ByteBuffer>>> open(HttpClient http, URI uri) {
    HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
    return http.sendAsync(request, StreamClient::bodyHandler)
        .thenApply(response -> Async.fromPublisher(response.body()));
  }

  /** The body as a publisher when the status is 200; any other status fails with its text. */
  private static HttpResponse.BodySubscriber<Flow.Publisher<List<ByteBuffer>>> bodyHandler(
      HttpResponse.ResponseInfo info) {
    if (info.statusCode() == 200) {
      return BodySubscribers.ofPublisher();
    }
    return BodySubscribers.mapping(
        BodySubscribers.ofString(StandardCharsets.UTF_8),
        text -> {
          throw new IllegalStateException("HTTP " + info.statusCode() + ": " + text);
        });
  }

  /**
   * What {@link #check} saw.
   *
   * @param bytes how many bytes arrived
   * @param chunks in how many {@code onNext} signals (each a list of buffers)
   */
  public record Received(long bytes, long chunks) {}

  /**
   * Reads the whole body, checking each byte against {@link StreamBody} as it arrives, and closes
   * the iterator at the end.
   *
   * @param chunks the body's chunks
   * @return a future of what arrived; failed at the first byte out of place
   */
  public static CompletableFuture<Received> check(AsyncIterator<List<ByteBuffer>> chunks) {
    StreamBody expected = new StreamBody();
    long[] count = {0};
    return chunks
        .forEach(
            buffers -> {
              for (ByteBuffer buffer : buffers) {
                expected.check(buffer);
              }
              count[0]++;
            })
        .thenApply(done -> new Received(expected.offset(), count[0]));
  }
}
