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
 * A filter's pending anext() is resumed (its element rejected, so it reads its source again)
 * while another thread closes it. Result: source closes, next calls after the close, the pending
 * anext's outcome (0 still pending, 4 ended), aclose() done.
 */
@JCStressTest
@Description("An operator's aclose() races the resume of its pending anext()")
@Outcome(id = "1, 0, 4, 1", expect = ACCEPTABLE, desc = "close first, or during the resume: it ends")
@Outcome(
    id = "1, 0, 0, 1",
    expect = ACCEPTABLE_INTERESTING,
    desc = "resume first: it waits on the source's next stage, read before the close")
@Outcome(expect = FORBIDDEN, desc = "the source read after its close, closed twice, or a close not done")
@State
public class OperatorAcloseRacesResume {

  private final CompletableFuture<Integer> first = new CompletableFuture<>();
  private final CompletableFuture<Integer> never = new CompletableFuture<>();
  private final Sources.Scripted source = new Sources.Scripted(first, never);
  private final AsyncIterator<Integer> it = source.adapter().filter(x -> false);
  private final CompletableFuture<Integer> next = it.anext().toCompletableFuture();
  private CompletableFuture<Void> closed;

  @Actor
  public void complete() {
    first.complete(1);
  }

  @Actor
  public void close() {
    closed = it.aclose().toCompletableFuture();
  }

  @Arbiter
  public void arbiter(IIII_Result r) {
    r.r1 = source.closeCalls.get();
    r.r2 = source.nextAfterClose.get();
    r.r3 = Sources.outcome(next);
    r.r4 = closed.isDone() && !closed.isCompletedExceptionally() ? 1 : 0;
  }
}
