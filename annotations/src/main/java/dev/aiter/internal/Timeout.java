package dev.aiter.internal;

import dev.aiter.internal.Stages.Failure;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * {@code timeout(perElement)}: every {@code anext()} must have its answer within the duration, or
 * it fails with {@link TimeoutException}; the upstream's pending stage is then cancelled and the
 * upstream closed. Python: {@code asyncio.wait_for(anext(it), timeout)} (or {@code async with
 * asyncio.timeout(...)}) around each element; Reactor: {@code timeout(Duration)}; Kotlin: {@code
 * timeout}.
 *
 * <p>An answer that is already there costs nothing: the upstream is polled and its answer handed
 * on. Only a pending one arms a {@link Deadline}, on the JDK's shared {@code CompletableFuture}
 * timer ({@code completeOnTimeout}: no thread of aiter's own, and the timer task is cancelled as
 * soon as the answer arrives). When the upstream answers pending again within the same {@code
 * anext()} (a filter that rejected what it waited for), the next deadline gets what is left of
 * the duration.
 *
 * @param <T> the element type
 */
final class Timeout<T> extends Operator<T> {

  /** What a deadline completes with when its time ran out. */
  private static final Object TIMED_OUT = new Object();

  private final Upstream<T> upstream;
  private final Duration duration;
  private final long nanos;

  /** Where the timeout's consequences run; see {@link Deadline}. */
  private final Executor async;

  /** When the current {@code anext()} must have its answer, in {@link System#nanoTime()}. */
  private long due;

  /** The stage the last pending answer waits on. */
  private Deadline pending;

  /** The upstream's close, started when an {@code anext()} timed out. */
  private CompletionStage<?> closedOnTimeout;

  Timeout(PullIterator<T> upstream, Duration duration) {
    this(upstream, duration, Deadline.ASYNC);
  }

  /** With {@code async} in place of the default async pool: tests make it refuse. */
  Timeout(PullIterator<T> upstream, Duration duration, Executor async) {
    super("AsyncIterator.timeout(" + duration + ")");
    this.upstream = new Upstream<>(upstream);
    this.duration = duration;
    this.nanos = saturatedNanos(duration);
    this.async = async;
  }

  @Override
  Object poll() {
    Object d = gate();
    return d != null ? d : record(pull());
  }

  /** Pulls the next answer (as a poll answers), once the gate let the poll through. */
  private Object pull() {
    Object r = upstream.it.poll();
    if (r != Stages.PENDING) {
      return r;
    }
    long now = System.nanoTime();
    due = now + nanos < now ? Long.MAX_VALUE : now + nanos;
    return await(nanos);
  }

  @Override
  Object proceed(Object value, Throwable error) {
    Deadline expired = pending;
    pending = null;
    if (value == TIMED_OUT) {
      upstream.it.abandon(); // the deadline cancelled the upstream's stage: nobody resumes it
      return timedOut(expired.refused);
    }
    Object r = upstream.it.resume(value, error);
    return r == Stages.PENDING ? await(due - System.nanoTime()) : r;
  }

  /** Waits for the upstream's pending stage, for at most {@code left} nanoseconds. */
  private Object await(long left) {
    CompletionStage<?> stage = upstream.it.waiting();
    if (left <= 0) {
      upstream.it.abandon();
      return timedOut(Stages.cancel(stage));
    }
    pending = new Deadline(stage, left, async);
    return Stages.PENDING;
  }

  /**
   * The failure of a timed-out {@code anext()}, carrying what cancelling the upstream's stage
   * threw (if it threw); the upstream's close starts now (O3).
   */
  private Object timedOut(Throwable refused) {
    closedOnTimeout = upstream.close();
    TimeoutException e =
        new TimeoutException(
            this + ": anext() did not complete within " + duration + "; the upstream was closed");
    if (refused != null) {
      e.addSuppressed(refused);
    }
    return new Failure(e);
  }

  @Override
  CompletionStage<?> waitingFor() {
    return pending;
  }

  @Override
  CompletionStage<?> release() {
    CompletionStage<?> closed = closedOnTimeout;
    // After a timeout the close already ran: wait for that one, so that a loop still completes
    // only once the upstream has closed (B6).
    return Stages.cancelThen(pending, closed != null ? closed : upstream.close());
  }

  @Override
  void abandon() {
    super.abandon();
    upstream.it.abandon();
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE; // about 292 years
    }
  }

  /**
   * One pending upstream stage raced against the clock: completes as the upstream's stage does,
   * or with {@link #TIMED_OUT} once the time is up, after cancelling that stage. Cancelling it
   * cancels the upstream's stage (O7) and the timer.
   *
   * <p>The JDK runs timers on one shared thread; the timeout's consequences (the cancelled
   * stage's callbacks, the consumer's next step, the upstream's close) run on the default async
   * pool instead, so that no user code ever holds up that thread.
   */
  private static final class Deadline extends CompletableFuture<Object>
      implements BiConsumer<Object, Throwable>, Runnable {

    private static final VarHandle STATE;

    static {
      try {
        STATE = MethodHandles.lookup().findVarHandle(Deadline.class, "state", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private static final int WAITING = 0;
    private static final int ANSWERED = 1;
    private static final int EXPIRED = 2;

    /** What the timer completes with when it fires, and once the answer came first. */
    private static final Object FIRED = new Object();

    private static final Object DISARMED = new Object();

    /** Where the timeout's consequences run: {@code CompletableFuture}'s default async pool. */
    static final Executor ASYNC = new CompletableFuture<Void>().defaultExecutor();

    private final CompletionStage<?> stage;
    private final Executor async;
    private final CompletableFuture<Object> timer = new CompletableFuture<>();

    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    /** What cancelling the upstream's stage threw on the timeout; read after TIMED_OUT. */
    Throwable refused;

    Deadline(CompletionStage<?> stage, long nanos, Executor async) {
      this.stage = stage;
      this.async = async;
      // Completing the timer in any other way cancels its task on the JDK's timer.
      timer.completeOnTimeout(FIRED, nanos, TimeUnit.NANOSECONDS);
      timer.whenComplete(this);
      stage.whenComplete(this);
    }

    /** The timer's completion, or the upstream stage's. */
    @Override
    public void accept(Object value, Throwable error) {
      if (value == FIRED) {
        try {
          async.execute(this);
        } catch (Throwable rejected) {
          // No pool thread to be had (a rejection, or an OutOfMemoryError when the pool makes a
          // thread per task, as it does on one or two cores): time out here rather than never.
          run();
        }
        return;
      }
      if (value == DISARMED || !STATE.compareAndSet(this, WAITING, ANSWERED)) {
        return;
      }
      timer.complete(DISARMED);
      if (error == null) {
        complete(value);
      } else {
        completeExceptionally(error);
      }
    }

    /** The time is up; on the async pool. */
    @Override
    public void run() {
      if (!STATE.compareAndSet(this, WAITING, EXPIRED)) {
        return;
      }
      refused = Stages.cancel(stage);
      complete(TIMED_OUT);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (cancelled) {
        timer.complete(DISARMED);
        Throwable refused = Stages.cancel(stage);
        if (refused != null) {
          Stages.attach(this, refused);
        }
      }
      return cancelled;
    }
  }
}
