package dev.aiter.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.aiter.processor.Compiling.check;
import static dev.aiter.processor.Compiling.run;
import static dev.aiter.processor.Compiling.source;

import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every shape of the contract ("Finding the next method" in API.md), compiled with the processor
 * under {@code -Xlint:all -Werror} and then run: the elements arrive in order, the end is seen,
 * the source is closed once.
 */
class ShapesTest {

  /** A countdown from {@code n} whose next method returns {@code CompletionStage<Integer>}. */
  private static final JavaFileObject COUNTDOWN =
      source(
          "p.Countdown",
          """
          package p;

          import dev.aiter.AsyncIterable;
          import dev.aiter.StopAsyncIteration;
          import java.util.concurrent.CompletableFuture;
          import java.util.concurrent.CompletionStage;

          @AsyncIterable
          public class Countdown {
            int n;

            public Countdown(int n) {
              this.n = n;
            }

            public CompletionStage<Integer> anext() {
              return n == 0
                  ? CompletableFuture.failedFuture(new StopAsyncIteration())
                  : CompletableFuture.completedFuture(n--);
            }
          }
          """);

  @Test
  void completionStageOfX() throws Exception {
    String result =
        run(
            COUNTDOWN,
            check(
                """
                List<Integer> seen = new ArrayList<>();
                CompletableFuture<Void> loop =
                    CountdownAsync.asyncFor(new Countdown(3), n -> { seen.add(n); });
                return seen + " " + outcome(loop);
                """));
    assertThat(result).isEqualTo("[3, 2, 1] done null");
  }

  @Test
  void anextAndAnextWithDefault() throws Exception {
    String result =
        run(
            COUNTDOWN,
            check(
                """
                Countdown countdown = new Countdown(1);
                CompletableFuture<Integer> first = CountdownAsync.anext(countdown);
                CompletableFuture<Integer> atEnd = CountdownAsync.anext(countdown);
                CompletableFuture<Integer> withDefault = CountdownAsync.anext(countdown, -1);
                CompletableFuture<Integer> nullDefault = CountdownAsync.anext(countdown, null);
                AsyncIterator<Integer> it = CountdownAsync.aiter(new Countdown(1));
                return outcome(first) + ", " + outcome(atEnd) + ", " + outcome(withDefault)
                    + ", " + outcome(nullDefault) + ", " + it.anext().toCompletableFuture().join();
                """));
    assertThat(result)
        .isEqualTo(
            "done 1, failed dev.aiter.StopAsyncIteration, done -1, done null, 1");
  }

