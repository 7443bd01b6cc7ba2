package dev.aiter.internal;

import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The iterators aiter creates from plain values: {@code empty}, {@code of}, {@code from}, {@code
 * range}, and Python's two-argument {@code aiter(call, sentinel)}. All but the last answer at
 * once and never allocate a stage of their own on the loop's path.
 */
final class Sources {

  private Sources() {}

  /** A source whose elements are all at hand: it never waits. */
  abstract static class Immediate<T> extends Operator<T> {
    Immediate(String name) {
      super(name);
    }

    /** The next element or the end. */
    abstract Object next();

    @Override
    final Object poll() {
      Object d = gate();
      return d != null ? d : record(next());
    }

    @Override
    final Object proceed(Object value, Throwable error) {
      throw new IllegalStateException(this + " never waits, so it is never resumed");
    }

    @Override
    final CompletionStage<?> waitingFor() {
      throw new IllegalStateException(this + " never waits");
    }

    @Override
    CompletionStage<?> release() {
      return Stages.DONE;
    }
  }

  /** {@code AsyncIterator.of(elements)}; also {@code empty()}, with no elements. */
  static final class Of<T> extends Immediate<T> {
    private final T[] elements;
    private int index;

    Of(String name, T[] elements) {
      super(name);
      this.elements = elements;
    }

    @Override
    Object next() {
      return index < elements.length ? elements[index++] : Stages.END;
    }
  }

  /** {@code AsyncIterator.from(iterable)}: the iterable's iterator is taken at the first pull. */
  static final class From<T> extends Immediate<T> {
    private final Iterable<? extends T> iterable;
    private Iterator<? extends T> iterator;

    From(Iterable<? extends T> iterable) {
      super("AsyncIterator.from(iterable)");
      this.iterable = iterable;
    }

    @Override
    Object next() {
      try {
        Iterator<? extends T> it = iterator;
        if (it == null) {
          it = Objects.requireNonNull(iterable.iterator(), "the Iterable returned a null iterator");
          iterator = it;
        }
        return it.hasNext() ? it.next() : Stages.END;
      } catch (Throwable t) {
        return Stages.failure(t);
      }
    }
  }

  /** {@code AsyncIterator.range(start, end)}: Python's {@code range(start, end)}. */
  static final class Range extends Immediate<Integer> {
    private final int end;
    private int next;

    Range(int start, int end) {
      super("AsyncIterator.range(start, end)");
      this.next = start;
      this.end = end;
    }

    @Override
    Object next() {
      return next < end ? Integer.valueOf(next++) : Stages.END;
    }
  }

  /**
   * {@code Async.aiter(call, sentinel)}: Python 3.16's {@code aiter(callable, sentinel)}. The
   * call is made at each pull; a value equal to the sentinel ends the iteration undelivered. A
   * {@link dev.aiter.StopAsyncIteration} from the call is an error here, as in Python: only the
   * sentinel ends this iteration.
   */
  static final class UntilSentinel<T> extends Operator<T> {
    private final Supplier<? extends CompletionStage<? extends T>> call;
    private final T sentinel;
    private CompletionStage<?> waiting;

    UntilSentinel(Supplier<? extends CompletionStage<? extends T>> call, T sentinel) {
      super("Async.aiter(call, sentinel)");
      this.call = call;
      this.sentinel = sentinel;
    }

    @Override
    Object poll() {
      Object d = gate();
      return d != null ? d : record(call());
    }

    private Object call() {
      CompletionStage<? extends T> stage;
      try {
        stage = call.get();
      } catch (Throwable t) {
        return error(t);
      }
      if (stage == null) {
        return new Stages.Failure(
            new NullPointerException(
                "the call of Async.aiter(call, sentinel) returned null instead of a"
                    + " CompletionStage"));
      }
      Object r = Stages.peek(stage);
      if (r == Stages.PENDING) {
        waiting = stage;
        return r;
      }
      if (r instanceof Stages.Failure) {
        return error(((Stages.Failure) r).error());
      }
      return value(r);
    }

    @Override
    Object proceed(Object value, Throwable error) {
      waiting = null;
      return error != null ? error(error) : value(value);
    }

    /** The value, or the end at the sentinel; a user's {@code equals} that throws fails. */
    private Object value(Object value) {
      try {
        return Objects.equals(value, sentinel) ? Stages.END : value;
      } catch (Throwable t) {
        return new Stages.Failure(t);
      }
    }

    private static Object error(Throwable error) {
      Throwable e = Stages.unwrap(error);
      if (e instanceof dev.aiter.StopAsyncIteration) {
        e =
            new IllegalStateException(
                "the call of Async.aiter(call, sentinel) raised StopAsyncIteration; only a value"
                    + " equal to the sentinel ends this iteration",
                e);
      }
      return new Stages.Failure(e);
    }

    @Override
    CompletionStage<?> waitingFor() {
      return waiting;
    }

    @Override
    CompletionStage<?> release() {
      return Stages.cancelThen(waiting, Stages.DONE);
    }
  }
}
