package dev.aiter.internal;

import dev.aiter.StopAsyncIteration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.SubscriberPuppet;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.WhiteboxSubscriberProbe;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberWhiteboxVerification;

/**
 * The Reactive Streams TCK's subscriber rules (whitebox) over the subscriber inside {@code
 * Async.fromPublisher}. The TCK plays the publisher and subscribes that subscriber itself; the
 * puppet's {@code triggerRequest(n)} is a consumer pulling {@code n} elements from the iterator,
 * so every request the TCK sees comes from the iterator's own refill policy, and {@code
 * signalCancel()} is {@code aclose()}. The probe is told of each signal the subscriber accepted
 * (it throws for the ones it must reject), and the puppet checks that the iterator hands out the
 * accepted elements in the same order.
 */
public class FromPublisherSubscriberTckTest extends FlowSubscriberWhiteboxVerification<Integer> {

  /** Two, so that the refill (after two consumed) happens inside the TCK's short scenarios. */
  private static final int PREFETCH = 2;

  public FromPublisherSubscriberTckTest() {
    super(new TestEnvironment(400, 100, 20));
  }

  @Override
  public Integer createElement(int element) {
    return element;
  }

  @Override
  protected Flow.Subscriber<Integer> createFlowSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
    // The TCK subscribes the subscriber itself: the iterator's own subscribe call goes nowhere.
    PublisherIterator<Integer> it = new PublisherIterator<>(subscriber -> {}, PREFETCH);
    Flow.Subscriber<Integer> inner = it.subscriber();
    ConcurrentLinkedQueue<Integer> accepted = new ConcurrentLinkedQueue<>();
    return new Flow.Subscriber<Integer>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        inner.onSubscribe(subscription);
        probe.registerOnSubscribe(new Consumer(it, accepted, probe));
      }

      @Override
      public void onNext(Integer item) {
        if (item != null) {
          accepted.add(item); // first: onNext may hand the element to a waiting pull at once
        }
        inner.onNext(item); // throws for null (rule 2.13), so the probe never sees it
        probe.registerOnNext(item);
      }

      @Override
      public void onError(Throwable throwable) {
        inner.onError(throwable);
        probe.registerOnError(throwable);
      }

      @Override
      public void onComplete() {
        inner.onComplete();
        probe.registerOnComplete();
      }
    };
  }

  /** Pulls from the iterator on the TCK's behalf, one {@code anext()} at a time. */
  private static final class Consumer implements SubscriberPuppet {
    private final PublisherIterator<Integer> it;
    private final ConcurrentLinkedQueue<Integer> accepted;
    private final WhiteboxSubscriberProbe<Integer> probe;
    private final AtomicLong wanted = new AtomicLong();
    private final AtomicBoolean stopped = new AtomicBoolean();

    Consumer(
        PublisherIterator<Integer> it,
        ConcurrentLinkedQueue<Integer> accepted,
        WhiteboxSubscriberProbe<Integer> probe) {
      this.it = it;
      this.accepted = accepted;
      this.probe = probe;
    }

    @Override
    public void triggerRequest(long elements) {
      if (wanted.getAndAdd(elements) == 0) {
        pull();
      }
    }

    private void pull() {
      if (stopped.get()) {
        return;
      }
      it.anext()
          .whenComplete(
              (value, error) -> {
                if (error != null) {
                  if (!(Stages.unwrap(error) instanceof StopAsyncIteration)) {
                    stopped.set(true);
                  }
                  return; // the end and failures reach the probe as the subscriber accepts them
                }
                Integer expected = accepted.poll();
                if (!value.equals(expected)) {
                  probe.registerOnError(
                      new AssertionError(
                          "the iterator handed out " + value + " where " + expected + " was due"));
                }
                if (wanted.decrementAndGet() > 0) {
                  pull();
                }
              });
    }

    @Override
    public void signalCancel() {
      stopped.set(true);
      it.aclose();
    }
  }
}
