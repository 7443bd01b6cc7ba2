package p;

import dev.aiter.AsyncIterable;
import dev.aiter.StopAsyncIteration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A shelf whose inner cursor walks its items, and has extension methods. */
public class Shelf<T> {
  private final List<T> items;

  public Shelf(List<T> items) {
    this.items = items;
  }

  @AsyncIterable
  public class Cursor implements Shelf_CursorAsync.Extensions<T> {
    private int i;

    public CompletableFuture<T> anext() {
      return i < items.size()
          ? CompletableFuture.completedFuture(items.get(i++))
          : CompletableFuture.failedFuture(new StopAsyncIteration());
    }
  }
}