  @Test
  void completableFutureOfX_withBreakAndAwaitBodies() throws Exception {
    JavaFileObject letters =
        source(
            "p.Letters",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import dev.aiter.StopAsyncIteration;
            import java.util.Iterator;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;

            @AsyncIterable
            public class Letters {
              private final Iterator<String> letters = List.of("a", "b", "c").iterator();
              int nexts;

              public CompletableFuture<String> anext() {
                nexts++;
                return letters.hasNext()
                    ? CompletableFuture.completedFuture(letters.next())
                    : CompletableFuture.failedFuture(new StopAsyncIteration());
              }
            }
            """);
    String result =
        run(
            letters,
            check(
                """
                List<String> seen = new ArrayList<>();
                Letters broken = new Letters();
                CompletableFuture<Void> loop = LettersAsync.asyncFor(broken, (s, control) -> {
                  seen.add(s);
                  if (s.equals("b")) {
                    control.breakLoop();
                  }
                });
                CompletableFuture<Void> awaited = LettersAsync.asyncForAwait(new Letters(), s -> {
                  seen.add(s.toUpperCase());
                  return CompletableFuture.completedFuture(null);
                });
                return seen + " " + outcome(loop) + " nexts=" + broken.nexts + " " + outcome(awaited);
                """));
    assertThat(result).isEqualTo("[a, b, A, B, C] done null nexts=2 done null");
  }

  @Test
  void usersOwnCompletableFutureSubclasses() throws Exception {
    JavaFileObject futures =
        source(
            "p.MyFuture",
            """
            package p;

            import java.util.concurrent.CompletableFuture;

            public class MyFuture<V> extends CompletableFuture<V> {
              static <V> MyFuture<V> of(V value) {
                MyFuture<V> future = new MyFuture<>();
                future.complete(value);
                return future;
              }
            }
            """);
    JavaFileObject intFuture =
        source(
            "p.IntFuture",
            """
            package p;

            import java.util.concurrent.CompletableFuture;

            public class IntFuture extends CompletableFuture<Integer> {}
            """);
    JavaFileObject sources =
        source(
            "p.Futures",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import dev.aiter.StopAsyncIteration;

            public class Futures {
              @AsyncIterable
              public static class Generic {
                int n = 2;

                public MyFuture<String> anext() {
                  if (n == 0) {
                    throw new StopAsyncIteration();
                  }
                  return MyFuture.of("g" + n--);
                }
              }

              @AsyncIterable
              public static class Plain {
                int n = 2;

                public IntFuture anext() {
                  IntFuture future = new IntFuture();
                  if (n == 0) {
                    future.completeExceptionally(new StopAsyncIteration());
                  } else {
                    future.complete(n--);
                  }
                  return future;
                }
              }
            }
            """);
    String result =
        run(
            futures,
            intFuture,
            sources,
            check(
                """
                List<Object> seen = new ArrayList<>();
                AsyncIterator<String> strings = Futures_GenericAsync.aiter(new Futures.Generic());
                AsyncIterator<Integer> ints = Futures_PlainAsync.aiter(new Futures.Plain());
                Async.asyncFor(strings, s -> { seen.add(s); }).join();
                Async.asyncFor(ints, i -> { seen.add(i); }).join();
                return seen;
                """));
    assertThat(result).isEqualTo("[g2, g1, 2, 1]");
  }

  @Test
  void completionStageOfWildcardExtendsX_givesX() throws Exception {
    JavaFileObject numbers =
        source(
            "p.Numbers",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import dev.aiter.StopAsyncIteration;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionStage;

            @AsyncIterable
            public class Numbers {
              int n = 3;

              public CompletionStage<? extends Number> anext() {
                return n == 0
                    ? CompletableFuture.failedFuture(new StopAsyncIteration())
                    : CompletableFuture.completedFuture(n-- * 1.5);
              }
            }
            """);
    String result =
        run(
            numbers,
            check(
                """
                List<Number> seen = new ArrayList<>();
                AsyncIterator<Number> it = NumbersAsync.aiter(new Numbers());
                CompletableFuture<Number> first = NumbersAsync.anext(new Numbers());
                Async.asyncFor(it, n -> { seen.add(n); }).join();
                return first.join() + " " + seen;
                """));
    assertThat(result).isEqualTo("4.5 [4.5, 3.0, 1.5]");
  }

  @Test
  void optionalShape_emptyEndsTheIteration() throws Exception {
    JavaFileObject lines =
        source(
            "p.Lines",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import java.util.Iterator;
            import java.util.List;
            import java.util.Optional;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionStage;

            @AsyncIterable
            public class Lines {
              private final Iterator<String> lines;
              int nexts;

              public Lines(String... lines) {
                this.lines = List.of(lines).iterator();
              }

              public CompletionStage<Optional<String>> anext() {
                nexts++;
                return CompletableFuture.completedFuture(
                    lines.hasNext() ? Optional.of(lines.next()) : Optional.empty());
              }
            }
            """);
    JavaFileObject wildcards =
        source(
            "p.Texts",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import java.util.Optional;
            import java.util.concurrent.CompletableFuture;

            @AsyncIterable
            public class Texts {
              int n = 2;

              public CompletableFuture<? extends Optional<? extends CharSequence>> anext() {
                return CompletableFuture.completedFuture(
                    n == 0 ? Optional.empty() : Optional.of(new StringBuilder("t" + n--)));
              }
            }
            """);
    String result =
        run(
            lines,
            wildcards,
            check(
                """
                List<Object> seen = new ArrayList<>();
                Lines lines = new Lines("one", "two");
                CompletableFuture<Void> loop = LinesAsync.asyncFor(lines, s -> { seen.add(s); });
                AsyncIterator<CharSequence> texts = TextsAsync.aiter(new Texts());
                Async.asyncFor(texts, s -> { seen.add(s.toString()); }).join();
                Lines empty = new Lines();
                return seen + " " + outcome(loop) + " nexts=" + lines.nexts + " "
                    + outcome(LinesAsync.anext(empty)) + " " + LinesAsync.anext(empty, "dflt").join();
                """));
    assertThat(result)
        .isEqualTo("[one, two, t2, t1] done null nexts=3 failed dev.aiter.StopAsyncIteration dflt");
  }

  @Test
  void optionalShape_nullOptionalIsAnError() throws Exception {
    JavaFileObject broken =
        source(
            "p.Broken",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import java.util.Optional;
            import java.util.concurrent.CompletableFuture;

            @AsyncIterable
            public class Broken {
              public CompletableFuture<Optional<String>> anext() {
                return CompletableFuture.completedFuture(null);
              }
            }
            """);
    String result =
        run(broken, check("return outcome(BrokenAsync.asyncFor(new Broken(), s -> {}));"));
    assertThat(result).startsWith("failed java.lang.NullPointerException: p.Broken.anext()");
    assertThat(result).contains("null Optional");
  }

