package dev.aiter.internal;

import dev.aiter.StopAsyncIteration;
import dev.aiter.internal.Stages.Failure;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * The stage {@link PullIterator#anext()} hands out when the answer is pending: it waits on the
 * iterator's {@link PullIterator#waiting()} stage, resumes the iterator, and completes with the
 * element, or waits again when the iterator is still pending (a filter that rejected the element
 * it waited for, say). Cancelling it cancels the stage it waits on (O7).
 *
 * <p>A resumption that answers pending again registers on a stage that may already be complete,
 * so its callback can run inside {@code whenComplete}: a work-in-progress count turns that into
 * another round of the loop below instead of a deeper stack.
 */
final class Resumption<T> extends CompletableFuture<T> implements BiConsumer<Object, Throwable> {

  private static final VarHandle WIP;

  static {
    try {
      WIP = MethodHandles.lookup().findVarHandle(Resumption.class, "wip", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final PullIterator<T> iterator;

  /** The stage waited on now; read by {@link #cancel}. */
  private volatile CompletionStage<?> waitingOn;

  @SuppressWarnings("unused") // accessed through WIP
  private volatile int wip;

  // Written by accept() before it raises the count; read by the round that saw the count.
  private Object value;
  private Throwable error;

  Resumption(PullIterator<T> iterator, CompletionStage<?> stage) {
    this.iterator = iterator;
    this.waitingOn = stage;
    stage.whenComplete(this);
  }

  /** Completion of the stage waited on. */
  @Override
  public void accept(Object value, Throwable error) {
    this.value = value;
    this.error = error;
    if ((int) WIP.getAndAdd(this, 1) != 0) {
      return; // called from inside whenComplete below: the running round goes on
    }
    do {
      Object r;
      try {
        r = iterator.resume(this.value, this.error);
      } catch (Throwable t) {
        // Never by design; an Error (a chain nested deeper than the stack) must fail this stage
        // rather than be lost inside the callback of the stage waited on.
        r = new Failure(t);
      }
      this.value = null;
      this.error = null;
      if (r != Stages.PENDING) {
        settle(r);
        return;
      }
      CompletionStage<?> next = iterator.waiting();
      waitingOn = next;
      if (isDone()) {
        // Cancelled while the iterator was being resumed: reach the new stage too.
        cancelWaited(next);
      }
      next.whenComplete(this);
    } while ((int) WIP.getAndAdd(this, -1) != 1);
  }

  @SuppressWarnings("unchecked")
  private void settle(Object r) {
    if (r == Stages.END) {
      completeExceptionally(new StopAsyncIteration());
    } else if (r instanceof Failure) {
      completeExceptionally(((Failure) r).error());
    } else {
      complete((T) r);
    }
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      cancelWaited(waitingOn);
    }
    return cancelled;
  }

  /** Cancels the stage waited on; a {@code cancel} that throws is kept on our cancellation. */
  private void cancelWaited(CompletionStage<?> stage) {
    Throwable refused = Stages.cancel(stage);
    if (refused != null) {
      Stages.attach(this, refused);
    }
  }
}
