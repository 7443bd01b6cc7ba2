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
 * {@code mapAsync(concurrency, fn)} against Reactor's {@code flatMapSequential(fn, concurrency)}:
 * one operation maps {@code n} elements whose work completes 1 ms later, results in order. The
 * figure of merit is the speed-up over {@code concurrency = 1} (issue 10: at least 3.5× at 4 and
 * 12× at 16), which report_concurrency.py computes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class MapAsyncBenchmark {

  /** Elements per operation. */
  @Param("200")
  public int n;

  /** Stages in flight at most. */
  @Param({"1", "4", "16"})
  public int concurrency;

  private long check(long checksum) {
    if (checksum != ConcurrencyContenders.expectedOrdered(n)) {
      throw new AssertionError("wrong or reordered results: " + checksum);
    }
    return checksum;
  }

  @Benchmark
  public long aiterMapAsync() {
    return check(ConcurrencyContenders.aiterMapAsync(n, concurrency));
  }

  @Benchmark
  public long reactorFlatMapSequential() {
    return check(ConcurrencyContenders.reactorFlatMapSequential(n, concurrency));
  }
}
