package dev.aiter.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
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
 * limit(0) closes its upstream when it is first pulled, while another thread closes the limit
 * itself: two closes of one upstream race (Upstream.close racing itself). Result: source
 * closes, the anext's outcome (4 ended), aclose() done.
 */
@JCStressTest
@Description("An operator's early close of its upstream races its own aclose()")
@Outcome(id = "1, 4, 1", expect = ACCEPTABLE, desc = "closed once, ended, close done")
@Outcome(expect = FORBIDDEN, desc = "closed twice or not at all, or a close not done")
@State
public class CloseOnceRacesEarlyEnd {

  private final Sources.Scripted source = new Sources.Scripted();
  private final AsyncIterator<Integer> it = source.adapter().limit(0);
  private CompletableFuture<Integer> next;
  private CompletableFuture<Void> closed;

  @Actor
  public void pull() {
    next = it.anext().toCompletableFuture();
  }

  @Actor
  public void close() {
    closed = it.aclose().toCompletableFuture();
  }

  @Arbiter
  public void arbiter(III_Result r) {
    r.r1 = source.closeCalls.get();
    r.r2 = Sources.outcome(next);
    r.r3 = closed.isDone() && !closed.isCompletedExceptionally() ? 1 : 0;
  }
}
