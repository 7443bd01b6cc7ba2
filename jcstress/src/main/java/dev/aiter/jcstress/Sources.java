package dev.aiter.jcstress;

import dev.aiter.AsyncIterator;
import dev.aiter.StopAsyncIteration;
import dev.aiter.generated.Adapters;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** A scripted source seen through a generated-style adapter: stages handed out in order. */
final class Sources {

  private Sources() {}

  /** Counts the calls of a source whose stages are given up front; the end after the last. */
  static final class Scripted {
    final AtomicInteger nextCalls = new AtomicInteger();
    final AtomicInteger closeCalls = new AtomicInteger();
    /** Next calls that came after the close: none may. */
    final AtomicInteger nextAfterClose = new AtomicInteger();
    private final CompletableFuture<?>[] stages;

    Scripted(CompletableFuture<?>... stages) {
      this.stages = stages;
    }

    @SuppressWarnings("unchecked")
    CompletionStage<Integer> anext() {
      if (closeCalls.get() != 0) {
        nextAfterClose.incrementAndGet();
      }
      int i = nextCalls.getAndIncrement();
      return i < stages.length
          ? (CompletionStage<Integer>) stages[i]
          : CompletableFuture.failedFuture(new StopAsyncIteration());
    }

    CompletionStage<Void> aclose() {
      closeCalls.incrementAndGet();
      return CompletableFuture.completedFuture(null);
    }

    /** What the processor generates for such a class. */
    AsyncIterator<Integer> adapter() {
      return Adapters.<Integer>stage(
          "dev.aiter.jcstress.Scripted", "anext", this::anext, "aclose", this::aclose);
    }
  }

  /** 1 completed normally, 2 cancelled, 3 failed, 0 not done; 4 ended (StopAsyncIteration). */
  static int outcome(CompletableFuture<?> stage) {
    if (stage.isDone() && !stage.isCancelled() && stage.isCompletedExceptionally()) {
      Throwable e = stage.handle((v, t) -> t).join();
      while (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) {
        e = e.getCause();
      }
      if (e instanceof StopAsyncIteration) {
        return 4;
      }
    }
    return state(stage);
  }

  /** 1 completed normally, 2 cancelled, 3 failed, 0 not done. */
  static int state(CompletableFuture<?> loop) {
    if (!loop.isDone()) {
      return 0;
    }
    if (loop.isCancelled()) {
      return 2;
    }
    return loop.isCompletedExceptionally() ? 3 : 1;
  }
}
