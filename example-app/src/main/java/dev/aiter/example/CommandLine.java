package dev.aiter.example;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns the arguments of the example application into a {@link Command}. Options take their
 * value as the next argument or after {@code =} ({@code --pages 3}, {@code --pages=3}); {@code
 * --} ends the options; {@code --help} or {@code -h} anywhere asks for the usage.
 */
final class CommandLine {

  /** The program's name in messages. */
  static final String PROGRAM = "aiter-example";

  /** How far {@code counter} counts when no N is given, as in the reference example. */
  static final int DEFAULT_COUNT = 3;

  /** How many pages {@code http} serves when no {@code --pages} is given. */
  static final int DEFAULT_PAGES = 3;

  /** How many detail requests {@code http --details} keeps in flight by default. */
  static final int DEFAULT_CONCURRENCY = 4;

  /** The text {@code --help} prints. */
  static final String USAGE =
      """
      usage: aiter-example [COMMAND]

      Python's async iteration in Java: each command runs an `async for` loop over an
      @AsyncIterable source through the code aiter generated for it.

      commands:
        counter [N]                count from 0 to N-1, one number every 100 ms,
                                   without blocking a thread (the default; N = 3)
        http [--pages N] [--fail-at K] [--grep WORD] [--limit K]
                                   serve a listing of N pages (default 3) on a loopback
                                   port and print each item as its page arrives;
                                   with --fail-at, page K fails with HTTP 500; with
                                   --grep and --limit, only the first K items whose
                                   name contains WORD, fetching no page more than needed
        http --stream [--bytes N]  download a generated body of N bytes (default 64 MiB)
                                   from a loopback server as a Flow.Publisher seen as an
                                   async iterator, checking every byte in constant memory
        http --details [--concurrency N] [--pages N]
                                   print each item with its details, fetched from a
                                   second endpoint N at a time (default 4) in order,
                                   and the wall time
        http --generator [--pages N]
                                   print the listing's items from an async generator:
                                   straight-line code that fetches pages and yields
        lines FILE [--grep WORD] [--limit N]
                                   print the lines of the UTF-8 file FILE, read
                                   asynchronously; only those containing WORD, and
                                   stop after N of them
        --help, -h                 print this help

      exit status: 0 on success, 1 when a command fails, 2 for bad arguments
      """;

  private static final Set<String> HELP = Set.of("--help", "-h");

  private CommandLine() {}

  /**
   * Parses the arguments; none runs the default command, {@code counter}.
   *
   * @param args the command-line arguments
   * @return the command they ask for
   * @throws UsageException when they ask for nothing the application does
   */
  static Command parse(String[] args) throws UsageException {
    if (args.length == 0) {
      return new CounterCommand(DEFAULT_COUNT);
    }
    String name = args[0];
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    if (HELP.contains(name)) {
      return new HelpCommand();
    }
    switch (name) {
      case "counter":
        return counter(rest);
      case "http":
        return http(rest);
      case "lines":
        return lines(rest);
      default:
        throw new UsageException(
            name.startsWith("-") && name.length() > 1
                ? "unknown option '" + name + "'"
                : "unknown command '" + name + "'");
    }
  }

  private static Command counter(List<String> args) throws UsageException {
    Arguments parsed = Arguments.split("counter", args, Set.of());
    if (parsed.help()) {
      return new HelpCommand();
    }
    parsed.requirePositionalCount(0, 1, "[N]");
    int stop =
        parsed.positional().isEmpty()
            ? DEFAULT_COUNT
            : wholeNumber("counter", "N", parsed.positional().get(0), 0);
    return new CounterCommand(stop);
  }

  private static Command http(List<String> args) throws UsageException {
    if (args.contains("--stream")) {
      return httpStream(args);
    }
    if (args.contains("--details")) {
      return httpDetails(args);
    }
    if (args.contains("--generator")) {
      return httpGenerator(args);
    }
    Arguments parsed =
        Arguments.split("http", args, Set.of("--pages", "--fail-at", "--grep", "--limit"));
    if (parsed.help()) {
      return new HelpCommand();
    }
    parsed.requirePositionalCount(0, 0, "");
    String pagesText = parsed.options().get("--pages");
    int pages = pagesText == null ? DEFAULT_PAGES : wholeNumber("http", "--pages", pagesText, 1);
    String failText = parsed.options().get("--fail-at");
    OptionalInt failingPage = OptionalInt.empty();
    if (failText != null) {
      int page = wholeNumber("http", "--fail-at", failText, 1);
      if (page > pages) {
        throw new UsageException(
            "http: --fail-at " + page + " is past the last page (" + pages + ")");
      }
      failingPage = OptionalInt.of(page);
    }
    Optional<String> word = Optional.ofNullable(parsed.options().get("--grep"));
    if (word.isPresent() && word.get().isEmpty()) {
      throw new UsageException("http: --grep needs a non-empty WORD");
    }
    String limitText = parsed.options().get("--limit");
    OptionalInt limit =
        limitText == null
            ? OptionalInt.empty()
            : OptionalInt.of(wholeNumber("http", "--limit", limitText, 1));
    return new HttpCommand(pages, failingPage, word, limit);
  }

