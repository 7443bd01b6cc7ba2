package p;

import dev.aiter.AsyncIterable;
import dev.aiter.StopAsyncIteration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A shelf whose inner cursor walks its items. */
public class Shelf<T> {
  private final List<T> items;

  public Shelf(List<T> items) {
    this.items = items;
  }

  @AsyncIterable
  public class Cursor {
    private int i;

    public CompletableFuture<T> anext() {
      return i < items.size()
          ? CompletableFuture.completedFuture(items.get(i++))
          : CompletableFuture.failedFuture(new StopAsyncIteration());
    }
  }
}
