package dev.aiter;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A subscriber that records what it is signalled, for the bridge tests. It requests nothing by
 * itself; {@link #onEach} may act on each element (request more, cancel, throw).
 */
final class Recorder<T> implements Flow.Subscriber<T> {

  final List<T> elements = new CopyOnWriteArrayList<>();
  /** Every signal in order: "subscribe", "next", "error", "complete". */
  final List<String> signals = new CopyOnWriteArrayList<>();
  final AtomicInteger terminals = new AtomicInteger();
  /** Completes at {@code onComplete} (with null) or {@code onError} (exceptionally). */
  final CompletableFuture<Void> done = new CompletableFuture<>();
  volatile Flow.Subscription subscription;
  volatile Throwable error;
  private final BiConsumer<Recorder<T>, T> onEach;
  private final boolean recordsElements;

  Recorder() {
    this((r, t) -> {});
  }

  Recorder(BiConsumer<Recorder<T>, T> onEach) {
    this(onEach, true);
  }

  private Recorder(BiConsumer<Recorder<T>, T> onEach, boolean recordsElements) {
    this.onEach = onEach;
    this.recordsElements = recordsElements;
  }

  /** For millions of elements: records only the subscription and the terminal signal. */
  static <T> Recorder<T> withoutElements(BiConsumer<Recorder<T>, T> onEach) {
    return new Recorder<>(onEach, false);
  }

  /** A recorder that asks for one more element from inside each {@code onNext} (rule 3.3's case). */
  static <T> Recorder<T> oneByOne() {
    return new Recorder<>((r, t) -> r.subscription.request(1));
  }

  void request(long n) {
    subscription.request(n);
  }

  void cancel() {
    subscription.cancel();
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    signals.add("subscribe");
  }

  @Override
  public void onNext(T item) {
    if (recordsElements) {
      signals.add("next");
      elements.add(item);
    }
    onEach.accept(this, item);
  }



  @Override
  public void onError(Throwable e) {
    signals.add("error");
    error = e;
    terminals.incrementAndGet();
    done.completeExceptionally(e);
  }

  @Override
  public void onComplete() {
    signals.add("complete");
    terminals.incrementAndGet();
    done.complete(null);
  }
}
