package dev.aiter.internal;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The operators that let some elements through and drop others, pulling again in a loop for each
 * dropped one: {@code filter}, {@code distinct}, {@code skip} and {@code dropWhile}. None ends
 * before its upstream does.
 */
final class Filters {

  private Filters() {}

  /** The loop {@code distinct}, {@code skip} and {@code dropWhile} share: an element is handed on when {@link #keep} says so. */
  abstract static class Filter<T> extends Relay<T, T> {

    Filter(String name, PullIterator<T> upstream) {
      super(name, upstream);
    }

    /** Whether to hand {@code element} on. */
    abstract boolean keep(T element) throws Exception;

    @Override
    @SuppressWarnings("unchecked")
    final Object handle(Object answer) {
      Object r = answer;
      for (; ; ) {
        if (!isElement(r)) {
          return r;
        }
        try {
          if (keep((T) r)) {
            return r;
          }
        } catch (Throwable t) {
          return Stages.failure(t);
        }
        r = upstream.it.poll();
      }
    }
  }

  /**
   * {@code filter(p)}: Python's {@code (x async for x in it if p(x))}; C#'s {@code Where}. It has
   * its own copy of the loop rather than sharing {@link Filter}'s: filter is the operator most
   * chains have, and a loop of its own keeps its upstream call monomorphic for the JIT (see {@link
   * Operator}).
   */
  static final class Where<T> extends Relay<T, T> {
    private final Predicate<? super T> predicate;

    Where(PullIterator<T> upstream, Predicate<? super T> predicate) {
      super("AsyncIterator.filter(p)", upstream);
      this.predicate = predicate;
    }

    @Override
    Object poll() {
      Object d = gate();
      return d != null ? d : record(handle(upstream.it.poll()));
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
          if (predicate.test((T) r)) {
            return r;
          }
        } catch (Throwable t) {
          return Stages.failure(t);
        }
        r = upstream.it.poll();
      }
    }
  }

  /** {@code distinct()}: the first occurrence of each element, by {@code equals}. */
  static final class Distinct<T> extends Filter<T> {
    private final Set<T> seen = new HashSet<>();

    Distinct(PullIterator<T> upstream) {
      super("AsyncIterator.distinct()", upstream);
    }

    @Override
    Object poll() {
      Object d = gate();
      return d != null ? d : record(handle(upstream.it.poll()));
    }

    @Override
    boolean keep(T element) {
      return seen.add(element);
    }
  }

  /** {@code skip(n)}: Python's {@code islice(it, n, None)}. */
  static final class Skip<T> extends Filter<T> {
    private long remaining;

    Skip(PullIterator<T> upstream, long n) {
      super("AsyncIterator.skip(n)", upstream);
      this.remaining = n;
    }

    @Override
    Object poll() {
      Object d = gate();
      return d != null ? d : record(handle(upstream.it.poll()));
    }

    @Override
    boolean keep(T element) {
      if (remaining == 0) {
        return true;
      }
      remaining--;
      return false;
    }
  }

  /** {@code dropWhile(p)}: Python's {@code itertools.dropwhile}. */
  static final class DropWhile<T> extends Filter<T> {
    private final Predicate<? super T> predicate;
    private boolean dropping = true;

    DropWhile(PullIterator<T> upstream, Predicate<? super T> predicate) {
      super("AsyncIterator.dropWhile(p)", upstream);
      this.predicate = predicate;
    }

    @Override
    Object poll() {
      Object d = gate();
      return d != null ? d : record(handle(upstream.it.poll()));
    }

    @Override
    boolean keep(T element) {
      if (dropping && predicate.test(element)) {
        return false;
      }
      dropping = false;
      return true;
    }
  }
}
