package dev.aiter.internal;

import dev.aiter.AsyncIterator;
import java.util.Iterator;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The operators that read several iterators one after another: {@code flatMap}, {@code
 * flatMapIterable} and {@code concat}. Each inner iterator is closed as soon as it ended, before
 * the next one is read (its close failing fails the iteration), and the ones still held are
 * closed with the operator (O3).
 */
final class Flatten {

  private Flatten() {}

  /** What a flattening operator waits on after a pending answer. */
  private enum Waiting {
    NOTHING,
    OUTER,
    INNER,
    INNER_CLOSE
  }

  /**
   * {@code flatMap(fn)}: Python's {@code (y async for x in it async for y in fn(x))}; C#'s
   * {@code SelectMany}, Kotlin's {@code flatMapConcat}.
   */
  static final class FlatMap<U, T> extends Operator<T> {
    private final Upstream<U> outer;
    private final Function<? super U, ? extends AsyncIterator<? extends T>> fn;
    private volatile Upstream<T> inner;
    private Waiting waiting = Waiting.NOTHING;
    private CompletionStage<?> innerClose;

    FlatMap(PullIterator<U> outer, Function<? super U, ? extends AsyncIterator<? extends T>> fn) {
      super("AsyncIterator.flatMap(fn)");
      this.outer = new Upstream<>(outer);
      this.fn = fn;
    }

    @Override
    Object poll() {
      Object d = gate();
      return d != null ? d : record(step(Waiting.NOTHING, null, null));
    }

    @Override
    Object proceed(Object value, Throwable error) {
      Waiting resumed = waiting;
      waiting = Waiting.NOTHING;
      return step(resumed, value, error);
    }

    @SuppressWarnings("unchecked")
    private Object step(Waiting resumed, Object value, Throwable error) {
      Waiting from = resumed;
      for (; ; ) {
        if (from == Waiting.INNER_CLOSE) {
          from = Waiting.NOTHING;
          innerClose = null;
          if (error != null) {
            return new Stages.Failure(Stages.unwrap(error));
          }
        }
        Upstream<T> in = inner;
        if (in != null) {
          Object r = from == Waiting.INNER ? in.it.resume(value, error) : in.it.poll();
          from = Waiting.NOTHING;
          if (r == Stages.PENDING) {
            waiting = Waiting.INNER;
            return r;
          }
          if (r != Stages.END) {
            return r; // an element or a failure (the failed inner is closed with the operator)
          }
          inner = null;
          CompletionStage<?> closed = in.close();
          Object c = Stages.peek(closed);
          if (c == Stages.PENDING) {
            innerClose = closed;
            waiting = Waiting.INNER_CLOSE;
            return c;
          }
          if (c instanceof Stages.Failure) {
            return c;
          }
          continue;
        }
        Object r = from == Waiting.OUTER ? outer.it.resume(value, error) : outer.it.poll();
        from = Waiting.NOTHING;
        if (r == Stages.PENDING) {
          waiting = Waiting.OUTER;
          return r;
        }
        if (!isElement(r)) {
          return r;
        }
        AsyncIterator<? extends T> next;
        try {
          next = fn.apply((U) r);
        } catch (Throwable t) {
          return Stages.failure(t);
        }
        if (next == null) {
          return new Stages.Failure(
              new NullPointerException(
                  "the function of AsyncIterator.flatMap(fn) returned null instead of an"
                      + " AsyncIterator for element "
                      + Stages.describe(r)));
        }
        inner = new Upstream<>(PullIterator.of(next));
      }
    }

    @Override
    CompletionStage<?> waitingFor() {
      switch (waiting) {
        case INNER:
          return inner.it.waiting();
        case INNER_CLOSE:
          return innerClose;
        default:
          return outer.it.waiting();
      }
    }

    @Override
    CompletionStage<?> release() {
      Upstream<T> in = inner;
      CompletionStage<?> innerClosed = in == null ? Stages.DONE : in.close();
      return Stages.both(innerClosed, outer.close());
    }
  }

