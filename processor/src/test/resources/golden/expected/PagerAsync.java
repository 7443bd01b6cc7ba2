package p;

import dev.aiter.Async;
import dev.aiter.AsyncIterator;
import dev.aiter.AwaitLoopBody;
import dev.aiter.BreakableLoopBody;
import dev.aiter.LoopBody;
import dev.aiter.StopAsyncIteration;
import dev.aiter.generated.Adapters;
import dev.aiter.generated.GeneratedAdapter;
import java.lang.Comparable;
import java.lang.NullPointerException;
import java.lang.SuppressWarnings;
import java.lang.Void;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * Python-style asynchronous iteration over {@link Pager}: {@code aiter}, {@code anext} and
 * {@code async for} as static functions. Use them with {@code import static p.PagerAsync.*;}:
 * {@code asyncFor(source, element -> ...).join();}.
 *
 * <p>The elements are what {@link Pager#anext()} completes with;
 * {@link StopAsyncIteration} ends the iteration.
 * Every loop releases the source with {@link Pager#aclose()} exactly once when it ends.
 *
 * @see Async
 */
@Generated("dev.aiter.processor.AsyncIterableProcessor")
public final class PagerAsync {
  private PagerAsync() {
  }

  /**
   * Returns an asynchronous iterator over {@code source}: each {@code anext()} calls
   * {@link Pager#anext()}. Python: {@code aiter(source)}.
   *
   * @param source the object to iterate
   * @param <T> the type parameter {@code T} of {@link Pager}
   * @return a new iterator over {@code source}
   */
  public static <T extends Comparable<T>> AsyncIterator<T> aiter(Pager<T> source) {
    return PagerAsync.<T>adapter(source);
  }

  /**
   * Returns the next element of {@code source}; at the end the future fails with
   * {@link StopAsyncIteration}. Python: {@code await anext(source)}.
   *
   * @param source the object to iterate
   * @param <T> the type parameter {@code T} of {@link Pager}
   * @return a future of the next element
   */
  public static <T extends Comparable<T>> CompletableFuture<T> anext(Pager<T> source) {
    return PagerAsync.<T>adapter(source).anext();
  }

  /**
   * Returns the next element of {@code source}, or {@code dflt} at the end; any other failure
   * fails the future. Python: {@code await anext(source, dflt)}.
   *
   * @param source the object to iterate
   * @param dflt the value to complete with at the end; may be null
   * @param <T> the type parameter {@code T} of {@link Pager}
   * @return a future of the next element or of {@code dflt}
   */
  public static <T extends Comparable<T>> CompletableFuture<T> anext(Pager<T> source, T dflt) {
    return PagerAsync.<T>adapter(source).anextOr(dflt);
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
   * @param <T> the type parameter {@code T} of {@link Pager}
   * @return a future that completes when the loop ended and the source was released
   */
  public static <T extends Comparable<T>> CompletableFuture<Void> asyncFor(Pager<T> source,
      LoopBody<? super T> body) {
    return PagerAsync.<T>adapter(source).loop(body);
  }

  /**
   * Runs {@code body} for each element of {@code source} until it calls {@code loop.breakLoop()}.
   * Python: {@code async for} with {@code break}.
   * See {@link Async#asyncFor(AsyncIterator, BreakableLoopBody)}.
   *
   * @param source the object to iterate
   * @param body what to do with each element
   * @param <T> the type parameter {@code T} of {@link Pager}
   * @return a future that completes when the loop ended and the source was released
   */
  public static <T extends Comparable<T>> CompletableFuture<Void> asyncFor(Pager<T> source,
      BreakableLoopBody<? super T> body) {
    return PagerAsync.<T>adapter(source).breakableLoop(body);
  }

  /**
   * Runs {@code body} for each element of {@code source}, requesting the next element only after
   * the stage the body returned completed. Python:
   * {@code async for element in source: await body(element)}.
   * See {@link Async#asyncForAwait(AsyncIterator, AwaitLoopBody)}.
   *
   * @param source the object to iterate
   * @param body what to do with each element
   * @param <T> the type parameter {@code T} of {@link Pager}
   * @return a future that completes when the loop ended and the source was released
   */
  public static <T extends Comparable<T>> CompletableFuture<Void> asyncForAwait(Pager<T> source,
      AwaitLoopBody<? super T> body) {
    return PagerAsync.<T>adapter(source).awaitLoop(body);
  }

  /**
   * The iterator over {@code source}; the runtime normalises its stages.
   */
  private static <T extends Comparable<T>> GeneratedAdapter<T> adapter(Pager<T> source) {
    if (source == null) {
      throw new NullPointerException("source");
    }
    return Adapters.<T>stage("p.Pager", "anext", source::anext, "aclose", source::aclose);
  }

  /**
   * The source of the methods of {@link Extensions}: {@code extensions} itself, since only
   * {@code Pager} implements it.
   *
   * <p>The cast is sound: {@code Pager<T>} implements {@code PagerAsync.Extensions<T>}
   * and no other parameterization of it, so an {@code Extensions} that is a {@code Pager} has
   * these type arguments. javac cannot always tell (not for an inner class, nor while the
   * interface is being generated), hence the suppression, on this one cast.
   *
   * @param extensions the object whose method was called
   * @return {@code extensions}
   */
  @SuppressWarnings("unchecked")
  private static <T extends Comparable<T>> Pager<T> source(Extensions<T> extensions) {
    return (Pager<T>) extensions;
  }

  /**
   * Extension methods of {@link Pager}, which implements this interface: {@code aiter()},
   * {@code asyncFor} and {@code asyncForAwait} as methods of the source itself, as in
   * {@code source.asyncFor(element -> ...).join();}.
   *
   * <p>Each method casts {@code this} to {@code Pager}: another class that implements this
   * interface gets a {@code ClassCastException} from every method.
   *
   * @param <T> the type parameter {@code T} of {@link Pager}
   */
  public interface Extensions<T extends Comparable<T>> {
    /**
     * Returns an asynchronous iterator over this source: each {@code anext()} calls
     * {@link Pager#anext()}. Python: {@code aiter(source)}.
     *
     * @return a new iterator over this source
     */
    default AsyncIterator<T> aiter() {
      return PagerAsync.<T>adapter(PagerAsync.<T>source(this));
    }

    /**
     * Runs {@code body} for each element of this source, in order, one at a time:
     * {@link PagerAsync#asyncFor(Pager, LoopBody)} over this source.
     *
     * @param body what to do with each element
     * @return a future that completes when the loop ended and the source was released
     */
    default CompletableFuture<Void> asyncFor(LoopBody<? super T> body) {
      return PagerAsync.<T>adapter(PagerAsync.<T>source(this)).loop(body);
    }

    /**
     * Runs {@code body} for each element of this source until it calls {@code loop.breakLoop()}:
     * {@link PagerAsync#asyncFor(Pager, BreakableLoopBody)} over this source.
     *
     * @param body what to do with each element
     * @return a future that completes when the loop ended and the source was released
     */
    default CompletableFuture<Void> asyncFor(BreakableLoopBody<? super T> body) {
      return PagerAsync.<T>adapter(PagerAsync.<T>source(this)).breakableLoop(body);
    }

    /**
     * Runs {@code body} for each element of this source, requesting the next element only after
     * the stage the body returned completed:
     * {@link PagerAsync#asyncForAwait(Pager, AwaitLoopBody)} over this source.
     *
     * @param body what to do with each element
     * @return a future that completes when the loop ended and the source was released
     */
    default CompletableFuture<Void> asyncForAwait(AwaitLoopBody<? super T> body) {
      return PagerAsync.<T>adapter(PagerAsync.<T>source(this)).awaitLoop(body);
    }
  }
}
