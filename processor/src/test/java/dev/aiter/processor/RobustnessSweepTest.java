package dev.aiter.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.Compiler.javac;
import static dev.aiter.processor.Compiling.source;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Goes looking for trouble: generates every combination of class kind, next-method shape,
 * generics, close method and opt-in to extension methods (the class implements its own {@code
 * SourceAsync.Extensions}, which does not exist when javac first sees the class), compiles them
 * all with the processor, and checks that each either
 * gets a generated class that compiles under {@code -Xlint:all,-processing -Werror}, or fails with
 * an error on the user's own file; never an internal error, never a crash, never a diagnostic in
 * generated code. A shape with a bug the processor warns about (an {@code anext} that is not a
 * next method beside the one iterated, a {@code close()} that is not {@code AutoCloseable}'s)
 * gets exactly that warning on its own file, and every other shape none. Then sources that javac
 * itself rejects (syntax errors, missing types) must get javac's errors and, unless the processor
 * has something to add, nothing from the processor.
 *
 * <p>The matrix compiles in three javac runs (each case in its own package, so the cases cannot
 * see each other): one with the default options, which decides each case's outcome, one strict
 * run over the cases that succeeded without a warning, and one with every lint warning on over
 * those that succeeded with one. Compiling each case on its own would cost ~100 ms apiece.
 */
class RobustnessSweepTest {

  /** The tag of {@link Messages#internalError}: it must never appear. */
  private static final String INTERNAL_ERROR = "[AsyncIterableInternalError]";

  /** javac's own words when a processor lets an exception escape. */
  private static final String UNCAUGHT = "threw an uncaught exception";

  /** No limit on the number of diagnostics: the matrix produces several hundred errors. */
  private static final List<String> NO_LIMITS = List.of("-Xmaxerrs", "100000", "-Xmaxwarns", "100000");

  enum Kind {
    CLASS,
    ABSTRACT_CLASS,
    INTERFACE,
    RECORD,
    ENUM,
    NESTED_STATIC,
    INNER,
    PRIVATE_NESTED,
    LOCAL
  }

  enum Next {
    NONE,
    ANEXT,
    NAMED,
    TWO_CANDIDATES,
    WRONG_RETURN,
    RAW,
    WITH_PARAMETER,
    STATIC,
    PRIVATE,
    INHERITED_GENERIC,
    OPTIONAL,
    /** {@code List<E> anext()} beside {@code CompletableFuture<E> fetchPage()}: a warning. */
    WRONG_ANEXT_BESIDE_CANDIDATE
  }

  enum Generics {
    NONE("", "", "String"),
    ONE("<T>", "<T>", "T"),
    BOUNDED("<T extends Comparable<T>>", "<T>", "T"),
    TWO("<K, V>", "<K, V>", "Map.Entry<K, V>");

    final String declaration;
    final String arguments;
    final String element;

    Generics(String declaration, String arguments, String element) {
      this.declaration = declaration;
      this.arguments = arguments;
      this.element = element;
    }
  }

  enum Close {
    NONE,
    ACLOSE_STAGE,
    AUTO_CLOSEABLE,
    ACLOSE_WRONG_TYPE,
    ACLOSE_VOID,
    ACLOSE_STATIC,
    ACLOSE_WITH_PARAMETER,
    /** {@code void close()} without {@code AutoCloseable}: a warning. */
    CLOSE_NOT_AUTO_CLOSEABLE;

    /** An aclose the adapter would never call: always an error. */
    boolean neverCalled() {
      return this == ACLOSE_WRONG_TYPE
          || this == ACLOSE_VOID
          || this == ACLOSE_STATIC
          || this == ACLOSE_WITH_PARAMETER;
    }
  }

  /** Whether the class opts in to extension methods: implements its own SourceAsync.Extensions. */
  enum OptIn {
    NONE,
    /** {@code implements SourceAsync.Extensions<T>} (an interface: {@code extends}). */
    IMPLEMENTS_EXTENSIONS
  }

  private static final String ANEXT_IGNORED = "[AsyncIterableAnextIgnored]";
  private static final String CLOSE_NOT_CALLED = "[AsyncIterableCloseNotCalled]";
  private static final String ACLOSE_NOT_CALLED = "[AsyncIterableAcloseNotCalled]";

  /** One generated source: its package, the file, and what the processor should make of it. */
  record Case(
      String pkg,
      Kind kind,
      Next next,
      Generics generics,
      Close close,
      OptIn optIn,
      JavaFileObject file) {

    /** Whether the processor should generate a class (and report nothing). */
    boolean valid() {
      return kind != Kind.PRIVATE_NESTED
          && kind != Kind.LOCAL
          && (next == Next.ANEXT
              || next == Next.NAMED
              || next == Next.INHERITED_GENERIC
              || next == Next.OPTIONAL
              || next == Next.WRONG_ANEXT_BESIDE_CANDIDATE)
          && !close.neverCalled();
    }

    /**
     * The tags of the warnings the shape calls for, whether or not it is valid: each of these
     * shapes has a bug the user is told about; every other shape gets no warning at all.
     */
    Set<String> expectedWarnings() {
      Set<String> tags = new TreeSet<>();
      if (invisible()) {
        return tags;
      }
      if (next == Next.WRONG_ANEXT_BESIDE_CANDIDATE) {
        tags.add(ANEXT_IGNORED);
      }
      if (close == Close.CLOSE_NOT_AUTO_CLOSEABLE) {
        tags.add(CLOSE_NOT_CALLED);
      }
      return tags;
    }

    /** Valid and without warnings: compiles under {@code -Werror}. */
    boolean clean() {
      return valid() && expectedWarnings().isEmpty();
    }

    /** javac never hands a local class to processors: nothing is generated, nothing reported. */
    boolean invisible() {
      return kind == Kind.LOCAL;
    }

    @Override
    public String toString() {
      return pkg + " " + kind + " × " + next + " × " + generics + " × " + close + " × " + optIn;
    }
  }

  private static final List<Case> CASES = matrix();
  private static Compilation lenient;

  /** Names of the source files the processor created in the lenient run. */
  private static final Set<String> WRITTEN = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void compileTheMatrix() {
    // compile-testing hides generated files when a compilation failed: watch the Filer instead.
    lenient =
        javac()
            .withProcessors(
                new FilerWrappingProcessor(
                    new AsyncIterableProcessor(), (name, originating) -> WRITTEN.add(name.toString())))
            .withOptions(NO_LIMITS)
            .compile(CASES.stream().map(Case::file).toList());
  }

  @Test
  void theMatrixHasSeveralHundredCases_bothValidAndInvalid() {
    long valid = CASES.stream().filter(Case::valid).count();
    assertWithMessage("cases").that(CASES.size()).isAtLeast(5_000);
    assertWithMessage("valid cases").that(valid).isAtLeast(300L);
    assertWithMessage("invalid cases").that(CASES.size() - valid).isAtLeast(300L);
  }

  @Test
  void noInternalErrorAndNoDiagnosticWithoutAFile() {
    for (Diagnostic<? extends JavaFileObject> d : lenient.diagnostics()) {
      String message = d.getMessage(null);
      assertWithMessage("%s", d).that(message).doesNotContain(INTERNAL_ERROR);
      assertWithMessage("%s", d).that(message).doesNotContain(UNCAUGHT);
      assertWithMessage("a diagnostic must point at a file: %s", d).that(d.getSource()).isNotNull();
    }
  }

  @Test
  void noDiagnosticIsEverInGeneratedCode() {
    List<String> inGenerated =
        lenient.diagnostics().stream()
            .filter(d -> d.getSource() != null && isGenerated(d.getSource()))
            .map(Object::toString)
            .toList();
    assertWithMessage("diagnostics in generated files").that(inGenerated).isEmpty();
  }

  @Test
  void everyCaseGetsTheOutcomeItsShapeCallsFor() {
    Map<String, List<Diagnostic<? extends JavaFileObject>>> byPackage = diagnosticsByPackage(lenient);
    List<String> wrong = new ArrayList<>();
    for (Case c : CASES) {
      List<Diagnostic<? extends JavaFileObject>> mine = byPackage.getOrDefault(c.pkg(), List.of());
      boolean generated = WRITTEN.stream().anyMatch(name -> name.startsWith(c.pkg() + "."));
      List<String> warningTags =
          mine.stream()
              .filter(d -> d.getKind() == Diagnostic.Kind.WARNING)
              .map(d -> tagOf(d.getMessage(null)))
              .sorted()
              .toList();
      if (!warningTags.equals(List.copyOf(c.expectedWarnings()))) {
        wrong.add(c + " should warn exactly " + c.expectedWarnings() + " but got " + mine);
      }
      for (Diagnostic<? extends JavaFileObject> d : mine) {
        if (d.getKind() == Diagnostic.Kind.WARNING
            && !d.getSource().toUri().equals(c.file().toUri())) {
          wrong.add(c + " got a warning outside its own file: " + d);
        }
      }
      if (!c.invisible()
          && c.close().neverCalled()
          && mine.stream()
              .noneMatch(
                  d -> d.getKind() == Diagnostic.Kind.ERROR
                      && d.getMessage(null).startsWith(ACLOSE_NOT_CALLED))) {
        wrong.add(c + " should report its aclose as never called but got " + mine);
      }
      if (c.valid() || c.invisible()) {
        boolean onlyExpectedWarnings =
            mine.stream().allMatch(d -> d.getKind() == Diagnostic.Kind.WARNING);
        if (!onlyExpectedWarnings) {
          wrong.add(c + " should compile but got " + mine);
        } else if (generated != c.valid()) {
          wrong.add(c + (generated ? " generated a class it should not" : " generated no class"));
        }
      } else {
        boolean taggedErrorOnSource =
            mine.stream()
                .anyMatch(
                    d -> d.getKind() == Diagnostic.Kind.ERROR
                        && d.getSource().toUri().equals(c.file().toUri())
                        && d.getMessage(null).startsWith("[AsyncIterable"));
        if (!taggedErrorOnSource) {
          wrong.add(c + " should fail with an aiter error on its own file but got " + mine);
        }
        if (generated) {
          wrong.add(c + " is invalid but a class was generated");
        }
      }
    }
    assertWithMessage("%s of %s cases went wrong", wrong.size(), CASES.size())
        .that(wrong)
        .isEmpty();
  }

  @Test
  void everyGeneratedClassCompilesStrictly() {
    List<JavaFileObject> valid = CASES.stream().filter(Case::clean).map(Case::file).toList();
    Compilation strict =
        javac()
            .withProcessors(new AsyncIterableProcessor())
            .withOptions(Stream.concat(Stream.of(Compiling.STRICT), NO_LIMITS.stream()).toList())
            .compile(valid);
    assertWithMessage("strict diagnostics").that(strict.diagnostics()).isEmpty();
    assertWithMessage("generated classes")
        .that(strict.generatedSourceFiles().size())
        .isEqualTo(valid.size());
  }

  /**
   * The valid shapes with a warning cannot compile under {@code -Werror}: compiled with every lint
   * on, the processor's expected warnings, each on its case's own file, must be all there is.
   */
  @Test
  void everyGeneratedClassOfAWarnedShapeCompilesWithoutLintWarnings() {
    List<Case> warned = CASES.stream().filter(c -> c.valid() && !c.clean()).toList();
    Compilation lint =
        javac()
            .withProcessors(new AsyncIterableProcessor())
            .withOptions(Stream.concat(Stream.of(Compiling.STRICT[0]), NO_LIMITS.stream()).toList())
            .compile(warned.stream().map(Case::file).toList());
    Map<String, List<Diagnostic<? extends JavaFileObject>>> byPackage = diagnosticsByPackage(lint);
    List<String> wrong = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : lint.diagnostics()) {
      if (d.getKind() != Diagnostic.Kind.WARNING
          || d.getSource() == null
          || isGenerated(d.getSource())) {
        wrong.add(d.toString());
      }
    }
    for (Case c : warned) {
      List<String> tags =
          byPackage.getOrDefault(c.pkg(), List.of()).stream()
              .map(d -> tagOf(d.getMessage(null)))
              .sorted()
              .toList();
      if (!tags.equals(List.copyOf(c.expectedWarnings()))) {
        wrong.add(c + " should warn exactly " + c.expectedWarnings() + " but got " + tags);
      }
    }
    assertWithMessage("warned cases").that(warned.size()).isAtLeast(100);
    assertWithMessage("lint diagnostics").that(wrong).isEmpty();
    assertWithMessage("generated classes")
        .that(lint.generatedSourceFiles().size())
        .isEqualTo(warned.size());
  }

  // ---------------------------------------------------------------------------------------------
  // Sources javac rejects by itself.

  /**
   * A source with an error javac reports, and the only processor message allowed besides:
   * {@code null} = none; a tag when the processor has to explain why it wrote no class.
   */
  record Broken(String name, String code, String allowedTag) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> brokenSources() {
    String unresolved = "[AsyncIterableUnresolvedTypes]";
    List<Broken> broken =
        List.of(
            new Broken(
                "missing semicolon in the next method",
                """
                @AsyncIterable
                public class Source {
                  public CompletionStage<String> anext() {
                    return new CompletableFuture<>()
                  }
                }
                """,
                null),
            new Broken(
                "syntax error in another class of the file",
                """
                @AsyncIterable
                public class Source {
                  public CompletionStage<String> anext() {
                    return new CompletableFuture<>();
                  }
                }

                class Other {
                  void run( {
                  }
                }
                """,
                null),
            new Broken(
                "unbalanced braces at the end of the file",
                """
                @AsyncIterable
                public class Source {
                  public CompletionStage<String> anext() {
                    return new CompletableFuture<>();
                  }
                """,
                null),
            new Broken(
                "garbage between members",
                """
                @AsyncIterable
                public class Source {
                  %%%
                  public CompletionStage<String> anext() {
                    return new CompletableFuture<>();
                  }
                }
                """,
                null),
            new Broken(
                "missing type in a method body",
                """
                @AsyncIterable
                public class Source {
                  public CompletionStage<String> anext() {
                    Missing m = null;
                    return new CompletableFuture<>();
                  }
                }
                """,
                null),
            new Broken(
                "missing type as a field type",
                """
                @AsyncIterable
                public class Source {
                  private Missing missing;

                  public CompletionStage<String> anext() {
                    return new CompletableFuture<>();
                  }
                }
                """,
                null),
            new Broken(
                "missing type as a parameter of another method",
                """
                @AsyncIterable
                public class Source {
                  public void feed(Missing m) {}

                  public CompletionStage<String> anext() {
                    return new CompletableFuture<>();
                  }
                }
                """,
                null),
            new Broken(
                "missing type in another class of the file",
                """
                @AsyncIterable
                public class Source {
                  public CompletionStage<String> anext() {
                    return new CompletableFuture<>();
                  }
                }

                class Other extends Missing {}
                """,
                null),
            new Broken(
                "missing method called in the next method",
                """
                @AsyncIterable
                public class Source {
                  public CompletionStage<String> anext() {
                    return fetchMissing();
                  }
                }
                """,
                null),
            new Broken(
                "type error in the next method's body",
                """
                @AsyncIterable
                public class Source {
                  public CompletionStage<String> anext() {
                    return 42;
                  }
                }
                """,
                null),
            new Broken(
                "annotation without its import",
                """
                @dev.aiter.Missing
                @AsyncIterable
                public class Source {
                  public CompletionStage<String> anext() {
                    return new CompletableFuture<>();
                  }
                }
                """,
                null),
            new Broken(
                "misspelled annotation attribute",
                """
                @AsyncIterable(nxt = "fetch")
                public class Source {
                  public CompletionStage<String> anext() {
                    return new CompletableFuture<>();
                  }
                }
                """,
                null),
            new Broken(
                "annotation attribute of the wrong type",
                """
                @AsyncIterable(next = 42)
                public class Source {
                  public CompletionStage<String> anext() {
                    return new CompletableFuture<>();
                  }
                }
                """,
                null),
            new Broken(
                "annotation attribute naming a missing constant",
                """
                @AsyncIterable(next = Names.MISSING)
                public class Source {
                  public CompletionStage<String> anext() {
                    return new CompletableFuture<>();
                  }
                }

                class Names {}
                """,
                null),
            new Broken(
                "annotation attribute naming a missing class",
                """
                @AsyncIterable(next = Missing.NAME)
                public class Source {
                  public CompletionStage<String> anext() {
                    return new CompletableFuture<>();
                  }
                }
                """,
                null),
            new Broken(
                "duplicate annotation",
                """
                @AsyncIterable
                @AsyncIterable
                public class Source {
                  public CompletionStage<String> anext() {
                    return new CompletableFuture<>();
                  }
                }
                """,
                null),
            new Broken(
                "duplicate next method",
                """
                @AsyncIterable
                public class Source {
                  public CompletionStage<String> anext() {
                    return new CompletableFuture<>();
                  }

                  public CompletionStage<String> anext() {
                    return new CompletableFuture<>();
                  }
                }
                """,
                null),
            new Broken(
                "cyclic inheritance",
                """
                @AsyncIterable
                public class Source extends Other {
                  public CompletionStage<String> anext() {
                    return new CompletableFuture<>();
                  }
                }

                class Other extends Source {}
                """,
                null),
            new Broken(
                "abstract method not implemented",
                """
                @AsyncIterable
                public class Source implements Runnable {
                  public CompletionStage<String> anext() {
                    return new CompletableFuture<>();
                  }
                }
                """,
                null),
            // The processor cannot write a class whose signatures use a missing type; javac
            // reports the type, and the processor says why SourceAsync does not exist.
            new Broken(
                "missing element type",
                """
                @AsyncIterable
                public class Source {
                  public CompletionStage<Missing> anext() {
                    return new CompletableFuture<>();
                  }
                }
                """,
                unresolved),
            new Broken(
                "missing superclass",
                """
                @AsyncIterable
                public class Source extends Missing {
                  public CompletionStage<String> anext() {
                    return new CompletableFuture<>();
                  }
                }
                """,
                unresolved),
            new Broken(
                "missing type in the throws clause of the next method",
                """
                @AsyncIterable
                public class Source {
                  public CompletionStage<String> anext() throws MissingException {
                    return new CompletableFuture<>();
                  }
                }
                """,
                unresolved),
            new Broken(
                "missing type-parameter bound",
                """
                @AsyncIterable
                public class Source<T extends Missing> {
                  public CompletionStage<T> anext() {
                    return new CompletableFuture<>();
                  }
                }
                """,
                unresolved),
            new Broken(
                "missing future type returned by the next method",
                """
                @AsyncIterable
                public class Source {
                  public MissingFuture<String> anext() {
                    return null;
                  }
                }
                """,
                unresolved));
    List<Arguments> all = new ArrayList<>();
    for (Broken b : broken) {
      all.add(Arguments.of(b));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenSources")
  void javacErrors_areJavacsToReport(Broken broken) {
    JavaFileObject file =
        source(
            "broken.Source",
            """
            package broken;

            import dev.aiter.AsyncIterable;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionStage;

            """
                + broken.code());
    Compilation compilation =
        javac().withProcessors(new AsyncIterableProcessor()).compile(file);
    List<Diagnostic<? extends JavaFileObject>> diagnostics =
        List.copyOf(compilation.diagnostics());
    assertWithMessage("%s", diagnostics)
        .that(
            diagnostics.stream()
                .anyMatch(d -> d.getKind() == Diagnostic.Kind.ERROR
                    && d.getSource() != null
                    && d.getSource().toUri().equals(file.toUri())
                    && !d.getMessage(null).startsWith("[AsyncIterable")))
        .isTrue();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
      String message = d.getMessage(null);
      assertWithMessage("%s", d).that(message).doesNotContain(INTERNAL_ERROR);
      assertWithMessage("%s", d).that(message).doesNotContain(UNCAUGHT);
      if (message.startsWith("[AsyncIterable")) {
        assertWithMessage("the processor spoke about javac's error: %s", d)
            .that(broken.allowedTag())
            .isNotNull();
        assertWithMessage("%s", d).that(message).startsWith(broken.allowedTag());
      }
    }
  }

  /**
   * The one processor error beside javac's names the missing type as written, also when it has
   * type arguments (javac's error type then prints as {@code <any>}).
   */
  @ParameterizedTest
  @ValueSource(strings = {"Optional<String>", "Missing<String>", "java.util.Missing<String>"})
  void unresolvedTypeWithTypeArguments_isNamedInTheMessage(String written) {
    JavaFileObject file =
        source(
            "broken.Source",
            """
            package broken;

            import dev.aiter.AsyncIterable;
            import java.util.concurrent.CompletionStage;

            @AsyncIterable
            public class Source {
              public CompletionStage<%s> anext() {
                return null;
              }
            }
            """
                .formatted(written));
    Compilation compilation = javac().withProcessors(new AsyncIterableProcessor()).compile(file);
    String name = written.substring(0, written.indexOf('<'));
    List<String> ours =
        compilation.errors().stream()
            .map(d -> d.getMessage(null))
            .filter(m -> m.startsWith("[AsyncIterableUnresolvedTypes]"))
            .toList();
    assertWithMessage("%s", compilation.diagnostics()).that(ours).hasSize(1);
    assertWithMessage("%s", ours).that(ours.get(0)).contains(name);
    assertWithMessage("%s", ours).that(ours.get(0)).doesNotContain("<any>");
  }

  // ---------------------------------------------------------------------------------------------
  // Building the matrix.

  private static List<Case> matrix() {
    List<Case> cases = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      for (Next next : Next.values()) {
        for (Generics generics : Generics.values()) {
          if (kind == Kind.ENUM && generics != Generics.NONE) {
            continue; // not Java: an enum has no type parameters
          }
          for (Close close : Close.values()) {
            for (OptIn optIn : OptIn.values()) {
              if (kind == Kind.LOCAL && optIn != OptIn.NONE) {
                continue; // not a case: nothing is generated for a local class to implement
              }
              String pkg = "sweep.c%04d".formatted(cases.size());
              String qualified = pkg + "." + (topLevel(kind) ? "Source" : "Outer");
              cases.add(
                  new Case(
                      pkg, kind, next, generics, close, optIn,
                      source(qualified, render(pkg, kind, next, generics, close, optIn))));
            }
          }
        }
      }
    }
    return cases;
  }

  private static boolean topLevel(Kind kind) {
    return switch (kind) {
      case CLASS, ABSTRACT_CLASS, INTERFACE, RECORD, ENUM -> true;
      default -> false;
    };
  }

  /** The source text of one case. */
  static String render(
      String pkg, Kind kind, Next next, Generics generics, Close close, OptIn optIn) {
    boolean isInterface = kind == Kind.INTERFACE;
    boolean isAbstract = kind == Kind.ABSTRACT_CLASS;
    String e = generics.element;
    List<String> supertypes = new ArrayList<>();
    String superclass = null;
    if (next == Next.INHERITED_GENERIC) {
      String base = "Base<" + e + ">";
      if (isInterface || kind == Kind.RECORD || kind == Kind.ENUM) {
        supertypes.add(base);
      } else {
        superclass = "Abstract" + base;
      }
    }
    if (close == Close.AUTO_CLOSEABLE) {
      supertypes.add("AutoCloseable");
    }
    if (optIn == OptIn.IMPLEMENTS_EXTENSIONS) {
      supertypes.add(
          (topLevel(kind) ? "SourceAsync" : "Outer_SourceAsync")
              + ".Extensions"
              + generics.arguments);
    }

    StringBuilder members = new StringBuilder();
    if (kind == Kind.ENUM) {
      members.append("ONE;\n\n");
    }
    switch (next) {
      case NONE -> members.append(method(kind, "public String label()", "\"\""));
      case ANEXT -> members.append(method(kind, "public CompletionStage<" + e + "> anext()", stage()));
      case NAMED -> members.append(method(kind, "public CompletableFuture<" + e + "> fetch()", stage()));
      case TWO_CANDIDATES -> {
        members.append(method(kind, "public CompletionStage<" + e + "> first()", stage()));
        members.append(method(kind, "public CompletionStage<" + e + "> second()", stage()));
      }
      case WRONG_RETURN -> members.append(method(kind, "public List<" + e + "> anext()", "List.of()"));
      case RAW ->
          members.append(
              method(kind, "@SuppressWarnings(\"rawtypes\")\n  public CompletionStage anext()", stage()));
      case WITH_PARAMETER ->
          members.append(method(kind, "public CompletionStage<" + e + "> anext(int n)", stage()));
      case STATIC ->
          members.append(body("public static CompletionStage<String> anext()", stage()));
      case PRIVATE -> members.append(body("private CompletionStage<" + e + "> anext()", stage()));
      case INHERITED_GENERIC -> {}
      case OPTIONAL ->
          members.append(method(kind, "public CompletionStage<Optional<" + e + ">> anext()", stage()));
      case WRONG_ANEXT_BESIDE_CANDIDATE -> {
        members.append(method(kind, "public List<" + e + "> anext()", "List.of()"));
        members.append(method(kind, "public CompletableFuture<" + e + "> fetchPage()", stage()));
      }
    }
    switch (close) {
      case NONE -> {}
      case ACLOSE_STAGE ->
          members.append(method(kind, "public CompletionStage<Void> aclose()", stage()));
      // close() without "throws Exception": javac's own [try] lint warns about that one.
      case AUTO_CLOSEABLE -> members.append(method(kind, "@Override\n  public void close()", null));
      case ACLOSE_WRONG_TYPE -> members.append(method(kind, "public int aclose()", "0"));
      case ACLOSE_VOID -> members.append(method(kind, "public void aclose()", null));
      case ACLOSE_STATIC ->
          members.append(body("public static CompletionStage<Void> aclose()", stage()));
      case ACLOSE_WITH_PARAMETER ->
          members.append(method(kind, "public CompletionStage<Void> aclose(int n)", stage()));
      case CLOSE_NOT_AUTO_CLOSEABLE -> members.append(method(kind, "public void close()", null));
    }

    String annotation =
        next == Next.NAMED ? "@AsyncIterable(next = \"fetch\")" : "@AsyncIterable";
    String keyword =
        switch (kind) {
          case INTERFACE -> "interface";
          case RECORD -> "record";
          case ENUM -> "enum";
          case ABSTRACT_CLASS -> "abstract class";
          default -> "class";
        };
    String modifiers =
        switch (kind) {
          case CLASS, ABSTRACT_CLASS, INTERFACE, RECORD, ENUM, INNER -> "public ";
          case NESTED_STATIC -> "public static ";
          case PRIVATE_NESTED -> "private static ";
          case LOCAL -> "";
        };
    StringBuilder declaration = new StringBuilder();
    declaration.append(annotation).append('\n').append(modifiers).append(keyword).append(" Source");
    declaration.append(generics.declaration);
    if (kind == Kind.RECORD) {
      declaration.append("(String name)");
    }
    if (superclass != null) {
      declaration.append(" extends ").append(superclass);
    }
    if (!supertypes.isEmpty()) {
      declaration.append(isInterface ? " extends " : " implements ").append(String.join(", ", supertypes));
    }
    declaration.append(" {\n").append(members).append("}\n");

    String type =
        switch (kind) {
          case CLASS, ABSTRACT_CLASS, INTERFACE, RECORD, ENUM -> declaration.toString();
          case NESTED_STATIC, INNER, PRIVATE_NESTED ->
              "public class Outer {\n" + declaration.toString().indent(2) + "}\n";
          case LOCAL ->
              "public class Outer {\n  Object make() {\n"
                  + declaration.toString().indent(4)
                  + "    return null;\n  }\n}\n";
        };
    return """
        package %s;

        import dev.aiter.AsyncIterable;
        import java.util.List;
        import java.util.Map;
        import java.util.Optional;
        import java.util.concurrent.CompletableFuture;
        import java.util.concurrent.CompletionStage;

        %s
        interface Base<X> {
          default CompletionStage<X> anext() {
            return new CompletableFuture<>();
          }
        }

        abstract class AbstractBase<X> {
          public CompletionStage<X> anext() {
            return new CompletableFuture<>();
          }
        }
        """
        .formatted(pkg, type);
  }

  private static String stage() {
    return "new CompletableFuture<>()";
  }

  /** An instance method: abstract in an interface or an abstract class, else with a body. */
  private static String method(Kind kind, String signature, String result) {
    if (kind == Kind.INTERFACE) {
      return "  " + signature.replace("public ", "") + ";\n\n";
    }
    if (kind == Kind.ABSTRACT_CLASS) {
      return "  " + signature.replace("public ", "public abstract ") + ";\n\n";
    }
    return body(signature, result);
  }

  private static String body(String signature, String result) {
    return result == null
        ? "  " + signature + " {}\n\n"
        : "  " + signature + " {\n    return " + result + ";\n  }\n\n";
  }

  // ---------------------------------------------------------------------------------------------

  /** {@code [AsyncIterableX]} of a processor message; the whole text of any other. */
  private static String tagOf(String message) {
    return message.startsWith("[AsyncIterable")
        ? message.substring(0, message.indexOf(']') + 1)
        : message;
  }

  private static boolean isGenerated(JavaFileObject file) {
    return file.toUri().getPath().contains("SOURCE_OUTPUT");
  }

  private static Map<String, List<Diagnostic<? extends JavaFileObject>>> diagnosticsByPackage(
      Compilation compilation) {
    return compilation.diagnostics().stream()
        .filter(d -> d.getSource() != null)
        .collect(
            Collectors.groupingBy(
                d -> packageOf(d.getSource()), TreeMap::new, Collectors.toList()));
  }

  /** {@code sweep.c0042} for {@code .../sweep/c0042/Source.java}. */
  private static String packageOf(JavaFileObject file) {
    String path = file.toUri().getPath();
    int start = path.indexOf("sweep/");
    if (start < 0) {
      return path;
    }
    int end = path.indexOf('/', start + "sweep/".length());
    return path.substring(start, end).replace('/', '.');
  }
}
