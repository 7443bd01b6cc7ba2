package dev.aiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.Fixtures.Mode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link AsyncIterator#toStream()}: a blocking view that closes its iterator, throws its
 * failures, and gives up when interrupted. Every source is a processor-generated adapter.
 */
class ToStreamTest {

  private static ScriptedSource counting(int count, Mode mode) {
    return new ScriptedSource(
        i -> i < count ? mode.value(i) : mode.end(), () -> CompletableFuture.completedFuture(null));
  }

  private static Stream<Integer> stream(ScriptedSource source) {
    return ScriptedSourceAsync.aiter(source).toStream();
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toList());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void exhaustingTheStreamClosesTheIteratorOnce(Mode mode) {
    ScriptedSource source = counting(100, mode);
    try (Stream<Integer> s = stream(source)) {
      assertEquals(range(100), s.collect(Collectors.toList()));
      assertEquals(1, source.closeCalls.get());
    }
    assertEquals(1, source.closeCalls.get(), "close() after exhaustion does not close again");
  }

  @Test
  void o1_nothingIsPulledBeforeTheTerminalOperation() {
    ScriptedSource source = counting(3, Mode.SYNC);
    Stream<Integer> s = stream(source).map(x -> x * 2);
    assertEquals(0, source.nextCalls.get());
    assertEquals(List.of(0, 2, 4), s.collect(Collectors.toList()));
  }

  @Test
  void closingTheStreamClosesTheIterator() {
    ScriptedSource source = counting(100, Mode.SYNC);
    Stream<Integer> s = stream(source);
    s.close();
    s.close();
    assertEquals(1, source.closeCalls.get());
    assertEquals(0, source.nextCalls.get());
  }

  @Test
  void findFirstInTryWithResourcesClosesTheIterator() {
    ScriptedSource source = counting(100, Mode.ASYNC);
    Optional<Integer> first;
    try (Stream<Integer> s = stream(source)) {
      first = s.findFirst();
    }
    assertEquals(Optional.of(0), first);
    assertEquals(1, source.nextCalls.get());
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void limitInTryWithResourcesClosesTheIterator() {
    ScriptedSource source = counting(100, Mode.MIXED);
    try (Stream<Integer> s = stream(source)) {
      assertEquals(range(3), s.limit(3).collect(Collectors.toList()));
    }
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void aStreamNeitherExhaustedNorClosedLeavesTheIteratorOpen() {
    // Documented, as for Files.lines: this is what try-with-resources is for.
    ScriptedSource source = counting(100, Mode.SYNC);
    assertEquals(Optional.of(0), stream(source).findFirst());
    assertEquals(0, source.closeCalls.get());
  }

  @Test
  void aRuntimeExceptionIsThrownAsItIs_afterTheClose() {
    IllegalStateException boom = new IllegalStateException("boom");
    ScriptedSource source =
        new ScriptedSource(
            i -> i < 2 ? Mode.ASYNC.value(i) : CompletableFuture.failedFuture(boom),
            () -> CompletableFuture.completedFuture(null));
    Stream<Integer> s = stream(source);
    assertSame(boom, assertThrows(IllegalStateException.class, s::count));
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void anErrorIsThrownAsItIs() {
    AssertionError boom = new AssertionError("boom");
    ScriptedSource source =
        new ScriptedSource(
            i -> CompletableFuture.failedFuture(boom), () -> CompletableFuture.completedFuture(null));
    assertSame(boom, assertThrows(AssertionError.class, () -> stream(source).count()));
  }

  @Test
  void aCheckedExceptionIsWrappedInCompletionException() {
    IOException boom = new IOException("boom");
    ScriptedSource source =
        new ScriptedSource(
            i -> {
              throw boom; // thrown by the next method itself
            },
            () -> CompletableFuture.completedFuture(null));
    CompletionException e = assertThrows(CompletionException.class, () -> stream(source).count());
    assertSame(boom, e.getCause());
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void aFailedCloseIsThrownAtTheEnd_orSuppressedUnderTheFailure() {
    IOException closeFailure = new IOException("close");
    ScriptedSource ends =
        new ScriptedSource(
            i -> i < 1 ? Mode.SYNC.value(i) : Mode.SYNC.end(),
            () -> CompletableFuture.failedFuture(closeFailure));
    assertSame(
        closeFailure,
        assertThrows(CompletionException.class, () -> stream(ends).count()).getCause());

    IllegalStateException boom = new IllegalStateException("boom");
    ScriptedSource fails =
        new ScriptedSource(
            i -> CompletableFuture.failedFuture(boom),
            () -> CompletableFuture.failedFuture(closeFailure));
    assertSame(boom, assertThrows(IllegalStateException.class, () -> stream(fails).count()));
    assertSame(closeFailure, boom.getSuppressed()[0]);
  }

  @Test
  void anInterruptedWaitCancelsThePendingStage_closes_restoresTheFlag_andThrows() throws Exception {
    CompletableFuture<Integer> never = new CompletableFuture<>();
    CountDownLatch pulled = new CountDownLatch(1);
    ScriptedSource source =
        new ScriptedSource(
            i -> {
              pulled.countDown();
              return never;
            },
            () -> CompletableFuture.completedFuture(null));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flagRestored = new AtomicBoolean();
    Thread consumer =
        new Thread(
            () -> {
              try {
                stream(source).findFirst();
              } catch (Throwable t) {
                thrown.set(t);
                flagRestored.set(Thread.currentThread().isInterrupted());
              }
            },
            "consumer");
    consumer.start();
    assertTrue(pulled.await(10, TimeUnit.SECONDS));
    // The consumer may not be parked yet; an interrupt set before it parks still ends the wait.
    consumer.interrupt();
    consumer.join(TimeUnit.SECONDS.toMillis(10));
    assertFalse(consumer.isAlive());
    assertInstanceOf(CompletionException.class, thrown.get());
    assertInstanceOf(InterruptedException.class, thrown.get().getCause());
    assertTrue(flagRestored.get(), "the interrupt flag is set again");
    assertTrue(never.isCancelled());
    assertEquals(1, source.closeCalls.get());
  }

  @Test
  void o8_aMillionAlreadyCompleteElementsNeedNoStageAndNoStack() {
    assertEquals(
        1_000_000L, AsyncIterator.range(0, 1_000_000).map(x -> x + 1).toStream().count());
  }
}
