package dev.aiter.example;

import java.io.PrintStream;

/**
 * {@code counter [N]}: the reference example, {@code async for n in AsyncCounter(N):
 * print(n)}.
 *
 * @param stop how many numbers to count, from 0
 */
record CounterCommand(int stop) implements Command {

  @Override
  public int run(PrintStream out, PrintStream err) {
    new AsyncCounter(stop).asyncFor(n -> out.println(n)).join();
    return 0;
  }
}
