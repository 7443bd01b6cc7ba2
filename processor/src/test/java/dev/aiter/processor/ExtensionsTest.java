package dev.aiter.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.aiter.processor.Compiling.check;
import static dev.aiter.processor.Compiling.run;
import static dev.aiter.processor.Compiling.source;

import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Extension methods (API.md, "Extension methods (opt-in)"): a class that implements its own
 * {@code FooAsync.Extensions}, the interface the processor is about to write, compiles in one
 * javac run under {@code -Xlint:all,-processing -Werror} with no diagnostic at all, and then has
 * {@code aiter()}, {@code asyncFor} and {@code asyncForAwait} as methods. Every kind of class that
 * the processor supports can opt in; one that does not is unaffected.
 */
class ExtensionsTest {

  /** Counts from 0 up to {@code stop} (exclusive), as the README's example does. */
  private static final JavaFileObject COUNTER =
      source(
          "p.Counter",
          """
          package p;

          import dev.aiter.AsyncIterable;
          import dev.aiter.StopAsyncIteration;
          import java.util.concurrent.CompletableFuture;

          @AsyncIterable
          public class Counter implements CounterAsync.Extensions {
            private final int stop;
            private int current;
            int nexts;

            public Counter(int stop) {
              this.stop = stop;
            }

            public CompletableFuture<Integer> anext() {
              nexts++;
              return current < stop
                  ? CompletableFuture.completedFuture(current++)
                  : CompletableFuture.failedFuture(new StopAsyncIteration());
            }
          }
          """);

  @Test
  void classImplementingItsExtensions_compilesInOneStrictRun_andHasTheFunctionsAsMethods()
      throws Exception {
    String result =
        run(
            COUNTER,
            check(
                """
                List<String> seen = new ArrayList<>();
                new Counter(3).asyncFor(n -> { seen.add("for " + n); }).join();
                Counter broken = new Counter(5);
                broken.asyncFor((n, loop) -> {
                  seen.add("break " + n);
                  if (n == 1) {
                    loop.breakLoop();
                  }
                }).join();
                new Counter(2).asyncForAwait(n -> {
                  seen.add("await " + n);
                  return CompletableFuture.completedFuture(null);
                }).join();
                AsyncIterator<Integer> it = new Counter(2).aiter();
                seen.add("aiter " + it.toList().join());
                return seen + " nexts=" + broken.nexts;
                """));
    assertThat(result)
        .isEqualTo(
            "[for 0, for 1, for 2, break 0, break 1, await 0, await 1, aiter [0, 1]] nexts=2");
  }

