package dev.aiter.internal;

import dev.aiter.AsyncIterator;
import dev.aiter.Generator;
import dev.aiter.Indexed;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Where {@link AsyncIterator}'s sources and operators are built. Arguments are checked here, when
 * the operator is called, not when it is first pulled (O4); nothing is pulled here (O1).
 * Internal: not part of the aiter API; {@code AsyncIterator} and {@code Async} delegate here.
 */
public final class Operators {

  private static final Object[] NO_ELEMENTS = {};

  private Operators() {}

  // Sources

  /**
   * {@code AsyncIterator.empty()}.
   *
   * @param <T> the element type
   * @return an iterator that ends at once
   */
  @SuppressWarnings("unchecked")
  public static <T> AsyncIterator<T> empty() {
    return new Sources.Of<>("AsyncIterator.empty()", (T[]) NO_ELEMENTS);
  }

  /**
   * {@code AsyncIterator.of(elements)}.
   *
   * @param elements the elements, read in place (not copied)
   * @param <T> the element type
   * @return an iterator over the elements
   */
  public static <T> AsyncIterator<T> of(T[] elements) {
    Objects.requireNonNull(elements, "elements");
    return new Sources.Of<>("AsyncIterator.of(elements)", elements);
  }

  /**
   * {@code AsyncIterator.from(iterable)}.
   *
   * @param elements the iterable, iterated lazily
   * @param <T> the element type
   * @return an iterator over the iterable
   */
  public static <T> AsyncIterator<T> from(Iterable<? extends T> elements) {
    return new Sources.From<T>(Objects.requireNonNull(elements, "elements"));
  }

  /**
   * {@code AsyncIterator.range(start, end)}.
   *
   * @param start the first value
   * @param end the value after the last; no values when {@code end <= start}
   * @return an iterator over {@code start, start + 1, ..., end - 1}
   */
  public static AsyncIterator<Integer> range(int start, int end) {
    return new Sources.Range(start, end);
  }

  /**
   * {@code Async.aiter(call, sentinel)}.
   *
   * @param call makes each element's stage
   * @param sentinel the value that ends the iteration
   * @param <T> the element type
   * @return an iterator over the call's values until the sentinel
   */
  public static <T> AsyncIterator<T> untilSentinel(
      Supplier<? extends CompletionStage<? extends T>> call, T sentinel) {
    return new Sources.UntilSentinel<T>(Objects.requireNonNull(call, "call"), sentinel);
  }

  // Operators

  /**
   * {@code map(fn)}.
   *
   * @param it the upstream
   * @param fn the function
   * @param <T> the upstream's element type
   * @param <R> the element type
   * @return the operator's iterator
   */
  public static <T, R> AsyncIterator<R> map(
      AsyncIterator<T> it, Function<? super T, ? extends R> fn) {
    return new Transforms.Map<T, R>(PullIterator.of(it), Objects.requireNonNull(fn, "fn"));
  }

  /**
   * {@code mapAsync(fn)}.
   *
   * @param it the upstream
   * @param fn the function
   * @param <T> the upstream's element type
   * @param <R> the element type
   * @return the operator's iterator
   */
  public static <T, R> AsyncIterator<R> mapAsync(
      AsyncIterator<T> it, Function<? super T, ? extends CompletionStage<? extends R>> fn) {
    return new Transforms.MapAsync<T, R>(PullIterator.of(it), Objects.requireNonNull(fn, "fn"));
  }

  /**
   * {@code filter(p)}.
   *
   * @param it the upstream
   * @param p the predicate
   * @param <T> the element type
   * @return the operator's iterator
   */
  public static <T> AsyncIterator<T> filter(AsyncIterator<T> it, Predicate<? super T> p) {
    return new Filters.Where<T>(PullIterator.of(it), Objects.requireNonNull(p, "p"));
  }

  /**
   * {@code limit(n)}.
   *
   * @param it the upstream
   * @param n the most elements to deliver
   * @param <T> the element type
   * @return the operator's iterator
   */
  public static <T> AsyncIterator<T> limit(AsyncIterator<T> it, long n) {
    return new Limits.Limit<T>(PullIterator.of(it), notNegative(n, "limit"));
  }

