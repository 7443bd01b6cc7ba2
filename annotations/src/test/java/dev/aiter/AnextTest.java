package dev.aiter;

import static dev.aiter.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aiter.Fixtures.Counter;
import dev.aiter.Fixtures.Mode;
import dev.aiter.Fixtures.Path;
import dev.aiter.generated.Adapters;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** B2 (anext never throws) and B3 (anext with a default), for hand-written iterators and adapters. */
class AnextTest {

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dev.aiter.Fixtures#pathsAndModes")
  void anext_yieldsElementsInOrderThenStopAsyncIteration(Path path, Mode mode) {
    AsyncIterator<Integer> it = path.over(new Counter(2, mode));
    assertEquals(0, Async.anext(it).join());
    assertEquals(1, Async.anext(it).join());
    CompletableFuture<Integer> end = Async.anext(it);
    assertInstanceOf(StopAsyncIteration.class, unwrap(failureOf(end)));
  }

  @Test
  void b2_synchronousThrowBecomesAFailedFuture() {
    IOException boom = new IOException("boom");
    for (AsyncIterator<Integer> it : both(() -> sneakyThrow(boom))) {
      CompletableFuture<Integer> next = Async.anext(it);
      assertSame(boom, failureOf(next));
    }
  }

  @Test
  void b2_failedStageBecomesAFailedFuture() {
    IllegalStateException boom = new IllegalStateException("boom");
    for (AsyncIterator<Integer> it : both(() -> CompletableFuture.failedFuture(boom))) {
      assertSame(boom, unwrap(failureOf(Async.anext(it))));
    }
  }

  @Test
  void b2_nullStageFromAnAdapterFailsWithNpeNamingClassAndMethod() {
    AsyncIterator<Integer> it = adapter(() -> null);
    Throwable failure = failureOf(Async.anext(it));
    assertInstanceOf(NullPointerException.class, failure);
    assertTrue(
        failure.getMessage().startsWith("dev.aiter.Feed.poll() returned null instead of a CompletionStage"),
        failure.getMessage());
  }

  @Test
  void b2_nullStageFromAHandWrittenIteratorFailsWithNpeNamingItsClass() {
    AsyncIterator<Integer> it = new NullIterator();
    Throwable failure = failureOf(Async.anext(it));
    assertInstanceOf(NullPointerException.class, failure);
    assertTrue(
        failure.getMessage().startsWith(NullIterator.class.getName() + ".anext() returned null"),
        failure.getMessage());
  }

  @Test
  void b2_adapterAnextItselfNeverThrows() {
    RuntimeException boom = new RuntimeException("boom");
    AsyncIterator<Integer> it = adapter(() -> { throw boom; });
    CompletionStage<Integer> stage = it.anext();
    assertSame(boom, failureOf(stage.toCompletableFuture()));
  }

  @Test
  void b3_defaultAtTheEnd() {
    for (Path path : Path.values()) {
      for (Mode mode : Mode.values()) {
        AsyncIterator<Integer> it = path.over(new Counter(1, mode));
        assertEquals(0, Async.anext(it, -1).join());
        assertEquals(-1, Async.anext(it, -1).join(), path + " " + mode);
      }
    }
  }

  @Test
  void b3_nullDefault() {
    AsyncIterator<Integer> it = Path.ADAPTER.over(new Counter(0, Mode.SYNC));
    assertNull(Async.anext(it, null).join());
  }

  @Test
  void b3_anExceptionObjectIsAValidDefault() {
    RuntimeException value = new StopAsyncIteration("just a value");
    AsyncIterator<Object> it = () -> CompletableFuture.failedFuture(new StopAsyncIteration());
    assertSame(value, Async.anext(it, value).join());
  }

  @Test
  void b3_defaultForASynchronousStopAsyncIteration() {
    for (AsyncIterator<Integer> it : both(() -> { throw new StopAsyncIteration(); })) {
      assertEquals(7, Async.anext(it, 7).join());
    }
  }

  @Test
  void b3_defaultForAStopAsyncIterationWrappedByCompletionException() {
    for (AsyncIterator<Integer> it :
        both(() -> CompletableFuture.failedFuture(new CompletionException(new StopAsyncIteration())))) {
      assertEquals(7, Async.anext(it, 7).join());
    }
  }

  @Test
  void b3_otherErrorsPropagateDespiteTheDefault() {
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    for (AsyncIterator<Integer> it : both(() -> CompletableFuture.failedFuture(boom))) {
      assertSame(boom, failureOf(Async.anext(it, 7)));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void exhaustionIsRepeatableAndNoLongerCallsTheSource(Mode mode) {
    Counter counter = new Counter(1, mode);
    AsyncIterator<Integer> it = Path.ADAPTER.over(counter);
    assertEquals(0, Async.anext(it).join());
    for (int i = 0; i < 3; i++) {
      assertInstanceOf(StopAsyncIteration.class, unwrap(failureOf(Async.anext(it))));
    }
    assertEquals(2, counter.nextCalls.get(), "the source is asked once for the end, then never again");
  }

  @Test
  void errorsAreNotSticky_theNextCallAsksTheSourceAgain() {
    AtomicInteger calls = new AtomicInteger();
    AsyncIterator<Integer> it = adapter(() -> calls.incrementAndGet() == 1
        ? CompletableFuture.failedFuture(new IOException("transient"))
        : CompletableFuture.completedFuture(42));
    assertInstanceOf(IOException.class, failureOf(Async.anext(it)));
    assertEquals(42, Async.anext(it).join());
  }

  @Test
  void aiterReturnsTheIteratorItself() {
    AsyncIterator<Integer> it = new NullIterator();
    assertSame(it, Async.aiter(it));
  }

  @Test
  void nullArgumentsAreProgrammingErrors() {
    assertThrows(NullPointerException.class, () -> Async.anext(null));
    assertThrows(NullPointerException.class, () -> Async.aiter(null));
    assertThrows(
        NullPointerException.class, () -> Async.asyncFor(new NullIterator(), (LoopBody<Integer>) null));
  }

  @Test
  void defaultAcloseDoesNothingAndCompletes() {
    AsyncIterator<Integer> it = new NullIterator();
    assertNull(it.aclose().toCompletableFuture().join());
    assertFalse(it.aclose().toCompletableFuture().isCompletedExceptionally());
  }

  private static final class NullIterator implements AsyncIterator<Integer> {
    @Override
    public CompletionStage<Integer> anext() {
      return null;
    }
  }

  /** The same next behaviour, once hand-written and once behind an adapter. */
  private static Iterable<AsyncIterator<Integer>> both(Supplier<CompletionStage<Integer>> next) {
    AsyncIterator<Integer> handWritten = next::get;
    return java.util.List.of(handWritten, adapter(next::get));
  }

  interface Next {
    CompletionStage<Integer> call() throws Exception;
  }

  static AsyncIterator<Integer> adapter(Next next) {
    return Adapters.<Integer>stage("dev.aiter.Feed", "poll", next::call);
  }

  static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable, R> R sneakyThrow(Throwable t) throws E {
    throw (E) t;
  }
}
