package dev.aiter.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every contender of the concurrency and generator benchmarks does the whole job, in order, so
 * that a benchmark never measures one that skips or reorders elements. Small counts: correctness
 * checks, not measurements.
 */
class ConcurrencyContendersTest {

  @ParameterizedTest(name = "concurrency {0}")
  @ValueSource(ints = {1, 4, 16})
  void aiterMapAsyncDeliversEveryResultInOrder(int concurrency) {
    assertEquals(
        ConcurrencyContenders.expectedOrdered(50), ConcurrencyContenders.aiterMapAsync(50, concurrency));
  }

  @ParameterizedTest(name = "concurrency {0}")
  @ValueSource(ints = {1, 4, 16})
  void reactorFlatMapSequentialDeliversEveryResultInOrder(int concurrency) {
    assertEquals(
        ConcurrencyContenders.expectedOrdered(50),
        ConcurrencyContenders.reactorFlatMapSequential(50, concurrency));
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {0, 1, 20_000})
  void everyGeneratorContenderSumsEveryElementOnce(int n) {
    long expected = IntSource.expectedSum(n);
    assertEquals(expected, ConcurrencyContenders.aiterGenerator(n));
    assertEquals(expected, ConcurrencyContenders.aiterGeneratorJoinEach(n));
    assertEquals(expected, ConcurrencyContenders.synchronousQueueThread(n));
  }
}
