package dev.aiter.internal;

import dev.aiter.internal.Stages.Failure;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.BiConsumer;

/**
 * {@code AsyncIterator.toPublisher()}: a {@link Flow.Publisher} over one iterator, for its one
 * subscriber. The iterator is pulled only while the subscriber's demand is unmet, one element at a
 * time, through the pull protocol: already-complete elements are taken in a plain loop, a pending
 * one through a single callback, so the stack stays flat whether {@code request} comes from inside
 * {@code onNext} (rule 3.3) or not.
 *
 * <p>Rules that matter and that peers get wrong: a {@code null} subscriber throws {@link
 * NullPointerException} (1.9); a non-positive request signals {@code onError} with {@link
 * IllegalArgumentException} (3.9); a {@code null} element signals {@code onError} with {@link
 * NullPointerException} (2.13); {@code cancel()} drops the subscriber (3.13). The iterator is
 * closed exactly once on every way out, and {@code onComplete} / {@code onError} come only after
 * that close completed.
 *
 * @param <T> the element type
 */
final class IteratorPublisher<T> implements Flow.Publisher<T> {

  private static final VarHandle SUBSCRIBED;

  static {
    try {
      SUBSCRIBED =
          MethodHandles.lookup().findVarHandle(IteratorPublisher.class, "subscribed", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final PullIterator<T> source;

  @SuppressWarnings("unused") // accessed through SUBSCRIBED
  private volatile boolean subscribed;

  IteratorPublisher(PullIterator<T> source) {
    this.source = source;
  }

  /**
   * Serves the first subscriber; every later one gets {@code onSubscribe} then {@code
   * onError(IllegalStateException)}, as rule 1.9 asks of a publisher that refuses a subscriber:
   * an iterator can be consumed only once. Nothing is pulled before the subscriber requests.
   *
   * @throws NullPointerException when {@code subscriber} is {@code null} (rule 1.9)
   */
  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber (Reactive Streams rule 1.9)");
    if (!SUBSCRIBED.compareAndSet(this, false, true)) {
      try {
        subscriber.onSubscribe(Refused.INSTANCE);
        subscriber.onError(
            new IllegalStateException(
                "AsyncIterator.toPublisher() serves one subscriber, and it already has one: an"
                    + " iterator can be consumed only once"));
      } catch (Throwable t) {
        report(t);
      }
      return;
    }
    new Emitter<>(source, subscriber).start();
  }

  @Override
  public String toString() {
    return "AsyncIterator.toPublisher() over " + source;
  }

  /**
   * A subscriber that threw from a signal broke rule 2.13; the subscription is then treated as
   * cancelled (what the rule allows), and the exception goes to the thread's uncaught-exception
   * handler, because no one else can be told.
   */
  static void report(Throwable error) {
    Thread thread = Thread.currentThread();
    thread.getUncaughtExceptionHandler().uncaughtException(thread, error);
  }

  /** The subscription handed to a refused subscriber: there is nothing to request or cancel. */
  private enum Refused implements Flow.Subscription {
    INSTANCE;

    @Override
    public void request(long n) {}

    @Override
    public void cancel() {}
  }

  /**
   * The subscription: a drain loop entered by whoever raises the work-in-progress count from zero
   * ({@code request}, {@code cancel}, the completion of a pending stage); anyone else only raises
   * the count and the running loop goes round once more. So signals are serial (rule 1.3), a
   * {@code request} from inside {@code onNext} returns at once (3.3), and every field below the
   * count is owned by the loop.
   */
  private static final class Emitter<T> implements Flow.Subscription {

    private static final VarHandle WIP;
    private static final VarHandle REQUESTED;
    private static final VarHandle INVALID;

    static {
      try {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        WIP = lookup.findVarHandle(Emitter.class, "wip", int.class);
        REQUESTED = lookup.findVarHandle(Emitter.class, "requested", long.class);
        INVALID = lookup.findVarHandle(Emitter.class, "invalid", IllegalArgumentException.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final Upstream<T> source;
    private final Callback callback = new Callback();

    /** Dropped once the subscription is cancelled or terminated, so that it can be collected (3.13). */
    private volatile Flow.Subscriber<? super T> subscriber;

    /** Outstanding demand; {@code Long.MAX_VALUE} means unbounded (3.17). */
    @SuppressWarnings("unused") // accessed through REQUESTED
    private volatile long requested;

    /** The first non-positive request (3.9), turned into {@code onError} by the loop. */
    @SuppressWarnings("unused") // accessed through INVALID
    private volatile IllegalArgumentException invalid;

    private volatile boolean cancelled;

    /** Starts at one: {@link #start()} owns the first round, so {@code onNext} follows {@code onSubscribe}. */
    @SuppressWarnings("unused") // accessed through WIP
    private volatile int wip = 1;

    // Owned by the loop.
    /** Elements signalled since {@link #requested} was last reduced by them. */
    private long emitted;
    /** The stage the iterator waits on, while its element is pending. */
    private CompletionStage<?> pending;
    /** Set once the loop decided to end (terminal signal due, or cancelled). */
    private boolean finished;

    // Written by the callback before it raises the count, read by the loop after it saw the count.
    private Object deliveredValue;
    private Throwable deliveredError;
    private boolean delivered;

    Emitter(PullIterator<T> source, Flow.Subscriber<? super T> subscriber) {
      this.source = new Upstream<>(source);
      this.subscriber = subscriber;
    }

    void start() {
      try {
        subscriber.onSubscribe(this);
      } catch (Throwable t) {
        cancelled = true;
        report(t);
      }
      drain();
    }

    /**
     * Adds {@code n} to the demand; a non-positive {@code n} ends the subscription with {@code
     * onError(IllegalArgumentException)} (rule 3.9). A no-op once cancelled or terminated (3.6).
     */
    @Override
    public void request(long n) {
      if (n <= 0) {
        INVALID.compareAndSet(
            this,
            null,
            new IllegalArgumentException(
                "Reactive Streams rule 3.9: non-positive subscription request: request(" + n + ")"));
      } else {
        for (;;) {
          long current = requested;
          if (current == Long.MAX_VALUE) {
            return; // unbounded already
          }
          long next = current + n;
          if (REQUESTED.compareAndSet(this, current, next < 0 ? Long.MAX_VALUE : next)) {
            break;
          }
        }
      }
      signal();
    }

    /**
     * Stops the signals, cancels the stage the iterator waits on and closes the iterator; drops
     * the subscriber (3.13). Idempotent (3.7).
     */
    @Override
    public void cancel() {
      cancelled = true;
      subscriber = null;
      signal();
    }

    private void signal() {
      if ((int) WIP.getAndAdd(this, 1) == 0) {
        drain();
      }
    }

    private void drain() {
      int missed = 1;
      for (;;) {
        if (!finished) {
          step();
        }
        missed = (int) WIP.getAndAdd(this, -missed) - missed;
        if (missed == 0) {
          return;
        }
      }
    }

    /** Signals elements while there is demand, until the iterator must wait or has ended. */
    @SuppressWarnings("unchecked")
    private void step() {
      long e = emitted;
      for (;;) {
        if (cancelled) {
          stop();
          return;
        }
        IllegalArgumentException bad = invalid;
        if (bad != null) {
          abandonPending();
          end(bad);
          return;
        }
        Object answer;
        if (pending != null) {
          if (!delivered) {
            emitted = e;
            return;
          }
          Object value = deliveredValue;
          Throwable error = deliveredError;
          deliveredValue = null;
          deliveredError = null;
          delivered = false;
          pending = null;
          answer = source.it.resume(value, error);
        } else {
          long r = requested;
          if (e == r) {
            // All demand met: take back what was signalled, and go on only if more came since.
            r = (long) REQUESTED.getAndAdd(this, -e) - e;
            e = 0;
            if (r == 0) {
              emitted = 0;
              return;
            }
          }
          answer = source.it.poll();
        }
        if (answer == Stages.PENDING) {
          CompletionStage<?> stage = source.it.waiting();
          pending = stage;
          emitted = e;
          stage.whenComplete(callback); // may run at once; then it only raises the count
          return;
        }
        if (answer == Stages.END) {
          end(null);
          return;
        }
        if (answer instanceof Failure) {
          end(((Failure) answer).error());
          return;
        }
        if (answer == null) {
          end(
              new NullPointerException(
                  "Reactive Streams rule 2.13: the iterator produced a null element, which a"
                      + " publisher must not signal"));
          return;
        }
        Flow.Subscriber<? super T> s = subscriber;
        if (s == null) {
          continue; // cancelled just now: the next round stops
        }
        try {
          s.onNext((T) answer);
        } catch (Throwable t) {
          cancelled = true;
          subscriber = null;
          stop();
          report(t);
          return;
        }
        e++;
        if (requested == Long.MAX_VALUE) {
          e = 0; // unbounded demand is never reduced, so nothing is counted against it
        }
      }
    }

    /** Gives up the stage the iterator waits on, cancelling it (O7). */
    private void abandonPending() {
      CompletionStage<?> stage = pending;
      pending = null;
      deliveredValue = null;
      deliveredError = null;
      delivered = false;
      if (stage != null) {
        source.it.abandon();
        Throwable refused = Stages.cancel(stage);
        if (refused != null) {
          report(refused);
        }
      }
    }

    /**
     * Cancelled: no signal follows (rule 1.8), so a failure of the close has no one to go to but
     * the uncaught-exception handler.
     */
    private void stop() {
      finished = true;
      subscriber = null;
      abandonPending();
      CompletionStage<?> closed = source.close();
      Object r = Stages.peek(closed);
      if (r == Stages.PENDING) {
        closed.whenComplete(
            (value, error) -> {
              if (error != null) {
                report(Stages.unwrap(error));
              }
            });
      } else if (r instanceof Failure) {
        report(((Failure) r).error());
      }
    }

    /** Closes the iterator, then signals {@code onComplete} or {@code onError}. */
    private void end(Throwable error) {
      finished = true;
      CompletionStage<?> closed = source.close();
      Object r = Stages.peek(closed);
      if (r == Stages.PENDING) {
        closed.whenComplete(
            (value, closeError) ->
                terminate(error, closeError == null ? null : Stages.unwrap(closeError)));
      } else {
        terminate(error, r instanceof Failure ? ((Failure) r).error() : null);
      }
    }

    /** The terminal signal, once the close completed: its failure fails, or is suppressed. */
    private void terminate(Throwable error, Throwable closeError) {
      Flow.Subscriber<? super T> s = subscriber;
      subscriber = null;
      if (s == null || cancelled) {
        if (closeError != null) {
          report(closeError);
        }
        return;
      }
      Throwable failure = error;
      if (failure == null) {
        failure = closeError;
      } else if (closeError != null && closeError != failure) {
        failure.addSuppressed(closeError);
      }
      try {
        if (failure == null) {
          s.onComplete();
        } else {
          s.onError(failure);
        }
      } catch (Throwable t) {
        report(t);
      }
    }

    /**
     * Registered on the stage the iterator waits on. A separate object, so that the subscription
     * handed to the subscriber is not also a callback anyone could call.
     */
    private final class Callback implements BiConsumer<Object, Throwable> {
      @Override
      public void accept(Object value, Throwable error) {
        deliveredValue = value;
        deliveredError = error;
        delivered = true;
        signal();
      }
    }
  }
}
