package dev.aiter.benchmarks;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The contenders that run in both modes: one operation sums all {@code n()} elements of a fresh
 * source. {@link SyncSum} and {@link AsyncSum} supply the mode; run.sh divides by the element
 * count. The defaults below are what a bare {@code java -jar benchmarks.jar} uses; run.sh passes
 * its own.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class SumBenchmark {

  /** How many elements one operation sums. */
  abstract int n();

  /** Completes the source's stages, or {@code null} when they are already complete. */
  abstract Executor executor();

  final long check(long sum) {
    long expected = IntSource.expectedSum(n());
    if (sum != expected) {
      throw new AssertionError("sum " + sum + ", expected " + expected);
    }
    return sum;
  }

  /** The anchor every ratio is taken to. */
  @Benchmark
  public long handWritten() {
    return check(Contenders.handWritten(n(), executor()));
  }

  @Benchmark
  public long aiter() {
    return check(Contenders.aiter(n(), executor()));
  }

  /** Runs only on JDK 21 and later; run.sh runs it on the Temurin 25 JDK. */
  @Benchmark
  public long virtualThread() {
    return check(Contenders.virtualThread(n(), executor()));
  }

  @Benchmark
  public long aiterBreakable() {
    return check(Contenders.aiterBreakable(n(), executor()));
  }

  @Benchmark
  public long aiterAwait() {
    return check(Contenders.aiterAwait(n(), executor()));
  }

  @Benchmark
  public long aiterOptional() {
    return check(Contenders.aiterOptional(n(), executor()));
  }

  @Benchmark
  public long asyncUtil() {
    return check(Contenders.asyncUtil(n(), executor()));
  }

  @Benchmark
  public long reactorRepeat() {
    return check(Contenders.reactorRepeat(n(), executor()));
  }

  @Benchmark
  public long reactorConcatMap() {
    return check(Contenders.reactorConcatMap(n(), executor()));
  }

  @Benchmark
  public long rxjavaConcatMapSingle() {
    return check(Contenders.rxjavaConcatMapSingle(n(), executor()));
  }

  @Benchmark
  public long rxjavaRepeat() {
    return check(Contenders.rxjavaRepeat(n(), executor()));
  }
}
