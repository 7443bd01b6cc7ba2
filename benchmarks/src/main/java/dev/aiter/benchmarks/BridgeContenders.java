package dev.aiter.benchmarks;

import dev.aiter.Async;
import dev.aiter.AsyncIterator;
import java.util.concurrent.Flow;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;

/**
 * The bridge benchmarks' contenders, each summing {@code 0 .. n - 1} through one bridge and
 * returning the sum, so that a broken contender fails instead of measuring nothing. Everything is
 * synchronous: the cost measured is the bridge's own per element.
 */
public final class BridgeContenders {

  private BridgeContenders() {}

  /** {@code toPublisher()} over aiter's own range, to a subscriber that requests everything. */
  public static long toPublisher(int n) {
    return RequestAll.sum(AsyncIterator.range(0, n).toPublisher());
  }

  /**
   * {@code toPublisher()} over a processor-generated adapter (one already-complete {@code
   * CompletableFuture} per element, as in the loop benchmarks).
   */
  public static long toPublisherAdapter(int n) {
    return RequestAll.sum(IntSourceAsync.aiter(new IntSource(n, null)).toPublisher());
  }

  /** {@code toPublisher()}, the subscriber requesting one element from inside each {@code onNext}. */
  public static long toPublisherOneByOne(int n) {
    return RequestAll.sumOneByOne(AsyncIterator.range(0, n).toPublisher());
  }

  /** Reactor: {@code JdkFlowAdapter.publisherToFlowPublisher(Flux.range(0, n))}, same subscriber. */
  public static long reactorToFlowPublisher(int n) {
    return RequestAll.sum(JdkFlowAdapter.publisherToFlowPublisher(Flux.range(0, n)));
  }

  /** {@code Async.fromPublisher} over {@link RangePublisher}, summed by {@code asyncFor}. */
  public static long fromPublisher(int n) {
    Sum sum = new Sum();
    Async.asyncFor(Async.fromPublisher(new RangePublisher(n)), x -> sum.add(x)).join();
    return sum.total();
  }

  /** Reactor: {@code JdkFlowAdapter.flowPublisherToFlux} over {@link RangePublisher}. */
  public static long reactorFromFlowPublisher(int n) {
    Sum sum = new Sum();
    JdkFlowAdapter.flowPublisherToFlux(new RangePublisher(n)).doOnNext(sum::add).blockLast();
    return sum.total();
  }

  /**
   * Reactor's own pull bridge over the same publisher: {@code flowPublisherToFlux(range)
   * .toIterable()} (a queue of 256, refilled as consumed), the like-for-like reference for {@code
   * fromPublisher}, which is a pull iterator too; {@code doOnNext(..).blockLast()} stays push.
   */
  public static long reactorToIterable(int n) {
    Sum sum = new Sum();
    for (Integer x : JdkFlowAdapter.flowPublisherToFlux(new RangePublisher(n)).toIterable()) {
      sum.add(x);
    }
    return sum.total();
  }

  /** aiter both ways: {@code Async.fromPublisher(AsyncIterator.range(0, n).toPublisher())}. */
  public static long roundTrip(int n) {
    Sum sum = new Sum();
    Async.asyncFor(
            Async.fromPublisher(AsyncIterator.range(0, n).toPublisher()), x -> sum.add(x))
        .join();
    return sum.total();
  }

  /** Reactor both ways: {@code flowPublisherToFlux(publisherToFlowPublisher(Flux.range(0, n)))}. */
  public static long reactorRoundTrip(int n) {
    Sum sum = new Sum();
    JdkFlowAdapter.flowPublisherToFlux(JdkFlowAdapter.publisherToFlowPublisher(Flux.range(0, n)))
        .doOnNext(sum::add)
        .blockLast();
    return sum.total();
  }

  /** A subscriber that sums what a synchronous publisher signals inside {@code subscribe}. */
  private static final class RequestAll implements Flow.Subscriber<Integer> {
    private final boolean oneByOne;
    private Flow.Subscription subscription;
    private long sum;
    private boolean completed;

    private RequestAll(boolean oneByOne) {
      this.oneByOne = oneByOne;
    }

    static long sum(Flow.Publisher<Integer> publisher) {
      return run(publisher, false);
    }

    static long sumOneByOne(Flow.Publisher<Integer> publisher) {
      return run(publisher, true);
    }

    private static long run(Flow.Publisher<Integer> publisher, boolean oneByOne) {
      RequestAll s = new RequestAll(oneByOne);
      publisher.subscribe(s);
      if (!s.completed) {
        throw new AssertionError("the publisher did not complete synchronously");
      }
      return s.sum;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(oneByOne ? 1 : Long.MAX_VALUE);
    }

    @Override
    public void onNext(Integer item) {
      sum += item;
      if (oneByOne) {
        subscription.request(1);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      throw new AssertionError("the publisher failed", throwable);
    }

    @Override
    public void onComplete() {
      completed = true;
    }
  }
}
