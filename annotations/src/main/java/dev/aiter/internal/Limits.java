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
    Object next() {
      if (remaining == 0) {
        return endAfter(upstream.close());
      }
      return super.next();
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
