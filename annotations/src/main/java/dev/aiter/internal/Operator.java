package dev.aiter.internal;

import dev.aiter.internal.Stages.Failure;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The part every operator and source of aiter shares, so that none re-derives it: the end and a
 * failure are repeated without calling upstream again (O5), a poll while pending is refused as
 * "already running" (O6), close runs once (O3), and an operator that ends early can signal its
 * end only after the upstream it closed has closed ({@link #endAfter}).
 *
 * <p>{@code aclose()} may come from any thread while an {@code anext()} is pending, also while
 * the thread that completed the stage waited on is resuming the operator: {@link #release()}
 * then runs once that resume is done, so it never runs concurrently with {@link #proceed}. A
 * poll (an {@code anext()} call) concurrent with {@code aclose()} is not ordered this way: that
 * would cost every element on the already-complete path.
 *
 * <p>A subclass implements {@link #poll()} as {@code Object d = gate(); return d != null ? d :
 * record(...its pull...);}, answers {@link #proceed} as {@link PullIterator#resume} is
 * specified, says what it waits on in {@link #waitingFor()}, and releases what it holds in
 * {@link #release()}.
 *
 * <p>Why {@code poll()} is written out in every class rather than once here: a chain calls the
 * {@code poll()} of one operator from the {@code poll()} of the next, and the JIT inlines a method
 * into itself only once ({@code MaxRecursiveInlineLevel}), so a shared {@code poll()} would stop
 * the chain from inlining into the loop at its third operator; it also profiles the receiver
 * types of a call per bytecode, so one shared {@code upstream.poll()} call would see every kind
 * of upstream and be megamorphic. A {@code poll()} per class keeps a chain over
 * already-complete stages as fast as a loop written by hand (the chain benchmark).
 *
 * @param <T> the element type
 */
abstract class Operator<T> extends PullIterator<T> {

  private static final VarHandle CLOSING;
  private static final VarHandle PHASE;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      CLOSING = lookup.findVarHandle(Operator.class, "closing", CompletableFuture.class);
      PHASE = lookup.findVarHandle(Operator.class, "phase", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** {@link #phase}: open, and no resume is running. */
  private static final int IDLE = 0;

  /** {@link #phase}: a resume is running (on the thread that completed the stage waited on). */
  private static final int RESUMING = 1;

  /** {@link #phase}: {@code aclose()} came while a resume ran; the resume releases when done. */
  private static final int CLOSE_DEFERRED = 2;

  /** {@link #phase}: released, or being released. */
  private static final int CLOSED = 3;

  /** What the "already running" message names, e.g. {@code "AsyncIterator.map(fn)"}. */
  private final String name;

  /** {@code null} while the iteration goes on; then {@link Stages#END} or a {@link Failure}. */
  private Object done;

  /** Whether the last answer was {@link Stages#PENDING} and no resume came yet. */
  private boolean running;

  /** A close stage that must complete before the end is signalled; see {@link #endAfter}. */
  private CompletionStage<?> ending;

  /** The outcome of the first {@link #aclose()}; later calls return it. */
  @SuppressWarnings("unused") // written through CLOSING
  private volatile CompletableFuture<Void> closing;

  /**
   * Orders {@link #release()} after a resume that runs on another thread when {@code aclose()}
   * comes, so that the close never takes the upstreams (or the work in flight) from under it.
   * Only the pending path touches it: a poll over already-complete stages costs nothing more.
   */
  @SuppressWarnings("unused") // accessed through PHASE
  private volatile int phase;

  Operator(String name) {
    this.name = name;
  }

  /** Goes on after {@link #waitingFor()} completed; answers as {@link PullIterator#resume}. */
  abstract Object proceed(Object value, Throwable error);

  /** The stage the last pending answer of {@link #poll()} or {@link #proceed} waits on. */
  abstract CompletionStage<?> waitingFor();

  /**
   * Releases what the operator holds: closes the upstreams it has not closed yet and cancels the
   * work it started. Runs once, from the first {@link #aclose()}.
   *
   * @return a stage that completes when everything is released
   */
  abstract CompletionStage<?> release();

  /**
   * What a poll answers before it pulls anything: the repeated end or failure (O5), the "already
   * running" failure (O6), or {@code null} to go on and pull.
   */
  final Object gate() {
    Object d = done;
    if (d != null) {
      return d;
    }
    if (running) {
      return alreadyRunning();
    }
    return null;
  }

  /**
   * Goes on after the stage waited on completed. An {@code aclose()} that comes meanwhile (from
   * another thread) waits for this resume to finish, then releases; the resume still answers with
   * an element it found, but ends instead of waiting again, as nothing would resume it.
   */
  @Override
  final Object resume(Object value, Throwable error) {
    running = false;
    if (!PHASE.compareAndSet(this, IDLE, RESUMING)) {
      // Closed while waiting: the upstream is gone, so this is the end.
      return record(Stages.END);
    }
    Object r;
    try {
      CompletionStage<?> closed = ending;
      if (closed != null) {
        ending = null;
        r = error == null ? Stages.END : new Failure(Stages.unwrap(error));
      } else {
        r = proceed(value, error);
      }
    } catch (Throwable t) {
      // Never thrown by design; an Error (a chain nested deeper than the stack) must fail the
      // iteration, and must not leave the phase RESUMING, where a close would wait for ever.
      r = new Failure(t);
    }
    if (!PHASE.compareAndSet(this, RESUMING, IDLE)) {
      // aclose() came meanwhile and left the release to this resume (CLOSE_DEFERRED).
      phase = CLOSED;
      if (r == Stages.PENDING) {
        abandon(); // nobody will wait on that stage: the iterator is closed
        r = Stages.END;
      }
      releaseInto(closing);
    }
    return record(r);
  }

  @Override
  final CompletionStage<?> waiting() {
    CompletionStage<?> closed = ending;
    return closed != null ? closed : waitingFor();
  }

  @Override
  void abandon() {
    running = false;
  }

  /** Notes what a poll or a resume answers (pending, or the end or a failure) and returns it. */
  final Object record(Object answer) {
    if (answer == Stages.PENDING) {
      running = true;
    } else if (answer == Stages.END || answer instanceof Failure) {
      done = answer;
    }
    return answer;
  }

  /** The answer to a poll while a previous answer is still pending (B9, O6). */
  final Failure alreadyRunning() {
    return new Failure(
        new IllegalStateException(
            name
                + " is already running: call anext() again only after the previous stage"
                + " completed"));
  }

  /**
   * The end, signalled once {@code closed} (the close of an upstream this operator stopped
   * reading) completed; its failure fails the iteration instead (O3).
   */
  final Object endAfter(CompletionStage<?> closed) {
    Object r = Stages.peek(closed);
    if (r == Stages.PENDING) {
      ending = closed;
      return Stages.PENDING;
    }
    return r instanceof Failure ? r : Stages.END;
  }

  /**
   * Releases the operator once; later calls return the first call's stage. Every later {@code
   * anext()} ends. During a resume on another thread the release waits for that resume.
   *
   * @return a stage that completes once everything the operator held was released
   */
  @Override
  @SuppressWarnings("unchecked")
  public final CompletionStage<Void> aclose() {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    Object first = CLOSING.compareAndExchange(this, null, mine);
    if (first != null) {
      return (CompletableFuture<Void>) first;
    }
    if (done == null) {
      done = Stages.END;
    }
    for (; ; ) {
      int p = phase;
      if (p == IDLE && PHASE.compareAndSet(this, IDLE, CLOSED)) {
        releaseInto(mine);
        return mine;
      }
      if (p == RESUMING && PHASE.compareAndSet(this, RESUMING, CLOSE_DEFERRED)) {
        return mine; // the running resume releases once it is done
      }
    }
  }

  /** Runs {@link #release()} once and completes {@code closed} as its stage does. */
  private void releaseInto(CompletableFuture<Void> closed) {
    CompletionStage<?> released;
    try {
      released = release();
    } catch (Throwable t) {
      closed.completeExceptionally(t);
      return;
    }
    Stages.forward(released, closed);
  }

  @Override
  public String toString() {
    return name;
  }
}