  @Test
  void genericClassWithBoundedTypeParameter_andAcloseStage() throws Exception {
    JavaFileObject pager =
        source(
            "p.Pager",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import dev.aiter.StopAsyncIteration;
            import java.util.Iterator;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionStage;

            @AsyncIterable
            public class Pager<T extends Comparable<T>> {
              private final Iterator<T> items;
              int closes;

              public Pager(List<T> items) {
                this.items = items.iterator();
              }

              public CompletableFuture<T> anext() {
                return items.hasNext()
                    ? CompletableFuture.completedFuture(items.next())
                    : CompletableFuture.failedFuture(new StopAsyncIteration());
              }

              public CompletionStage<Void> aclose() {
                closes++;
                return CompletableFuture.completedFuture(null);
              }
            }
            """);
    String result =
        run(
            pager,
            check(
                """
                List<String> seen = new ArrayList<>();
                Pager<String> pager = new Pager<>(List.of("x", "y"));
                CompletableFuture<Void> loop = PagerAsync.asyncFor(pager, s -> { seen.add(s); });
                Pager<Integer> numbers = new Pager<>(List.of(7));
                AsyncIterator<Integer> it = PagerAsync.aiter(numbers);
                CompletableFuture<Integer> first = PagerAsync.anext(numbers);
                it.aclose();
                it.aclose();
                return seen + " " + outcome(loop) + " closes=" + pager.closes
                    + " first=" + first.join() + " closes=" + numbers.closes;
                """));
    assertThat(result).isEqualTo("[x, y] done null closes=1 first=7 closes=1");
  }

  @Test
  void nextInheritedFromGenericSuperclassInAnotherPackage() throws Exception {
    JavaFileObject base =
        source(
            "base.Base",
            """
            package base;

            import dev.aiter.StopAsyncIteration;
            import java.util.Iterator;
            import java.util.concurrent.CompletableFuture;

            public abstract class Base<T> {
              protected abstract Iterator<T> items();

              private Iterator<T> items;

              public CompletableFuture<T> anext() {
                if (items == null) {
                  items = items();
                }
                return items.hasNext()
                    ? CompletableFuture.completedFuture(items.next())
                    : CompletableFuture.failedFuture(new StopAsyncIteration());
              }
            }
            """);
    JavaFileObject words =
        source(
            "p.Words",
            """
            package p;

            import base.Base;
            import dev.aiter.AsyncIterable;
            import java.util.Iterator;
            import java.util.List;

            @AsyncIterable
            public class Words extends Base<String> {
              @Override
              protected Iterator<String> items() {
                return List.of("hello", "world").iterator();
              }
            }
            """);
    String result =
        run(
            base,
            words,
            check(
                """
                List<String> seen = new ArrayList<>();
                AsyncIterator<String> it = WordsAsync.aiter(new Words());
                Async.asyncFor(it, s -> { seen.add(s.toUpperCase()); }).join();
                return seen;
                """));
    assertThat(result).isEqualTo("[HELLO, WORLD]");
  }

  @Test
  void nextInheritedFromGenericInterface() throws Exception {
    JavaFileObject sequence =
        source(
            "p.Sequence",
            """
            package p;

            import dev.aiter.StopAsyncIteration;
            import java.util.Iterator;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionStage;

            public interface Sequence<T> {
              Iterator<T> items();

              default CompletionStage<T> anext() {
                Iterator<T> items = items();
                return items.hasNext()
                    ? CompletableFuture.completedFuture(items.next())
                    : CompletableFuture.failedFuture(new StopAsyncIteration());
              }
            }
            """);
    JavaFileObject squares =
        source(
            "p.Squares",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import java.util.Iterator;
            import java.util.List;

            @AsyncIterable
            public class Squares implements Sequence<Integer> {
              private final Iterator<Integer> items = List.of(1, 4, 9).iterator();

              @Override
              public Iterator<Integer> items() {
                return items;
              }
            }
            """);
    String result =
        run(
            sequence,
            squares,
            check(
                """
                int[] sum = {0};
                AsyncIterator<Integer> it = SquaresAsync.aiter(new Squares());
                Async.asyncFor(it, n -> { sum[0] += n; }).join();
                return sum[0];
                """));
    assertThat(result).isEqualTo("14");
  }

