package dev.aiter.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.aiter.Async;
import dev.aiter.StopAsyncIteration;
import java.util.concurrent.CompletableFuture;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/** The end of the iteration arrives while the loop is being cancelled: one close either way. */
@JCStressTest
@Description("Cancelling the loop races the end of the iteration (close racing the last element)")
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "end first: closed once, completed normally")
@Outcome(id = "1, 1, 2", expect = ACCEPTABLE, desc = "cancel first: closed once, cancelled")
@Outcome(expect = FORBIDDEN, desc = "no close, two closes, or an extra next call")
@State
public class CancelRacesTheEnd {

  private final CompletableFuture<Integer> end = new CompletableFuture<>();
  private final Sources.Scripted source = new Sources.Scripted(end);
  private final CompletableFuture<Void> loop = Async.asyncFor(source.adapter(), x -> {});

  @Actor
  public void end() {
    end.completeExceptionally(new StopAsyncIteration());
  }

  @Actor
  public void cancel() {
    loop.cancel(false);
  }

  @Arbiter
  public void arbiter(III_Result r) {
    r.r1 = source.nextCalls.get();
    r.r2 = source.closeCalls.get();
    r.r3 = Sources.state(loop);
  }
}
