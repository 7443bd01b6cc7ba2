package dev.aiter.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.aiter.Async;
import java.util.concurrent.CompletableFuture;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/** The one element arrives while the loop is being cancelled. Result: bodies, closes, state. */
@JCStressTest
@Description("Cancelling the loop races the completion of its pending next stage")
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "element first: body, end, one close")
@Outcome(id = "0, 1, 2", expect = ACCEPTABLE, desc = "cancel first: no body, one close")
@Outcome(id = "1, 1, 2", expect = ACCEPTABLE_INTERESTING, desc = "cancel during the body: one close after it")
@Outcome(expect = FORBIDDEN, desc = "a lost or repeated body or close, or a loop not done")
@State
public class CancelRacesNextCompletion {

  private final CompletableFuture<Integer> first = new CompletableFuture<>();
  private final Sources.Scripted source = new Sources.Scripted(first);
  /** Plain on purpose: the engine orders the bodies, and jcstress orders actors before the arbiter. */
  private int bodies;
  private final CompletableFuture<Void> loop = Async.asyncFor(source.adapter(), x -> bodies++);

  @Actor
  public void complete() {
    first.complete(1);
  }

  @Actor
  public void cancel() {
    loop.cancel(false);
  }

  @Arbiter
  public void arbiter(III_Result r) {
    r.r1 = bodies;
    r.r2 = source.closeCalls.get();
    r.r3 = Sources.state(loop);
  }
}