  @Test
  void annotatedInterfaceAndAbstractClass() throws Exception {
    JavaFileObject ticker =
        source(
            "p.Ticker",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import java.util.concurrent.CompletionStage;

            @AsyncIterable
            public interface Ticker {
              CompletionStage<Long> anext();
            }
            """);
    JavaFileObject feed =
        source(
            "p.Feed",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import java.util.concurrent.CompletableFuture;

            @AsyncIterable
            abstract class Feed<T> {
              abstract CompletableFuture<T> anext();
            }
            """);
    String result =
        run(
            ticker,
            feed,
            check(
                """
                long[] ticks = {0};
                List<String> seen = new ArrayList<>();
                Ticker ticker = () -> ++ticks[0] > 3
                    ? CompletableFuture.failedFuture(new StopAsyncIteration())
                    : CompletableFuture.completedFuture(ticks[0]);
                Feed<String> feed = new Feed<>() {
                  int n = 2;

                  @Override
                  CompletableFuture<String> anext() {
                    return n == 0
                        ? CompletableFuture.failedFuture(new StopAsyncIteration())
                        : CompletableFuture.completedFuture("f" + n--);
                  }
                };
                TickerAsync.asyncFor(ticker, t -> { seen.add("t" + t); }).join();
                FeedAsync.asyncFor(feed, s -> { seen.add(s); }).join();
                return seen;
                """));
    assertThat(result).isEqualTo("[t1, t2, t3, f2, f1]");
  }

