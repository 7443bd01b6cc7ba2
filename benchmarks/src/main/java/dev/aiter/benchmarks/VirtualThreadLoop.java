package dev.aiter.benchmarks;

import dev.aiter.StopAsyncIteration;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * The loop a Java 21+ user would write instead of an asynchronous one: a virtual thread that
 * blocks on each element, {@code source.anext().join()}, until the end. The modern anchor of
 * issue 13. The benchmarks are compiled for Java 17, so the virtual-thread executor is looked up
 * by name at run time ({@code Executors.newVirtualThreadPerTaskExecutor()}, public API, no
 * reflection into JDK internals); on a JDK without virtual threads this contender is unavailable.
 */
public final class VirtualThreadLoop {

  /** {@code null} on a JDK without virtual threads. */
  private static final ExecutorService VIRTUAL = lookUp();

  private VirtualThreadLoop() {}

  private static ExecutorService lookUp() {
    try {
      MethodHandle factory =
          MethodHandles.publicLookup()
              .findStatic(
                  java.util.concurrent.Executors.class,
                  "newVirtualThreadPerTaskExecutor",
                  MethodType.methodType(ExecutorService.class));
      return (ExecutorService) factory.invoke();
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    } catch (Throwable t) {
      throw new IllegalStateException("could not create the virtual-thread executor", t);
    }
  }

  /** Whether this JDK has virtual threads. */
  public static boolean available() {
    return VIRTUAL != null;
  }

  /**
   * Sums the elements of {@code source} on a new virtual thread that blocks on each one.
   *
   * @param source the source
   * @return the sum
   */
  public static long sum(IntSource source) {
    if (VIRTUAL == null) {
      throw new UnsupportedOperationException("virtual threads need JDK 21 or later");
    }
    try {
      return VIRTUAL.submit(() -> blockingSum(source)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private static long blockingSum(IntSource source) {
    Sum sum = new Sum();
    for (; ; ) {
      CompletableFuture<Integer> next = source.anext();
      Integer value;
      try {
        value = next.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof StopAsyncIteration) {
          return sum.total();
        }
        throw e;
      }
      sum.add(value);
    }
  }
}
