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
 * The Flow bridges (issue 11): one operation sums {@code n} elements through one bridge; {@code
 * BENCH=bridges benchmarks/run.sh} runs these and divides by {@code n}. See {@link
 * BridgeContenders} for what each contender is; the Reactor ones are the reference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class BridgeBenchmark {

  /** Elements per operation. */
  @Param("1000000")
  public int n;

  private long check(long sum) {
    long expected = IntSource.expectedSum(n);
    if (sum != expected) {
      throw new AssertionError("sum " + sum + ", expected " + expected);
    }
    return sum;
  }

  @Benchmark
  public long toPublisher() {
    return check(BridgeContenders.toPublisher(n));
  }

  @Benchmark
  public long toPublisherAdapter() {
    return check(BridgeContenders.toPublisherAdapter(n));
  }

  @Benchmark
  public long toPublisherOneByOne() {
    return check(BridgeContenders.toPublisherOneByOne(n));
  }

  @Benchmark
  public long reactorToFlowPublisher() {
    return check(BridgeContenders.reactorToFlowPublisher(n));
  }

  @Benchmark
  public long fromPublisher() {
    return check(BridgeContenders.fromPublisher(n));
  }

  @Benchmark
  public long reactorFromFlowPublisher() {
    return check(BridgeContenders.reactorFromFlowPublisher(n));
  }

  @Benchmark
  public long reactorToIterable() {
    return check(BridgeContenders.reactorToIterable(n));
  }

  @Benchmark
  public long roundTrip() {
    return check(BridgeContenders.roundTrip(n));
  }

  @Benchmark
  public long reactorRoundTrip() {
    return check(BridgeContenders.reactorRoundTrip(n));
  }
}
