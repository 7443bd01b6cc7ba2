package dev.aiter;

import static dev.aiter.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.Fixtures.Path;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** B6: the loop closes its source exactly once on every way out, and completes after the close. */
class CloseTest {

  @ParameterizedTest
  @EnumSource(Path.class)
  void b6_closesOnceWhenExhausted(Path path) {
    Scripted source = Scripted.counting(3);
    assertNull(Async.asyncFor(source.via(path), x -> {}).join());
    assertEquals(1, source.closeCalls.get());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b6_closesOnceOnBreakLoop(Path path) {
    Scripted source = Scripted.counting(10);
    assertNull(Async.asyncFor(source.via(path), (x, loop) -> loop.breakLoop()).join());
    assertEquals(1, source.closeCalls.get());
    assertEquals(1, source.nextCalls.get());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b6_closesOnceWhenTheBodyThrows(Path path) {
    Scripted source = Scripted.counting(10);
    IOException boom = new IOException();
    assertSame(boom, failureOf(Async.asyncFor(source.via(path), x -> { throw boom; })));
    assertEquals(1, source.closeCalls.get());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b6_closesOnceWhenTheBodysStageFails(Path path) {
    Scripted source = Scripted.counting(10);
    IOException boom = new IOException();
    assertSame(
        boom,
        failureOf(Async.asyncForAwait(source.via(path), x -> CompletableFuture.failedFuture(boom))));
    assertEquals(1, source.closeCalls.get());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b6_closesOnceWhenNextFails(Path path) {
    IOException boom = new IOException();
    Scripted failing = new Scripted(i -> CompletableFuture.failedFuture(boom), () -> CompletableFuture.completedFuture(null));
    assertSame(boom, failureOf(Async.asyncFor(failing.via(path), x -> {})));
    assertEquals(1, failing.closeCalls.get());

    Scripted throwing = new Scripted(i -> { throw boom; }, () -> CompletableFuture.completedFuture(null));
    assertSame(boom, failureOf(Async.asyncFor(throwing.via(path), x -> {})));
    assertEquals(1, throwing.closeCalls.get());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b6_closesOnceWhenCancelled(Path path) {
    CompletableFuture<Integer> never = new CompletableFuture<>();
    Scripted source = new Scripted(i -> never, () -> CompletableFuture.completedFuture(null));
    CompletableFuture<Void> loop = Async.asyncFor(source.via(path), x -> {});
    assertEquals(0, source.closeCalls.get());
    assertTrue(loop.cancel(false));
    assertEquals(1, source.closeCalls.get());
    assertTrue(loop.isCancelled());
    loop.cancel(false);
    assertEquals(1, source.closeCalls.get());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b6_loopCompletesOnlyAfterThePendingCloseCompleted(Path path) {
    CompletableFuture<Void> closing = new CompletableFuture<>();
    Scripted source = Scripted.counting(2).withClose(() -> closing);
    CompletableFuture<Void> loop = Async.asyncFor(source.via(path), x -> {});
    assertEquals(1, source.closeCalls.get());
    assertFalse(loop.isDone(), "the loop waits for the close");
    closing.complete(null);
    assertNull(loop.join());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b6_failingLoopAlsoWaitsForThePendingClose(Path path) {
    CompletableFuture<Void> closing = new CompletableFuture<>();
    IOException boom = new IOException();
    Scripted source = Scripted.counting(2).withClose(() -> closing);
    CompletableFuture<Void> loop = Async.asyncFor(source.via(path), x -> { throw boom; });
    assertFalse(loop.isDone());
    closing.complete(null);
    assertSame(boom, failureOf(loop));
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b6_closeFailureFailsTheLoop(Path path) {
    IOException closeFailure = new IOException("close failed");
    Scripted thrown = Scripted.counting(2).withClose(() -> { throw closeFailure; });
    assertSame(closeFailure, failureOf(Async.asyncFor(thrown.via(path), x -> {})));

    Scripted failedStage = Scripted.counting(2).withClose(() -> CompletableFuture.failedFuture(closeFailure));
    assertSame(closeFailure, failureOf(Async.asyncFor(failedStage.via(path), x -> {})));

    CompletableFuture<Void> later = new CompletableFuture<>();
    Scripted failedLater = Scripted.counting(2).withClose(() -> later);
    CompletableFuture<Void> loop = Async.asyncFor(failedLater.via(path), x -> {});
    later.completeExceptionally(closeFailure);
    assertSame(closeFailure, failureOf(loop));
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b6_closeFailureAfterALoopFailureIsAddedAsSuppressed(Path path) {
    IOException bodyFailure = new IOException("body");
    IOException closeFailure = new IOException("close");
    Scripted source = Scripted.counting(2).withClose(() -> { throw closeFailure; });
    Throwable failure = failureOf(Async.asyncFor(source.via(path), x -> { throw bodyFailure; }));
    assertSame(bodyFailure, failure);
    assertArrayEquals(new Throwable[] {closeFailure}, failure.getSuppressed());
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void b6_closeFailureAfterCancellationIsSuppressedOnTheCancellation(Path path) {
    IOException closeFailure = new IOException("close");
    Scripted source = new Scripted(i -> new CompletableFuture<>(), () -> { throw closeFailure; });
    CompletableFuture<Void> loop = Async.asyncFor(source.via(path), x -> {});
    loop.cancel(false);
    assertThrows(CancellationException.class, loop::join);
    // The cancellation the future holds (join() throws it on JDK 17, a copy caused by it on 25).
    Throwable cancellation = failureOf(loop);
    assertInstanceOf(CancellationException.class, cancellation);
    assertArrayEquals(new Throwable[] {closeFailure}, cancellation.getSuppressed());
  }

  @Test
  void b6_nullCloseStageFailsTheLoopNamingTheMethod() {
    Scripted source = Scripted.counting(1).withClose(() -> null);
    Throwable viaAdapter = failureOf(Async.asyncFor(source.via(Path.ADAPTER), x -> {}));
    assertInstanceOf(NullPointerException.class, viaAdapter);
    assertTrue(viaAdapter.getMessage().startsWith("dev.aiter.Scripted.aclose() returned null"), viaAdapter.getMessage());
    Throwable viaIterator = failureOf(Async.asyncFor(source.via(Path.ITERATOR), x -> {}));
    assertInstanceOf(NullPointerException.class, viaIterator);
    assertTrue(viaIterator.getMessage().contains(".aclose() returned null"), viaIterator.getMessage());
  }

  @Test
  void adapterCloseRunsAtMostOnceAndRepeatsItsOutcome() {
    CompletableFuture<Void> closing = new CompletableFuture<>();
    Scripted source = Scripted.counting(1).withClose(() -> closing);
    AsyncIterator<Integer> it = source.via(Path.ADAPTER);
    CompletionStage<Void> first = it.aclose();
    CompletionStage<Void> second = it.aclose();
    assertSame(first, second);
    assertEquals(1, source.closeCalls.get());
    assertFalse(first.toCompletableFuture().isDone());
    closing.complete(null);
    assertNull(second.toCompletableFuture().join());
    assertNull(Async.asyncFor(it, x -> {}).join());
    assertEquals(1, source.closeCalls.get(), "a loop over an already-closed adapter does not close again");
  }

  @Test
  void adapterWithNoCloseMethodClosesAtOnce() {
    AsyncIterator<Integer> it = AnextTest.adapter(() -> CompletableFuture.completedFuture(1));
    assertNull(it.aclose().toCompletableFuture().join());
  }
}