  @Test
  void fullyQualifiedOptIn_isRecognisedToo() throws Exception {
    JavaFileObject ticks =
        source(
            "p.Ticks",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import dev.aiter.StopAsyncIteration;
            import java.util.concurrent.CompletableFuture;

            @AsyncIterable
            public class Ticks implements p.TicksAsync.Extensions {
              private int left = 2;

              public CompletableFuture<String> anext() {
                return left-- > 0
                    ? CompletableFuture.completedFuture("tick")
                    : CompletableFuture.failedFuture(new StopAsyncIteration());
              }
            }
            """);
    assertThat(run(ticks, check("return new Ticks().aiter().toList().join();")))
        .isEqualTo("[tick, tick]");
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
            public class Pager<T extends Comparable<T>> implements PagerAsync.Extensions<T> {
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
                Pager<String> pager = new Pager<>(List.of("b", "a", "c"));
                CompletableFuture<Optional<String>> max = pager.aiter().max(Comparator.naturalOrder());
                List<String> seen = new ArrayList<>();
                Pager<Integer> numbers = new Pager<>(List.of(1, 2));
                numbers.asyncFor(n -> { seen.add("n" + n); }).join();
                return max.join().orElseThrow() + " " + seen + " closes=" + pager.closes
                    + "," + numbers.closes;
                """));
    assertThat(result).isEqualTo("c [n1, n2] closes=1,1");
  }

  @Test
  void record_andEnum() throws Exception {
    JavaFileObject chars =
        source(
            "p.Chars",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import dev.aiter.StopAsyncIteration;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.atomic.AtomicInteger;

            @AsyncIterable
            public record Chars(String text, AtomicInteger position)
                implements CharsAsync.Extensions {
              public CompletableFuture<Character> anext() {
                int i = position.getAndIncrement();
                return i < text.length()
                    ? CompletableFuture.completedFuture(text.charAt(i))
                    : CompletableFuture.failedFuture(new StopAsyncIteration());
              }
            }
            """);
    JavaFileObject bell =
        source(
            "p.Bell",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import java.util.concurrent.CompletableFuture;

            @AsyncIterable
            public enum Bell implements BellAsync.Extensions {
              DING,
              DONG;

              public CompletableFuture<String> anext() {
                return CompletableFuture.completedFuture(name().toLowerCase());
              }
            }
            """);
    String result =
        run(
            chars,
            bell,
            check(
                """
                List<Object> seen = new ArrayList<>();
                new Chars("ab", new java.util.concurrent.atomic.AtomicInteger())
                    .asyncFor(c -> { seen.add(c); }).join();
                Bell.DING.asyncFor((s, loop) -> {
                  seen.add(s);
                  loop.breakLoop();
                }).join();
                return seen;
                """));
    assertThat(result).isEqualTo("[a, b, ding]");
  }

  @Test
  void interfaceExtendingItsExtensions_isStillAFunctionalInterface() throws Exception {
    JavaFileObject feed =
        source(
            "p.Feed",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import java.util.concurrent.CompletionStage;

            @AsyncIterable
            public interface Feed extends FeedAsync.Extensions {
              CompletionStage<String> anext();
            }
            """);
    String result =
        run(
            feed,
            check(
                """
                Iterator<String> items = List.of("x", "y").iterator();
                Feed feed = () -> items.hasNext()
                    ? CompletableFuture.completedFuture(items.next())
                    : CompletableFuture.failedFuture(new StopAsyncIteration());
                List<String> seen = new ArrayList<>();
                feed.asyncForAwait(s -> {
                  seen.add(s);
                  return CompletableFuture.completedFuture(null);
                }).join();
                return seen;
                """));
    assertThat(result).isEqualTo("[x, y]");
  }

  @Test
  void nestedClass_andInnerClassOfAGenericClass() throws Exception {
    JavaFileObject outer =
        source(
            "p.Outer",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import dev.aiter.StopAsyncIteration;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;

            public class Outer<T> {
              private final List<T> items;

              public Outer(List<T> items) {
                this.items = items;
              }

              @AsyncIterable
              public static class Nested implements Outer_NestedAsync.Extensions {
                private boolean done;

                public CompletableFuture<String> anext() {
                  if (done) {
                    return CompletableFuture.failedFuture(new StopAsyncIteration());
                  }
                  done = true;
                  return CompletableFuture.completedFuture("nested");
                }
              }

              @AsyncIterable
              public class Cursor implements Outer_CursorAsync.Extensions<T> {
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
            outer,
            check(
                """
                Outer<Integer> outer = new Outer<>(List.of(1, 2, 3));
                Outer<Integer>.Cursor cursor = outer.new Cursor();
                return new Outer.Nested().aiter().toList().join() + " "
                    + cursor.aiter().reduce(0, Integer::sum).join();
                """));
    assertThat(result).isEqualTo("[nested] 6");
  }

  @Test
  void subclassOfAClassThatOptsIn_inheritsTheMethods() throws Exception {
    JavaFileObject subclass =
        source(
            "p.Evens",
            """
            package p;

            public class Evens extends Counter {
              public Evens(int stop) {
                super(stop);
              }
            }
            """);
    assertThat(run(COUNTER, subclass, check("return new Evens(2).aiter().toList().join();")))
        .isEqualTo("[0, 1]");
  }

  @Test
  void anotherClassImplementingTheExtensions_getsAClassCastExceptionNamingBothClasses()
      throws Exception {
    JavaFileObject impostor =
        source(
            "p.Impostor",
            """
            package p;

            public class Impostor implements CounterAsync.Extensions {}
            """);
    String result =
        run(
            COUNTER,
            impostor,
            check(
                """
                try {
                  new Impostor().asyncFor(n -> {});
                  return "no exception";
                } catch (ClassCastException e) {
                  return e.getMessage();
                }
                """));
    assertThat(result).contains("p.Impostor cannot be cast to class p.Counter");
  }

  @Test
  void classThatDoesNotOptIn_isUnaffected_andItsExtensionsThrowForAnyImplementation()
      throws Exception {
    JavaFileObject plain =
        source(
            "p.Plain",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import java.util.concurrent.CompletableFuture;

            @AsyncIterable
            public final class Plain {
              public CompletableFuture<String> anext() {
                return CompletableFuture.completedFuture("plain");
              }
            }
            """);
    JavaFileObject stranger =
        source(
            "p.Stranger",
            """
            package p;

            public class Stranger implements PlainAsync.Extensions {}
            """);
    String result =
        run(
            plain,
            stranger,
            check(
                """
                String first = PlainAsync.anext(new Plain()).join();
                try {
                  new Stranger().aiter();
                  return "no exception";
                } catch (UnsupportedOperationException e) {
                  return first + ": " + e.getMessage();
                }
                """));
    assertThat(result)
        .isEqualTo(
            "plain: p.Stranger implements PlainAsync.Extensions, whose methods work only in"
                + " p.Plain, and only once it implements PlainAsync.Extensions");
  }
}
