package dev.aiter;

import dev.aiter.internal.Bridges;
import dev.aiter.internal.ForLoop;
import dev.aiter.internal.Operators;
import dev.aiter.internal.Stages;
import dev.aiter.internal.Terminals;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collector;
import java.util.stream.Stream;

/**
 * The asynchronous iterator protocol, Python's {@code __anext__} and {@code aclose()}: every
 * generated adapter implements it, and anyone may implement it by hand.
 *
 * <p>Callers call {@link #anext()} again only after the previous stage completed. The functions
 * of {@link Async} accept any implementation.
 *
 * <h2>Operators</h2>
 *
 * <p>The default methods are Python's async itertools on every iterator: sources ({@link #of},
 * {@link #range}...), operators that return a new iterator ({@link #map}, {@link #filter},
 * {@link #limit}...) and terminal operations that run the loop and return a future ({@link
 * #toList}, {@link #reduce}, {@link #findFirst}...). They share these rules:
 *
 * <ul>
 *   <li>Building a chain calls nothing; the first {@code anext()} of the result pulls, and an
 *       operator asks its upstream for the next element only after the previous one arrived.
 *   <li>A {@code null} function or a negative size throws at once, when the operator is called.
 *       A function that throws, or whose stage fails, fails that {@code anext()} with that very
 *       exception; throwing {@link StopAsyncIteration} from it ends the iteration.
 *   <li>{@code aclose()} closes every upstream once. An operator that ends before its upstream
 *       ({@code limit}, {@code takeWhile}, {@code zip}) closes that upstream itself before it
 *       signals its end. Once ended or failed, an operator's iterator ends or fails again without
 *       calling upstream; calling {@code anext()} while its previous stage is pending fails with
 *       "already running".
 *   <li>Cancelling a stage returned by an operator's {@code anext()} cancels the stage it waits
 *       on. Terminal operations close the iterator exactly once on every way out and complete
 *       after that close; cancelling their future stops the loop and closes the iterator.
 *   <li>Over already-complete stages a chain runs in constant stack depth and allocates nothing
 *       per element beyond what the source and the functions allocate.
 * </ul>
 *
 * @param <T> the element type
 */
public interface AsyncIterator<T> {

  /**
   * Returns the next element; at the end the stage completes exceptionally with {@link
   * StopAsyncIteration}. Python: {@code await it.__anext__()}.
   *
   * @return a stage completed with the next element, or failed with {@link StopAsyncIteration}
   *     at the end
   */
  CompletionStage<T> anext();

  /**
   * Releases the source; idempotent. The default does nothing. Python: {@code await
   * it.aclose()}.
   *
   * @return a stage that completes once the source is released
   */
  default CompletionStage<Void> aclose() {
    return Stages.DONE;
  }

  // ---------------------------------------------------------------------------------- sources

  /**
   * An iterator that ends at once. C#: {@code AsyncEnumerable.Empty}; Kotlin: {@code
   * emptyFlow()}.
   *
   * @param <T> the element type
   * @return an empty iterator
   */
  static <T> AsyncIterator<T> empty() {
    return Operators.empty();
  }

  /**
   * An iterator over the given elements, in order; the array is read in place, not copied.
   * Kotlin: {@code flowOf}.
   *
   * @param elements the elements; {@code null} elements are delivered as they are
   * @param <T> the element type
   * @return an iterator over {@code elements}
   */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read, as List.of does
  static <T> AsyncIterator<T> of(T... elements) {
    return Operators.of(elements);
  }

  /**
   * An iterator over an {@code Iterable}, whose iterator is taken at the first {@code anext()}
   * and read one element per {@code anext()}. Python: {@code aiter} over a sync iterable; C#:
   * {@code ToAsyncEnumerable}; Kotlin: {@code asFlow}.
   *
   * @param elements the iterable
   * @param <T> the element type
   * @return an iterator over {@code elements}
   */
  static <T> AsyncIterator<T> from(Iterable<? extends T> elements) {
    return Operators.from(elements);
  }