  /**
   * {@code flatMapIterable(fn)}: each element's {@code Iterable} is read synchronously; Python's
   * {@code (y async for x in it for y in fn(x))}.
   */
  static final class FlatMapIterable<U, T> extends Relay<U, T> {
    private final Function<? super U, ? extends Iterable<? extends T>> fn;
    private Iterator<? extends T> current;

    FlatMapIterable(
        PullIterator<U> upstream, Function<? super U, ? extends Iterable<? extends T>> fn) {
      super("AsyncIterator.flatMapIterable(fn)", upstream);
      this.fn = fn;
    }

    @Override
    Object poll() {
      Object d = gate();
      if (d != null) {
        return d;
      }
      Object r = fromCurrent();
      return record(r != Stages.PENDING ? r : handle(upstream.it.poll()));
    }

    /** The next element of the current iterable, or PENDING when there is none (any more). */
    private Object fromCurrent() {
      Iterator<? extends T> it = current;
      if (it == null) {
        return Stages.PENDING;
      }
      try {
        if (it.hasNext()) {
          return it.next();
        }
      } catch (Throwable t) {
        return Stages.failure(t);
      }
      current = null;
      return Stages.PENDING;
    }

    @Override
    @SuppressWarnings("unchecked")
    Object handle(Object answer) {
      Object r = answer;
      for (; ; ) {
        if (!isElement(r)) {
          return r;
        }
        try {
          Iterable<? extends T> iterable = fn.apply((U) r);
          if (iterable == null) {
            return new Stages.Failure(
                new NullPointerException(
                    "the function of AsyncIterator.flatMapIterable(fn) returned null instead of"
                        + " an Iterable for element "
                        + Stages.describe(r)));
          }
          current = iterable.iterator();
        } catch (Throwable t) {
          return Stages.failure(t);
        }
        Object element = fromCurrent();
        if (element != Stages.PENDING) {
          return element;
        }
        r = upstream.it.poll();
      }
    }
  }

  /** {@code concat(next)}: Python's {@code itertools.chain(it, next)}. */
  static final class Concat<T> extends Operator<T> {
    private final Upstream<T> first;
    private final Upstream<T> second;
    private boolean onSecond;
    private Waiting waiting = Waiting.NOTHING;
    private CompletionStage<?> firstClose;

    Concat(PullIterator<T> first, PullIterator<T> second) {
      super("AsyncIterator.concat(next)");
      this.first = new Upstream<>(first);
      this.second = new Upstream<>(second);
    }

    @Override
    Object poll() {
      Object d = gate();
      return d != null ? d : record(step(Waiting.NOTHING, null, null));
    }

    @Override
    Object proceed(Object value, Throwable error) {
      Waiting resumed = waiting;
      waiting = Waiting.NOTHING;
      return step(resumed, value, error);
    }

    private Object step(Waiting resumed, Object value, Throwable error) {
      if (resumed == Waiting.INNER_CLOSE) {
        firstClose = null;
        if (error != null) {
          return new Stages.Failure(Stages.unwrap(error));
        }
        resumed = Waiting.NOTHING;
      }
      if (!onSecond) {
        Object r = resumed == Waiting.OUTER ? first.it.resume(value, error) : first.it.poll();
        if (r == Stages.PENDING) {
          waiting = Waiting.OUTER;
          return r;
        }
        if (r != Stages.END) {
          return r;
        }
        onSecond = true;
        CompletionStage<?> closed = first.close();
        Object c = Stages.peek(closed);
        if (c == Stages.PENDING) {
          firstClose = closed;
          waiting = Waiting.INNER_CLOSE;
          return c;
        }
        if (c instanceof Stages.Failure) {
          return c;
        }
        resumed = Waiting.NOTHING;
      }
      Object r = resumed == Waiting.INNER ? second.it.resume(value, error) : second.it.poll();
      if (r == Stages.PENDING) {
        waiting = Waiting.INNER;
      }
      return r;
    }

    @Override
    CompletionStage<?> waitingFor() {
      switch (waiting) {
        case INNER:
          return second.it.waiting();
        case INNER_CLOSE:
          return firstClose;
        default:
          return first.it.waiting();
      }
    }

    @Override
    CompletionStage<?> release() {
      return Stages.both(first.close(), second.close());
    }
  }
}
