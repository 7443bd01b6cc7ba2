package dev.aiter.internal;

import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * {@code zip(other, fn)}: Python's {@code zip} (C#'s {@code Zip}, Kotlin's {@code zip}) over two
 * iterators, read one after the other for each pair. It ends with the shorter: when either side
 * ends, both are closed, and the end is signalled once both closes completed (O3).
 *
 * @param <L> the left element type
 * @param <R> the right element type
 * @param <T> the element type
 */
final class Zip<L, R, T> extends Operator<T> {
  private final Upstream<L> left;
  private final Upstream<R> right;
  private final BiFunction<? super L, ? super R, ? extends T> fn;

  /** The left element waiting for its partner, when {@link #haveLeft}. */
  private Object heldLeft;
  private boolean haveLeft;
  /** Whether the pending answer is the right side's (else the left's). */
  private boolean waitingRight;

  Zip(PullIterator<L> left, PullIterator<R> right, BiFunction<? super L, ? super R, ? extends T> fn) {
    super("AsyncIterator.zip(other, fn)");
    this.left = new Upstream<>(left);
    this.right = new Upstream<>(right);
    this.fn = fn;
  }

  @Override
  Object poll() {
    Object d = gate();
    if (d != null) {
      return d;
    }
    return record(haveLeft ? fromRight(right.it.poll()) : fromLeft(left.it.poll()));
  }

  @Override
  Object proceed(Object value, Throwable error) {
    return waitingRight
        ? fromRight(right.it.resume(value, error))
        : fromLeft(left.it.resume(value, error));
  }

  private Object fromLeft(Object r) {
    if (r == Stages.PENDING) {
      waitingRight = false;
      return r;
    }
    if (r == Stages.END) {
      return endAfter(Stages.both(left.close(), right.close()));
    }
    if (r instanceof Stages.Failure) {
      return r;
    }
    heldLeft = r;
    haveLeft = true;
    return fromRight(right.it.poll());
  }

  @SuppressWarnings("unchecked")
  private Object fromRight(Object r) {
    if (r == Stages.PENDING) {
      waitingRight = true;
      return r;
    }
    if (r == Stages.END) {
      heldLeft = null;
      haveLeft = false;
      return endAfter(Stages.both(left.close(), right.close()));
    }
    if (r instanceof Stages.Failure) {
      return r;
    }
    L l = (L) heldLeft;
    heldLeft = null;
    haveLeft = false;
    try {
      return fn.apply(l, (R) r);
    } catch (Throwable t) {
      return Stages.failure(t);
    }
  }

  @Override
  CompletionStage<?> waitingFor() {
    return waitingRight ? right.it.waiting() : left.it.waiting();
  }

  @Override
  CompletionStage<?> release() {
    return Stages.both(left.close(), right.close());
  }
}