  /**
   * The integers from {@code start} (inclusive) to {@code end} (exclusive); none when {@code end
   * <= start}. Python: {@code range(start, end)}; C#: {@code Range(start, count)}.
   *
   * @param start the first value
   * @param end the value after the last
   * @return an iterator over the range
   */
  static AsyncIterator<Integer> range(int start, int end) {
    return Operators.range(start, end);
  }

  // -------------------------------------------------------------------------------- operators

  /**
   * Each element passed through {@code fn}. Python: {@code (fn(x) async for x in it)}; C#:
   * {@code Select}.
   *
   * @param fn the function
   * @param <R> the new element type
   * @return an iterator over the results
   */
  default <R> AsyncIterator<R> map(Function<? super T, ? extends R> fn) {
    return Operators.map(this, fn);
  }

  /**
   * Each element passed through an asynchronous {@code fn}, one at a time: the next element is
   * pulled only after the previous stage of {@code fn} completed. Python: {@code (await fn(x)
   * async for x in it)}; C#: {@code SelectAwait}. For several at once see {@code mapAsync(int,
   * Function)}.
   *
   * @param fn the function; a {@code null} stage fails the iteration
   * @param <R> the new element type
   * @return an iterator over the results
   */
  default <R> AsyncIterator<R> mapAsync(
      Function<? super T, ? extends CompletionStage<? extends R>> fn) {
    return Operators.mapAsync(this, fn);
  }

  /**
   * The elements that satisfy {@code p}. Python: {@code (x async for x in it if p(x))}; C#:
   * {@code Where}.
   *
   * @param p the predicate
   * @return an iterator over the matching elements
   */
  default AsyncIterator<T> filter(Predicate<? super T> p) {
    return Operators.filter(this, p);
  }

  /**
   * The first {@code n} elements; upstream is never asked for more than {@code n}, and is closed
   * before the end is signalled. Python: {@code islice(it, n)}; C#: {@code Take}; Kotlin:
   * {@code take}.
   *
   * @param n how many elements at most; not negative
   * @return an iterator over at most {@code n} elements
   * @throws IllegalArgumentException when {@code n} is negative
   */
  default AsyncIterator<T> limit(long n) {
    return Operators.limit(this, n);
  }

  /**
   * All but the first {@code n} elements. Python: {@code islice(it, n, None)}; C#: {@code Skip};
   * Kotlin: {@code drop}.
   *
   * @param n how many elements to drop; not negative
   * @return an iterator over the rest
   * @throws IllegalArgumentException when {@code n} is negative
   */
  default AsyncIterator<T> skip(long n) {
    return Operators.skip(this, n);
  }

  /**
   * The elements up to (not including) the first that fails {@code p}; upstream is then closed
   * before the end is signalled. Python: {@code itertools.takewhile}.
   *
   * @param p the predicate
   * @return an iterator over the leading matching elements
   */
  default AsyncIterator<T> takeWhile(Predicate<? super T> p) {
    return Operators.takeWhile(this, p);
  }

  /**
   * The elements from the first that fails {@code p} on. Python: {@code itertools.dropwhile};
   * C#: {@code SkipWhile}.
   *
   * @param p the predicate
   * @return an iterator over the rest
   */
  default AsyncIterator<T> dropWhile(Predicate<? super T> p) {
    return Operators.dropWhile(this, p);
  }

  /**
   * The elements of the iterator {@code fn} returns for each element, one inner iterator after
   * the other; each is closed when it ended, the current one when this iterator is closed.
   * Python: {@code (y async for x in it async for y in fn(x))}; C#: {@code SelectMany}; Kotlin:
   * {@code flatMapConcat}.
   *
   * @param fn the function; a {@code null} iterator fails the iteration
   * @param <R> the new element type
   * @return an iterator over the inner elements
   */
  default <R> AsyncIterator<R> flatMap(
      Function<? super T, ? extends AsyncIterator<? extends R>> fn) {
    return Operators.flatMap(this, fn);
  }

