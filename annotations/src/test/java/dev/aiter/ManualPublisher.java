package dev.aiter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A publisher the test drives by hand: it records every request and cancel of its one
 * subscription, and signals only when the test calls {@link #next}, {@link #complete} or {@link
 * #error}, so a test can break any rule on purpose. By default it calls {@code onSubscribe} inside
 * {@code subscribe}.
 */
final class ManualPublisher<T> implements Flow.Publisher<T> {

  final List<Long> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger cancels = new AtomicInteger();
  final AtomicInteger subscribes = new AtomicInteger();
  volatile Flow.Subscriber<? super T> subscriber;
  private final boolean subscribeAtOnce;

  ManualPublisher() {
    this(true);
  }

  /** With {@code false}, {@code onSubscribe} waits for {@link #handOutSubscription()}. */
  ManualPublisher(boolean subscribeAtOnce) {
    this.subscribeAtOnce = subscribeAtOnce;
  }

  final Flow.Subscription subscription =
      new Flow.Subscription() {
        @Override
        public void request(long n) {
          requests.add(n);
        }

        @Override
        public void cancel() {
          cancels.incrementAndGet();
        }
      };

  @Override
  public void subscribe(Flow.Subscriber<? super T> s) {
    subscribes.incrementAndGet();
    subscriber = s;
    if (subscribeAtOnce) {
      s.onSubscribe(subscription);
    }
  }

  void handOutSubscription() {
    subscriber.onSubscribe(subscription);
  }

  /** The sum of all requests so far. */
  long requested() {
    return requests.stream().mapToLong(Long::longValue).sum();
  }

  @SafeVarargs
  final void next(T... items) {
    for (T item : items) {
      subscriber.onNext(item);
    }
  }

  void complete() {
    subscriber.onComplete();
  }

  void error(Throwable e) {
    subscriber.onError(e);
  }
}
