package dev.aiter.internal;

import dev.aiter.StopAsyncIteration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

/**
 * Inspection of stages without allocating on the already-complete path. Internal: not part of
 * the aiter API.
 */
public final class Stages {

  /** A completed stage with a {@code null} value that nobody can complete again. */
  public static final CompletionStage<Void> DONE = CompletableFuture.completedStage(null);

  /** Result of {@link #peek}: the stage is not complete yet, or cannot be inspected. */
  static final Object PENDING = new Marker("PENDING");

  /** Result of a poll: the iteration ended. */
  static final Object END = new Marker("END");

  /** Inside a filtering operator: the element was dropped; never handed out of the operator. */
  static final Object REJECTED = new Marker("REJECTED");

  /**
   * {@code minimalCompletionStage()} returns a {@code CompletableFuture} subclass whose {@code
   * isDone()} and {@code getNow()} throw; such stages take the callback path.
   */
  private static final Class<?> MINIMAL_STAGE = DONE.getClass();

  private Stages() {}

  /** A failed outcome, carried where a value or a marker is expected. Never seen by users. */
  record Failure(Throwable error) {}

  private record Marker(String name) {}

  /**
   * Returns the stage's value when it already completed normally, a {@link Failure} with the
   * unwrapped exception when it already failed, and {@link #PENDING} otherwise.
   */
  @SuppressWarnings("unchecked")
  static Object peek(CompletionStage<?> stage) {
    Class<?> type = stage.getClass();
    // The exact class first: the common case costs one class comparison, and the JIT, knowing
    // the type, inlines getNow() without a further check. This is the loop's hot path.
    if (type == CompletableFuture.class) {
      return now((CompletableFuture<Object>) stage);
    }
    if (stage instanceof CompletableFuture && type != MINIMAL_STAGE) {
      return now((CompletableFuture<Object>) stage);
    }
    return PENDING;
  }

  /**
   * Whether {@code stage} is a {@link Future} that may be cancelled: a
   * {@code minimalCompletionStage()} is one by type, but its {@code cancel} throws.
   */
  static boolean cancellable(CompletionStage<?> stage) {
    return stage instanceof Future && stage.getClass() != MINIMAL_STAGE;
  }

  /**
   * getNow(PENDING) reads the future's result once (isDone() then getNow() would read it twice).
   * PENDING is private, so no future completes with it.
   */
  private static Object now(CompletableFuture<Object> future) {
    try {
      return future.getNow(PENDING);
    } catch (CompletionException e) {
      return new Failure(unwrap(e));
    } catch (CancellationException e) {
      return new Failure(e);
    } catch (UnsupportedOperationException e) {
      // A subclass that cannot be inspected: wait for it like any other stage.
      return PENDING;
    }
  }

  /**
   * Removes the {@link CompletionException} wrappers that stages add around an exception.
   *
   * @param error an exception, possibly wrapped
   * @return the innermost exception that is not a {@code CompletionException} with a cause
   */
  public static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /**
   * Returns {@code stage} itself when it is an inspectable {@code CompletableFuture}, otherwise a
   * future that completes as it does (failures unwrapped).
   *
   * @param stage any stage
   * @param <T> the value type
   * @return a future with the stage's outcome
   */
  public static <T> CompletableFuture<T> toFuture(CompletionStage<T> stage) {
    if (stage instanceof CompletableFuture && stage.getClass() != MINIMAL_STAGE) {
      return (CompletableFuture<T>) stage;
    }
    CompletableFuture<T> future = new CompletableFuture<>();
    stage.whenComplete(
        (value, error) -> {
          if (error == null) {
            future.complete(value);
          } else {
            future.completeExceptionally(unwrap(error));
          }
        });
    return future;
  }

  /**
   * Cancels {@code stage} where it is a {@link Future} that may be cancelled.
   *
   * @return what a user's {@code cancel} threw, to keep it (B7); {@code null} otherwise. An
   *     {@code Error} is kept too: thrown on, it would leave the engine half-way through a stop
   */
  static Throwable cancel(CompletionStage<?> stage) {
    if (!cancellable(stage)) {
      return null;
    }
    try {
      ((Future<?>) stage).cancel(false);
      return null;
    } catch (Throwable e) {
      return e;
    }
  }

