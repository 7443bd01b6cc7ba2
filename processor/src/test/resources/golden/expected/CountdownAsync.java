package p;

import dev.aiter.Async;
import dev.aiter.AsyncIterator;
import dev.aiter.AwaitLoopBody;
import dev.aiter.BreakableLoopBody;
import dev.aiter.LoopBody;
import dev.aiter.StopAsyncIteration;
import dev.aiter.generated.Adapters;
import dev.aiter.generated.GeneratedAdapter;
import java.lang.Integer;
import java.lang.NullPointerException;
import java.lang.UnsupportedOperationException;
import java.lang.Void;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * Python-style asynchronous iteration over {@link Countdown}: {@code aiter}, {@code anext} and
 * {@code async for} as static functions. Use them with {@code import static p.CountdownAsync.*;}:
 * {@code asyncFor(source, element -> ...).join();}.
 *
 * <p>The elements are what {@link Countdown#anext()} completes with;
 * {@link StopAsyncIteration} ends the iteration.
 * The source has nothing to close.
 *
 * @see Async
 */
@Generated("dev.aiter.processor.AsyncIterableProcessor")
public final class CountdownAsync {
  private CountdownAsync() {
  }

  /**
   * Returns an asynchronous iterator over {@code source}: each {@code anext()} calls
   * {@link Countdown#anext()}. Python: {@code aiter(source)}.
   *
   * @param source the object to iterate
   * @return a new iterator over {@code source}
   */
  public static AsyncIterator<Integer> aiter(Countdown source) {
    return adapter(source);
  }

  /**
   * Returns the next element of {@code source}; at the end the future fails with
   * {@link StopAsyncIteration}. Python: {@code await anext(source)}.
   *
   * @param source the object to iterate
   * @return a future of the next element
   */
  public static CompletableFuture<Integer> anext(Countdown source) {
    return adapter(source).anext();
  }

  /**
   * Returns the next element of {@code source}, or {@code dflt} at the end; any other failure
   * fails the future. Python: {@code await anext(source, dflt)}.
   *
   * @param source the object to iterate
   * @param dflt the value to complete with at the end; may be null
   * @return a future of the next element or of {@code dflt}
   */
  public static CompletableFuture<Integer> anext(Countdown source, Integer dflt) {
    return adapter(source).anextOr(dflt);
  }

  /**
   * Runs {@code body} for each element of {@code source}, in order, one at a time; the next
   * element is requested only after the body returned. Python:
   * {@code async for element in source: body(element)}.
   *
   * <p>An exception from the source or the body fails the returned future with that exception.
   * See {@link Async#asyncFor(AsyncIterator, LoopBody)}.
   *
   * @param source the object to iterate
   * @param body what to do with each element
   * @return a future that completes when the loop ended and the source was released
   */
  public static CompletableFuture<Void> asyncFor(Countdown source, LoopBody<? super Integer> body) {
    return adapter(source).loop(body);
  }

  /**
   * Runs {@code body} for each element of {@code source} until it calls {@code loop.breakLoop()}.
   * Python: {@code async for} with {@code break}.
   * See {@link Async#asyncFor(AsyncIterator, BreakableLoopBody)}.
   *
   * @param source the object to iterate
   * @param body what to do with each element
   * @return a future that completes when the loop ended and the source was released
   */
  public static CompletableFuture<Void> asyncFor(Countdown source,
      BreakableLoopBody<? super Integer> body) {
    return adapter(source).breakableLoop(body);
  }

  /**
   * Runs {@code body} for each element of {@code source}, requesting the next element only after
   * the stage the body returned completed. Python:
   * {@code async for element in source: await body(element)}.
   * See {@link Async#asyncForAwait(AsyncIterator, AwaitLoopBody)}.
   *
   * @param source the object to iterate
   * @param body what to do with each element
   * @return a future that completes when the loop ended and the source was released
   */
  public static CompletableFuture<Void> asyncForAwait(Countdown source,
      AwaitLoopBody<? super Integer> body) {
    return adapter(source).awaitLoop(body);
  }

  /**
   * The iterator over {@code source}; the runtime normalises its stages.
   */
  private static GeneratedAdapter<Integer> adapter(Countdown source) {
    if (source == null) {
      throw new NullPointerException("source");
    }
    return Adapters.<Integer>stage("p.Countdown", "anext", source::anext);
  }

  /**
   * The source of the methods of {@link Extensions}: none, since {@code Countdown}
   * does not implement it.
   *
   * @param extensions the object whose method was called
   * @return never
   * @throws UnsupportedOperationException always
   */
  private static Countdown source(Extensions extensions) {
    throw new UnsupportedOperationException(
        extensions.getClass().getName()
            + " implements CountdownAsync.Extensions, whose methods work only in p.Countdown"
            + ", and only once it implements CountdownAsync.Extensions");
  }

  /**
   * Extension methods for {@link Countdown}, which does not implement this interface:
   * declared as a supertype of {@code Countdown}, {@code CountdownAsync.Extensions} would give it
   * {@code aiter()}, {@code asyncFor} and {@code asyncForAwait} as methods of the source itself.
   *
   * <p>Until then every method throws {@link UnsupportedOperationException}.
   */
  public interface Extensions {
    /**
     * Returns an asynchronous iterator over this source: each {@code anext()} calls
     * {@link Countdown#anext()}. Python: {@code aiter(source)}.
     *
     * @return a new iterator over this source
     * @throws UnsupportedOperationException always, as {@code Countdown} does not implement it
     */
    default AsyncIterator<Integer> aiter() {
      return CountdownAsync.adapter(CountdownAsync.source(this));
    }

    /**
     * Runs {@code body} for each element of this source, in order, one at a time:
     * {@link CountdownAsync#asyncFor(Countdown, LoopBody)} over this source.
     *
     * @param body what to do with each element
     * @return a future that completes when the loop ended and the source was released
     * @throws UnsupportedOperationException always, as {@code Countdown} does not implement it
     */
    default CompletableFuture<Void> asyncFor(LoopBody<? super Integer> body) {
      return CountdownAsync.adapter(CountdownAsync.source(this)).loop(body);
    }

    /**
     * Runs {@code body} for each element of this source until it calls {@code loop.breakLoop()}:
     * {@link CountdownAsync#asyncFor(Countdown, BreakableLoopBody)} over this source.
     *
     * @param body what to do with each element
     * @return a future that completes when the loop ended and the source was released
     * @throws UnsupportedOperationException always, as {@code Countdown} does not implement it
     */
    default CompletableFuture<Void> asyncFor(BreakableLoopBody<? super Integer> body) {
      return CountdownAsync.adapter(CountdownAsync.source(this)).breakableLoop(body);
    }

    /**
     * Runs {@code body} for each element of this source, requesting the next element only after
     * the stage the body returned completed:
     * {@link CountdownAsync#asyncForAwait(Countdown, AwaitLoopBody)} over this source.
     *
     * @param body what to do with each element
     * @return a future that completes when the loop ended and the source was released
     * @throws UnsupportedOperationException always, as {@code Countdown} does not implement it
     */
    default CompletableFuture<Void> asyncForAwait(AwaitLoopBody<? super Integer> body) {
      return CountdownAsync.adapter(CountdownAsync.source(this)).awaitLoop(body);
    }
  }
}
