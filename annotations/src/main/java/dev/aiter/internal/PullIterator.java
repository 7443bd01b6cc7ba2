package dev.aiter.internal;

import dev.aiter.AsyncIterator;
import dev.aiter.StopAsyncIteration;
import dev.aiter.internal.Stages.Failure;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An {@link AsyncIterator} that can also be pulled without a stage: the internal protocol that
 * generated adapters, operators, sources and bridges share, so that a chain over
 * already-complete stages hands each element down as a plain value. Internal: not part of the
 * aiter API.
 *
 * <p>{@link #poll()} answers at once with one of four things: the next element itself, {@link
 * Stages#END}, a {@link Failure}, or {@link Stages#PENDING}. After {@code PENDING}, {@link
 * #waiting()} is the stage the iterator waits on (the source's own stage, a user function's
 * stage, or a signal of the iterator's own); the puller waits for it however it likes and hands
 * its outcome to {@link #resume}, which answers with one of the same four things. The puller
 * never polls again before it resumed, and never resumes twice. A stage is created only where
 * something really is pending; a {@code CompletionException} around a failure has already been
 * removed from every {@code Failure}.
 *
 * <p>An iterator answering {@code PENDING} counts as running until it is resumed: a {@link
 * #poll()} in between answers a {@code Failure} with the "already running" {@link
 * IllegalStateException} and leaves the pending work alone (B9, O6).
 *
 * <p>{@link #anext()} is built on the same two calls, so that a user who calls it directly sees
 * exactly what a loop sees.
 *
 * @param <T> the element type
 */
public abstract class PullIterator<T> implements AsyncIterator<T> {

  /** Only aiter's own iterators pull this way. */
  PullIterator() {}

  /**
   * Asks for the next element: the element, {@link Stages#END}, a {@link Failure}, or {@link
   * Stages#PENDING} (then {@link #waiting()} says on what).
   */
  abstract Object poll();

  /**
   * The stage the last {@link Stages#PENDING} answer waits on. Cancelling it is how a cancelled
   * consumer reaches the work in flight (O7).
   */
  abstract CompletionStage<?> waiting();

  /**
   * Goes on after the stage of {@link #waiting()} completed with {@code value} or {@code error}
   * (as a {@code whenComplete} callback sees it); answers like {@link #poll()}.
   */
  abstract Object resume(Object value, Throwable error);

  /**
   * The puller stops waiting for the stage of {@link #waiting()} and will not resume; the
   * iterator is usually closed next. Clears the "running" state so that a stuck stage does not
   * keep the iterator busy forever.
   */
  void abandon() {}

  /**
   * Returns the next element, as {@link #poll()} and {@link #resume} answer it.
   *
   * @return a stage of the next element, failed with {@link StopAsyncIteration} at the end
   */
  @Override
  public CompletionStage<T> anext() {
    Object r = poll();
    if (r == Stages.PENDING) {
      return new Resumption<>(this, waiting());
    }
    return completed(r);
  }

  /**
   * Sees any iterator through this protocol: aiter's own as they are, anyone else's through
   * {@link ForeignIterator}.
   *
   * @param it an iterator
   * @param <T> the element type
   * @return {@code it} itself when it is one of aiter's, otherwise a view of it
   */
  @SuppressWarnings("unchecked")
  public static <T> PullIterator<T> of(AsyncIterator<? extends T> it) {
    if (it instanceof PullIterator) {
      return (PullIterator<T>) it;
    }
    return new ForeignIterator<>(it);
  }

  /** A stage that is already complete with what a poll answered (not {@code PENDING}). */
  @SuppressWarnings("unchecked")
  static <T> CompletableFuture<T> completed(Object answer) {
    if (answer == Stages.END) {
      return CompletableFuture.failedFuture(new StopAsyncIteration());
    }
    if (answer instanceof Failure) {
      return CompletableFuture.failedFuture(((Failure) answer).error());
    }
    return CompletableFuture.completedFuture((T) answer);
  }

  /** Whether a poll's answer is an element (not {@code PENDING}, the end or a failure). */
  static boolean isElement(Object answer) {
    return answer != Stages.PENDING && answer != Stages.END && !(answer instanceof Failure);
  }
}
