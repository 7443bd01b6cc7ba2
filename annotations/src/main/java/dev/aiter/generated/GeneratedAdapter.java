package dev.aiter.generated;

import dev.aiter.Async;
import dev.aiter.AsyncIterator;
import dev.aiter.AwaitLoopBody;
import dev.aiter.BreakableLoopBody;
import dev.aiter.LoopBody;
import java.util.concurrent.CompletableFuture;

/**
 * The iterator over a user's class that a generated {@code FooAsync} hands out, with the
 * functions {@code FooAsync} offers as methods of its own. For generated code only: a user gets
 * it typed as an {@link AsyncIterator} and should not name this type.
 *
 * <p>Each method is what the function of {@link dev.aiter.Async} of the same purpose does over
 * this iterator; generated code calls these instead because they are neither generic nor
 * overloaded, which spares the compiler of every user's build an inference and an overload
 * resolution per call (see {@code benchmarks/README.md}, the compile-time table).
 *
 * @param <T> the element type
 */
public interface GeneratedAdapter<T> extends AsyncIterator<T> {

  /**
   * The next element, as {@link dev.aiter.Async#anext(AsyncIterator)}: never throws, fails with
   * {@link dev.aiter.StopAsyncIteration} at the end.
   *
   * @return a future of the next element
   */
  @Override
  CompletableFuture<T> anext();

  /**
   * The next element or {@code dflt} at the end, as {@link dev.aiter.Async#anext(AsyncIterator,
   * Object)}.
   *
   * @param dflt the value to complete with at the end; may be {@code null}
   * @return a future of the next element or of {@code dflt}
   */
  default CompletableFuture<T> anextOr(T dflt) {
    return Async.anext(this, dflt);
  }

  /**
   * {@link dev.aiter.Async#asyncFor(AsyncIterator, LoopBody)} over this iterator.
   *
   * @param body what to do with each element
   * @return a future that completes when the loop ended and the source was released
   */
  default CompletableFuture<Void> loop(LoopBody<? super T> body) {
    return Async.asyncFor(this, body);
  }

  /**
   * {@link dev.aiter.Async#asyncFor(AsyncIterator, BreakableLoopBody)} over this iterator.
   *
   * @param body what to do with each element; {@code loop.breakLoop()} ends the loop
   * @return a future that completes when the loop ended and the source was released
   */
  default CompletableFuture<Void> breakableLoop(BreakableLoopBody<? super T> body) {
    return Async.asyncFor(this, body);
  }

  /**
   * {@link dev.aiter.Async#asyncForAwait(AsyncIterator, AwaitLoopBody)} over this iterator.
   *
   * @param body starts the work for each element and returns its stage
   * @return a future that completes when the loop ended and the source was released
   */
  default CompletableFuture<Void> awaitLoop(AwaitLoopBody<? super T> body) {
    return Async.asyncForAwait(this, body);
  }
}
