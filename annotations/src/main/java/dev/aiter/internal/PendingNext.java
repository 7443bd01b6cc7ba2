package dev.aiter.internal;

import dev.aiter.StopAsyncIteration;
import dev.aiter.internal.Stages.Failure;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * The stage an adapter hands out while the source's stage is pending: it completes with the
 * decoded element once the source's stage does, and cancelling it cancels the source's stage.
 */
final class PendingNext<T> extends CompletableFuture<T> implements BiConsumer<Object, Throwable> {

  private final SourceAdapter<T> adapter;
  private final CompletionStage<?> upstream;

  PendingNext(SourceAdapter<T> adapter, CompletionStage<?> upstream) {
    this.adapter = adapter;
    this.upstream = upstream;
  }

  /** Completion of the source's stage. */
  @Override
  @SuppressWarnings("unchecked")
  public void accept(Object value, Throwable error) {
    Object r = error != null ? adapter.failure(error) : adapter.element(value);
    if (r == Stages.END) {
      completeExceptionally(new StopAsyncIteration());
    } else if (r instanceof Failure) {
      completeExceptionally(((Failure) r).error());
    } else {
      complete((T) r);
    }
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled && Stages.cancellable(upstream)) {
      ((Future<?>) upstream).cancel(mayInterruptIfRunning);
    }
    return cancelled;
  }
}
