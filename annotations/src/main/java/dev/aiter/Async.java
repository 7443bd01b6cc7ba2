package dev.aiter;

import dev.aiter.internal.Bridges;
import dev.aiter.internal.ForLoop;
import dev.aiter.internal.Operators;
import dev.aiter.internal.Stages;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Python's asynchronous iteration functions for any {@link AsyncIterator}: {@code aiter}, {@code
 * anext} and {@code async for}. Use them with {@code import static dev.aiter.Async.*;}.
 *
 * <p>None of these functions throws for a misbehaving iterator: a synchronous exception, a
 * {@code null} stage or a failed stage all become a failed future. A {@code null} argument is a
 * programming error and throws {@link NullPointerException} at once.
 *
 * <p>Threads: a loop body runs on the thread that completed the element's stage, or on the
 * calling thread when the stage was already complete, and never on two threads at once. A loop
 * over already-complete stages therefore runs to its end inside the {@code asyncFor} call, in
 * constant stack depth.
 */
public final class Async {

  private Async() {}

  /**
   * Returns the iterator itself. Python: {@code aiter(it)}.
   *
   * @param it the iterator
   * @param <T> the element type
   * @return {@code it}
   */
  public static <T> AsyncIterator<T> aiter(AsyncIterator<T> it) {
    return Objects.requireNonNull(it, "it");
  }

  /**
   * An iterator that calls {@code call} for each element until a stage completes with a value
   * equal ({@link Objects#equals}) to {@code sentinel}, which ends the iteration undelivered.
   * {@code call} is called at each {@code anext()}, only after the previous stage completed. A
   * {@link StopAsyncIteration} from it is an error here, not an end. Python 3.16: {@code
   * aiter(callable, sentinel)}.
   *
   * @param call makes the stage of each element
   * @param sentinel the value that ends the iteration; may be {@code null}
   * @param <T> the element type
   * @return an iterator over the call's values up to the sentinel
   */
  public static <T> AsyncIterator<T> aiter(
      Supplier<? extends CompletionStage<? extends T>> call, T sentinel) {
    return Operators.untilSentinel(call, sentinel);
  }

  /**
   * Returns the next element; at the end the future fails with {@link StopAsyncIteration}.
   * Python: {@code await anext(it)}.
   *
   * @param it the iterator
   * @param <T> the element type
   * @return a future of the next element
   */
  public static <T> CompletableFuture<T> anext(AsyncIterator<T> it) {
    Objects.requireNonNull(it, "it");
    CompletionStage<T> stage;
    try {
      stage = it.anext();
    } catch (Throwable t) {
      return CompletableFuture.failedFuture(t);
    }
    if (stage == null) {
      return CompletableFuture.failedFuture(Stages.nullStage(it.getClass().getName() + ".anext()"));
    }
    return Stages.toFuture(stage);
  }

  /**
   * Returns the next element, or {@code dflt} at the end; any other failure fails the future.
   * Python: {@code await anext(it, default)}.
   *
   * @param it the iterator
   * @param dflt the value to complete with when the iterator is exhausted; may be {@code null}
   * @param <T> the element type
   * @return a future of the next element or of {@code dflt}
   */
  public static <T> CompletableFuture<T> anext(AsyncIterator<T> it, T dflt) {
    CompletableFuture<T> next = anext(it);
    CompletableFuture<T> result = new CompletableFuture<>();
    next.whenComplete(
        (value, error) -> {
          if (error == null) {
            result.complete(value);
          } else {
            Throwable cause = Stages.unwrap(error);
            if (cause instanceof StopAsyncIteration) {
              result.complete(dflt);
            } else {
              result.completeExceptionally(cause);
            }
          }
        });
    return result;
  }

  /**
   * Runs {@code body} for each element, in order, one at a time; the future completes once the
   * iterator is exhausted and closed. Python: {@code async for element in it: body(element)}.
   *
   * <p>The next element is requested only after the body returned. The loop closes the iterator
   * ({@link AsyncIterator#aclose()}) exactly once on every way out, and its future fails with the
   * very exception the iterator or the body threw. Cancelling the future stops the loop, cancels
   * a pending next stage and closes the iterator.
   *
   * @param it the iterator
   * @param body what to do with each element
   * @param <T> the element type
   * @return a future that completes when the loop ended and the iterator was closed
   */
  public static <T> CompletableFuture<Void> asyncFor(
      AsyncIterator<T> it, LoopBody<? super T> body) {
    return ForLoop.plain(Objects.requireNonNull(it, "it"), Objects.requireNonNull(body, "body"));
  }

  /**
   * Like {@link #asyncFor(AsyncIterator, LoopBody)}, with a body that may call {@link
   * Loop#breakLoop()} to stop after the current element. Python: {@code async for} with {@code
   * break}.
   *
   * @param it the iterator
   * @param body what to do with each element; {@code loop.breakLoop()} ends the loop
   * @param <T> the element type
   * @return a future that completes when the loop ended and the iterator was closed
   */
  public static <T> CompletableFuture<Void> asyncFor(
      AsyncIterator<T> it, BreakableLoopBody<? super T> body) {
    return ForLoop.breakable(
        Objects.requireNonNull(it, "it"), Objects.requireNonNull(body, "body"));
  }

