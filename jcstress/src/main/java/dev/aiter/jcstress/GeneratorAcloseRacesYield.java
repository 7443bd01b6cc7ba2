package dev.aiter.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.aiter.Async;
import dev.aiter.AsyncIterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A generator parked in its first yield is asked for its next element (it goes on to its second
 * yield) while another thread closes it. Result: finally runs, the second anext's outcome (1 the
 * element, 4 ended), aclose() done normally.
 */
@JCStressTest
@Description("A generator's aclose() races its yield")
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "anext first: the second element, then the close")
@Outcome(id = "1, 4, 1", expect = ACCEPTABLE, desc = "close first, or before the second yield: it ends")
@Outcome(expect = FORBIDDEN, desc = "the body unwound other than once, an anext lost, a close not done")
@State
public class GeneratorAcloseRacesYield {

  /** Bodies run on this pool; each is parked in yield until its state is closed. */
  private static final ExecutorService BODIES =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "generator-body");
            t.setDaemon(true);
            return t;
          });

  private final AtomicInteger unwound = new AtomicInteger();
  private final AsyncIterator<Integer> gen =
      Async.generator(
          BODIES,
          out -> {
            try {
              out.yield(1);
              out.yield(2);
            } finally {
              unwound.incrementAndGet();
            }
          });
  private CompletableFuture<Integer> second;
  private CompletableFuture<Void> closed;

  public GeneratorAcloseRacesYield() {
    Async.anext(gen).join(); // the body now waits in its first yield
  }

  @Actor
  public void next() {
    second = Async.anext(gen);
  }

  @Actor
  public void close() {
    closed = gen.aclose().toCompletableFuture();
  }

  @Arbiter
  public void arbiter(III_Result r) {
    try {
      closed.get(10, TimeUnit.SECONDS);
      second.handle((v, e) -> null).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      r.r1 = -1; // did not complete: FORBIDDEN
      return;
    }
    r.r1 = unwound.get();
    r.r2 = second.isCompletedExceptionally() ? Sources.outcome(second) : (second.join() == 2 ? 1 : -2);
    r.r3 = closed.isCompletedExceptionally() ? 0 : 1;
  }
}
