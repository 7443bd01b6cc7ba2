package dev.aiter.internal;

import java.util.function.Predicate;

/**
 * The operators that end before their upstream does: {@code limit} and {@code takeWhile}. Each
 * closes its upstream itself when it ends and signals its end only once that close completed
 * (O3); a failed close fails the iteration instead.
 */
final class Limits {

  private Limits() {}

  /** {@code limit(n)}: Python's {@code islice(it, n)}; never asks upstream for more than n. */
  static final class Limit<T> extends Relay<T, T> {
    private long remaining;

    Limit(PullIterator<T> upstream, long n) {
      super("AsyncIterator.limit(n)", upstream);
      this.remaining = n;
    }

    @Override
    Object poll() {
      Object d = gate();
      if (d != null) {
        return d;
      }
      return record(remaining == 0 ? endAfter(upstream.close()) : handle(upstream.it.poll()));
    }

    @Override
    Object handle(Object answer) {
      if (isElement(answer)) {
        remaining--;
      }
      return answer;
    }
  }

  /** {@code takeWhile(p)}: Python's {@code itertools.takewhile}; the failing element is dropped. */
  static final class TakeWhile<T> extends Relay<T, T> {
    private final Predicate<? super T> predicate;

    TakeWhile(PullIterator<T> upstream, Predicate<? super T> predicate) {
      super("AsyncIterator.takeWhile(p)", upstream);
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
      if (!isElement(answer)) {
        return answer;
      }
      try {
        if (predicate.test((T) answer)) {
          return answer;
        }
      } catch (Throwable t) {
        return Stages.failure(t);
      }
      return endAfter(upstream.close());
    }
  }
}
