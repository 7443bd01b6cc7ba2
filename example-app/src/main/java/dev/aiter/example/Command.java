package dev.aiter.example;

import java.io.PrintStream;

/** One command of the example application, parsed from the command line and ready to run. */
interface Command {

  /**
   * Runs the command.
   *
   * @param out where results go
   * @param err where diagnostics go
   * @return the process exit code: 0 on success
   * @throws Exception when the command fails; {@link Main} reports it in one line
   */
  int run(PrintStream out, PrintStream err) throws Exception;
}
