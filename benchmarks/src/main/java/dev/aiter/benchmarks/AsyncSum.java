package dev.aiter.benchmarks;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code async} mode: a single-thread executor completes every stage, so each loop body runs on
 * that executor's thread and each element costs a task hand-off.
 */
@State(Scope.Benchmark)
public class AsyncSum extends SumBenchmark {

  /** Elements per operation. */
  @Param("100000")
  public int n;

  private ExecutorService executor;

  @Setup(Level.Trial)
  public void startExecutor() {
    executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "source-completer");
              t.setDaemon(true);
              return t;
            });
  }

  @TearDown(Level.Trial)
  public void stopExecutor() throws InterruptedException {
    executor.shutdown();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Override
  int n() {
    return n;
  }

  @Override
  Executor executor() {
    return executor;
  }

  /**
   * Recursion through {@code thenCompose} does not overflow here: every element's callback starts
   * on a fresh executor task, and the chain of nested futures completes iteratively.
   */
  @Benchmark
  public long naive() {
    return check(Contenders.naive(n, executor));
  }
}
