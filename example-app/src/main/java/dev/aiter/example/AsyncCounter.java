package dev.aiter.example;

import dev.aiter.AsyncIterable;
import dev.aiter.StopAsyncIteration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The reference example, Python's {@code AsyncCounter} in Java: counts from 0 up to {@code stop}
 * (exclusive), each number arriving about 100 ms after it was asked for.
 *
 * <pre>{@code
 * // class AsyncCounter:
 * //     def __init__(self, stop): self.current, self.stop = 0, stop
 * //     def __aiter__(self): return self
 * //     async def __anext__(self):
 * //         await asyncio.sleep(0.1)
 * //         if self.current >= self.stop: raise StopAsyncIteration
 * //         self.current += 1
 * //         return self.current - 1
 *
 * new AsyncCounter(3).asyncFor(n -> System.out.println(n)).join();   // 0 1 2
 * }</pre>
 *
 * <p>The processor generates {@code AsyncCounterAsync} from this class. Implementing its {@code
 * Extensions} gives the counter {@code aiter()} (Python's {@code __aiter__}), {@code asyncFor}
 * and {@code asyncForAwait} as methods; the same functions are static in {@code
 * AsyncCounterAsync} ({@code asyncFor(counter, body)}) for classes that do not implement it.
 */
@AsyncIterable
public final class AsyncCounter implements AsyncCounterAsync.Extensions {

  /**
   * The pause before each number. A delayed executor rather than {@code Thread.sleep}: no thread
   * waits while the counter does, which is what {@code await asyncio.sleep(0.1)} means.
   */
  private static final Executor AFTER_A_TENTH_OF_A_SECOND =
      CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS);

  private final int stop;
  private int current;

  /**
   * Creates a counter that yields {@code 0, 1, ..., stop - 1}.
   *
   * @param stop the first number not yielded; zero or less yields nothing
   */
  public AsyncCounter(int stop) {
    this.stop = stop;
  }

  /**
   * Yields the next number after a pause of about 100 ms, or ends the iteration. Python: {@code
   * __anext__}.
   *
   * @return a future of the next number, failed with {@link StopAsyncIteration} once {@code stop}
   *     was reached
   */
  public CompletableFuture<Integer> anext() {
    return CompletableFuture.supplyAsync(
        () -> {
          if (current >= stop) {
            throw new StopAsyncIteration();
          }
          return current++;
        },
        AFTER_A_TENTH_OF_A_SECOND);
  }
}