  @Test
  void record() throws Exception {
    JavaFileObject letters =
        source(
            "p.Chars",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import dev.aiter.StopAsyncIteration;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.atomic.AtomicInteger;

            @AsyncIterable
            public record Chars(String text, AtomicInteger position) {
              public CompletableFuture<Character> anext() {
                int i = position.getAndIncrement();
                return i < text.length()
                    ? CompletableFuture.completedFuture(text.charAt(i))
                    : CompletableFuture.failedFuture(new StopAsyncIteration());
              }
            }
            """);
    String result =
        run(
            letters,
            check(
                """
                StringBuilder seen = new StringBuilder();
                Chars chars = new Chars("abc", new java.util.concurrent.atomic.AtomicInteger());
                CharsAsync.asyncFor(chars, c -> { seen.append(c).append('.'); }).join();
                return seen;
                """));
    assertThat(result).isEqualTo("a.b.c.");
  }

  @Test
  void enumWithAnext() throws Exception {
    JavaFileObject bell =
        source(
            "p.Bell",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import java.util.concurrent.CompletableFuture;

            @AsyncIterable
            public enum Bell {
              DING,
              DONG;

              public CompletableFuture<String> anext() {
                return CompletableFuture.completedFuture(name().toLowerCase());
              }
            }
            """);
    String result =
        run(
            bell,
            check(
                """
                List<String> seen = new ArrayList<>();
                BellAsync.asyncFor(Bell.DONG, (s, loop) -> {
                  seen.add(s);
                  if (seen.size() == 2) {
                    loop.breakLoop();
                  }
                }).join();
                return seen;
                """));
    assertThat(result).isEqualTo("[dong, dong]");
  }

  @Test
  void staticNestedClasses_areNamedOuter_Inner() throws Exception {
    JavaFileObject outer =
        source(
            "p.Outer",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import dev.aiter.StopAsyncIteration;
            import java.util.concurrent.CompletableFuture;

            public class Outer {
              @AsyncIterable
              static class Nested {
                boolean done;

                CompletableFuture<String> anext() {
                  if (done) {
                    return CompletableFuture.failedFuture(new StopAsyncIteration());
                  }
                  done = true;
                  return CompletableFuture.completedFuture("nested");
                }
              }

              static class Mid {
                @AsyncIterable
                public static class Deep {
                  boolean done;

                  public CompletableFuture<String> anext() {
                    if (done) {
                      return CompletableFuture.failedFuture(new StopAsyncIteration());
                    }
                    done = true;
                    return CompletableFuture.completedFuture("deep");
                  }
                }
              }
            }
            """);
    String result =
        run(
            outer,
            check(
                """
                return Outer_NestedAsync.anext(new Outer.Nested()).join() + " "
                    + Outer_Mid_DeepAsync.anext(new Outer.Mid.Deep()).join();
                """));
    assertThat(result).isEqualTo("nested deep");
  }

  @Test
  void innerClassOfGenericClass_carriesTheOuterTypeParameters() throws Exception {
    JavaFileObject shelf =
        source(
            "p.Shelf",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import dev.aiter.StopAsyncIteration;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;

            public class Shelf<T> {
              private final List<T> items;

              public Shelf(List<T> items) {
                this.items = items;
              }

              @AsyncIterable
              public class Cursor {
                private int i;

                public CompletableFuture<T> anext() {
                  return i < items.size()
                      ? CompletableFuture.completedFuture(items.get(i++))
                      : CompletableFuture.failedFuture(new StopAsyncIteration());
                }
              }
            }
            """);
    String result =
        run(
            shelf,
            check(
                """
                Shelf<String> shelf = new Shelf<>(List.of("book", "vase"));
                List<String> seen = new ArrayList<>();
                AsyncIterator<String> it = Shelf_CursorAsync.aiter(shelf.new Cursor());
                Async.asyncFor(it, s -> { seen.add(s); }).join();
                return seen;
                """));
    assertThat(result).isEqualTo("[book, vase]");
  }

