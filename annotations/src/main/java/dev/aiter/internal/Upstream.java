package dev.aiter.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletionStage;

/**
 * An iterator an operator reads from, closed at most once whoever asks first: the operator when
 * it stops reading early, or the operator's own close (O3).
 *
 * @param <U> the element type
 */
final class Upstream<U> {

  private static final VarHandle CLOSED;

  static {
    try {
      CLOSED = MethodHandles.lookup().findVarHandle(Upstream.class, "closed", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The iterator itself. */
  final PullIterator<U> it;

  @SuppressWarnings("unused") // accessed through CLOSED
  private volatile boolean closed;

  Upstream(PullIterator<U> it) {
    this.it = it;
  }

  /** Closes the iterator the first time; later calls return an already-complete stage. */
  CompletionStage<?> close() {
    if (!CLOSED.compareAndSet(this, false, true)) {
      return Stages.DONE;
    }
    return it.aclose();
  }
}
