package dev.aiter.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An iterator an operator reads from, closed at most once whoever asks first: the operator when
 * it stops reading early, or the operator's own close (O3). Every later close returns a stage
 * that completes as the first one does, so that an operator's {@code aclose()} after an early
 * close of its own still completes only once the upstream has closed, with its failure.
 *
 * @param <U> the element type
 */
final class Upstream<U> {

  private static final VarHandle CLOSED;

  static {
    try {
      CLOSED =
          MethodHandles.lookup().findVarHandle(Upstream.class, "closed", CompletableFuture.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The iterator itself. */
  final PullIterator<U> it;

  /** {@code null} until the first close; then what later closes return. */
  @SuppressWarnings("unused") // accessed through CLOSED
  private volatile CompletableFuture<Void> closed;

  Upstream(PullIterator<U> it) {
    this.it = it;
  }

  /**
   * Closes the iterator the first time and returns its stage; later calls (also while the first
   * one is still inside {@code aclose()} on another thread) return a stage that completes as the
   * first one does.
   */
  @SuppressWarnings("unchecked")
  CompletionStage<?> close() {
    CompletableFuture<Void> later = new CompletableFuture<>();
    Object first = CLOSED.compareAndExchange(this, null, later);
    if (first != null) {
      return (CompletableFuture<Void>) first;
    }
    CompletionStage<?> stage;
    try {
      stage = it.aclose();
    } catch (Throwable t) {
      stage = CompletableFuture.failedFuture(t); // aiter's iterators do not throw; be safe
    }
    Stages.forward(stage, later);
    return stage;
  }
}