  @Test
  void nextNamedExplicitly_winsOverAnext() throws Exception {
    JavaFileObject pages =
        source(
            "p.Pages",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import dev.aiter.StopAsyncIteration;
            import java.util.concurrent.CompletableFuture;

            @AsyncIterable(next = "fetchPage")
            public class Pages {
              int page;

              public CompletableFuture<String> anext() {
                return CompletableFuture.completedFuture("wrong");
              }

              public CompletableFuture<String> fetchPage() {
                return page == 2
                    ? CompletableFuture.failedFuture(new StopAsyncIteration())
                    : CompletableFuture.completedFuture("page" + ++page);
              }

              public CompletableFuture<String> other() {
                return CompletableFuture.completedFuture("other");
              }
            }
            """);
    String result =
        run(
            pages,
            check(
                """
                List<String> seen = new ArrayList<>();
                PagesAsync.asyncFor(new Pages(), s -> { seen.add(s); }).join();
                return seen;
                """));
    assertThat(result).isEqualTo("[page1, page2]");
  }

  @Test
  void soleCandidate_isFoundWithoutAName() throws Exception {
    JavaFileObject queue =
        source(
            "p.Queue",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import dev.aiter.StopAsyncIteration;
            import java.util.ArrayDeque;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;

            @AsyncIterable
            public class Queue {
              private final ArrayDeque<String> items = new ArrayDeque<>(List.of("q1", "q2"));

              public CompletableFuture<String> poll() {
                return items.isEmpty()
                    ? CompletableFuture.failedFuture(new StopAsyncIteration())
                    : CompletableFuture.completedFuture(items.poll());
              }

              public int size() {
                return items.size();
              }

              public CompletableFuture<String> peek(int index) {
                return CompletableFuture.completedFuture(List.copyOf(items).get(index));
              }

              public static CompletableFuture<String> make() {
                return CompletableFuture.completedFuture("static");
              }

              private CompletableFuture<String> hidden() {
                return CompletableFuture.completedFuture("private");
              }

              public CompletableFuture<Void> aclose() {
                return CompletableFuture.completedFuture(null);
              }
            }
            """);
    String result =
        run(
            queue,
            check(
                """
                List<String> seen = new ArrayList<>();
                QueueAsync.asyncFor(new Queue(), s -> { seen.add(s); }).join();
                return seen;
                """));
    assertThat(result).isEqualTo("[q1, q2]");
  }

  @Test
  void acloseStage_loopCompletesOnlyAfterCloseCompleted_andCloseRunsOnce() throws Exception {
    JavaFileObject stream =
        source(
            "p.Stream",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import dev.aiter.StopAsyncIteration;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionStage;

            @AsyncIterable
            public class Stream {
              final CompletableFuture<Void> closing = new CompletableFuture<>();
              int closes;
              int n = 2;

              public CompletableFuture<Integer> anext() {
                return n == 0
                    ? CompletableFuture.failedFuture(new StopAsyncIteration())
                    : CompletableFuture.completedFuture(n--);
              }

              public CompletionStage<Void> aclose() {
                closes++;
                return closing;
              }
            }
            """);
    String result =
        run(
            stream,
            check(
                """
                Stream stream = new Stream();
                CompletableFuture<Void> loop = StreamAsync.asyncFor(stream, n -> {});
                String before = outcome(loop);
                stream.closing.complete(null);
                return before + " " + outcome(loop) + " closes=" + stream.closes;
                """));
    assertThat(result).isEqualTo("pending done null closes=1");
  }

  @Test
  void autoCloseable_isClosedOnceOnBreak() throws Exception {
    JavaFileObject connection =
        source(
            "p.Connection",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import java.util.concurrent.CompletableFuture;

            @AsyncIterable
            public class Connection implements AutoCloseable {
              int closes;
              int n;

              public CompletableFuture<Integer> anext() {
                return CompletableFuture.completedFuture(++n);
              }

              @Override
              public void close() {
                closes++;
              }
            }
            """);
    String result =
        run(
            connection,
            check(
                """
                Connection connection = new Connection();
                CompletableFuture<Void> loop = ConnectionAsync.asyncFor(connection, (n, control) -> {
                  if (n == 2) {
                    control.breakLoop();
                  }
                });
                return outcome(loop) + " nexts=" + connection.n + " closes=" + connection.closes;
                """));
    assertThat(result).isEqualTo("done null nexts=2 closes=1");
  }

