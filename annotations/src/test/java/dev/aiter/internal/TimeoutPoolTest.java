package dev.aiter.internal;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aiter.AsyncIterator;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * {@code timeout(d)} hands a timeout's consequences to the default async pool; when that pool
 * cannot run them the timeout must still happen. On one or two cores the pool makes a thread per
 * task, and a thread that cannot be made is an {@link OutOfMemoryError}.
 */
class TimeoutPoolTest {

  /** A source whose stage never completes. */
  private static final AsyncIterator<Integer> STUCK =
      new AsyncIterator<>() {
        @Override
        public CompletionStage<Integer> anext() {
          return new CompletableFuture<>();
        }
      };

  private static void timesOutWith(Executor pool) {
    Timeout<Integer> it = new Timeout<>(PullIterator.of(STUCK), Duration.ofMillis(1), pool);
    CompletableFuture<Integer> next = it.anext().toCompletableFuture();
    // A TimeoutException of get() itself (not the cause) means the timeout was lost.
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> next.get(10, TimeUnit.SECONDS));
    assertInstanceOf(TimeoutException.class, e.getCause());
  }

  @Test
  void aPoolThatThrowsAnError_stillTimesOut() {
    timesOutWith(
        task -> {
          throw new OutOfMemoryError("simulated: unable to create native thread");
        });
  }

  @Test
  void aPoolThatRejects_stillTimesOut() {
    timesOutWith(
        task -> {
          throw new RejectedExecutionException("shut down");
        });
  }
}