  /**
   * Cancels {@code work} (when not {@code null}) for an operator that is being closed, and returns
   * {@code closed}, failed with what the cancel threw, if it threw.
   */
  static CompletionStage<?> cancelThen(CompletionStage<?> work, CompletionStage<?> closed) {
    Throwable refused = work == null ? null : cancel(work);
    return refused == null ? closed : both(CompletableFuture.failedFuture(refused), closed);
  }

  /**
   * Keeps {@code late} on the exception {@code future} already failed with (usually its {@code
   * CancellationException}); when the future holds none, hands it to the thread's
   * uncaught-exception handler, so that nothing is lost.
   */
  static void attach(CompletableFuture<?> future, Throwable late) {
    // handle() sees the exception the future holds; join() may throw a copy (it does on JDK 25).
    Throwable held = future.handle((value, error) -> error).getNow(null);
    if (held != null) {
      held = unwrap(held);
      if (held != late) {
        held.addSuppressed(late);
      }
      return;
    }
    Thread thread = Thread.currentThread();
    thread.getUncaughtExceptionHandler().uncaughtException(thread, late);
  }

  /** A {@link Failure} for {@code error}, unwrapped; {@link StopAsyncIteration} is the end. */
  static Object failure(Throwable error) {
    Throwable e = unwrap(error);
    return e instanceof StopAsyncIteration ? END : new Failure(e);
  }

  /**
   * Completes {@code target} as {@code stage} completes (failures unwrapped), without a callback
   * when {@code stage} is already complete.
   */
  static void forward(CompletionStage<?> stage, CompletableFuture<Void> target) {
    Object r = peek(stage);
    if (r == PENDING) {
      stage.whenComplete(
          (value, error) -> {
            if (error == null) {
              target.complete(null);
            } else {
              target.completeExceptionally(unwrap(error));
            }
          });
    } else if (r instanceof Failure) {
      target.completeExceptionally(((Failure) r).error());
    } else {
      target.complete(null);
    }
  }

  /**
   * A stage that completes when both stages completed: failed with the first one's failure (the
   * second's added as suppressed) when either failed.
   */
  static CompletionStage<?> both(CompletionStage<?> first, CompletionStage<?> second) {
    if (first == DONE) {
      return second;
    }
    if (second == DONE) {
      return first;
    }
    CompletableFuture<Void> result = new CompletableFuture<>();
    first.whenComplete(
        (v1, e1) ->
            second.whenComplete(
                (v2, e2) -> {
                  Throwable a = e1 == null ? null : unwrap(e1);
                  Throwable b = e2 == null ? null : unwrap(e2);
                  if (a == null && b == null) {
                    result.complete(null);
                  } else if (a == null) {
                    result.completeExceptionally(b);
                  } else {
                    suppress(a, b);
                    result.completeExceptionally(a);
                  }
                }));
    return result;
  }

  /**
   * Adds {@code late} (when not {@code null}) as suppressed on {@code error}, unless it is {@code
   * error} itself or already suppressed there: the same two closes may be combined twice (an
   * operator's early close, then its {@code aclose()}), and each failure is told once.
   */
  static void suppress(Throwable error, Throwable late) {
    if (late == null || late == error) {
      return;
    }
    for (Throwable s : error.getSuppressed()) {
      if (s == late) {
        return;
      }
    }
    error.addSuppressed(late);
  }

  /**
   * {@code String.valueOf(value)} for a message, without letting a user's {@code toString} that
   * throws (or overflows) escape from the engine instead of the error being described.
   */
  static String describe(Object value) {
    try {
      return String.valueOf(value);
    } catch (Throwable t) {
      return value.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(value));
    }
  }

  /**
   * The error for a method that returned {@code null} where a stage was due.
   *
   * @param method the method, e.g. {@code "com.example.Pager.anext()"}
   * @return an exception whose message names the method
   */
  public static NullPointerException nullStage(String method) {
    return new NullPointerException(
        method + " returned null instead of a CompletionStage; return a completed or failed stage");
  }
}