  @Test
  void closeable_checkedCloseExceptionFailsTheLoopWithThatException() throws Exception {
    JavaFileObject file =
        source(
            "p.Chunks",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import dev.aiter.StopAsyncIteration;
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.CompletableFuture;

            @AsyncIterable
            public class Chunks implements Closeable {
              final IOException failure = new IOException("disk on fire");
              int closes;

              public CompletableFuture<byte[]> anext() {
                return CompletableFuture.failedFuture(new StopAsyncIteration());
              }

              @Override
              public void close() throws IOException {
                closes++;
                throw failure;
              }
            }
            """);
    String result =
        run(
            file,
            check(
                """
                Chunks chunks = new Chunks();
                CompletableFuture<Void> loop = ChunksAsync.asyncFor(chunks, bytes -> {});
                Throwable error = loop.handle((v, e) -> e).join();
                Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                return (cause == chunks.failure) + " closes=" + chunks.closes;
                """));
    assertThat(result).isEqualTo("true closes=1");
  }

  @Test
  void checkedExceptionFromNextFailsTheLoopWithThatException() throws Exception {
    JavaFileObject remote =
        source(
            "p.Remote",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import java.io.IOException;
            import java.util.concurrent.CompletableFuture;

            @AsyncIterable
            public class Remote {
              public CompletableFuture<String> anext() throws IOException {
                throw new IOException("unreachable");
              }
            }
            """);
    String result =
        run(remote, check("return outcome(RemoteAsync.asyncFor(new Remote(), s -> {}));"));
    assertThat(result).isEqualTo("failed java.io.IOException: unreachable");
  }

  @Test
  void nullStage_failsWithAMessageNamingClassAndMethod() throws Exception {
    JavaFileObject nulls =
        source(
            "p.Nulls",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import java.util.concurrent.CompletableFuture;

            @AsyncIterable(next = "poll")
            public class Nulls {
              public CompletableFuture<String> poll() {
                return null;
              }
            }
            """);
    String result = run(nulls, check("return outcome(NullsAsync.anext(new Nulls()));"));
    assertThat(result).startsWith("failed java.lang.NullPointerException");
    assertThat(result).contains("p.Nulls.poll()");
  }

  @Test
  void stagesCompletedOnOtherThreads_elementsInOrder_endWrappedByCompletionException()
      throws Exception {
    JavaFileObject slow =
        source(
            "p.Slow",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import dev.aiter.StopAsyncIteration;
            import java.util.concurrent.CompletableFuture;

            @AsyncIterable
            public class Slow {
              int n;

              public CompletableFuture<Integer> anext() {
                int i = ++n;
                return CompletableFuture.supplyAsync(() -> {
                  if (i > 5) {
                    throw new StopAsyncIteration();
                  }
                  return i;
                });
              }
            }
            """);
    String result =
        run(
            slow,
            check(
                """
                List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
                CompletableFuture<Void> loop = SlowAsync.asyncForAwait(new Slow(), i -> {
                  seen.add(i);
                  return CompletableFuture.runAsync(() -> {});
                });
                loop.get(10, TimeUnit.SECONDS);
                return seen;
                """));
    assertThat(result).isEqualTo("[1, 2, 3, 4, 5]");
  }

