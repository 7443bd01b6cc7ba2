package dev.aiter.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.aiter.AsyncIterator;
import java.util.concurrent.CompletableFuture;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * mapAsync(2, fn) has both elements' stages of fn in flight; the consumer cancels its pending
 * anext() while the first stage completes. Result: the anext's state (1 the value, 2 cancelled),
 * the second stage cancelled by then, the second stage cancelled after aclose(), source closes.
 */
@JCStressTest
@Description("Cancelling mapAsync(c)'s pending anext() races the completion of the stage it waits for")
@Outcome(id = "1, 0, 1, 1", expect = ACCEPTABLE, desc = "completion first: the value; the window goes on")
@Outcome(id = "2, 1, 1, 1", expect = ACCEPTABLE, desc = "cancel first: all work in flight cancelled")
@Outcome(
    id = "2, 0, 1, 1",
    expect = ACCEPTABLE_INTERESTING,
    desc = "cancelled as the value was handed over: the window goes on until closed")
@Outcome(expect = FORBIDDEN, desc = "work left running after the close, or closed other than once")
@State
public class MapAsyncCancelRacesCompletion {

  private final CompletableFuture<Integer> work0 = new CompletableFuture<>();
  private final CompletableFuture<Integer> work1 = new CompletableFuture<>();
  private final Sources.Scripted source =
      new Sources.Scripted(
          CompletableFuture.completedFuture(0), CompletableFuture.completedFuture(1));
  private final AsyncIterator<Integer> it =
      source.adapter().mapAsync(2, x -> x == 0 ? work0 : work1);
  private final CompletableFuture<Integer> next = it.anext().toCompletableFuture();

  @Actor
  public void complete() {
    work0.complete(10);
  }

  @Actor
  public void cancel() {
    next.cancel(false);
  }

  @Arbiter
  public void arbiter(IIII_Result r) {
    r.r1 = Sources.state(next);
    r.r2 = work1.isCancelled() ? 1 : 0;
    it.aclose().toCompletableFuture().join();
    r.r3 = work1.isCancelled() ? 1 : 0;
    r.r4 = source.closeCalls.get();
  }
}
