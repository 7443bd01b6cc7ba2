package dev.aiter;

import dev.aiter.Fixtures.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Every operator of {@link AsyncIterator} as a row of a table: how to apply it to an upstream,
 * what it must produce (modelled on a plain list), and, for operators that take a function, the
 * same operator with a function that throws. The rule tests (O1–O8) run over every row.
 */
final class OperatorCases {

  private OperatorCases() {}

  /** The exception a test's function or source throws; tests check it arrives as it is. */
  static final class Boom extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Boom(String message) {
      super(message);
    }
  }

  /** One operator. */
  record Case(
      String name,
      Function<AsyncIterator<Integer>, AsyncIterator<?>> apply,
      Function<List<Integer>, List<?>> model,
      BiFunction<AsyncIterator<Integer>, Boom, AsyncIterator<?>> failing) {

    @Override
    public String toString() {
      return name;
    }
  }

  /** How a test's upstream reaches the operator. */
  enum Via {
    /** The adapter the processor generated for {@link ScriptedSource}, with its B9 guard. */
    GENERATED {
      @Override
      AsyncIterator<Integer> over(ScriptedSource source) {
        return ScriptedSourceAsync.aiter(source);
      }
    },
    /** A user's hand-written {@code AsyncIterator}: no guard, no repeated end. */
    HAND_WRITTEN {
      @Override
      AsyncIterator<Integer> over(ScriptedSource source) {
        return new AsyncIterator<>() {
          @Override
          public CompletionStage<Integer> anext() {
            try {
              return source.anext();
            } catch (Exception e) {
              return AsyncForTest.sneakyThrow(e);
            }
          }

          @Override
          public CompletionStage<Void> aclose() {
            try {
              return source.aclose();
            } catch (Exception e) {
              return AsyncForTest.sneakyThrow(e);
            }
          }
        };
      }
    };

    abstract AsyncIterator<Integer> over(ScriptedSource source);
  }

  /** A source of {@code 0 .. count - 1} whose stages complete as {@code mode} says. */
  static ScriptedSource counting(int count, Mode mode) {
    return new ScriptedSource(
        i -> i < count ? mode.value(i) : mode.end(), () -> CompletableFuture.completedFuture(null));
  }

  /** {@code x -> x}, but throwing {@code boom} at element 2. */
  static <T> T throwingAt2(Integer x, Boom boom, T result) {
    if (x == 2) {
      throw boom;
    }
    return result;
  }

  static List<Case> all() {
    List<Case> cases = new ArrayList<>();
    cases.add(
        new Case(
            "map",
            it -> it.map(x -> x * 10),
            l -> map(l, x -> x * 10),
            (it, boom) -> it.map(x -> throwingAt2(x, boom, x))));
    cases.add(
        new Case(
            "mapAsync",
            it -> it.mapAsync(x -> CompletableFuture.completedFuture(x + 1)),
            l -> map(l, x -> x + 1),
            (it, boom) ->
                it.mapAsync(
                    x ->
                        x == 2
                            ? CompletableFuture.failedFuture(boom)
                            : CompletableFuture.supplyAsync(() -> x, Fixtures.POOL))));
    cases.add(
        new Case(
            "filter",
            it -> it.filter(x -> x % 2 == 0),
            l -> l.stream().filter(x -> x % 2 == 0).collect(Collectors.toList()),
            (it, boom) -> it.filter(x -> throwingAt2(x, boom, true))));
    cases.add(
        new Case(
            "limit",
            it -> it.limit(3),
            l -> l.stream().limit(3).collect(Collectors.toList()),
            null));
    cases.add(
        new Case(
            "skip",
            it -> it.skip(3),
            l -> l.stream().skip(3).collect(Collectors.toList()),
            null));
    cases.add(
        new Case(
            "takeWhile",
            it -> it.takeWhile(x -> x < 4),
            l -> l.stream().takeWhile(x -> x < 4).collect(Collectors.toList()),
            (it, boom) -> it.takeWhile(x -> throwingAt2(x, boom, true))));
    cases.add(
        new Case(
            "dropWhile",
            it -> it.dropWhile(x -> x < 4),
            l -> l.stream().dropWhile(x -> x < 4).collect(Collectors.toList()),
            (it, boom) -> it.dropWhile(x -> throwingAt2(x, boom, true))));
    cases.add(
        new Case(
            "flatMap",
            it -> it.flatMap(x -> AsyncIterator.of(x, -x)),
            l -> l.stream().flatMap(x -> Stream.of(x, -x)).collect(Collectors.toList()),
            (it, boom) -> it.flatMap(x -> throwingAt2(x, boom, AsyncIterator.of(x)))));
    cases.add(
        new Case(
            "flatMapIterable",
            it -> it.flatMapIterable(x -> List.of(x, x)),
            l -> l.stream().flatMap(x -> Stream.of(x, x)).collect(Collectors.toList()),
            (it, boom) -> it.flatMapIterable(x -> throwingAt2(x, boom, List.of(x)))));
    cases.add(
        new Case(
            "enumerate",
            AsyncIterator::enumerate,
            l ->
                IntStream.range(0, l.size())
                    .mapToObj(i -> new Indexed<>(i, l.get(i)))
                    .collect(Collectors.toList()),
            null));
    cases.add(
        new Case(
            "zip",
            it -> it.zip(AsyncIterator.range(100, 1000), (a, b) -> a + b),
            l -> IntStream.range(0, l.size()).mapToObj(i -> l.get(i) + 100 + i).collect(Collectors.toList()),
            (it, boom) -> it.zip(AsyncIterator.range(0, 1000), (a, b) -> throwingAt2(a, boom, a))));
    cases.add(
        new Case(
            "concat",
            it -> it.concat(AsyncIterator.of(-1, -2)),
            l -> {
              List<Integer> all = new ArrayList<>(l);
              all.add(-1);
              all.add(-2);
              return all;
            },
            null));
    cases.add(
        new Case(
            "batched",
            it -> it.batched(4),
            l -> {
              List<List<Integer>> batches = new ArrayList<>();
              for (int i = 0; i < l.size(); i += 4) {
                batches.add(l.subList(i, Math.min(l.size(), i + 4)));
              }
              return batches;
            },
            null));
    cases.add(
        new Case(
            "peek",
            it -> it.peek(x -> {}),
            l -> l,
            (it, boom) -> it.peek(x -> throwingAt2(x, boom, null))));
    cases.add(new Case("distinct", AsyncIterator::distinct, l -> l, null));
    return cases;
  }

  /** The operators that take a function, for the tests of a throwing function. */
  static Stream<Case> withFunctions() {
    return all().stream().filter(c -> c.failing() != null);
  }

  private static List<Integer> map(List<Integer> l, Function<Integer, Integer> fn) {
    return l.stream().map(fn).collect(Collectors.toList());
  }
}
