package dev.aiter;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A function for the concurrent operators whose stages the test completes by hand, in any order,
 * counting how many are in flight (started and not yet completed) with counters, never timing.
 */
final class HandStages implements Function<Integer, CompletionStage<Integer>> {

  /** Every stage handed out, in the order fn was called. */
  final List<CompletableFuture<Integer>> stages = new CopyOnWriteArrayList<>();

  /** The element each call of fn received, in order. */
  final List<Integer> inputs = new CopyOnWriteArrayList<>();

  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();

  @Override
  public CompletionStage<Integer> apply(Integer x) {
    inputs.add(x);
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    CompletableFuture<Integer> stage = new Counted();
    stages.add(stage);
    return stage;
  }

  /**
   * A stage that leaves the in-flight count before it completes: its dependents (the operator's
   * callback among them) may start the next stage inside the completion.
   */
  private final class Counted extends CompletableFuture<Integer> {
    private final AtomicBoolean counted = new AtomicBoolean();

    private void leave() {
      if (!isDone() && counted.compareAndSet(false, true)) {
        inFlight.decrementAndGet();
      }
    }

    @Override
    public boolean complete(Integer value) {
      leave();
      return super.complete(value);
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
      leave();
      return super.completeExceptionally(ex);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      leave();
      return super.cancel(mayInterruptIfRunning);
    }
  }

  /** The result fn stands for: ten times the element. */
  static int result(int x) {
    return 10 * x;
  }

  /** Completes the stage of the {@code i}-th call with its result. */
  void complete(int i) {
    stages.get(i).complete(result(inputs.get(i)));
  }

  /** Fails the stage of the {@code i}-th call. */
  void fail(int i, Throwable error) {
    stages.get(i).completeExceptionally(error);
  }

  int calls() {
    return stages.size();
  }

  long cancelled() {
    return stages.stream().filter(CompletableFuture::isCancelled).count();
  }
}
