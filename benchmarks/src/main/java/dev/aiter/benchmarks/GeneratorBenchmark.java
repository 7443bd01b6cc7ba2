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
 * A generator of {@code n} integers, summed, against the hand-written way to produce elements on
 * another thread (a {@code SynchronousQueue} producer). report_concurrency.py divides by {@code n}
 * for ns per element. The body runs on a virtual thread from JDK 21, a platform thread on 17: run
 * it on both (issue 10).
 */
public final class GeneratorBenchmark {

  private GeneratorBenchmark() {}

  static long check(int n, long sum) {
    long expected = IntSource.expectedSum(n);
    if (sum != expected) {
      throw new AssertionError("sum " + sum + ", expected " + expected);
    }
    return sum;
  }

  /**
   * Drained by {@code asyncFor}: after the first element the loop body runs on the generator's
   * thread and asks for the next one from inside yield, so no element needs a thread hand-off.
   */
  @State(Scope.Benchmark)
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Fork(1)
  @Warmup(iterations = 5, time = 1)
  @Measurement(iterations = 5, time = 1)
  public static class Loop {
    /** Elements per operation. */
    @Param("1000000")
    public int n;

    @Benchmark
    public long aiterAsyncFor() {
      return check(n, ConcurrencyContenders.aiterGenerator(n));
    }
  }

  /** One thread hand-off (and back) per element: fewer elements, so an operation stays short. */
  @State(Scope.Benchmark)
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Fork(1)
  @Warmup(iterations = 5, time = 1)
  @Measurement(iterations = 5, time = 1)
  public static class HandOff {
    /** Elements per operation. */
    @Param("100000")
    public int n;

    @Benchmark
    public long aiterJoinEach() {
      return check(n, ConcurrencyContenders.aiterGeneratorJoinEach(n));
    }

    @Benchmark
    public long synchronousQueue() {
      return check(n, ConcurrencyContenders.synchronousQueueThread(n));
    }
  }
}
