package dev.aiter.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.IntToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bridge contender sums correctly, also across the refill boundaries of {@code
 * fromPublisher} (N not a multiple of its window), so that a benchmark never measures a bridge
 * that drops or repeats elements. Small counts: correctness, not measurement.
 */
class BridgeContendersTest {

  static Stream<Arguments> contenders() {
    return Stream.of(
        Arguments.of("toPublisher", (IntToLongFunction) BridgeContenders::toPublisher),
        Arguments.of("toPublisherAdapter", (IntToLongFunction) BridgeContenders::toPublisherAdapter),
        Arguments.of("toPublisherOneByOne", (IntToLongFunction) BridgeContenders::toPublisherOneByOne),
        Arguments.of(
            "reactorToFlowPublisher", (IntToLongFunction) BridgeContenders::reactorToFlowPublisher),
        Arguments.of("fromPublisher", (IntToLongFunction) BridgeContenders::fromPublisher),
        Arguments.of(
            "reactorFromFlowPublisher",
            (IntToLongFunction) BridgeContenders::reactorFromFlowPublisher),
        Arguments.of("reactorToIterable", (IntToLongFunction) BridgeContenders::reactorToIterable),
        Arguments.of("roundTrip", (IntToLongFunction) BridgeContenders::roundTrip),
        Arguments.of("reactorRoundTrip", (IntToLongFunction) BridgeContenders::reactorRoundTrip));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contenders")
  void sumsEveryElementOnce(String name, IntToLongFunction contender) {
    for (int n : new int[] {0, 1, 47, 48, 49, 20_001}) {
      assertEquals(IntSource.expectedSum(n), contender.applyAsLong(n), name + " over " + n);
    }
  }
}
