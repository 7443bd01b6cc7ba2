package dev.aiter.benchmarks;

import java.util.concurrent.Executor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** {@code sync} mode: every stage the source hands out is already complete. */
@State(Scope.Benchmark)
public class SyncSum extends SumBenchmark {

  /** Elements per operation. */
  @Param("1000000")
  public int n;

  @Override
  int n() {
    return n;
  }

  @Override
  Executor executor() {
    return null;
  }

  /** The floor: no futures at all, only the same boxed values through an {@code Iterator}. */
  @Benchmark
  public long floor() {
    return check(Contenders.floor(n));
  }
}
