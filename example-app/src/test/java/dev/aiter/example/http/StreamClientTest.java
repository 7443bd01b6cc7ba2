package dev.aiter.example.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.AsyncIterator;
import dev.aiter.example.http.ListingServer.StreamEnd;
import dev.aiter.example.http.StreamClient.Received;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Async.fromPublisher} over a real {@code Flow.Publisher}: the JDK {@code HttpClient}'s
 * body publisher, against {@link ListingServer}'s chunked streaming endpoint. The test JVM's heap
 * is 32 MiB (the module's surefire setting), so a 64 MiB body gets through only if nothing holds
 * it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamClientTest {

  private static final long BODY = 64L << 20;
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final HttpClient http = HttpClient.newHttpClient();
  private ListingServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = ListingServer.start(1, 1, Duration.ZERO, OptionalInt.empty());
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void everyByteOfA64MiBBodyArrivesInOrderThroughA32MiBHeap() throws Exception {
    Received received =
        StreamClient.open(http, server.streamUri(BODY)).thenCompose(StreamClient::check).join();
    assertEquals(BODY, received.bytes());
    assertTrue(received.chunks() > 1, "many chunks, not one buffer: " + received.chunks());
    assertEquals(new StreamEnd(BODY, true), server.awaitStreamEnd(WAIT));
  }

  @Test
  void closingTheIteratorMidWayCancelsTheBody_andTheServerSeesTheConnectionGo() throws Exception {
    AsyncIterator<List<ByteBuffer>> chunks = StreamClient.open(http, server.streamUri(BODY)).join();
    StreamBody expected = new StreamBody();
    for (int i = 0; i < 10; i++) {
      for (ByteBuffer buffer : chunks.anext().toCompletableFuture().join()) {
        expected.check(buffer);
      }
    }
    chunks.aclose().toCompletableFuture().join();
    StreamEnd end = server.awaitStreamEnd(WAIT);
    assertFalse(end.complete(), "the server's write failed: the client dropped the connection");
    assertTrue(end.bytesWritten() < BODY / 2, "it stopped early: " + end.bytesWritten());
  }

  @Test
  void theBodyAsABlockingStream_limitedAndClosed_cancelsTheRest() throws Exception {
    AsyncIterator<List<ByteBuffer>> chunks = StreamClient.open(http, server.streamUri(BODY)).join();
    long bytes;
    try (Stream<List<ByteBuffer>> stream = chunks.toStream()) {
      bytes =
          stream.limit(5).flatMap(List::stream).mapToLong(ByteBuffer::remaining).sum();
    }
    assertTrue(bytes > 0);
    assertFalse(server.awaitStreamEnd(WAIT).complete());
  }

  @Test
  void aStatusOtherThan200FailsTheOpen() {
    CompletionException e =
        assertThrows(
            CompletionException.class,
            () -> StreamClient.open(http, server.streamUri(-1)).join());
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertTrue(e.getCause().getMessage().startsWith("HTTP 400"), e.getCause().getMessage());
  }
}
