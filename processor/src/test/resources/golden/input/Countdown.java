package p;

import dev.aiter.AsyncIterable;
import dev.aiter.StopAsyncIteration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Counts down to one. */
@AsyncIterable
public class Countdown {
  private int n;

  public Countdown(int n) {
    this.n = n;
  }

  public CompletionStage<Integer> anext() {
    return n == 0
        ? CompletableFuture.failedFuture(new StopAsyncIteration())
        : CompletableFuture.completedFuture(n--);
  }
}
