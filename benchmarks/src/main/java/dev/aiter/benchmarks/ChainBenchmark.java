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
 * The operator chain of issue 9 over 1,000,000 already-complete elements of {@link IntSource}:
 * {@code map → filter → limit(500,000) → sum}; {@link ChainContenders} has each library's form.
 * One operation reads {@link ChainContenders#sourceElementsRead} source elements; report.py
 * divides by that.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class ChainBenchmark {

  /** Elements of the source. */
  @Param("1000000")
  public int n;

  private long check(long sum) {
    long expected = ChainContenders.expected(n);
    if (sum != expected) {
      throw new AssertionError("sum " + sum + ", expected " + expected);
    }
    return sum;
  }

  /** The anchor every ratio is taken to. */
  @Benchmark
  public long handFused() {
    return check(ChainContenders.handFused(n));
  }

  @Benchmark
  public long aiter() {
    return check(ChainContenders.aiter(n));
  }

  @Benchmark
  public long reactor() {
    return check(ChainContenders.reactor(n));
  }

  @Benchmark
  public long rxjava() {
    return check(ChainContenders.rxjava(n));
  }

  @Benchmark
  public long asyncUtil() {
    return check(ChainContenders.asyncUtil(n));
  }

  @Benchmark
  public long stream() {
    return check(ChainContenders.stream(n));
  }
}
