package dev.aiter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.aiter.Async;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * aiter's pull iterators never throw from poll or resume by design; when one does all the same
 * (a {@link StackOverflowError} in a chain nested deeper than the stack, an {@code
 * OutOfMemoryError} in the engine's own bookkeeping), the stage or loop that was resuming it must
 * fail with that error, never hang with it lost inside a stage's callback.
 */
class EngineSafetyNetTest {

  /** Waits on a pending stage; throws {@link #error} from resume (and from poll, when asked). */
  private static final class Throwing extends PullIterator<Integer> {
    final CompletableFuture<Integer> stage = new CompletableFuture<>();
    final StackOverflowError error = new StackOverflowError("simulated");
    final AtomicInteger closes = new AtomicInteger();
    private final boolean throwOnPoll;

    Throwing(boolean throwOnPoll) {
      this.throwOnPoll = throwOnPoll;
    }

    @Override
    Object poll() {
      if (throwOnPoll) {
        throw error;
      }
      return Stages.PENDING;
    }

    @Override
    CompletionStage<?> waiting() {
      return stage;
    }

    @Override
    Object resume(Object value, Throwable e) {
      throw error;
    }

    @Override
    public CompletionStage<Void> aclose() {
      closes.incrementAndGet();
      return Stages.DONE;
    }
  }

  private static Throwable failureOf(CompletionStage<?> stage) throws Exception {
    return stage.toCompletableFuture().handle((v, e) -> e).get(10, TimeUnit.SECONDS);
  }

  @Test
  void aResumptionWhoseIteratorThrows_failsWithTheError() throws Exception {
    Throwing it = new Throwing(false);
    CompletionStage<Integer> next = it.anext();
    it.stage.complete(1);
    assertSame(it.error, failureOf(next));
  }

  @Test
  void anOperatorWhoseUpstreamThrowsInResume_failsWithTheError_andStillCloses() throws Exception {
    Throwing it = new Throwing(false);
    Transforms.Map<Integer, Integer> map = new Transforms.Map<>(it, x -> x);
    CompletionStage<Integer> next = map.anext();
    it.stage.complete(1);
    assertSame(it.error, failureOf(next));
    assertSame(it.error, failureOf(map.anext()), "and again (O5)");
    assertEquals(null, failureOf(map.aclose()));
    assertEquals(1, it.closes.get());
  }

  @Test
  void aLoopWhoseSourceThrowsInResume_failsWithTheError_andCloses() throws Exception {
    Throwing it = new Throwing(false);
    CompletableFuture<Void> loop = Async.asyncFor(it, x -> {});
    it.stage.complete(1);
    assertSame(it.error, failureOf(loop));
    assertEquals(1, it.closes.get());
  }

  @Test
  void aLoopWhoseSourceThrowsInPoll_failsWithTheError_andCloses() throws Exception {
    Throwing it = new Throwing(true);
    CompletableFuture<Void> loop = Async.asyncFor(it, x -> {});
    assertSame(it.error, failureOf(loop));
    assertEquals(1, it.closes.get());
  }
}