  @Test
  void deprecatedSourceClass_generatedCodeStillCompilesWithoutWarnings() throws Exception {
    JavaFileObject old =
        source(
            "p.Old",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import dev.aiter.StopAsyncIteration;
            import java.util.concurrent.CompletableFuture;

            @Deprecated
            @AsyncIterable
            public class Old {
              @Deprecated(forRemoval = true)
              public CompletableFuture<String> anext() {
                return CompletableFuture.failedFuture(new StopAsyncIteration());
              }
            }
            """);
    String result =
        run(
            old,
            source(
                "p.Check",
                """
                package p;

                import java.util.concurrent.Callable;

                @SuppressWarnings({"deprecation", "removal"})
                public class Check implements Callable<Object> {
                  @Override
                  public Object call() {
                    return OldAsync.anext(new Old(), "ended").join();
                  }
                }
                """));
    assertThat(result).isEqualTo("ended");
  }

  @Test
  void classNamedLikeTheAdapterOrTheRuntime_stillCompiles() throws Exception {
    JavaFileObject adapter =
        source(
            "p.Adapter",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import java.util.concurrent.CompletableFuture;

            @AsyncIterable
            public class Adapter {
              public CompletableFuture<Async> anext() {
                return CompletableFuture.completedFuture(new Async());
              }
            }
            """);
    JavaFileObject async =
        source(
            "p.Async",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import java.util.concurrent.CompletableFuture;

            @AsyncIterable
            public class Async {
              public CompletableFuture<Adapter> anext() {
                return CompletableFuture.completedFuture(new Adapter());
              }
            }
            """);
    String result =
        run(
            adapter,
            async,
            source(
                "p.Check",
                """
                package p;

                import java.util.concurrent.Callable;

                public class Check implements Callable<Object> {
                  @Override
                  public Object call() {
                    Async async = AdapterAsync.anext(new Adapter()).join();
                    Adapter adapter = AsyncAsync.anext(async).join();
                    return adapter.getClass().getSimpleName();
                  }
                }
                """));
    assertThat(result).isEqualTo("Adapter");
  }

  @Test
  void elementTypeNestedClassNamedAdapter_isQualifiedInTheGeneratedCode() throws Exception {
    JavaFileObject plugs =
        source(
            "p.Plugs",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import java.util.concurrent.CompletableFuture;

            @AsyncIterable
            public class Plugs {
              public static class Adapter {
                @Override
                public String toString() {
                  return "plug";
                }
              }

              public CompletableFuture<Adapter> anext() {
                return CompletableFuture.completedFuture(new Adapter());
              }
            }
            """);
    String result =
        run(plugs, check("return PlugsAsync.anext(new Plugs()).join();"));
    assertThat(result).isEqualTo("plug");
  }

  @Test
  void classInTheUnnamedPackage_getsItsClassThere() throws Exception {
    JavaFileObject bare =
        source(
            "Bare",
            """
            import dev.aiter.AsyncIterable;
            import java.util.concurrent.CompletableFuture;

            @AsyncIterable
            public class Bare {
              CompletableFuture<String> anext() {
                return CompletableFuture.completedFuture("bare");
              }

              public static Object first() {
                return BareAsync.anext(new Bare()).join();
              }
            }
            """);
    ClassLoader loader = new Compiling.CompiledClassLoader(Compiling.compileStrictly(bare));
    assertThat(loader.loadClass("Bare").getMethod("first").invoke(null)).isEqualTo("bare");
  }

  @Test
  void nextReturningATypeVariableBoundedByAFuture() throws Exception {
    JavaFileObject relay =
        source(
            "p.Relay",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import java.util.concurrent.CompletableFuture;
            import java.util.function.Supplier;

            @AsyncIterable
            public class Relay<T, F extends CompletableFuture<T>> {
              private final Supplier<F> next;

              public Relay(Supplier<F> next) {
                this.next = next;
              }

              public F anext() {
                return next.get();
              }
            }
            """);
    String result =
        run(
            relay,
            check(
                """
                Relay<String, CompletableFuture<String>> relay =
                    new Relay<>(() -> CompletableFuture.completedFuture("relayed"));
                CompletableFuture<String> first = RelayAsync.anext(relay);
                return first.join();
                """));
    assertThat(result).isEqualTo("relayed");
  }

  @Test
  void unboundedWildcardAndSuperWildcard_giveObject() throws Exception {
    JavaFileObject anything =
        source(
            "p.Anything",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionStage;

            public class Anything {
              @AsyncIterable
              public static class Unbounded {
                public CompletionStage<?> anext() {
                  return CompletableFuture.completedFuture(1);
                }
              }

              @AsyncIterable
              public static class Lower {
                public CompletionStage<? super Integer> anext() {
                  return CompletableFuture.completedFuture(2);
                }
              }
            }
            """);
    String result =
        run(
            anything,
            check(
                """
                AsyncIterator<Object> unbounded = Anything_UnboundedAsync.aiter(new Anything.Unbounded());
                AsyncIterator<Object> lower = Anything_LowerAsync.aiter(new Anything.Lower());
                return Async.anext(unbounded).join() + " " + Async.anext(lower).join();
                """));
    assertThat(result).isEqualTo("1 2");
  }
}
