package dev.aiter.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.IntToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every contender of the operator-chain benchmark arrives at the same sum, both where the limit
 * cuts the source short and where the source ends first, so the benchmark never measures a chain
 * that stops early or reads too far.
 */
class ChainContendersTest {

  static Stream<Arguments> contenders() {
    return Stream.of(
        Arguments.of("handFused", (IntToLongFunction) ChainContenders::handFused),
        Arguments.of("aiter", (IntToLongFunction) ChainContenders::aiter),
        Arguments.of("reactor", (IntToLongFunction) ChainContenders::reactor),
        Arguments.of("rxjava", (IntToLongFunction) ChainContenders::rxjava),
        Arguments.of("asyncUtil", (IntToLongFunction) ChainContenders::asyncUtil),
        Arguments.of("stream", (IntToLongFunction) ChainContenders::stream));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contenders")
  void sumsTheSameElements(String name, IntToLongFunction contender) {
    for (int n : new int[] {0, 1, 1_000, 1_000_000}) {
      assertEquals(ChainContenders.expected(n), contender.applyAsLong(n), name + " n=" + n);
    }
  }

  @org.junit.jupiter.api.Test
  void theLimitIsReachedBeforeTheEndOfAMillionElements() {
    assertEquals(750_000, ChainContenders.sourceElementsRead(1_000_000));
  }
}
