package dev.aiter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose async next method makes it asynchronously iterable; at compile time the
 * aiter processor writes {@code FooAsync} with static {@code aiter}, {@code anext} and {@code
 * asyncFor} functions for it.
 *
 * <p>The async next method is a callable no-argument instance method returning {@code
 * CompletionStage<X>} (or a subtype such as {@code CompletableFuture<X>}). It ends the iteration
 * by failing its stage with {@link StopAsyncIteration}, by throwing it, or, when {@code X} is
 * {@code Optional<E>}, by completing with an empty {@code Optional}. In Python terms the class
 * defines {@code __anext__}; the generated {@code aiter} supplies {@code __aiter__}.
 *
 * <pre>{@code
 * @AsyncIterable
 * class Countdown {
 *   int n = 3;
 *   CompletableFuture<Integer> anext() {
 *     return n == 0 ? CompletableFuture.failedFuture(new StopAsyncIteration())
 *                   : CompletableFuture.completedFuture(n--);
 *   }
 * }
 * // import static p.CountdownAsync.*;
 * asyncFor(new Countdown(), n -> System.out.println(n)).join();   // 3 2 1
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface AsyncIterable {

  /**
   * Name of the async next method; the default {@code ""} picks the method named {@code anext},
   * or else the only candidate method.
   *
   * @return the name of the async next method, or {@code ""} to detect it
   */
  String next() default "";
}
