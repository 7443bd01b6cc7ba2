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
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * The engine behind {@code asyncFor} and {@code asyncForAwait}. Internal: not part of the aiter
 * API.
 *
 * <p>A work-in-progress count serialises everything: whoever raises it from zero (the caller of
 * {@code asyncFor}, the thread completing a stage, a canceller) runs {@link #drain()}; anyone
 * else only raises it, and the running drain goes round once more. Elements whose stages are
 * already complete are taken in a plain loop, so the stack stays flat and nothing is allocated
 * per element; a pending stage gets the loop's one callback object and the loop returns.
 *
 * <p>The loop is itself the future handed to the caller (and the {@link Loop} handed to a
 * breakable body): the checks for cancellation that run twice per element then read a field of
 * this object instead of going through a reference to a separate future first, which the sync
 * benchmark of issue 5 measured at about 5% of the per-element cost. Completing it from outside
 * (cancel, complete, completeExceptionally, orTimeout) stops the loop.
 *
 * @param <T> the element type
 */
public final class ForLoop<T> extends CompletableFuture<Void> implements Loop {

  private static final VarHandle WIP;

  static {
    try {
      WIP = MethodHandles.lookup().findVarHandle(ForLoop.class, "wip", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final AsyncIterator<T> source;
  /** The source when it is a generated adapter: elements are then taken without a stage. */
  private final SourceAdapter<T> adapter;

  private final LoopBody<? super T> plainBody;
  private final BreakableLoopBody<? super T> breakableBody;
  private final AwaitLoopBody<? super T> awaitBody;
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
      AwaitLoopBody<? super T> awaitBody) {
    this.source = source;
    this.adapter = source instanceof SourceAdapter ? (SourceAdapter<T>) source : null;
    this.plainBody = plainBody;
    this.breakableBody = breakableBody;
    this.awaitBody = awaitBody;
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
    return new ForLoop<>(source, body, null, null).start();
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
    return new ForLoop<>(source, null, body, null).start();
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
    return new ForLoop<>(source, null, null, body).start();
  }

  private CompletableFuture<Void> start() {
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
        step();
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
        if (adapter != null) {
          element = adapter.settle(value, error);
        } else {
          element = error == null ? value : new Failure(Stages.unwrap(error));
        }
      } else {
        // Only a breakable body can break: a plain loop skips this volatile read per element.
        if (breakableBody != null && broken) {
          stop(null, false);
          return;
        }
        element = adapter != null ? pollAdapter() : pollSource();
        if (element == Stages.PENDING) {
          pending.whenComplete(callback);
          return;
        }
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

  /**
   * Takes the next element from a generated adapter. A pending stage comes back raw: this loop
   * waits on the source's own stage (one callback, as a hand-written loop would) and {@link
   * SourceAdapter#settle} decodes its outcome.
   */
  private Object pollAdapter() {
    Object r = adapter.pollRaw();
    if (r == Stages.PENDING) {
      pending = adapter.pending();
    }
    return r;
  }

  private Object pollSource() {
    CompletionStage<T> stage;
    try {
      stage = source.anext();
    } catch (Throwable t) {
      return new Failure(Stages.unwrap(t));
    }
    if (stage == null) {
      return new Failure(Stages.nullStage(source.getClass().getName() + ".anext()"));
    }
    Object r = Stages.peek(stage);
    if (r == Stages.PENDING) {
      pending = stage;
    }
    return r;
  }

  /** Runs the body; returns whether to go on to the next element at once. */
  private boolean runBody(T element) {
    if (isDone()) {
      stop(null, true);
      return false;
    }
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
      stage = awaitBody.apply(element);
    } catch (Throwable t) {
      stop(t, false);
      return false;
    }
    if (stage == null) {
      stop(
          new NullPointerException(
              "the body of asyncForAwait returned null instead of a CompletionStage for element "
                  + element),
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
    if (stage != null && !bodyStage && adapter != null) {
      adapter.abandon();
    }
    Throwable failure = error;
    if (fromOutside && !bodyStage && Stages.cancellable(stage)) {
      try {
        ((Future<?>) stage).cancel(false);
      } catch (RuntimeException e) {
        // A user's Future that refuses: the loop must still close; the refusal is kept.
        failure = e;
      }
    }
    close(failure);
  }

  private void close(Throwable error) {
    CompletionStage<Void> stage;
    try {
      stage = source.aclose();
    } catch (Throwable t) {
      finish(error, t);
      return;
    }
    if (stage == null) {
      finish(error, Stages.nullStage(source.getClass().getName() + ".aclose()"));
      return;
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
    if (failure == null) {
      super.complete(null);
    } else if (!super.completeExceptionally(failure)) {
      reportLate(failure);
    }
  }

  /**
   * The loop's future was already completed from outside (usually cancelled) when the loop
   * failed or its close failed: the failure is added to the exception the future holds, or, when
   * it holds none, handed to the thread's uncaught-exception handler, so that nothing is lost.
   */
  private void reportLate(Throwable failure) {
    // handle() sees the exception the future holds; join() may throw a copy (it does on JDK 25).
    Throwable held = handle((value, error) -> error).getNow(null);
    if (held != null) {
      held = Stages.unwrap(held);
      if (held != failure) {
        held.addSuppressed(failure);
      }
      return;
    }
    Thread thread = Thread.currentThread();
    thread.getUncaughtExceptionHandler().uncaughtException(thread, failure);
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
  public boolean complete(Void value) {
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
