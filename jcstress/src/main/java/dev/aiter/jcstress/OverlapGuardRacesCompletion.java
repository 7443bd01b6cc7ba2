package dev.aiter.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.aiter.AsyncIterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * B9: anext() while the previous stage is being completed either fails "already running" without
 * calling the source, or (previous stage done) calls it. Result: outcome of the second anext()
 * (1 already running, 2 the next element), next calls.
 */
@JCStressTest
@Description("The overlap guard races the completion of the previous stage")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "still running: refused, source not called")
@Outcome(id = "2, 2", expect = ACCEPTABLE, desc = "previous done: the source is called again")
@Outcome(expect = FORBIDDEN, desc = "the source called while running, or refused after it finished")
@State
public class OverlapGuardRacesCompletion {

  private final CompletableFuture<Integer> first = new CompletableFuture<>();
  private final Sources.Scripted source =
      new Sources.Scripted(first, CompletableFuture.completedFuture(2));
  private final AsyncIterator<Integer> adapter = source.adapter();
  private int outcome;

  public OverlapGuardRacesCompletion() {
    adapter.anext(); // pending: first
  }

  @Actor
  public void complete() {
    first.complete(1);
  }

  @Actor
  public void next() {
    try {
      outcome = adapter.anext().toCompletableFuture().join();
    } catch (CompletionException e) {
      outcome = e.getCause() instanceof IllegalStateException ? 1 : -1;
    }
  }

  @Arbiter
  public void arbiter(II_Result r) {
    r.r1 = outcome;
    r.r2 = source.nextCalls.get();
  }
}