  /** {@code http --details [--concurrency N] [--pages N]}. */
  private static Command httpDetails(List<String> args) throws UsageException {
    Arguments parsed =
        Arguments.split(
            "http --details", withoutFlag(args, "--details"), Set.of("--concurrency", "--pages"));
    if (parsed.help()) {
      return new HelpCommand();
    }
    parsed.requirePositionalCount(0, 0, "");
    String pagesText = parsed.options().get("--pages");
    int pages =
        pagesText == null ? DEFAULT_PAGES : wholeNumber("http --details", "--pages", pagesText, 1);
    String concurrencyText = parsed.options().get("--concurrency");
    int concurrency =
        concurrencyText == null
            ? DEFAULT_CONCURRENCY
            : wholeNumber("http --details", "--concurrency", concurrencyText, 1);
    return new HttpDetailsCommand(pages, concurrency);
  }

  /** {@code http --generator [--pages N]}. */
  private static Command httpGenerator(List<String> args) throws UsageException {
    Arguments parsed =
        Arguments.split("http --generator", withoutFlag(args, "--generator"), Set.of("--pages"));
    if (parsed.help()) {
      return new HelpCommand();
    }
    parsed.requirePositionalCount(0, 0, "");
    String pagesText = parsed.options().get("--pages");
    int pages =
        pagesText == null
            ? DEFAULT_PAGES
            : wholeNumber("http --generator", "--pages", pagesText, 1);
    return new HttpGeneratorCommand(pages);
  }

  /** The arguments without {@code flag}, which takes no value; given twice it is an error. */
  private static List<String> withoutFlag(List<String> args, String flag) throws UsageException {
    List<String> rest = new ArrayList<>(args);
    rest.remove(flag);
    if (rest.contains(flag)) {
      throw new UsageException("http: " + flag + " given twice");
    }
    return rest;
  }

  /** {@code http --stream [--bytes N]}: a flag, so it is taken out before the options are split. */
  private static Command httpStream(List<String> args) throws UsageException {
    Arguments parsed =
        Arguments.split("http --stream", withoutFlag(args, "--stream"), Set.of("--bytes"));
    if (parsed.help()) {
      return new HelpCommand();
    }
    parsed.requirePositionalCount(0, 0, "");
    String bytesText = parsed.options().get("--bytes");
    long bytes = HttpStreamCommand.DEFAULT_BYTES;
    if (bytesText != null) {
      try {
        bytes = Long.parseLong(bytesText);
      } catch (NumberFormatException e) {
        bytes = -1;
      }
      if (bytes < 0) {
        throw new UsageException(
            "http --stream: --bytes must be a whole number of at least 0, not '" + bytesText + "'");
      }
    }
    return new HttpStreamCommand(bytes);
  }

  private static Command lines(List<String> args) throws UsageException {
    Arguments parsed = Arguments.split("lines", args, Set.of("--grep", "--limit"));
    if (parsed.help()) {
      return new HelpCommand();
    }
    parsed.requirePositionalCount(1, 1, "FILE");
    Path file = Path.of(parsed.positional().get(0));
    Optional<String> word = Optional.ofNullable(parsed.options().get("--grep"));
    if (word.isPresent() && word.get().isEmpty()) {
      throw new UsageException("lines: --grep needs a non-empty WORD");
    }
    String limitText = parsed.options().get("--limit");
    OptionalInt limit =
        limitText == null
            ? OptionalInt.empty()
            : OptionalInt.of(wholeNumber("lines", "--limit", limitText, 1));
    return new LinesCommand(file, word, limit);
  }

  private static int wholeNumber(String command, String what, String text, int min)
      throws UsageException {
    try {
      int n = Integer.parseInt(text);
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        command + ": " + what + " must be a whole number of at least " + min + ", not '" + text
            + "'");
  }

  /**
   * The arguments after a command's name, split into positional arguments and option values.
   *
   * @param command the command's name, for messages
   * @param positional the positional arguments, in order
   * @param options each given option's value, by option name
   * @param help whether {@code --help} or {@code -h} was among the options
   */
  private record Arguments(
      String command, List<String> positional, Map<String, String> options, boolean help) {

    static Arguments split(String command, List<String> args, Set<String> known)
        throws UsageException {
      List<String> positional = new ArrayList<>();
      Map<String, String> options = new LinkedHashMap<>();
      boolean help = false;
      boolean optionsEnded = false;
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
          positional.add(arg);
        } else if (arg.equals("--")) {
          optionsEnded = true;
        } else if (HELP.contains(arg)) {
          help = true;
        } else {
          int equals = arg.indexOf('=');
          String name = equals < 0 ? arg : arg.substring(0, equals);
          if (!known.contains(name)) {
            throw new UsageException(command + ": unknown option '" + name + "'");
          }
          String value;
          if (equals >= 0) {
            value = arg.substring(equals + 1);
          } else if (i + 1 < args.size()) {
            value = args.get(++i);
          } else {
            throw new UsageException(command + ": " + name + " needs a value");
          }
          if (options.putIfAbsent(name, value) != null) {
            throw new UsageException(command + ": " + name + " given twice");
          }
        }
      }
      return new Arguments(command, List.copyOf(positional), options, help);
    }

    void requirePositionalCount(int min, int max, String expected) throws UsageException {
      if (positional.size() < min) {
        throw new UsageException(command + ": missing " + expected);
      }
      if (positional.size() > max) {
        throw new UsageException(
            command + ": unexpected argument '" + positional.get(max) + "'"
                + (expected.isEmpty() ? "" : " (expected " + expected + ")"));
      }
    }
  }
}
