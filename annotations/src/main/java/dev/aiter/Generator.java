package dev.aiter;

/**
 * The body of an asynchronous generator, Python's {@code async def} function with {@code yield}:
 * it produces the elements by calling {@link Yield#yield(Object) out.yield(value)} and ends by
 * returning. {@link Async#generator(Generator)} turns it into an {@link AsyncIterator}.
 *
 * <pre>{@code
 * // Python: async def pages():
 * //             for n in range(3):
 * //                 yield await fetch(n)
 * AsyncIterator<Page> pages = Async.generator(out -> {
 *   for (int n = 0; n < 3; n++) {
 *     out.yield(fetch(n).join());   // join() is the body's await: it runs on its own thread
 *   }
 * });
 * }</pre>
 *
 * @param <T> the element type
 */
@FunctionalInterface
public interface Generator<T> {

  /**
   * Runs the body on the generator's thread. An exception fails the {@code anext()} that was
   * waiting; {@link GeneratorExit} thrown by {@code yield} after {@code aclose()} should be left
   * to propagate (put clean-up in {@code finally}).
   *
   * @param out where the body hands each element to the consumer
   * @throws Exception to fail the iteration with it
   */
  void run(Yield<T> out) throws Exception;
}