  /**
   * {@code skip(n)}.
   *
   * @param it the upstream
   * @param n how many elements to drop
   * @param <T> the element type
   * @return the operator's iterator
   */
  public static <T> AsyncIterator<T> skip(AsyncIterator<T> it, long n) {
    return new Filters.Skip<T>(PullIterator.of(it), notNegative(n, "skip"));
  }

  /**
   * {@code takeWhile(p)}.
   *
   * @param it the upstream
   * @param p the predicate
   * @param <T> the element type
   * @return the operator's iterator
   */
  public static <T> AsyncIterator<T> takeWhile(AsyncIterator<T> it, Predicate<? super T> p) {
    return new Limits.TakeWhile<T>(PullIterator.of(it), Objects.requireNonNull(p, "p"));
  }

  /**
   * {@code dropWhile(p)}.
   *
   * @param it the upstream
   * @param p the predicate
   * @param <T> the element type
   * @return the operator's iterator
   */
  public static <T> AsyncIterator<T> dropWhile(AsyncIterator<T> it, Predicate<? super T> p) {
    return new Filters.DropWhile<T>(PullIterator.of(it), Objects.requireNonNull(p, "p"));
  }

  /**
   * {@code flatMap(fn)}.
   *
   * @param it the upstream
   * @param fn the function
   * @param <T> the upstream's element type
   * @param <R> the element type
   * @return the operator's iterator
   */
  public static <T, R> AsyncIterator<R> flatMap(
      AsyncIterator<T> it, Function<? super T, ? extends AsyncIterator<? extends R>> fn) {
    return new Flatten.FlatMap<T, R>(PullIterator.of(it), Objects.requireNonNull(fn, "fn"));
  }

  /**
   * {@code flatMapIterable(fn)}.
   *
   * @param it the upstream
   * @param fn the function
   * @param <T> the upstream's element type
   * @param <R> the element type
   * @return the operator's iterator
   */
  public static <T, R> AsyncIterator<R> flatMapIterable(
      AsyncIterator<T> it, Function<? super T, ? extends Iterable<? extends R>> fn) {
    return new Flatten.FlatMapIterable<T, R>(
        PullIterator.of(it), Objects.requireNonNull(fn, "fn"));
  }

  /**
   * {@code enumerate()}.
   *
   * @param it the upstream
   * @param <T> the element type
   * @return the operator's iterator
   */
  public static <T> AsyncIterator<Indexed<T>> enumerate(AsyncIterator<T> it) {
    return new Transforms.Enumerate<T>(PullIterator.of(it));
  }

  /**
   * {@code zip(other, fn)}.
   *
   * @param it the left upstream
   * @param other the right upstream
   * @param fn combines a pair
   * @param <T> the left element type
   * @param <U> the right element type
   * @param <R> the element type
   * @return the operator's iterator
   */
  public static <T, U, R> AsyncIterator<R> zip(
      AsyncIterator<T> it,
      AsyncIterator<? extends U> other,
      BiFunction<? super T, ? super U, ? extends R> fn) {
    Objects.requireNonNull(other, "other");
    Objects.requireNonNull(fn, "fn");
    return new Zip<T, U, R>(PullIterator.of(it), PullIterator.of(other), fn);
  }

  /**
   * {@code concat(next)}.
   *
   * @param it the first upstream
   * @param next the second upstream
   * @param <T> the element type
   * @return the operator's iterator
   */
  public static <T> AsyncIterator<T> concat(AsyncIterator<T> it, AsyncIterator<? extends T> next) {
    return new Flatten.Concat<T>(
        PullIterator.of(it), PullIterator.of(Objects.requireNonNull(next, "next")));
  }

