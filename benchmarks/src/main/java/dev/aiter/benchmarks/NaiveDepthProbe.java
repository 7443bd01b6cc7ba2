package dev.aiter.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * Finds the largest element count at which {@link NaiveLoop} does not overflow the stack in
 * {@code sync} mode, the way the benchmark will run it: in a fresh JVM (frames are largest while
 * the code is still interpreted), on a thread with the default stack size, over and over until
 * the JIT has compiled it. Each candidate is tried in its own JVM; a binary search over the
 * candidates prints the answer on the last line.
 *
 * <p>{@code java -cp benchmarks.jar dev.aiter.benchmarks.NaiveDepthProbe} searches; {@code ...
 * NaiveDepthProbe N} checks one count and exits 0 when it never overflowed.
 */
public final class NaiveDepthProbe {

  /** Enough runs for the loop to be compiled by C2 in the middle of the check. */
  private static final int RUNS = 10_000;

  private NaiveDepthProbe() {}

  /**
   * Searches, or checks one count.
   *
   * @param args empty, or the count to check
   * @throws Exception when a child JVM cannot be run
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 1) {
      System.exit(check(Integer.parseInt(args[0])) ? 0 : 1);
    }
    int good = 256;
    int bad = 256;
    while (passes(bad)) {
      good = bad;
      bad *= 2;
      if (bad > 1 << 24) {
        System.out.println(good);
        return;
      }
    }
    while (bad - good > 1) {
      int mid = (good + bad) >>> 1;
      if (passes(mid)) {
        good = mid;
      } else {
        bad = mid;
      }
    }
    System.out.println(good);
  }

  private static boolean check(int n) throws InterruptedException {
    boolean[] ok = {true};
    Thread worker =
        new Thread(
            () -> {
              for (int i = 0; i < RUNS && ok[0]; i++) {
                try {
                  if (Contenders.naive(n, null) != IntSource.expectedSum(n)) {
                    ok[0] = false;
                  }
                } catch (CompletionException | StackOverflowError e) {
                  ok[0] = false;
                }
              }
            },
            "naive-probe");
    worker.start();
    worker.join();
    return ok[0];
  }

  private static boolean passes(int n) throws IOException, InterruptedException {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(NaiveDepthProbe.class.getName());
    command.add(Integer.toString(n));
    Process child = new ProcessBuilder(command).inheritIO().start();
    boolean result = child.waitFor() == 0;
    System.err.println("naive thenCompose loop, " + n + " elements: " + (result ? "ok" : "overflows"));
    return result;
  }
}
