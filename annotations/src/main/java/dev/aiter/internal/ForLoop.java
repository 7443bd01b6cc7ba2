package dev.aiter.internal;

import dev.aiter.AsyncIterator;
import dev.aiter.AwaitLoopBody;
import dev.aiter.BreakableLoopBody;
import dev.aiter.Loop;
import dev.aiter.LoopBody;
import dev.aiter.StopAsyncIteration;
import dev.aiter.internal.Stages.Failure;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * The engine behind {@code asyncFor}, {@code asyncForAwait} and every terminal operation
 * ({@code toList}, {@code reduce}, {@code findFirst}...). Internal: not part of the aiter API.
 *
 * <p>A work-in-progress count serialises everything: whoever raises it from zero (the caller of
 * {@code asyncFor}, the thread completing a stage, a canceller) runs {@link #drain()}; anyone
 * else only raises it, and the running drain goes round once more. Elements whose stages are
 * already complete are taken in a plain loop, so the stack stays flat and nothing is allocated
 * per element; a pending stage gets the loop's one callback object and the loop returns. The
 * source is pulled through {@link PullIterator}, so a chain of operators over already-complete
 * stages hands each element down as a plain value.
 *
 * <p>The loop is itself the future handed to the caller (and the {@link Loop} handed to a
 * breakable body): the checks for cancellation that run twice per element then read a field of
 * this object instead of going through a reference to a separate future first, which the sync
 * benchmark of issue 5 measured at about 5% of the per-element cost. Completing it from outside
 * (cancel, complete, completeExceptionally, orTimeout) stops the loop.
 *
 * <p>A terminal operation is a {@link Sink}: it takes the elements in place of a body, may stop
 * the loop early, and gives the loop's result once the source was closed.
 *
 * @param <T> the element type
 * @param <R> the result: {@code Void} for a loop, the collected value for a terminal operation
 */
public final class ForLoop<T, R> extends CompletableFuture<R> implements Loop {

  private static final VarHandle WIP;

  static {
    try {
      WIP = MethodHandles.lookup().findVarHandle(ForLoop.class, "wip", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The source, seen through the pull protocol (a hand-written iterator through a view). */
  private final PullIterator<T> source;

  private final LoopBody<? super T> plainBody;
  private final BreakableLoopBody<? super T> breakableBody;
  private final AwaitLoopBody<? super T> awaitBody;
  private final Sink<? super T, R> sink;
  /** Registered on every stage the loop waits for. */
  private final Callback callback = new Callback();

  /** Set by {@link #breakLoop()}. */
  private volatile boolean broken;

  @SuppressWarnings("unused") // accessed through WIP
  private volatile int wip = 1;

  // Owned by the drain loop; the work-in-progress count orders every access.
  private CompletionStage<?> pending;
  private boolean pendingIsBody;
  private boolean terminated;

  // Written by accept() before it raises the count, read by the drain after it saw the count.
  private Object deliveredValue;
  private Throwable deliveredError;
  private boolean delivered;

  private ForLoop(
      AsyncIterator<T> source,
      LoopBody<? super T> plainBody,
      BreakableLoopBody<? super T> breakableBody,
      AwaitLoopBody<? super T> awaitBody,
      Sink<? super T, R> sink) {
    this.source = PullIterator.of(source);
    this.plainBody = plainBody;
    this.breakableBody = breakableBody;
    this.awaitBody = awaitBody;
    this.sink = sink;
  }

  /**
   * What a terminal operation does with the elements, in place of a loop body. Its methods run
   * inside the loop, one at a time, never concurrently.
   *
   * @param <T> the element type
   * @param <R> the result type
   */
  abstract static class Sink<T, R> {

    /**
     * Takes one element.
     *
     * @return whether the loop should go on; {@code false} stops it (short-circuit)
     * @throws Exception to fail the loop with it
     */
    abstract boolean accept(T element) throws Exception;

    /**
     * The result, once the loop ended without failing and the source was closed.
     *
     * @throws Exception to fail the loop with it
     */
    abstract R result() throws Exception;
  }

  /**
   * Runs {@code async for} with a plain body.
   *
   * @param source the iterator
   * @param body the body
   * @param <T> the element type
   * @return the loop's future
   */
  public static <T> CompletableFuture<Void> plain(AsyncIterator<T> source, LoopBody<? super T> body) {
    return new ForLoop<T, Void>(source, body, null, null, null).start();
  }

  /**
   * Runs {@code async for} with a body that may break.
   *
   * @param source the iterator
   * @param body the body
   * @param <T> the element type
   * @return the loop's future
   */
  public static <T> CompletableFuture<Void> breakable(
      AsyncIterator<T> source, BreakableLoopBody<? super T> body) {
    return new ForLoop<T, Void>(source, null, body, null, null).start();
  }

  /**
   * Runs {@code async for} with a body whose stage is awaited.
   *
   * @param source the iterator
   * @param body the body
   * @param <T> the element type
   * @return the loop's future
   */
  public static <T> CompletableFuture<Void> await(
      AsyncIterator<T> source, AwaitLoopBody<? super T> body) {
    return new ForLoop<T, Void>(source, null, null, body, null).start();
  }

  /**
   * Runs a terminal operation: the loop hands every element to {@code sink} and completes with
   * its result.
   */
  static <T, R> CompletableFuture<R> run(AsyncIterator<T> source, Sink<? super T, R> sink) {
    return new ForLoop<>(source, null, null, null, sink).start();
  }

  private CompletableFuture<R> start() {
    drain(); // the count starts at one: this thread owns the loop
    return this;
  }

  /** Completion of the pending stage (the next element's, or the body's). */
  private void deliver(Object value, Throwable error) {
    deliveredValue = value;
    deliveredError = error;
    delivered = true;
    signal();
  }

  /**
   * The callback registered on stages. A separate object, so that the future handed to users is
   * not also a {@code BiConsumer} anyone could call.
   */
  private final class Callback implements BiConsumer<Object, Throwable> {
    @Override
    public void accept(Object value, Throwable error) {
      deliver(value, error);
    }
  }

  private void signal() {
    if ((int) WIP.getAndAdd(this, 1) == 0) {
      drain();
    }
  }

  private void drain() {
    int missed = 1;
    for (;;) {
      if (!terminated) {
        try {
          step();
        } catch (Throwable t) {
          // The source's poll or resume threw, which aiter's iterators never do by design: an
          // Error (a chain nested deeper than the stack) fails the loop and closes, rather than
          // escaping from asyncFor or vanishing inside the callback of a stage.
          if (!terminated) {
            stop(t, false);
          }
        }
      }
      missed = (int) WIP.getAndAdd(this, -missed) - missed;
      if (missed == 0) {
        return;
      }
    }
  }

  /** Runs the loop until it must wait for a stage or has ended. */
  private void step() {
    for (;;) {
      if (isDone()) {
        stop(null, true);
        return;
      }
      Object element;
      if (pending != null) {
        if (!delivered) {
          return;
        }
        Object value = deliveredValue;
        Throwable error = deliveredError;
        deliveredValue = null;
        deliveredError = null;
        delivered = false;
        pending = null;
        if (pendingIsBody) {
          pendingIsBody = false;
          if (error != null) {
            stop(Stages.unwrap(error), false);
            return;
          }
          continue;
        }
        element = source.resume(value, error);
      } else {
        // Only a breakable body can break: a plain loop skips this volatile read per element.
        if (breakableBody != null && broken) {
          stop(null, false);
          return;
        }
        element = source.poll();
      }
      if (element == Stages.PENDING) {
        // The source waits on its own stage (one callback, as a hand-written loop would).
        CompletionStage<?> stage = source.waiting();
        pending = stage;
        stage.whenComplete(callback);
        return;
      }
      if (element == Stages.END) {
        stop(null, false);
        return;
      }
      if (element instanceof Failure) {
        Throwable error = ((Failure) element).error();
        stop(error instanceof StopAsyncIteration ? null : error, false);
        return;
      }
      @SuppressWarnings("unchecked")
      T typed = (T) element;
      if (!runBody(typed)) {
        return;
      }
    }
  }

  /** Runs the body; returns whether to go on to the next element at once. */
  private boolean runBody(T element) {
    CompletionStage<?> stage;
    try {
      if (plainBody != null) {
        plainBody.accept(element);
        return true;
      }
      if (breakableBody != null) {
        breakableBody.accept(element, this);
        return true;
      }
      if (sink != null) {
        if (sink.accept(element)) {
          return true;
        }
        stop(null, false);
        return false;
      }
      stage = awaitBody.apply(element);
    } catch (Throwable t) {
      stop(t, false);
      return false;
    }
    if (stage == null) {
      stop(
          new NullPointerException(
              "the body of asyncForAwait returned null instead of a CompletionStage for element "
                  + Stages.describe(element)),
          false);
      return false;
    }
    Object r = Stages.peek(stage);
    if (r == Stages.PENDING) {
      pending = stage;
      pendingIsBody = true;
      stage.whenComplete(callback);
      return false;
    }
    if (r instanceof Failure) {
      stop(((Failure) r).error(), false);
      return false;
    }
    return true;
  }

  /**
   * Ends the loop: cancels a pending next stage when the loop's future was completed from
   * outside, then closes the source.
   */
  private void stop(Throwable error, boolean fromOutside) {
    terminated = true;
    CompletionStage<?> stage = pending;
    boolean bodyStage = pendingIsBody;
    pending = null;
    deliveredValue = null;
    deliveredError = null;
    delivered = false;
    if (stage != null && !bodyStage) {
      source.abandon();
    }
    Throwable failure = error;
    if (fromOutside && !bodyStage) {
      Throwable refused = Stages.cancel(stage);
      if (refused != null) {
        // A user's Future that refuses: the loop must still close; the refusal is kept.
        failure = refused;
      }
    }
    close(failure);
  }

  private void close(Throwable error) {
    // The source is one of aiter's pull iterators: its aclose() neither throws nor returns null
    // (by design; an Error is a failed close all the same).
    CompletionStage<Void> stage;
    try {
      stage = source.aclose();
    } catch (Throwable t) {
      stage = CompletableFuture.failedFuture(t);
    }
    Object r = Stages.peek(stage);
    if (r == Stages.PENDING) {
      stage.whenComplete((value, e) -> finish(error, e == null ? null : Stages.unwrap(e)));
    } else {
      finish(error, r instanceof Failure ? ((Failure) r).error() : null);
    }
  }

  private void finish(Throwable error, Throwable closeError) {
    Throwable failure = error;
    if (failure == null) {
      failure = closeError;
    } else if (closeError != null && closeError != failure) {
      failure.addSuppressed(closeError);
    }
    R result = null;
    if (failure == null && sink != null) {
      try {
        result = sink.result();
      } catch (Throwable t) {
        failure = t;
      }
    }
    if (failure == null) {
      super.complete(result);
    } else if (!super.completeExceptionally(failure)) {
      // Completed from outside (usually cancelled) first: keep the failure on what it holds.
      Stages.attach(this, failure);
    }
  }

  @Override
  public void breakLoop() {
    broken = true;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return stopIfCompleted(super.cancel(mayInterruptIfRunning));
  }

  @Override
  public boolean complete(R value) {
    return stopIfCompleted(super.complete(value));
  }

  @Override
  public boolean completeExceptionally(Throwable ex) {
    return stopIfCompleted(super.completeExceptionally(ex));
  }

  /** Completing the future from outside stops the loop: the next drain sees it done. */
  private boolean stopIfCompleted(boolean completedNow) {
    if (completedNow) {
      signal();
    }
    return completedNow;
  }
}
