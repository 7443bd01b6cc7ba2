package dev.aiter.example;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command-line interface, through {@link Main#run} with captured output. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MainTest {

  @TempDir Path dir;

  @Test
  void noArgumentsRunsTheCounterToThree() {
    Result result = run();
    assertEquals(0, result.code());
    assertEquals(List.of("0", "1", "2"), result.outLines());
    assertEquals("", result.err());
  }

  @Test
  void theReadmesFirstCommandPrintsTheNumbersAndNothingElse() {
    // The program's half of the README's `| cat -A` check; Maven's half is .mvn/jvm.config.
    String newline = System.lineSeparator();
    assertEquals("0" + newline + "1" + newline + "2" + newline, run().out());
  }

  @Test
  void counterCountsToTheGivenNumber() {
    Result result = run("counter", "5");
    assertEquals(0, result.code());
    assertEquals(List.of("0", "1", "2", "3", "4"), result.outLines());
  }

  @Test
  void counterWithoutANumberCountsToThree() {
    assertEquals(List.of("0", "1", "2"), run("counter").outLines());
  }

  @Test
  void counterToZeroPrintsNothing() {
    Result result = run("counter", "0");
    assertEquals(0, result.code());
    assertEquals("", result.out());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"--help", "-h", "http --help", "lines -h"})
  void helpPrintsTheUsageOfEveryCommand(String args) {
    Result result = run(args.split(" "));
    assertEquals(0, result.code());
    assertTrue(result.out().startsWith("usage: aiter-example"), result.out());
    List<String> synopses =
        List.of(
            "counter [N]",
            "http [--pages N] [--fail-at K]",
            "lines FILE [--grep WORD] [--limit N]",
            "--help");
    for (String command : synopses) {
      assertTrue(result.out().contains(command), command);
    }
    assertEquals("", result.err());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "bogus",
        "--bogus",
        "counter x",
        "counter -1",
        "counter 1 2",
        "counter 99999999999",
        "http extra",
        "http --pages",
        "http --pages 0",
        "http --pages two",
        "http --pages 2 --pages 3",
        "http --fail-at 4",
        "http --pages 2 --fail-at=3",
        "http --fail-at 0",
        "http --bogus 1",
        "http --limit 0",
        "http --details --concurrency 0",
        "http --details --details",
        "http --details --fail-at 1",
        "http --generator --limit 2",
        "http --grep=",
        "lines",
        "lines a.txt b.txt",
        "lines a.txt --limit 0",
        "lines a.txt --grep",
        "lines a.txt --grep=",
        "lines a.txt --bogus x"
      })
  void badArgumentsGiveAOneLineUsageErrorAndExitCodeTwo(String args) {
    Result result = run(args.split(" "));
    assertEquals(2, result.code());
    assertEquals("", result.out());
    assertEquals(1, result.errLines().size(), result.err());
    assertTrue(result.err().startsWith("aiter-example: "), result.err());
    assertTrue(result.err().strip().endsWith("(see --help)"), result.err());
  }

  @Test
  void aBadNumberIsNamedInTheError() {
    assertEquals(
        "aiter-example: http: --pages must be a whole number of at least 1, not 'two' (see --help)",
        run("http", "--pages", "two").err().strip());
  }

  @Test
  void httpPrintsEveryItemOfEveryPageInOrder() {
    Result result = run("http", "--pages", "2");
    assertEquals(0, result.code(), result.err());
    assertEquals(
        List.of("#1 apple", "#2 banana", "#3 cherry", "#4 damson", "#5 elderberry", "#6 fig"),
        result.outLines());
    assertEquals("", result.err());
  }

  @Test
  void httpDetailsPrintsEveryItemWithItsDetailsInOrder_andTheWallTime() {
    Result result = run("http", "--details", "--pages", "2", "--concurrency", "3");
    assertEquals(0, result.code(), result.err());
    List<String> lines = result.outLines();
    assertEquals(7, lines.size(), result.out());
    String[] names = {"apple", "banana", "cherry", "damson", "elderberry", "fig"};
    for (int i = 0; i < names.length; i++) {
      assertEquals(
          "#" + (i + 1) + " " + names[i] + ": " + names[i] + " is item " + (i + 1) + " of 6",
          lines.get(i));
    }
    assertTrue(
        lines.get(6).matches("\\(6 items with their details in \\d+ ms, up to 3 detail requests at once\\)"),
        lines.get(6));
    assertEquals("", result.err());
  }

  @Test
  void httpGeneratorPrintsEveryItemOfEveryPageInOrder() {
    Result result = run("http", "--generator", "--pages", "2");
    assertEquals(0, result.code(), result.err());
    assertEquals(
        List.of("#1 apple", "#2 banana", "#3 cherry", "#4 damson", "#5 elderberry", "#6 fig"),
        result.outLines());
    assertEquals("", result.err());
  }

  @Test
  void httpWithLimitStopsFetchingPagesOnceItHasEnoughItems() {
    Result result = run("http", "--pages", "5", "--limit", "2");
    assertEquals(0, result.code(), result.err());
    assertEquals(List.of("#1 apple", "#2 banana", "(1 of 5 pages fetched)"), result.outLines());
  }

  @Test
  void httpWithGrepAndLimitPrintsTheFirstMatches_fromNoMorePagesThanNeeded() {
    Result result = run("http", "--pages", "5", "--grep", "e", "--limit", "4");
    assertEquals(0, result.code(), result.err());
    assertEquals(
        List.of("#1 apple", "#3 cherry", "#5 elderberry", "#7 grape", "(3 of 5 pages fetched)"),
        result.outLines());
  }

  @Test
  void httpWithGrepAloneReadsEveryPage() {
    Result result = run("http", "--pages", "2", "--grep", "rr");
    assertEquals(0, result.code(), result.err());
    assertEquals(List.of("#3 cherry", "#5 elderberry", "(2 of 2 pages fetched)"), result.outLines());
  }

  @Test
  void httpWithAFailingPageExitsNonZeroWithAOneLineErrorNamingThePage() {
    Result result = run("http", "--pages", "3", "--fail-at", "2");
    assertEquals(1, result.code());
    assertEquals(List.of("#1 apple", "#2 banana", "#3 cherry"), result.outLines());
    assertEquals(1, result.errLines().size(), result.err());
    String error = result.errLines().get(0);
    assertTrue(error.startsWith("aiter-example: page 2 of http://127.0.0.1:"), error);
    assertTrue(error.contains("HTTP 500"), error);
    assertFalse(error.contains("Exception"), error);
  }

  @Test
  void linesPrintsEveryLine() throws IOException {
    Path file = write("lines.txt", "first\nsecond caf\u00e9\n\nlast");
    Result result = run("lines", file.toString());
    assertEquals(0, result.code(), result.err());
    assertEquals(List.of("first", "second caf\u00e9", "", "last"), result.outLines());
  }

  @Test
  void linesWithGrepPrintsOnlyMatchingLines() throws IOException {
    Path file = write("log.txt", "INFO start\nWARN disk\nINFO work\nWARN heat\n");
    Result result = run("lines", file.toString(), "--grep", "WARN");
    assertEquals(List.of("WARN disk", "WARN heat"), result.outLines());
  }

  @Test
  void linesWithLimitStopsAfterThatManyMatches() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 1000; i++) {
      text.append(i % 2 == 0 ? "even " : "odd ").append(i).append('\n');
    }
    Path file = write("numbers.txt", text.toString());
    Result result = run("lines", "--grep=even", file.toString(), "--limit", "3");
    assertEquals(0, result.code(), result.err());
    assertEquals(List.of("even 2", "even 4", "even 6"), result.outLines());
  }

  @Test
  void linesOfAMissingFileIsAOneLineError() {
    Path missing = dir.resolve("missing.txt");
    Result result = run("lines", missing.toString());
    assertEquals(1, result.code());
    assertEquals(
        List.of("aiter-example: cannot open " + missing + ": no such file"), result.errLines());
  }

  @Test
  void linesOfADirectoryIsAOneLineError() {
    Result result = run("lines", dir.toString());
    assertEquals(1, result.code());
    assertEquals(1, result.errLines().size(), result.err());
    assertTrue(
        result.err().startsWith("aiter-example: cannot read " + dir + ": "), result.err());
  }

  @Test
  void linesOfAFileThatIsNotUtf8IsAOneLineError() throws IOException {
    Path file = dir.resolve("latin1.txt");
    Files.write(file, new byte[] {'o', 'k', '\n', (byte) 0xe9, '\n'});
    Result result = run("lines", file.toString());
    assertEquals(1, result.code());
    assertEquals(List.of("ok"), result.outLines());
    assertEquals(
        List.of("aiter-example: " + file + " is not UTF-8: undecodable byte at offset 3"),
        result.errLines());
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, UTF_8);
  }

  @Test
  void httpStreamDownloadsTheBodyAndSaysHowMuchArrived() {
    Result result = run("http", "--stream", "--bytes", "1000000");
    assertEquals(0, result.code(), result.err());
    assertEquals(1, result.outLines().size(), result.out());
    assertTrue(result.out().startsWith("received 1000000 bytes in "), result.out());
    assertTrue(result.out().contains("every byte in order"), result.out());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"http --stream --bytes -1", "http --stream --pages 2", "http --stream x"})
  void httpStreamRejectsWhatItDoesNotTake(String args) {
    Result result = run(args.split(" "));
    assertEquals(Main.BAD_USAGE, result.code());
    assertTrue(result.err().startsWith("aiter-example: http"), result.err());
  }

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
    return new Result(code, out.toString(UTF_8), err.toString(UTF_8));
  }

  /** What a run printed, and its exit code. */
  private record Result(int code, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }

    List<String> errLines() {
      return err.lines().toList();
    }
  }
}
