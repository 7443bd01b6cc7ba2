package dev.aiter.example;

import java.io.PrintStream;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The example application's entry point: {@code counter [N]}, {@code http [--pages N] [--fail-at
 * K]}, {@code lines FILE [--grep WORD] [--limit N]} or {@code --help}, which prints the usage.
 * Each command runs an {@code asyncFor} loop from the code the aiter processor generated at build
 * time.
 */
public final class Main {

  /** Exit code of a command that failed. */
  public static final int FAILED = 1;

  /** Exit code for arguments the application does not understand. */
  public static final int BAD_USAGE = 2;

  private Main() {}

  /**
   * Runs the command the arguments name, and exits with a non-zero code when it fails.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      // Only now: exiting with 0 is the JVM's own business, and exec:java runs in Maven's JVM.
      System.exit(code);
    }
  }

  /**
   * Runs the command the arguments name. Failures are reported on {@code err} in one line, without
   * a stack trace.
   *
   * @param args the command line
   * @param out where the command's results go
   * @param err where errors go
   * @return 0 on success, {@link #FAILED} when the command failed, {@link #BAD_USAGE} for bad
   *     arguments
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Command command;
    try {
      command = CommandLine.parse(args);
    } catch (UsageException e) {
      err.println(CommandLine.PROGRAM + ": " + e.getMessage() + " (see --help)");
      return BAD_USAGE;
    }
    try {
      return command.run(out, err);
    } catch (Exception e) {
      err.println(CommandLine.PROGRAM + ": " + oneLine(rootOf(e)));
      return FAILED;
    } finally {
      out.flush();
    }
  }

  /** The exception a loop failed with, without the wrappers {@code join()} adds. */
  private static Throwable rootOf(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static String oneLine(Throwable error) {
    String message = error.getMessage();
    if (message == null || message.isBlank()) {
      message = error.getClass().getName();
    }
    return message.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
