package dev.aiter.example.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.Async;
import dev.aiter.AsyncIterator;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.R2dbcException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.Publisher;

/**
 * {@code Async.fromPublisher} over a real Reactive Streams driver: R2DBC on an in-memory H2
 * database in this JVM. Everything is read through aiter (no Reactor code here): the connection,
 * each statement's results, each result's rows ({@code flatMap} of one iterator per result).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class R2dbcTest {

  private static final int ROWS = 10_000;
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private Connection connection;

  /** Any Reactive Streams publisher as an aiter iterator. */
  private static <T> AsyncIterator<T> iterate(Publisher<T> publisher) {
    return Async.fromPublisher(FlowAdapters.toFlowPublisher(publisher));
  }

  /** The one element of a publisher (a Mono, say), after it completed. */
  private static <T> T single(Publisher<T> publisher) {
    List<T> all = iterate(publisher).toList().join();
    assertEquals(1, all.size(), "one element");
    return all.get(0);
  }

  /** Runs a statement to its end and returns the rows it updated. */
  private long update(String sql) {
    return iterate(connection.createStatement(sql).execute())
        .flatMap(result -> iterate(result.getRowsUpdated()))
        .reduce(0L, Long::sum)
        .join();
  }

  /** The ids a query returns, one iterator per result and one element per row. */
  private AsyncIterator<Integer> ids(String sql) {
    return iterate(connection.createStatement(sql).execute())
        .flatMap(result -> iterate(result.map((row, meta) -> row.get("id", Integer.class))));
  }

  @BeforeEach
  void openDatabase() {
    String url = "r2dbc:h2:mem:///aiter-" + DATABASES.incrementAndGet();
    connection = single(ConnectionFactories.get(url).create());
    update("CREATE TABLE fruit (id INT PRIMARY KEY, name VARCHAR(40))");
    assertEquals(
        ROWS,
        update("INSERT INTO fruit SELECT X, 'fruit ' || X FROM SYSTEM_RANGE(1, " + ROWS + ")"));
  }

  @AfterEach
  void closeDatabase() {
    iterate(connection.close()).toList().join();
  }

  @Test
  void everyRowOfASelectArrivesInOrder() {
    List<Integer> ids = ids("SELECT id FROM fruit ORDER BY id").toList().join();
    assertEquals(IntStream.rangeClosed(1, ROWS).boxed().collect(Collectors.toList()), ids);
  }

  @Test
  void limitTenCancelsTheQuerysSubscription_afterAskingForOneWindowOfRows() {
    AtomicReference<Watched<Integer>> rows = new AtomicReference<>();
    List<Integer> first =
        iterate(connection.createStatement("SELECT id FROM fruit ORDER BY id").execute())
            .flatMap(
                result -> {
                  Watched<Integer> watched =
                      new Watched<>(
                          FlowAdapters.toFlowPublisher(
                              result.map((row, meta) -> row.get("id", Integer.class))));
                  rows.set(watched);
                  return Async.fromPublisher(watched);
                })
            .limit(10)
            .toList()
            .join();
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), first);
    Watched<Integer> watched = rows.get();
    assertNotNull(watched);
    assertEquals(1, watched.cancels.get(), "limit(10) closed the chain, which cancelled the rows");
    assertFalse(watched.completed.get(), "the query was stopped, not read to its end");
    assertEquals(64, watched.requested.get(), "one window (the default prefetch), not 10,000 rows");
    // The connection is still good for the next statement.
    assertEquals(ROWS, ids("SELECT id FROM fruit").count().join());
  }

  @Test
  void aFailingStatementArrivesAsTheIteratorsFailure() {
    CompletableFuture<List<Integer>> all = ids("SELECT id FROM no_such_table").toList();
    Throwable failure = all.handle((value, error) -> error).join();
    assertInstanceOf(R2dbcException.class, failure);
    assertTrue(failure.getMessage().toUpperCase().contains("NO_SUCH_TABLE"), failure.getMessage());
    assertEquals(ROWS, ids("SELECT id FROM fruit").count().join(), "the connection goes on");
  }

  /** A publisher that counts what its subscriber asks of it. */
  private static final class Watched<T> implements Flow.Publisher<T> {
    final AtomicLong requested = new AtomicLong();
    final AtomicInteger cancels = new AtomicInteger();
    final AtomicBoolean completed = new AtomicBoolean();
    private final Flow.Publisher<T> inner;

    Watched(Flow.Publisher<T> inner) {
      this.inner = inner;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
      inner.subscribe(
          new Flow.Subscriber<T>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
              subscriber.onSubscribe(
                  new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                      requested.addAndGet(n);
                      subscription.request(n);
                    }

                    @Override
                    public void cancel() {
                      cancels.incrementAndGet();
                      subscription.cancel();
                    }
                  });
            }

            @Override
            public void onNext(T item) {
              subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
              subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
              completed.set(true);
              subscriber.onComplete();
            }
          });
    }
  }
}
