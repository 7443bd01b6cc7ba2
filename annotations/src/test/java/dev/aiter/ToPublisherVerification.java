package dev.aiter;

import dev.aiter.Fixtures.Mode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;

/**
 * The Reactive Streams TCK's publisher rules over {@link AsyncIterator#toPublisher()}, on a
 * processor-generated adapter (whose B9 guard fails the run if two {@code anext()} overlap), for
 * one way of completing the source's stages; a subclass per {@link Mode}. TestNG runs it, on the
 * JUnit Platform through the testng-engine.
 */
abstract class ToPublisherVerification extends FlowPublisherVerification<Integer> {

  /**
   * Timeouts for a shared two-core machine: 400 ms for a signal that is due (the TCK's 100 ms
   * default flakes under load), 100 ms to wait for one that must not come, 20 ms between polls.
   * 3.13's wait before collecting the cancelled subscriber: 500 ms, since the thread that
   * delivered the last element holds the subscriber until its drain loop returns, and a loaded
   * machine can delay that thread and the collector (with 200 ms the async class failed once in
   * four runs on JDK 25 at a load average of 7.6; the TCK's default is 300 ms).
   */
  static final TestEnvironment ENV = new TestEnvironment(400, 100, 20);

  private final Mode mode;

  ToPublisherVerification(Mode mode) {
    super(ENV, 500);
    this.mode = mode;
  }

  /** A source of exactly {@code elements} elements; {@code Long.MAX_VALUE} never ends. */
  @Override
  public Flow.Publisher<Integer> createFlowPublisher(long elements) {
    ScriptedSource source =
        new ScriptedSource(
            i -> i < elements ? mode.value(i) : mode.end(),
            () -> CompletableFuture.completedFuture(null));
    return ScriptedSourceAsync.aiter(source).toPublisher();
  }

  /**
   * A publisher that refuses its subscribers, as rule 1.9 describes: one whose single subscriber
   * is already taken. (A failing source cannot serve here: nothing is pulled before a request,
   * and these tests never request.)
   */
  @Override
  public Flow.Publisher<Integer> createFailedFlowPublisher() {
    Flow.Publisher<Integer> publisher = createFlowPublisher(1);
    publisher.subscribe(
        new Flow.Subscriber<Integer>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {}

          @Override
          public void onNext(Integer item) {}

          @Override
          public void onError(Throwable throwable) {}

          @Override
          public void onComplete() {}
        });
    return publisher;
  }

  /** The source counts its calls with an {@code int}; the TCK asks for no more than this. */
  @Override
  public long maxElementsFromPublisher() {
    return Integer.MAX_VALUE;
  }
}
