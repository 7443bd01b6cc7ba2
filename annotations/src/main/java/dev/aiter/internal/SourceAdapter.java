package dev.aiter.internal;

import dev.aiter.AsyncIterator;
import dev.aiter.StopAsyncIteration;
import dev.aiter.internal.Stages.Failure;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The part of every generated adapter that turns a user's next method into a well-behaved
 * {@link AsyncIterator}. Generated code gets one from {@link dev.aiter.generated.Adapters}, which
 * builds a {@link FunctionAdapters} over the next and close methods; this class is internal and
 * not part of the aiter API.
 *
 * <p>It normalises what a next method may do: a synchronous throw, a {@code null} stage, a failed
 * stage, a {@link StopAsyncIteration} thrown or wrapped in a {@code CompletionException}, an empty
 * {@code Optional}. Once the end was seen, every later {@code anext} ends again without calling
 * the source. A call while the previous stage is still pending fails with {@link
 * IllegalStateException} ("already running") and leaves the source alone. Close runs at most once.
 *
 * <p>It is a {@link PullIterator}: when the source's stage is an already-complete {@code
 * CompletableFuture}, {@link #poll()} hands the element to the loop or the next operator without
 * allocating anything, and a pending stage is handed on as the source's own stage.
 *
 * @param <T> the element type
 */
public abstract class SourceAdapter<T> extends PullIterator<T> {

  private static final VarHandle CLOSING;

  /**
   * Writes {@link #state} with release semantics: a plain store on x86. A volatile store would
   * add a full fence, and a loop over pending stages writes the state twice per element (waiting,
   * then settled). Nothing needs more than release: the loop reads its own writes in program
   * order, and the guard against overlapping calls needs only to see the state eventually.
   */
  private static final VarHandle STATE;

  static {
    try {
      CLOSING =
          MethodHandles.lookup()
              .findVarHandle(SourceAdapter.class, "closing", CompletableFuture.class);
      STATE = MethodHandles.lookup().findVarHandle(SourceAdapter.class, "state", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String nextMethod;
  private final String closeMethod;

  /**
   * One field for everything {@link #poll} must check, so that the already-complete path reads a
   * single volatile: {@code null} when idle; {@link #RUNNING} while the source's stage is pending
   * and nobody resumed the adapter yet; {@link #EXHAUSTED} once the end was seen, after which
   * every call ends at once.
   */
  private volatile Object state;

  /** The stage the last poll that answered {@link Stages#PENDING} stored; read by that caller. */
  private CompletionStage<?> lastPending;

  /** The outcome of the first {@link #aclose()}; later calls return it. */
  @SuppressWarnings("unused") // written through CLOSING
  private volatile CompletableFuture<Void> closing;

  /** {@link #state}: the source's stage is pending (see {@link #poll()}). */
  private static final Object RUNNING = new Object();

  /** {@link #state}: the end was seen. */
  private static final Object EXHAUSTED = new Object();

  SourceAdapter(String sourceType, String nextMethod, String closeMethod) {
    this.nextMethod = sourceType + "." + nextMethod + "()";
    this.closeMethod = closeMethod == null ? null : sourceType + "." + closeMethod + "()";
  }

  /** Calls the source's next method. */
  abstract CompletionStage<?> callNext() throws Exception;

  /** Turns a value of the source's stage into an element, or {@link Stages#END}. */
  abstract Object decode(Object value);

  /**
   * Releases the source: calls its close method, if it has one.
   *
   * @return a stage that completes once the source is released; never {@code null}
   * @throws Exception when releasing fails; it fails the stage {@link #aclose()} returns
   */
  abstract CompletionStage<?> close() throws Exception;

  /**
   * Calls the source's close method once; later calls return the first call's stage.
   *
   * @return a stage that completes when the source was released, failed if releasing failed
   */
  @Override
  public final CompletionStage<Void> aclose() {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> first = (CompletableFuture<Void>) CLOSING.compareAndExchange(this, null, mine);
    if (first != null) {
      return first;
    }
    CompletionStage<?> stage;
    try {
      stage = close();
    } catch (Throwable t) {
      mine.completeExceptionally(t);
      return mine;
    }
    if (stage == null) {
      mine.completeExceptionally(Stages.nullStage(closeMethod));
      return mine;
    }
    Stages.forward(stage, mine);
    return mine;
  }

  /**
   * Asks the source for the next element: the element when the source's stage was already
   * complete, {@link Stages#END} at the end, a {@link Failure}, or {@link Stages#PENDING} after
   * storing the source's own stage, undecoded, for {@link #waiting()}; the adapter then counts as
   * running until {@link #resume} (or {@link #abandon}). Waiting on the source's own stage saves
   * a stage of the adapter's own per pending element.
   */
  @Override
  final Object poll() {
    Object current = state;
    if (current != null) {
      if (current == EXHAUSTED) {
        return Stages.END;
      }
      return new Failure(
          new IllegalStateException(
              nextMethod
                  + " is already running: call anext() again only after the previous stage"
                  + " completed"));
    }
    CompletionStage<?> stage;
    try {
      stage = callNext();
    } catch (Throwable t) {
      return failure(t);
    }
    if (stage == null) {
      return new Failure(Stages.nullStage(nextMethod));
    }
    Object r = Stages.peek(stage);
    if (r == Stages.PENDING) {
      lastPending = stage;
      STATE.setRelease(this, RUNNING);
      return Stages.PENDING;
    }
    if (r instanceof Failure) {
      return failure(((Failure) r).error());
    }
    return element(r);
  }

  /** The source's stage stored by the last poll that answered {@link Stages#PENDING}. */
  @Override
  final CompletionStage<?> waiting() {
    return lastPending;
  }

  /**
   * The outcome of the stage {@link #poll()} left pending: the element, {@link Stages#END} or a
   * {@link Failure}, as polling would have answered had the stage been complete.
   */
  @Override
  final Object resume(Object value, Throwable error) {
    abandon();
    return error != null ? failure(error) : element(value);
  }

  /** Nobody waits on the stage {@link #poll()} left pending any more. */
  @Override
  final void abandon() {
    lastPending = null;
    if (state == RUNNING) {
      STATE.setRelease(this, null);
    }
  }

  /** Maps a failure of the source; {@link StopAsyncIteration} is the end. */
  final Object failure(Throwable error) {
    Throwable e = Stages.unwrap(error);
    if (e instanceof StopAsyncIteration) {
      STATE.setRelease(this, EXHAUSTED);
      return Stages.END;
    }
    return new Failure(e);
  }

  /** Maps a value of the source's stage to an element, {@link Stages#END} or a failure. */
  final Object element(Object value) {
    Object r;
    try {
      r = decode(value);
    } catch (RuntimeException e) {
      return new Failure(e);
    }
    if (r == Stages.END) {
      STATE.setRelease(this, EXHAUSTED);
    }
    return r;
  }

  final String nextMethod() {
    return nextMethod;
  }
}
