package dev.aiter.example;

import static dev.aiter.example.AsyncCounterAsync.aiter;
import static dev.aiter.example.AsyncCounterAsync.anext;
import static dev.aiter.example.AsyncCounterAsync.asyncFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.Async;
import dev.aiter.AsyncIterator;
import dev.aiter.StopAsyncIteration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class AsyncCounterTest {

  @Test
  void asyncForSeesZeroOneTwoAboutATenthOfASecondApart() {
    List<Integer> numbers = new ArrayList<>();
    List<Long> arrivals = new ArrayList<>();
    long start = System.nanoTime();
    asyncFor(
            new AsyncCounter(3),
            n -> {
              numbers.add(n);
              arrivals.add((System.nanoTime() - start) / 1_000_000);
            })
        .join();
    assertEquals(List.of(0, 1, 2), numbers);
    long previous = 0;
    for (long arrival : arrivals) {
      assertTrue(arrival - previous >= 90, "numbers arrived at " + arrivals + " ms");
      previous = arrival;
    }
  }

  @Test
  void anextReturnsAtOnceWithoutWaitingForTheNumber() {
    AsyncCounter counter = new AsyncCounter(1);
    long start = System.nanoTime();
    CompletableFuture<Integer> first = counter.anext();
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertFalse(first.isDone(), "the number should come later");
    assertTrue(tookMillis < 50, "anext() took " + tookMillis + " ms");
    assertEquals(0, first.join());
  }

  @Test
  void theGeneratedAnextEndsWithStopAsyncIterationAndTheDefaultVariantWithTheDefault() {
    AsyncCounter counter = new AsyncCounter(1);
    assertEquals(0, anext(counter).join());
    CompletionException end = assertThrows(CompletionException.class, anext(counter)::join);
    assertInstanceOf(StopAsyncIteration.class, end.getCause());
    assertEquals(-1, anext(counter, -1).join());
  }

  @Test
  void aiterAdaptsTheCounterToTheCommonProtocol() {
    AsyncIterator<Integer> numbers = aiter(new AsyncCounter(2));
    assertEquals(0, Async.anext(numbers).join());
    assertEquals(1, Async.anext(numbers).join());
    assertEquals(null, Async.anext(numbers, null).join());
  }

  @Test
  void theCounterHasTheGeneratedFunctionsAsMethods() {
    List<Integer> numbers = new ArrayList<>();
    new AsyncCounter(2).asyncFor(n -> numbers.add(n)).join();
    new AsyncCounter(3)
        .asyncFor(
            (n, loop) -> {
              numbers.add(10 + n);
              if (n == 1) {
                loop.breakLoop();
              }
            })
        .join();
    assertEquals(List.of(0, 1, 10, 11), numbers);
    assertEquals(List.of(0, 1, 2), new AsyncCounter(3).aiter().toList().join());
  }

  @Test
  void aCounterToZeroYieldsNothing() {
    List<Integer> numbers = new ArrayList<>();
    asyncFor(new AsyncCounter(0), n -> numbers.add(n)).join();
    assertEquals(List.of(), numbers);
  }
}