  /**
   * {@code batched(size)}.
   *
   * @param it the upstream
   * @param size the size of every batch but the last
   * @param <T> the element type
   * @return the operator's iterator
   */
  public static <T> AsyncIterator<List<T>> batched(AsyncIterator<T> it, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("batched(size): size must be at least 1, got " + size);
    }
    return new Batched<T>(PullIterator.of(it), size);
  }

  /**
   * {@code peek(action)}.
   *
   * @param it the upstream
   * @param action what to run on each element
   * @param <T> the element type
   * @return the operator's iterator
   */
  public static <T> AsyncIterator<T> peek(AsyncIterator<T> it, Consumer<? super T> action) {
    return new Transforms.Peek<T>(PullIterator.of(it), Objects.requireNonNull(action, "action"));
  }

  /**
   * {@code distinct()}.
   *
   * @param it the upstream
   * @param <T> the element type
   * @return the operator's iterator
   */
  public static <T> AsyncIterator<T> distinct(AsyncIterator<T> it) {
    return new Filters.Distinct<T>(PullIterator.of(it));
  }

  // ---- concurrency and time

  /**
   * {@code mapAsync(concurrency, fn)}.
   *
   * @param it the upstream
   * @param concurrency the most stages of {@code fn} started and not yet delivered; at least 1
   * @param fn the function
   * @param <T> the upstream's element type
   * @param <R> the element type
   * @return the operator's iterator
   */
  public static <T, R> AsyncIterator<R> mapAsync(
      AsyncIterator<T> it,
      int concurrency,
      Function<? super T, ? extends CompletionStage<? extends R>> fn) {
    atLeastOne(concurrency, "mapAsync(concurrency, fn): concurrency");
    return new Concurrent.Ordered<T, R>(
        "AsyncIterator.mapAsync(concurrency, fn)",
        PullIterator.of(it),
        concurrency,
        Objects.requireNonNull(fn, "fn"));
  }

  /**
   * {@code mapAsyncUnordered(concurrency, fn)}.
   *
   * @param it the upstream
   * @param concurrency the most stages of {@code fn} started and not yet delivered; at least 1
   * @param fn the function
   * @param <T> the upstream's element type
   * @param <R> the element type
   * @return the operator's iterator
   */
  public static <T, R> AsyncIterator<R> mapAsyncUnordered(
      AsyncIterator<T> it,
      int concurrency,
      Function<? super T, ? extends CompletionStage<? extends R>> fn) {
    atLeastOne(concurrency, "mapAsyncUnordered(concurrency, fn): concurrency");
    return new Concurrent.Unordered<T, R>(
        "AsyncIterator.mapAsyncUnordered(concurrency, fn)",
        PullIterator.of(it),
        concurrency,
        Objects.requireNonNull(fn, "fn"));
  }

  /**
   * {@code prefetch(n)}.
   *
   * @param it the upstream
   * @param n how many elements to read ahead at most; at least 1
   * @param <T> the element type
   * @return the operator's iterator
   */
  public static <T> AsyncIterator<T> prefetch(AsyncIterator<T> it, int n) {
    atLeastOne(n, "prefetch(n): n");
    return new Concurrent.Ordered<T, T>("AsyncIterator.prefetch(n)", PullIterator.of(it), n, null);
  }

  /**
   * {@code timeout(perElement)}.
   *
   * @param it the upstream
   * @param perElement how long each {@code anext()} may take; positive
   * @param <T> the element type
   * @return the operator's iterator
   */
  public static <T> AsyncIterator<T> timeout(AsyncIterator<T> it, Duration perElement) {
    Objects.requireNonNull(perElement, "perElement");
    if (perElement.isNegative() || perElement.isZero()) {
      throw new IllegalArgumentException(
          "timeout(perElement): perElement must be positive, got " + perElement);
    }
    return new Timeout<T>(PullIterator.of(it), perElement);
  }

  // ---- generators

  /**
   * {@code Async.generator(body)} and {@code Async.generator(executor, body)}.
   *
   * @param executor runs the body, or {@code null} for a thread of its own
   * @param body the generator's body
   * @param <T> the element type
   * @return an iterator over what the body yields
   */
  public static <T> AsyncIterator<T> generator(Executor executor, Generator<T> body) {
    return new Generators.GeneratorIterator<T>(executor, Objects.requireNonNull(body, "body"));
  }

  private static void atLeastOne(int n, String what) {
    if (n < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, got " + n);
    }
  }

  private static long notNegative(long n, String operator) {
    if (n < 0) {
      throw new IllegalArgumentException(operator + "(n): n must not be negative, got " + n);
    }
    return n;
  }
}
