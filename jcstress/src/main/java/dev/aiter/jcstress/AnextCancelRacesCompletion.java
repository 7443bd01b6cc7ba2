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
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Cancelling the stage of an operator's pending anext() races the completion of the source's
 * stage it waits on. Result: that anext's state (1 the value, 2 cancelled), the source's stage
 * cancelled, the outcome of the next anext() (2 failed with the CancellationException that
 * reached the iterator, as O5 repeats it; 4 ended).
 */
@JCStressTest
@Description("Cancelling an operator's pending anext() races the completion of its upstream stage")
@Outcome(id = "1, 0, 4", expect = ACCEPTABLE, desc = "completion first: the value, then the end")
@Outcome(id = "2, 1, 2", expect = ACCEPTABLE, desc = "cancel first: the source's stage cancelled, the iterator failed")
@Outcome(
    id = "2, 0, 4",
    expect = ACCEPTABLE_INTERESTING,
    desc = "cancelled while the value was being handed over: the value is dropped")
@Outcome(expect = FORBIDDEN, desc = "both the value and a cancelled source stage, or a stage never done")
@State
public class AnextCancelRacesCompletion {

  private final CompletableFuture<Integer> first = new CompletableFuture<>();
  private final Sources.Scripted source = new Sources.Scripted(first);
  private final AsyncIterator<Integer> it = source.adapter().map(x -> x + 1);
  private final CompletableFuture<Integer> next = it.anext().toCompletableFuture();

  @Actor
  public void complete() {
    first.complete(1);
  }

  @Actor
  public void cancel() {
    next.cancel(false);
  }

  @Arbiter
  public void arbiter(III_Result r) {
    r.r1 = Sources.state(next);
    r.r2 = first.isCancelled() ? 1 : 0;
    r.r3 = Sources.outcome(it.anext().toCompletableFuture());
  }
}