  /**
   * The elements of the {@code Iterable} {@code fn} returns for each element: a page of items
   * into its items. Python: {@code (y async for x in it for y in fn(x))}; C#: {@code
   * SelectMany}.
   *
   * @param fn the function; a {@code null} iterable fails the iteration
   * @param <R> the new element type
   * @return an iterator over the inner elements
   */
  default <R> AsyncIterator<R> flatMapIterable(
      Function<? super T, ? extends Iterable<? extends R>> fn) {
    return Operators.flatMapIterable(this, fn);
  }

  /**
   * Each element with its position, from 0. Python: {@code enumerate}; Kotlin: {@code
   * withIndex}.
   *
   * @return an iterator over indexed elements
   */
  default AsyncIterator<Indexed<T>> enumerate() {
    return Operators.enumerate(this);
  }

  /**
   * Pairs of this iterator's and {@code other}'s elements, combined by {@code fn}; ends with the
   * shorter, and then closes both before the end is signalled. Python: {@code zip}.
   *
   * @param other the second iterator
   * @param fn combines a pair
   * @param <U> the second iterator's element type
   * @param <R> the new element type
   * @return an iterator over the combined pairs
   */
  default <U, R> AsyncIterator<R> zip(
      AsyncIterator<? extends U> other, BiFunction<? super T, ? super U, ? extends R> fn) {
    return Operators.zip(this, other, fn);
  }

  /**
   * This iterator's elements, then {@code next}'s; this iterator is closed when it ended, before
   * {@code next} is read. Python: {@code itertools.chain}; C#: {@code Concat}; Kotlin: {@code
   * onCompletion { emitAll(next) }}.
   *
   * @param next the iterator that follows
   * @return an iterator over both
   */
  default AsyncIterator<T> concat(AsyncIterator<? extends T> next) {
    return Operators.concat(this, next);
  }

  /**
   * Unmodifiable lists of {@code size} consecutive elements; the last may be shorter. An upstream
   * failure fails at once (the unfinished batch is not delivered). Python 3.12: {@code
   * itertools.batched}; C#: {@code Chunk}; Kotlin: {@code chunked}.
   *
   * @param size the size of every batch but the last; at least 1
   * @return an iterator over the batches
   * @throws IllegalArgumentException when {@code size < 1}
   */
  default AsyncIterator<List<T>> batched(int size) {
    return Operators.batched(this, size);
  }

  /**
   * The same elements, with {@code action} run on each as it passes. Kotlin: {@code onEach}.
   *
   * @param action what to run on each element
   * @return an iterator over the same elements
   */
  default AsyncIterator<T> peek(Consumer<? super T> action) {
    return Operators.peek(this, action);
  }

  /**
   * The first occurrence of each element, by {@code equals}; remembers every element seen.
   * Python: more-itertools' {@code unique_everseen}; C#: {@code Distinct}.
   *
   * @return an iterator over the distinct elements
   */
  default AsyncIterator<T> distinct() {
    return Operators.distinct(this);
  }

  // ---------------------------------------------------------------------- concurrency and time

