package dev.aiter.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The naive {@code thenCompose} recursion in {@code sync} mode, at the largest element count that
 * does not overflow the stack: {@link NaiveDepthProbe} finds it and run.sh passes it as {@code
 * naiveN}. Every element nests a few more frames, so 1,000,000 is out of reach.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class NaiveSyncSum {

  /** Elements per operation. */
  @Param("1000")
  public int naiveN;

  @Benchmark
  public long naive() {
    long sum = Contenders.naive(naiveN, null);
    if (sum != IntSource.expectedSum(naiveN)) {
      throw new AssertionError("sum " + sum + ", expected " + IntSource.expectedSum(naiveN));
    }
    return sum;
  }
}
