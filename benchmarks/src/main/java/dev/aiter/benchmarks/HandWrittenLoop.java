package dev.aiter.benchmarks;

import dev.aiter.StopAsyncIteration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The best stack-safe loop we know how to write by hand for one source type: the practical limit
 * that aiter is measured against.
 *
 * <p>While the source's futures are already complete it takes their values in a plain loop: no
 * callback, no atomic operation, nothing allocated. A pending future gets this object as its one
 * callback. A work-in-progress count (this object is an {@link AtomicInteger}) keeps the stack
 * flat when that callback runs at once on the registering thread (the future completed in
 * between): the callback only raises the count and the running loop goes round again.
 */
public final class HandWrittenLoop extends AtomicInteger
    implements BiConsumer<Integer, Throwable> {

  private static final long serialVersionUID = 1L;

  private final transient IntSource source;
  private final transient Consumer<? super Integer> body;
  private final transient CompletableFuture<Void> done = new CompletableFuture<>();

  private HandWrittenLoop(IntSource source, Consumer<? super Integer> body) {
    this.source = source;
    this.body = body;
  }

  /**
   * Runs {@code body} for every element of {@code source}, in order.
   *
   * @param source the source
   * @param body what to do with each element
   * @return a future that completes when the source ended or fails with the first error
   */
  public static CompletableFuture<Void> run(IntSource source, Consumer<? super Integer> body) {
    HandWrittenLoop loop = new HandWrittenLoop(source, body);
    loop.set(1);
    loop.drain();
    return loop.done;
  }

  private void drain() {
    do {
      for (;;) {
        CompletableFuture<Integer> next;
        try {
          next = source.anext();
        } catch (Throwable t) {
          done.completeExceptionally(t);
          return;
        }
        if (!next.isDone()) {
          next.whenComplete(this);
          break;
        }
        Integer value;
        try {
          value = next.join();
        } catch (Throwable t) {
          end(t);
          return;
        }
        if (!runBody(value)) {
          return;
        }
      }
    } while (decrementAndGet() != 0);
  }

  /** Completion of a pending future. */
  @Override
  public void accept(Integer value, Throwable error) {
    if (error != null) {
      end(error);
      return;
    }
    if (runBody(value) && getAndIncrement() == 0) {
      drain();
    }
  }

  private boolean runBody(Integer value) {
    try {
      body.accept(value);
      return true;
    } catch (Throwable t) {
      done.completeExceptionally(t);
      return false;
    }
  }

  private void end(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
    if (cause instanceof StopAsyncIteration) {
      done.complete(null);
    } else {
      done.completeExceptionally(cause);
    }
  }
}
