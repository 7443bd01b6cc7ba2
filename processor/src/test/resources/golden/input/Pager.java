package p;

import dev.aiter.AsyncIterable;
import dev.aiter.StopAsyncIteration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Pages of sorted items; closing releases the cursor on the server. Has extension methods. */
@AsyncIterable
public class Pager<T extends Comparable<T>> implements PagerAsync.Extensions<T> {
  private final Iterator<T> items;

  public Pager(List<T> items) {
    this.items = items.iterator();
  }

  public CompletableFuture<T> anext() {
    return items.hasNext()
        ? CompletableFuture.completedFuture(items.next())
        : CompletableFuture.failedFuture(new StopAsyncIteration());
  }

  public CompletionStage<Void> aclose() {
    return CompletableFuture.completedFuture(null);
  }
}