  /**
   * Like {@link #asyncFor(AsyncIterator, LoopBody)}, with a body that returns a stage: the next
   * element is requested only after that stage completed, and a failed stage fails the loop.
   * Python: {@code async for element in it: await body(element)}.
   *
   * @param it the iterator
   * @param body starts the work for each element and returns its stage
   * @param <T> the element type
   * @return a future that completes when the loop ended and the iterator was closed
   */
  public static <T> CompletableFuture<Void> asyncForAwait(
      AsyncIterator<T> it, AwaitLoopBody<? super T> body) {
    return ForLoop.await(Objects.requireNonNull(it, "it"), Objects.requireNonNull(body, "body"));
  }

  // ---------------------------------------------------------------------------------- bridges

  /**
   * An iterator over what {@code publisher} signals, requesting 64 elements ahead: see {@link
   * #fromPublisher(Flow.Publisher, int)}. 64 is Kotlin's choice for {@code Publisher.asFlow()}
   * too: one consumer needs only enough to cover the latency of a refill, and a small window
   * bounds the memory that large elements (HTTP body chunks, rows) take.
   *
   * @param publisher the publisher; subscribed at the first {@code anext()}
   * @param <T> the element type
   * @return an iterator over the publisher's elements
   */
  public static <T> AsyncIterator<T> fromPublisher(Flow.Publisher<? extends T> publisher) {
    return Bridges.fromPublisher(publisher, Bridges.DEFAULT_PREFETCH);
  }

  /**
   * An iterator over what {@code publisher} signals. It subscribes at the first {@code anext()},
   * requests {@code prefetch} elements, buffers them (from any thread), and requests as many
   * again each time three quarters of {@code prefetch} were consumed (Reactor's {@code limitRate}
   * policy: few, large requests, a quarter still in flight). A buffered element is handed out in
   * an already-complete stage.
   *
   * <p>{@code onError} fails the iterator after the elements already received were delivered;
   * {@code onComplete} ends it after them. {@code aclose()} cancels the subscription. More {@code
   * onNext} than requested fails the iterator with {@link IllegalStateException}, and a {@code
   * null} signal with {@link NullPointerException} (rules 1.1, 2.13); either cancels the
   * subscription. A second {@code onSubscribe} is cancelled (rule 2.5). Cancelling a pending
   * {@code anext()} stage fails the iteration with that {@code CancellationException} and cancels
   * the subscription. Reactor: {@code JdkFlowAdapter.flowPublisherToFlux}; Kotlin: {@code
   * asFlow}.
   *
   * @param publisher the publisher; subscribed at the first {@code anext()}
   * @param prefetch how many elements to request ahead, from 1 to 2<sup>30</sup> (the buffer's size)
   * @param <T> the element type
   * @return an iterator over the publisher's elements
   * @throws IllegalArgumentException when {@code prefetch} is out of range
   */
  public static <T> AsyncIterator<T> fromPublisher(
      Flow.Publisher<? extends T> publisher, int prefetch) {
    return Bridges.fromPublisher(publisher, prefetch);
  }

  // ---------------------------------------------------------------------------------- generators

  /**
   * An iterator over what {@code body} yields: Python's asynchronous generator, {@code async def
   * gen(): ... yield value}. The body starts at the first {@code anext()}, on a thread of its own
   * (a virtual thread on JDK 21 and later, a new daemon thread on JDK 17), and may block there:
   * {@code join()} on a future is its {@code await}.
   *
   * <p>{@code out.yield(v)} completes the pending {@code anext()} with {@code v} and waits until
   * the next {@code anext()} or {@code aclose()}. Returning from the body ends the iteration; an
   * exception fails the pending {@code anext()} with that exception. {@code aclose()} while the
   * body waits in {@code yield} makes it throw {@link GeneratorExit}, so that the body's {@code
   * finally} blocks run, and completes once the body has returned; while the body runs, its next
   * {@code yield} throws; before the first {@code anext()} the body never runs. A loop body runs
   * on the generator's thread, which completed its element (B10), and its next {@code anext()}
   * then resumes the body without a hand-off.
   *
   * <p>An iterator dropped without being closed is closed once it is garbage-collected (a {@link
   * java.lang.ref.Cleaner}): the waiting {@code yield} throws {@link GeneratorExit} and the body
   * unwinds, so no thread stays parked for ever. That happens at the collector's pace; close the
   * iterator (every loop does) to release it in time.
   *
   * <pre>{@code
   * // async def squares(n):
   * //     for i in range(n):
   * //         yield await square(i)
   * AsyncIterator<Integer> squares = Async.generator(out -> {
   *   for (int i = 0; i < n; i++) {
   *     out.yield(square(i).join());
   *   }
   * });
   * }</pre>
   *
   * @param body produces the elements
   * @param <T> the element type
   * @return an iterator over the yielded elements
   */
  public static <T> AsyncIterator<T> generator(Generator<T> body) {
    return Operators.generator(null, body);
  }

  /**
   * Like {@link #generator(Generator)}, with the body run by {@code executor}. While it waits in
   * {@code yield} the body holds the executor's thread, so give a pool as many threads as
   * generators may be open at once; an executor that runs the task on the calling thread fails
   * the first {@code anext()} with {@link IllegalStateException}.
   *
   * @param executor runs the body, once, on one of its threads
   * @param body produces the elements
   * @param <T> the element type
   * @return an iterator over the yielded elements
   */
  public static <T> AsyncIterator<T> generator(Executor executor, Generator<T> body) {
    return Operators.generator(Objects.requireNonNull(executor, "executor"), body);
  }
}