  /**
   * Each element passed through an asynchronous {@code fn} with up to {@code concurrency} stages
   * at once; the results come in source order. Reactor: {@code flatMapSequential(fn,
   * concurrency)}; Jox: {@code mapPar}; Python: aiostream's {@code stream.map(it, fn,
   * task_limit=concurrency)}; Kotlin: {@code map { async { fn(it) } }.buffer(concurrency -
   * 1).map { it.await() }}.
   *
   * <p>From the first {@code anext()} on, elements are pulled (one upstream {@code anext()} at a
   * time) and started while fewer than {@code concurrency} are started and not yet delivered,
   * whether or not the consumer is asking: with a slow consumer, {@code concurrency} stages run
   * or wait, done, to be taken. {@code fn} runs on the thread that pulled the element: the caller
   * of {@code anext()}, or the thread that completed an earlier stage.
   *
   * <p>Head of line: at most {@code concurrency} elements are started and not yet delivered. While
   * the oldest undelivered element is slow, the ones after it run and may complete, but nothing
   * more is pulled until its result was delivered; so a slow head lowers the parallelism for a
   * while, and memory holds at most {@code concurrency} results. That is Reactor's rule; Jox's
   * {@code mapPar} frees a permit as soon as a stage completes and keeps pulling up to its
   * channel's bound, which keeps {@code concurrency} stages running behind a slow head at the
   * price of buffering every result completed behind it.
   *
   * <p>An exception of {@code fn} (thrown, or its stage's) fails the iteration at that element's
   * position, after the results before it, and the stages after it are cancelled at once; an
   * upstream failure comes after the results before it. When the iterator fails or is closed, or
   * the stage of its {@code anext()} is cancelled, every stage still in flight and a pending
   * upstream read are cancelled; {@code aclose()} closes the upstream once.
   *
   * @param concurrency the most elements started and not yet delivered; at least 1
   * @param fn the function; a {@code null} stage fails the iteration at that element
   * @param <R> the new element type
   * @return an iterator over the results, in source order
   * @throws IllegalArgumentException when {@code concurrency < 1}
   */
  default <R> AsyncIterator<R> mapAsync(
      int concurrency, Function<? super T, ? extends CompletionStage<? extends R>> fn) {
    return Operators.mapAsync(this, concurrency, fn);
  }

  /**
   * Like {@link #mapAsync(int, Function)}, with the results in the order their stages completed.
   * A failure (of {@code fn} or of the upstream) is delivered after the results that completed
   * before it, and the stages still in flight are then cancelled. Reactor: {@code flatMap(fn,
   * concurrency)}; Kotlin: {@code flatMapMerge(concurrency) { flow { emit(fn(it)) } }}; Python:
   * aiostream's {@code stream.map(it, fn, ordered=False, task_limit=concurrency)}, {@code
   * asyncio.as_completed}.
   *
   * @param concurrency the most elements started and not yet delivered; at least 1
   * @param fn the function; a {@code null} stage fails the iteration
   * @param <R> the new element type
   * @return an iterator over the results, in completion order
   * @throws IllegalArgumentException when {@code concurrency < 1}
   */
  default <R> AsyncIterator<R> mapAsyncUnordered(
      int concurrency, Function<? super T, ? extends CompletionStage<? extends R>> fn) {
    return Operators.mapAsyncUnordered(this, concurrency, fn);
  }

  /**
   * The same elements, read up to {@code n} ahead of the consumer: from the first {@code
   * anext()} on, the upstream is pulled (one {@code anext()} at a time) until {@code n} elements
   * wait to be taken, so a slow source and a slow consumer overlap. Its end and failure come after
   * the elements before them. Closing cancels a pending read and closes the upstream. Kotlin:
   * {@code buffer(n)}; Python: a task filling an {@code asyncio.Queue(maxsize=n)}; Reactor:
   * {@code publishOn}'s prefetch.
   *
   * @param n how many elements to hold at most; at least 1
   * @return an iterator over the same elements
   * @throws IllegalArgumentException when {@code n < 1}
   */
  default AsyncIterator<T> prefetch(int n) {
    return Operators.prefetch(this, n);
  }

