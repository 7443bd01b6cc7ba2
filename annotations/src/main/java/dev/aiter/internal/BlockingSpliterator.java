package dev.aiter.internal;

import dev.aiter.internal.Stages.Failure;
import java.util.Spliterator;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * {@code AsyncIterator.toStream()}: a sequential {@link Spliterator} that pulls the iterator
 * through the pull protocol and blocks the calling thread on the stage it waits for. Elements of
 * already-complete stages are taken without blocking and without a stage.
 *
 * <p>The iterator is closed once: when it ends or fails (the terminal operation then waits for
 * the close, and a close failure is thrown or added as suppressed), when the stream is closed, or
 * when the blocked thread is interrupted. An interrupted wait cancels the stage waited on, closes
 * the iterator without waiting, restores the interrupt flag and throws a {@link
 * CompletionException} whose cause is the {@link InterruptedException}.
 *
 * @param <T> the element type
 */
final class BlockingSpliterator<T> implements Spliterator<T>, Runnable {

  private final Upstream<T> source;
  private boolean ended;

  private BlockingSpliterator(PullIterator<T> source) {
    this.source = new Upstream<>(source);
  }

  /** A sequential stream over {@code source} whose {@code close()} closes it. */
  static <T> Stream<T> stream(PullIterator<T> source) {
    BlockingSpliterator<T> spliterator = new BlockingSpliterator<>(source);
    return StreamSupport.stream(spliterator, false).onClose(spliterator);
  }

  @Override
  @SuppressWarnings("unchecked")
  public boolean tryAdvance(Consumer<? super T> action) {
    if (ended) {
      return false;
    }
    Object r = source.it.poll();
    while (r == Stages.PENDING) {
      r = await(source.it.waiting());
    }
    if (r == Stages.END) {
      ended = true;
      closeAndWait(null);
      return false;
    }
    if (r instanceof Failure) {
      ended = true;
      closeAndWait(((Failure) r).error());
      return false; // not reached: closeAndWait throws
    }
    action.accept((T) r);
    return true;
  }

  /** Blocks until {@code stage} completed and resumes the iterator with its outcome. */
  private Object await(CompletionStage<?> stage) {
    CompletableFuture<?> future = Stages.toFuture(stage);
    Object value = null;
    Throwable error = null;
    try {
      value = future.get();
    } catch (ExecutionException e) {
      error = e.getCause();
    } catch (CancellationException e) {
      error = e;
    } catch (InterruptedException e) {
      // Interruption is how a blocked thread is cancelled: give up the element, and do not
      // block again to wait for the close (a close that already failed is kept, though).
      ended = true;
      source.it.abandon();
      Throwable refused = Stages.cancel(stage);
      if (refused != null) {
        e.addSuppressed(refused);
      }
      Object closed = Stages.peek(source.close());
      if (closed instanceof Failure) {
        e.addSuppressed(((Failure) closed).error());
      }
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    }
    return source.it.resume(value, error);
  }

  /**
   * Closes the iterator and waits for that close; throws {@code error} (with a close failure
   * suppressed) or the close failure.
   */
  private void closeAndWait(Throwable error) {
    Throwable closeError = null;
    try {
      Stages.toFuture(source.close()).get();
    } catch (ExecutionException e) {
      closeError = Stages.unwrap(e.getCause());
    } catch (CancellationException e) {
      closeError = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeError = e;
    }
    Throwable failure = error;
    if (failure == null) {
      failure = closeError;
    } else if (closeError != null && closeError != failure) {
      failure.addSuppressed(closeError);
    }
    if (failure != null) {
      throw unchecked(failure);
    }
  }

  private static RuntimeException unchecked(Throwable failure) {
    if (failure instanceof RuntimeException) {
      return (RuntimeException) failure;
    }
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    return new CompletionException(failure);
  }

  /** {@code Stream.close()}: closes the iterator once and waits for that close. */
  @Override
  public void run() {
    ended = true;
    closeAndWait(null);
  }

  @Override
  public Spliterator<T> trySplit() {
    return null; // sequential: one pull at a time
  }

  @Override
  public long estimateSize() {
    return Long.MAX_VALUE;
  }

  @Override
  public int characteristics() {
    return ORDERED;
  }
}
