package dev.aiter.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * A subscriber of toPublisher() requests one element while another thread cancels. Result:
 * onNext calls, the source's next calls, its closes, terminal signals.
 */
@JCStressTest
@Description("toPublisher(): cancel() races request()")
@Outcome(id = "1, 1, 1, 0", expect = ACCEPTABLE, desc = "request first: one element, then closed")
@Outcome(id = "0, 0, 1, 0", expect = ACCEPTABLE, desc = "cancel first: nothing pulled, closed")
@Outcome(
    id = "0, 1, 1, 0",
    expect = ACCEPTABLE_INTERESTING,
    desc = "cancelled after the element was pulled, before it was signalled: dropped")
@Outcome(expect = FORBIDDEN, desc = "more than requested, a terminal signal after cancel, closed other than once")
@State
public class ToPublisherCancelRacesRequest {

  private final Sources.Scripted source =
      new Sources.Scripted(
          CompletableFuture.completedFuture(0), CompletableFuture.completedFuture(1));
  private final AtomicInteger onNext = new AtomicInteger();
  private final AtomicInteger terminals = new AtomicInteger();
  private Flow.Subscription subscription;

  public ToPublisherCancelRacesRequest() {
    source
        .adapter()
        .toPublisher()
        .subscribe(
            new Flow.Subscriber<Integer>() {
              @Override
              public void onSubscribe(Flow.Subscription s) {
                subscription = s;
              }

              @Override
              public void onNext(Integer item) {
                onNext.incrementAndGet();
              }

              @Override
              public void onError(Throwable error) {
                terminals.incrementAndGet();
              }

              @Override
              public void onComplete() {
                terminals.incrementAndGet();
              }
            });
  }

  @Actor
  public void request() {
    subscription.request(1);
  }

  @Actor
  public void cancel() {
    subscription.cancel();
  }

  @Arbiter
  public void arbiter(IIII_Result r) {
    r.r1 = onNext.get();
    r.r2 = source.nextCalls.get();
    r.r3 = source.closeCalls.get();
    r.r4 = terminals.get();
  }
}
