package dev.aiter.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.aiter.AsyncIterator;
import java.util.concurrent.CompletionStage;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/** Two threads close one adapter: the source's close runs once and both see its stage. */
@JCStressTest
@Description("Concurrent aclose() calls on a generated-style adapter")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "one close, one shared stage")
@Outcome(expect = FORBIDDEN, desc = "two closes, or two different stages")
@State
public class AcloseTwice {

  private final Sources.Scripted source = new Sources.Scripted();
  private final AsyncIterator<Integer> adapter = source.adapter();
  private CompletionStage<Void> first;
  private CompletionStage<Void> second;

  @Actor
  public void one() {
    first = adapter.aclose();
  }

  @Actor
  public void two() {
    second = adapter.aclose();
  }

  @Arbiter
  public void arbiter(II_Result r) {
    r.r1 = source.closeCalls.get();
    r.r2 = first == second ? 1 : 0;
  }
}