  /**
   * The same elements, each {@code anext()} failing with {@link
   * java.util.concurrent.TimeoutException} when the upstream takes longer than {@code perElement}
   * to answer it; the upstream's pending stage is then cancelled and the upstream closed, and the
   * iteration stays failed. An element already at hand never waits; the timer runs on the JDK's
   * shared {@code CompletableFuture} timer (no thread per iterator), and the failure is delivered
   * on {@code CompletableFuture}'s default async pool. Python: {@code asyncio.wait_for(anext(it),
   * timeout)}; Kotlin: {@code timeout(duration)}; Reactor: {@code timeout(Duration)}.
   *
   * @param perElement how long each {@code anext()} may take; positive
   * @return an iterator over the same elements
   * @throws IllegalArgumentException when {@code perElement} is zero or negative
   * @throws NullPointerException when {@code perElement} is {@code null}
   */
  default AsyncIterator<T> timeout(Duration perElement) {
    return Operators.timeout(this, perElement);
  }

  // ----------------------------------------------------------------------- terminal operations

  /**
   * Runs {@code body} for each element, in order, one at a time, as {@link
   * Async#asyncFor(AsyncIterator, LoopBody)} does. Python: {@code async for x in it: body(x)};
   * C#: {@code await foreach}; Kotlin: {@code collect}.
   *
   * @param body what to do with each element
   * @return a future that completes when the loop ended and the iterator was closed
   */
  default CompletableFuture<Void> forEach(LoopBody<? super T> body) {
    return ForLoop.plain(this, Objects.requireNonNull(body, "body"));
  }

  /**
   * Every element in a new mutable list, {@code null}s kept. Python: {@code [x async for x in
   * it]}; C#: {@code ToListAsync}; Kotlin: {@code toList}.
   *
   * @return a future of the list
   */
  default CompletableFuture<List<T>> toList() {
    return Terminals.toList(this);
  }

  /**
   * Collects the elements with a {@link java.util.stream.Collector}, whose container is created
   * when the loop starts. Python: {@code collections.Counter(x async for x in it)} and friends.
   *
   * @param collector how to collect
   * @param <R> the result type
   * @param <A> the collector's container type
   * @return a future of the collector's result
   */
  default <R, A> CompletableFuture<R> collect(Collector<? super T, A, R> collector) {
    return Terminals.collect(this, collector);
  }

  /**
   * Folds the elements into one value, starting from {@code identity}. Python: {@code
   * functools.reduce} over {@code [x async for x in it]}; C#: {@code AggregateAsync}; Kotlin:
   * {@code fold}.
   *
   * @param identity the initial value, the result for an empty iterator
   * @param accumulator folds one element into the value
   * @param <U> the result type
   * @return a future of the folded value
   */
  default <U> CompletableFuture<U> reduce(U identity, BiFunction<U, ? super T, U> accumulator) {
    return Terminals.reduce(this, identity, accumulator);
  }

  /**
   * The number of elements. C#: {@code CountAsync}; Kotlin: {@code count}.
   *
   * @return a future of the count
   */
  default CompletableFuture<Long> count() {
    return Terminals.count(this);
  }

  /**
   * The first element, then stops and closes the iterator; empty for an empty iterator. Python:
   * {@code await anext(it, None)}; C#: {@code FirstOrDefaultAsync}; Kotlin: {@code
   * firstOrNull}.
   *
   * @return a future of the first element; fails with {@link NullPointerException} when it is
   *     {@code null}
   */
  default CompletableFuture<Optional<T>> findFirst() {
    return Terminals.findFirst(this);
  }

  /**
   * Whether any element satisfies {@code p}; stops at the first that does. Python: {@code any(p(x)
   * async for x in it)}; C#: {@code AnyAsync}; Kotlin: {@code any}.
   *
   * @param p the predicate
   * @return a future of the answer; {@code false} for an empty iterator
   */
  default CompletableFuture<Boolean> anyMatch(Predicate<? super T> p) {
    return Terminals.match(this, p, true, true);
  }

  /**
   * Whether every element satisfies {@code p}; stops at the first that does not. Python: {@code
   * all(p(x) async for x in it)}; C#: {@code AllAsync}; Kotlin: {@code all}.
   *
   * @param p the predicate
   * @return a future of the answer; {@code true} for an empty iterator
   */
  default CompletableFuture<Boolean> allMatch(Predicate<? super T> p) {
    return Terminals.match(this, p, false, false);
  }

