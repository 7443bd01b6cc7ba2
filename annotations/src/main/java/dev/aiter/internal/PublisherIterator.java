package dev.aiter.internal;

import dev.aiter.internal.Stages.Failure;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * {@code Async.fromPublisher(publisher, prefetch)}: an iterator over what a {@link
 * Flow.Publisher} signals. It subscribes at the first pull, requests {@code prefetch} elements,
 * and buffers what arrives in a ring of that size, from whatever thread the publisher signals on.
 * A pull takes a buffered element at once, with no stage; only when the buffer is empty does it
 * wait, on a signal future of its own that the next {@code onNext}, {@code onError} or {@code
 * onComplete} completes.
 *
 * <p>Refill: once three quarters of {@code prefetch} were consumed, it requests that many again
 * (Reactor's {@code limitRate} policy; Jox refills at half). Fewer, larger requests matter when
 * each {@code request} costs the publisher a round of I/O (an HTTP body, a database cursor),
 * while the quarter still in flight keeps the publisher busy while the request travels. So at
 * most {@code prefetch} elements are ever buffered or in flight.
 *
 * <p>Rules that matter: more {@code onNext} than requested (rule 1.1) or a {@code null} signal
 * (2.13) fails the iterator and cancels the subscription; a second {@code onSubscribe} is
 * cancelled (2.5); {@code request} and {@code cancel} are called serially (2.7), never
 * recursively. {@code onError} and {@code onComplete} take effect after the elements already
 * buffered were delivered.
 *
 * @param <T> the element type
 */
final class PublisherIterator<T> extends Operator<T> {

  /**
   * Kotlin's {@code Publisher.asFlow()} asks for 64 too ({@code Channel.BUFFERED}): one consumer
   * pulling one element at a time needs only enough to cover the latency of a refill, and a small
   * window bounds memory when elements are large (64 HTTP body chunks of 16 KiB are 1 MiB).
   */
  static final int DEFAULT_PREFETCH = 64;

  private static final VarHandle HEAD;
  private static final VarHandle WAITER;
  private static final VarHandle TERMINAL;
  private static final VarHandle SUBSCRIPTION;
  private static final VarHandle UNREQUESTED;
  private static final VarHandle CALLS;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      HEAD = lookup.findVarHandle(PublisherIterator.class, "head", long.class);
      WAITER = lookup.findVarHandle(PublisherIterator.class, "waiter", CompletableFuture.class);
      TERMINAL = lookup.findVarHandle(PublisherIterator.class, "terminal", Object.class);
      SUBSCRIPTION =
          lookup.findVarHandle(PublisherIterator.class, "subscription", Flow.Subscription.class);
      UNREQUESTED = lookup.findVarHandle(PublisherIterator.class, "unrequested", long.class);
      CALLS = lookup.findVarHandle(PublisherIterator.class, "calls", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Flow.Publisher<? extends T> publisher;
  private final Receiver receiver = new Receiver();
  /** How many consumed elements make a refill, and how many it requests. */
  private final int limit;

  // The ring: the publisher's thread writes at tail, the consumer reads at head. Requests never
  // exceed the free slots, so a write never overtakes a read.
  private final Object[] slots;
  private final int mask;
  @SuppressWarnings("unused") // written through HEAD
  private volatile long head;
  private volatile long tail;

  /** {@link Stages#END} or a {@link Failure} once the publisher ended; read after the ring. */
  @SuppressWarnings("unused") // written through TERMINAL
  private volatile Object terminal;

  /** The signal the consumer waits on while the ring is empty; taken by the first signal. */
  @SuppressWarnings("unused") // accessed through WAITER
  private volatile CompletableFuture<Void> waiter;

  /** Everything requested so far, counted before it is requested; only the consumer adds. */
  private volatile long requestedTotal;

  // Owned by the consumer.
  private boolean subscribed;
  private int consumed;
  private CompletableFuture<Void> signal;

  // Owned by the publisher's signals, which rule 1.3 serialises.
  private long produced;

  // Calls on the subscription, serialised by a work-in-progress count (rule 2.7).
  @SuppressWarnings("unused") // written through SUBSCRIPTION
  private volatile Flow.Subscription subscription;
  @SuppressWarnings("unused") // accessed through UNREQUESTED
  private volatile long unrequested;
  private volatile boolean cancelled;
  @SuppressWarnings("unused") // accessed through CALLS
  private volatile int calls;
  private boolean cancelSent;

  PublisherIterator(Flow.Publisher<? extends T> publisher, int prefetch) {
    super("Async.fromPublisher(publisher)");
    this.publisher = publisher;
    this.limit = prefetch - (prefetch >> 2);
    int capacity = Integer.highestOneBit(prefetch);
    if (capacity < prefetch) {
      capacity <<= 1;
    }
    this.slots = new Object[capacity];
    this.mask = capacity - 1;
    this.requestedTotal = prefetch;
    this.unrequested = prefetch;
  }

  /** The subscriber this iterator subscribes with; the TCK's whitebox test drives it directly. */
  Flow.Subscriber<T> subscriber() {
    return receiver;
  }

  @Override
  Object poll() {
    Object d = gate();
    return d != null ? d : record(pull());
  }

  private Object pull() {
    if (!subscribed) {
      subscribed = true;
      try {
        publisher.subscribe(receiver);
      } catch (Throwable t) {
        // Rule 1.9 says subscribe must not throw; if it does, nothing will come.
        cancelled = true;
        return new Failure(t);
      }
    }
    return take();
  }

  @Override
  Object proceed(Object value, Throwable error) {
    CompletableFuture<Void> s = signal;
    signal = null;
    if (error != null) {
      // Only cancellation fails the signal: the consumer gave up this pull, as it gives up an
      // operator's upstream stage (O7). The signal's own completion later does nothing; the
      // iteration has failed (O5), so the publisher may stop at once.
      WAITER.compareAndSet(this, s, null);
      cancelUpstream();
      return new Failure(Stages.unwrap(error));
    }
    return take();
  }

  @Override
  CompletionStage<?> waitingFor() {
    return signal;
  }

  @Override
  void abandon() {
    super.abandon();
    WAITER.compareAndSet(this, signal, null);
    signal = null;
  }

  /**
   * Cancels the subscription (at once, or when it arrives) and wakes a consumer still waiting,
   * whose pull then ends. The buffered elements are dropped.
   */
  @Override
  CompletionStage<?> release() {
    cancelUpstream();
    @SuppressWarnings("unchecked")
    CompletableFuture<Void> w = (CompletableFuture<Void>) WAITER.getAndSet(this, null);
    if (w != null) {
      w.complete(null);
    }
    Arrays.fill(slots, null);
    return Stages.DONE;
  }

  /** A buffered element, the end, a failure, or {@link Stages#PENDING} with a new signal. */
  private Object take() {
    // The end is read before the ring: every element signalled before it is then visible.
    Object t = terminal;
    Object e = takeBuffered();
    if (e != null) {
      return consume(e);
    }
    if (t != null) {
      return t;
    }
    CompletableFuture<Void> s = new CompletableFuture<>();
    waiter = s;
    // Read again after publishing the signal: a producer that wrote before it saw no signal.
    t = terminal;
    e = takeBuffered();
    if (e != null || t != null) {
      WAITER.compareAndSet(this, s, null);
      return e != null ? consume(e) : t;
    }
    signal = s;
    return Stages.PENDING;
  }

  private Object takeBuffered() {
    long h = head;
    if (h == tail) {
      return null;
    }
    int i = (int) h & mask;
    Object e = slots[i];
    slots[i] = null;
    HEAD.setRelease(this, h + 1);
    return e;
  }

  /** Counts a consumed element, and refills once {@link #limit} were consumed. */
  private Object consume(Object element) {
    if (++consumed == limit) {
      consumed = 0;
      requestedTotal += limit; // before the request: a synchronous onNext checks against it
      UNREQUESTED.getAndAdd(this, (long) limit);
      issueCalls();
    }
    return element;
  }

  private void cancelUpstream() {
    cancelled = true;
    issueCalls();
  }

  /**
   * Passes pending demand and cancellation to the subscription, serially (rule 2.7): whoever
   * raises the count from zero makes the calls, and a request made from inside one (a
   * synchronous onNext that wakes the consumer) only raises the count.
   */
  private void issueCalls() {
    if ((int) CALLS.getAndAdd(this, 1) != 0) {
      return;
    }
    int missed = 1;
    for (;;) {
      Flow.Subscription s = subscription;
      if (s != null && !cancelSent) {
        if (cancelled) {
          cancelSent = true;
          try {
            s.cancel();
          } catch (Throwable t) {
            IteratorPublisher.report(t); // rule 3.15 broken; the subscription is cancelled anyway
          }
        } else {
          long n = (long) UNREQUESTED.getAndSet(this, 0L);
          if (n > 0) {
            try {
              s.request(n);
            } catch (Throwable t) {
              fail(t); // rule 3.16 broken
            }
          }
        }
      }
      missed = (int) CALLS.getAndAdd(this, -missed) - missed;
      if (missed == 0) {
        return;
      }
    }
  }

  /** Ends the iteration with {@code error} after the buffered elements, and cancels. */
  private void fail(Throwable error) {
    cancelled = true;
    TERMINAL.compareAndSet(this, null, new Failure(error));
    issueCalls();
    wake();
  }

  private void wake() {
    CompletableFuture<Void> w = waiter;
    if (w != null && WAITER.compareAndSet(this, w, null)) {
      w.complete(null);
    }
  }

  @Override
  public String toString() {
    return "Async.fromPublisher(" + publisher + ")";
  }

  /**
   * The subscriber; a separate object, so that the iterator handed to users is not also a
   * subscriber anyone could call.
   */
  private final class Receiver implements Flow.Subscriber<T> {

    @Override
    public void onSubscribe(Flow.Subscription s) {
      Objects.requireNonNull(s, "Reactive Streams rule 2.13: onSubscribe(null)");
      if (!SUBSCRIPTION.compareAndSet(PublisherIterator.this, null, s)) {
        s.cancel(); // rule 2.5: one subscription at a time
        return;
      }
      issueCalls();
    }

    @Override
    public void onNext(T item) {
      if (item == null) {
        NullPointerException e =
            new NullPointerException(
                "Reactive Streams rule 2.13: " + publisher + " signalled onNext(null)");
        fail(e);
        throw e;
      }
      if (cancelled || terminal != null) {
        return; // after cancel or the end: signals still in flight are dropped (rule 2.8)
      }
      long t = tail;
      if (++produced > requestedTotal || t - head >= slots.length) {
        fail(
            new IllegalStateException(
                publisher
                    + " signalled more onNext than requested ("
                    + requestedTotal
                    + "), which Reactive Streams rule 1.1 forbids; the subscription was"
                    + " cancelled"));
        return;
      }
      slots[(int) t & mask] = item;
      tail = t + 1; // a volatile write, then the read of waiter in wake(): see take()
      wake();
    }

    @Override
    public void onError(Throwable error) {
      if (error == null) {
        NullPointerException e =
            new NullPointerException(
                "Reactive Streams rule 2.13: " + publisher + " signalled onError(null)");
        fail(e);
        throw e;
      }
      if (TERMINAL.compareAndSet(PublisherIterator.this, null, new Failure(error))) {
        wake();
      }
    }

    @Override
    public void onComplete() {
      if (TERMINAL.compareAndSet(PublisherIterator.this, null, Stages.END)) {
        wake();
      }
    }

    @Override
    public String toString() {
      return "the subscriber of " + PublisherIterator.this;
    }
  }
}
