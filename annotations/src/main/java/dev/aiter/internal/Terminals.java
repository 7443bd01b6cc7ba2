package dev.aiter.internal;

import dev.aiter.AsyncIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collector;

/**
 * The terminal operations of {@link AsyncIterator}, each a {@link ForLoop.Sink} run by the loop
 * engine: the engine closes the iterator exactly once on every way out and completes the future
 * after that close, with the sink's result. Internal: not part of the aiter API; {@code
 * AsyncIterator}'s default methods delegate here.
 */
public final class Terminals {

  private Terminals() {}

  /**
   * {@code toList()}.
   *
   * @param it the iterator
   * @param <T> the element type
   * @return a future of a new mutable list of every element, nulls included
   */
  public static <T> CompletableFuture<List<T>> toList(AsyncIterator<T> it) {
    return ForLoop.run(
        it,
        new ForLoop.Sink<T, List<T>>() {
          private final List<T> list = new ArrayList<>();

          @Override
          boolean accept(T element) {
            list.add(element);
            return true;
          }

          @Override
          List<T> result() {
            return list;
          }
        });
  }

  /**
   * {@code collect(collector)}: the collector's container is created when the loop starts.
   *
   * @param it the iterator
   * @param collector how to collect
   * @param <T> the element type
   * @param <A> the container type
   * @param <R> the result type
   * @return a future of the collector's result
   */
  public static <T, A, R> CompletableFuture<R> collect(
      AsyncIterator<T> it, Collector<? super T, A, R> collector) {
    Objects.requireNonNull(collector, "collector");
    Supplier<A> supplier = collector.supplier();
    BiConsumer<A, ? super T> accumulator = collector.accumulator();
    return ForLoop.run(
        it,
        new ForLoop.Sink<T, R>() {
          private A container;
          private boolean started;

          private A container() {
            if (!started) {
              container = supplier.get();
              started = true;
            }
            return container;
          }

          @Override
          boolean accept(T element) {
            accumulator.accept(container(), element);
            return true;
          }

          @Override
          R result() {
            return collector.finisher().apply(container());
          }
        });
  }

  /**
   * {@code reduce(identity, accumulator)}.
   *
   * @param it the iterator
   * @param identity the initial value
   * @param accumulator folds one element into the value
   * @param <T> the element type
   * @param <U> the result type
   * @return a future of the folded value; {@code identity} for an empty iterator
   */
  public static <T, U> CompletableFuture<U> reduce(
      AsyncIterator<T> it, U identity, BiFunction<U, ? super T, U> accumulator) {
    Objects.requireNonNull(accumulator, "accumulator");
    return ForLoop.run(
        it,
        new ForLoop.Sink<T, U>() {
          private U value = identity;

          @Override
          boolean accept(T element) {
            value = accumulator.apply(value, element);
            return true;
          }

          @Override
          U result() {
            return value;
          }
        });
  }

  /**
   * {@code count()}.
   *
   * @param it the iterator
   * @param <T> the element type
   * @return a future of the number of elements
   */
  public static <T> CompletableFuture<Long> count(AsyncIterator<T> it) {
    return ForLoop.run(
        it,
        new ForLoop.Sink<T, Long>() {
          private long count;

          @Override
          boolean accept(T element) {
            count++;
            return true;
          }

          @Override
          Long result() {
            return count;
          }
        });
  }

  /**
   * {@code findFirst()}: stops after the first element.
   *
   * @param it the iterator
   * @param <T> the element type
   * @return a future of the first element, empty for an empty iterator
   */
  public static <T> CompletableFuture<Optional<T>> findFirst(AsyncIterator<T> it) {
    return ForLoop.run(
        it,
        new ForLoop.Sink<T, Optional<T>>() {
          private Optional<T> first = Optional.empty();

          @Override
          boolean accept(T element) {
            if (element == null) {
              throw new NullPointerException(
                  "AsyncIterator.findFirst(): the first element is null, which an Optional"
                      + " cannot hold");
            }
            first = Optional.of(element);
            return false;
          }

          @Override
          Optional<T> result() {
            return first;
          }
        });
  }

  /**
   * {@code anyMatch(p)}, {@code allMatch(p)}, {@code noneMatch(p)}: stops at the first element
   * that decides the answer.
   *
   * @param it the iterator
   * @param p the predicate
   * @param stopWhen the predicate's value that decides the answer ({@code true} for any and none,
   *     {@code false} for all)
   * @param answerWhenStopped the answer when such an element was found
   * @param <T> the element type
   * @return a future of the answer
   */
  public static <T> CompletableFuture<Boolean> match(
      AsyncIterator<T> it, Predicate<? super T> p, boolean stopWhen, boolean answerWhenStopped) {
    Objects.requireNonNull(p, "p");
    return ForLoop.run(
        it,
        new ForLoop.Sink<T, Boolean>() {
          private boolean answer = !answerWhenStopped;

          @Override
          boolean accept(T element) {
            if (p.test(element) == stopWhen) {
              answer = answerWhenStopped;
              return false;
            }
            return true;
          }

          @Override
          Boolean result() {
            return answer;
          }
        });
  }

  /**
   * {@code min(c)} and {@code max(c)}: the first of equal elements wins, as in {@code
   * Stream.min}.
   *
   * @param it the iterator
   * @param c the comparator
   * @param max whether the largest (else the smallest) element is sought
   * @param <T> the element type
   * @return a future of the element, empty for an empty iterator
   */
  public static <T> CompletableFuture<Optional<T>> extreme(
      AsyncIterator<T> it, Comparator<? super T> c, boolean max) {
    Objects.requireNonNull(c, "c");
    String name = max ? "AsyncIterator.max(c)" : "AsyncIterator.min(c)";
    return ForLoop.run(
        it,
        new ForLoop.Sink<T, Optional<T>>() {
          private T best;
          private boolean any;

          @Override
          boolean accept(T element) {
            if (!any) {
              best = element;
              any = true;
            } else {
              int order = c.compare(element, best);
              if (max ? order > 0 : order < 0) {
                best = element;
              }
            }
            return true;
          }

          @Override
          Optional<T> result() {
            if (any && best == null) {
              throw new NullPointerException(
                  name + ": the result is a null element, which an Optional cannot hold");
            }
            return Optional.ofNullable(best);
          }
        });
  }
}