  /**
   * Whether no element satisfies {@code p}; stops at the first that does. Python: {@code not
   * any(p(x) async for x in it)}; Kotlin: {@code none}.
   *
   * @param p the predicate
   * @return a future of the answer; {@code true} for an empty iterator
   */
  default CompletableFuture<Boolean> noneMatch(Predicate<? super T> p) {
    return Terminals.match(this, p, true, false);
  }

  /**
   * The smallest element by {@code c} (the first of equals); empty for an empty iterator.
   * Python: {@code min([x async for x in it], key=...)}; C#: {@code MinAsync}; Kotlin: {@code
   * minWithOrNull}.
   *
   * @param c the comparator
   * @return a future of the smallest element; fails with {@link NullPointerException} when it is
   *     {@code null}
   */
  default CompletableFuture<Optional<T>> min(Comparator<? super T> c) {
    return Terminals.extreme(this, c, false);
  }

  /**
   * The largest element by {@code c} (the first of equals); empty for an empty iterator. Python:
   * {@code max([x async for x in it], key=...)}; C#: {@code MaxAsync}; Kotlin: {@code
   * maxWithOrNull}.
   *
   * @param c the comparator
   * @return a future of the largest element; fails with {@link NullPointerException} when it is
   *     {@code null}
   */
  default CompletableFuture<Optional<T>> max(Comparator<? super T> c) {
    return Terminals.extreme(this, c, true);
  }

  // ---------------------------------------------------------------------------------- bridges

  /**
   * A {@link Flow.Publisher} of this iterator's elements, for one subscriber (Reactive Streams
   * compliant: the TCK's publisher rules pass). Nothing is pulled before the subscriber requests,
   * and then {@code anext()} is called only while requested elements are still due, one at a
   * time; a {@code request} from inside {@code onNext} does not recurse (rule 3.3).
   *
   * <p>{@code cancel()} cancels the pending stage and closes this iterator. At the end or on a
   * failure the iterator is closed first, and {@code onComplete} / {@code onError} follow that
   * close (a close failure is signalled, or added as suppressed). A {@code null} element is
   * {@code onError(NullPointerException)} (rule 2.13); a non-positive request is {@code
   * onError(IllegalArgumentException)} (rule 3.9); both close the iterator. A second subscriber
   * gets {@code onSubscribe} then {@code onError(IllegalStateException)}: an iterator is consumed
   * once. Reactor: {@code JdkFlowAdapter.publisherToFlowPublisher}; Kotlin: {@code asPublisher}.
   *
   * @return a publisher that serves one subscriber
   */
  default Flow.Publisher<T> toPublisher() {
    return Bridges.toPublisher(this);
  }

  /**
   * A sequential {@link Stream} of this iterator's elements that blocks the calling thread for
   * each one: for virtual threads and plain blocking code, not for an event-loop thread (whose
   * own work may be what completes the element). Nothing is pulled before the terminal operation.
   *
   * <p>Exhausting the stream, or calling its {@code close()}, closes this iterator once (the
   * stream waits for that close). A failure of the iterator is thrown by the terminal operation as
   * it is when it is a {@code RuntimeException} or an {@code Error}, wrapped in {@link
   * java.util.concurrent.CompletionException} otherwise. When the blocked thread is interrupted,
   * the pending stage is cancelled, the iterator closed, the interrupt flag restored, and the
   * operation throws a {@code CompletionException} whose cause is the {@link
   * InterruptedException}. Like {@link java.nio.file.Files#lines}, a stream that is neither
   * exhausted nor closed (after {@code findFirst()} or {@code limit(n)}, say) leaves the iterator
   * open: use try-with-resources.
   *
   * @return a sequential, ordered stream
   */
  default Stream<T> toStream() {
    return Bridges.toStream(this);
  }
}
