package dev.aiter.example;

import java.io.PrintStream;

/** {@code --help}: prints the usage. */
record HelpCommand() implements Command {

  @Override
  public int run(PrintStream out, PrintStream err) {
    out.print(CommandLine.USAGE);
    return 0;
  }
}
