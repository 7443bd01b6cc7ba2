package dev.aiter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.GeneratorExit;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A puller that abandons a generator's pending answer (a loop being stopped, a window that stops
 * reading) and polls again before closing it: the poll is refused as "already running", and the
 * body's pending request must be left alone.
 */
class GeneratorAbandonTest {

  @Test
  void aPollAfterAbandon_isAlreadyRunning_andLeavesTheBodysRequestAlone() throws Exception {
    CountDownLatch mayYield = new CountDownLatch(1);
    Queue<Throwable> fromYield = new ConcurrentLinkedQueue<>();
    CompletableFuture<Void> unwound = new CompletableFuture<>();
    Generators.GeneratorIterator<Integer> it =
        new Generators.GeneratorIterator<>(
            null,
            out -> {
              try {
                mayYield.await();
                out.yield(1);
              } catch (GeneratorExit e) {
                throw e;
              } catch (Throwable t) {
                fromYield.add(t);
              } finally {
                unwound.complete(null);
              }
            });
    assertEquals(Stages.PENDING, it.poll());
    it.abandon();
    Object again = it.poll();
    assertInstanceOf(Stages.Failure.class, again);
    assertTrue(
        ((Stages.Failure) again).error().getMessage().contains("already running"),
        again.toString());
    mayYield.countDown();
    it.aclose().toCompletableFuture().get(10, TimeUnit.SECONDS);
    unwound.get(10, TimeUnit.SECONDS);
    assertTrue(fromYield.isEmpty(), () -> "yield threw " + fromYield);
  }
}
