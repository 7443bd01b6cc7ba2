package dev.aiter.internal;

import dev.aiter.AsyncIterator;
import dev.aiter.internal.Stages.Failure;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An iterator that aiter did not write (a user's own {@code AsyncIterator}), seen through the
 * pull protocol. It normalises what such an iterator may do (throw, return {@code null}, fail
 * with a wrapped {@link dev.aiter.StopAsyncIteration}) and adds nothing else: no guard, no
 * repeated end, so that the iterator behaves as it does when called directly.
 *
 * @param <T> the element type
 */
final class ForeignIterator<T> extends PullIterator<T> {

  private final AsyncIterator<? extends T> source;
  private CompletionStage<?> waiting;

  ForeignIterator(AsyncIterator<? extends T> source) {
    this.source = source;
  }

  @Override
  Object poll() {
    CompletionStage<? extends T> stage;
    try {
      stage = source.anext();
    } catch (Throwable t) {
      return Stages.failure(t);
    }
    if (stage == null) {
      return new Failure(Stages.nullStage(source.getClass().getName() + ".anext()"));
    }
    Object r = Stages.peek(stage);
    if (r == Stages.PENDING) {
      waiting = stage;
      return r;
    }
    if (r instanceof Failure) {
      return Stages.failure(((Failure) r).error());
    }
    return r;
  }

  @Override
  CompletionStage<?> waiting() {
    return waiting;
  }

  @Override
  Object resume(Object value, Throwable error) {
    waiting = null;
    return error == null ? value : Stages.failure(error);
  }

  @Override
  void abandon() {
    waiting = null;
  }

  /**
   * Closes the source; a close that throws or returns {@code null} becomes a failed stage.
   * Every call reaches the source: aiter's callers close once.
   */
  @Override
  public CompletionStage<Void> aclose() {
    CompletionStage<Void> stage;
    try {
      stage = source.aclose();
    } catch (Throwable t) {
      return CompletableFuture.failedFuture(t);
    }
    if (stage == null) {
      return CompletableFuture.failedFuture(
          Stages.nullStage(source.getClass().getName() + ".aclose()"));
    }
    return stage;
  }

  @Override
  public String toString() {
    return source.toString();
  }
}
