package dev.aiter;

import dev.aiter.Fixtures.Path;
import dev.aiter.generated.Adapters;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** A source whose next and close behaviour each test scripts, seen through either path. */
final class Scripted {

  interface Next {
    CompletionStage<Integer> call(int index) throws Exception;
  }

  interface Close {
    CompletionStage<Void> call() throws Exception;
  }

  final AtomicInteger nextCalls = new AtomicInteger();
  final AtomicInteger closeCalls = new AtomicInteger();
  private final Next next;
  private final Close close;

  Scripted(Next next, Close close) {
    this.next = next;
    this.close = close;
  }

  /** Yields 0 .. count-1 as already-complete stages, then ends; close completes at once. */
  static Scripted counting(int count) {
    return new Scripted(
        i -> i < count
            ? CompletableFuture.completedFuture(i)
            : CompletableFuture.failedFuture(new StopAsyncIteration()),
        () -> CompletableFuture.completedFuture(null));
  }

  Scripted withClose(Close newClose) {
    return new Scripted(next, newClose);
  }

  CompletionStage<Integer> anext() throws Exception {
    return next.call(nextCalls.getAndIncrement());
  }

  CompletionStage<Void> aclose() throws Exception {
    closeCalls.incrementAndGet();
    return close.call();
  }

  AsyncIterator<Integer> via(Path path) {
    if (path == Path.ITERATOR) {
      return new AsyncIterator<>() {
        @Override
        public CompletionStage<Integer> anext() {
          try {
            return Scripted.this.anext();
          } catch (Exception e) {
            return AsyncForTest.sneakyThrow(e);
          }
        }

        @Override
        public CompletionStage<Void> aclose() {
          try {
            return Scripted.this.aclose();
          } catch (Exception e) {
            return AsyncForTest.sneakyThrow(e);
          }
        }
      };
    }
    return Adapters.<Integer>stage("dev.aiter.Scripted", "anext", this::anext, "aclose", this::aclose);
  }
}
