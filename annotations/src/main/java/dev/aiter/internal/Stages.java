package dev.aiter.internal;

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
