package dev.aiter.benchmarks;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A synchronous {@link Flow.Publisher} of {@code 0, 1, ..., n - 1}: it signals inside {@code
 * request}, on the caller's thread, as many elements as are due, through the usual drain loop
 * (demand counter; a {@code request} from inside {@code onNext} only adds to it). The source both
 * {@code fromPublisher} and Reactor's {@code flowPublisherToFlux} consume in the bridge
 * benchmarks, so that neither pays for the other library's publisher.
 */
public final class RangePublisher implements Flow.Publisher<Integer> {

  private final int n;

  /**
   * @param n how many elements
   */
  public RangePublisher(int n) {
    this.n = n;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super Integer> subscriber) {
    subscriber.onSubscribe(new Emission(subscriber, n));
  }

  private static final class Emission extends AtomicLong implements Flow.Subscription {
    private static final long serialVersionUID = 1L;

    private final Flow.Subscriber<? super Integer> subscriber;
    private final int n;
    private int next;
    private volatile boolean cancelled;

    Emission(Flow.Subscriber<? super Integer> subscriber, int n) {
      this.subscriber = subscriber;
      this.n = n;
    }

    @Override
    public void request(long k) {
      if (k <= 0) {
        cancelled = true;
        subscriber.onError(new IllegalArgumentException("rule 3.9: request(" + k + ")"));
        return;
      }
      long before;
      long after;
      do {
        before = get();
        after = before + k < 0 ? Long.MAX_VALUE : before + k;
      } while (!compareAndSet(before, after));
      if (before != 0) {
        return; // the loop below, further up the stack, goes on
      }
      long demand = after;
      for (;;) {
        long emitted = 0;
        while (emitted != demand && next < n) {
          if (cancelled) {
            return;
          }
          subscriber.onNext(next++);
          emitted++;
        }
        if (next == n) {
          if (!cancelled) {
            cancelled = true;
            subscriber.onComplete();
          }
          return;
        }
        demand = addAndGet(-emitted);
        if (demand == 0) {
          return;
        }
      }
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }
}
