package dev.aiter.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.aiter.processor.Compiling.compile;
import static dev.aiter.processor.Compiling.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every diagnostic of the processor: its text, and that it points at the class, the method or the
 * annotation value the user has to change.
 */
class DiagnosticsTest {

  /** A source file in package p with the usual imports and {@code body} after them. */
  private static JavaFileObject file(String qualifiedName, String body) {
    return source(
        qualifiedName,
        """
        package p;

        import dev.aiter.AsyncIterable;
        import java.util.List;
        import java.util.Optional;
        import java.util.concurrent.CompletableFuture;
        import java.util.concurrent.CompletionStage;

        """
            + body);
  }

  @Test
  void noCandidate_isAnErrorOnTheClass() {
    JavaFileObject empty =
        file(
            "p.Empty",
            """
            @AsyncIterable
            public class Empty {
              public String name() {
                return "";
              }
            }
            """);
    Compilation compilation = compile(empty);
    assertThat(compilation)
        .hadErrorContaining(
            "[AsyncIterableNoNextMethod] @AsyncIterable class Empty has no async next method. Add"
                + " a no-argument instance method returning CompletionStage<E>")
        .inFile(empty)
        .onLineContaining("public class Empty");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void noCandidate_explainsWhyAnextIsNotOne() {
    JavaFileObject counter =
        file(
            "p.Counter",
            """
            @AsyncIterable
            public class Counter {
              public int anext() {
                return 1;
              }
            }
            """);
    assertThat(compile(counter))
        .hadErrorContaining(
            "has no async next method (anext() is not one: it returns int, not a"
                + " CompletionStage)")
        .inFile(counter)
        .onLineContaining("public class Counter");
  }

  @Test
  void noCandidate_saysWhichRulesAnextBreaks() {
    JavaFileObject counter =
        file(
            "p.Hidden",
            """
            @AsyncIterable
            public class Hidden {
              private static CompletableFuture<String> anext(int n) {
                return null;
              }
            }
            """);
    assertThat(compile(counter))
        .hadErrorContaining(
            "has no async next method (anext() is not one: it has parameters, is static and is"
                + " private)")
        .inFile(counter)
        .onLineContaining("public class Hidden");
  }

  @Test
  void severalCandidatesNoneNamedAnext_saysWhyAnextIsNotOne() {
    JavaFileObject twice =
        file(
            "p.Twice",
            """
            @AsyncIterable
            public class Twice {
              public CompletableFuture<String> poll() {
                return null;
              }

              public CompletionStage<String> fetch() {
                return null;
              }

              public String anext() {
                return null;
              }
            }
            """);
    assertThat(compile(twice))
        .hadErrorContaining(
            "[AsyncIterableAmbiguousNextMethod] @AsyncIterable class Twice has several async next"
                + " methods and none is named anext (anext() is not one: it returns"
                + " java.lang.String, not a CompletionStage): fetch(), poll().")
        .inFile(twice)
        .onLineContaining("public class Twice");
  }

  @Test
  void severalCandidatesNoneNamedAnext_listsThemAndSuggestsNext() {
    JavaFileObject twice =
        file(
            "p.Twice",
            """
            @AsyncIterable
            public class Twice {
              public CompletableFuture<String> poll() {
                return null;
              }

              public CompletionStage<String> fetch() {
                return null;
              }
            }
            """);
    assertThat(compile(twice))
        .hadErrorContaining(
            "[AsyncIterableAmbiguousNextMethod] @AsyncIterable class Twice has several async next"
                + " methods and none is named anext: fetch(), poll(). Name the one to iterate"
                + " with @AsyncIterable(next = \"fetch\").")
        .inFile(twice)
        .onLineContaining("public class Twice");
  }

  /** Issue 14, case 1: the user wrote anext() and would silently get fetchPage() iterated. */
  @Test
  void anextThatIsNotANextMethod_besideTheOnlyCandidate_isAWarningOnAnext_namingTheMethodUsed() {
    JavaFileObject pages =
        file(
            "p.Pages",
            """
            @AsyncIterable
            public class Pages {
              public List<String> anext() {
                return List.of();
              }

              public CompletableFuture<List<String>> fetchPage() {
                return null;
              }
            }
            """);
    Compilation compilation = compile(pages);
    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining(
            "[AsyncIterableAnextIgnored] anext() is not the async next method of Pages: it"
                + " returns java.util.List<java.lang.String>, not a CompletionStage, so PagesAsync"
                + " iterates fetchPage() instead. To iterate fetchPage(), name it with"
                + " @AsyncIterable(next = \"fetchPage\"), which also silences this warning; to"
                + " iterate anext(), make it return CompletionStage<List<String>>.")
        .inFile(pages)
        .onLineContaining("public List<String> anext()");
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).generatedSourceFile("p.PagesAsync");
  }

  @Test
  void namingTheNextMethodExplicitly_silencesTheAnextWarning() {
    JavaFileObject pages =
        file(
            "p.Pages",
            """
            @AsyncIterable(next = "fetchPage")
            public class Pages {
              public List<String> anext() {
                return List.of();
              }

              public CompletableFuture<List<String>> fetchPage() {
                return null;
              }
            }
            """);
    Compilation compilation = compile(pages);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(0);
  }

  @Test
  void voidAnextBesideTheOnlyCandidate_isToldToReturnAStageOfThatCandidatesElementType() {
    JavaFileObject ticks =
        file(
            "p.Ticks",
            """
            @AsyncIterable
            public class Ticks {
              void anext() {}

              CompletableFuture<Long> poll() {
                return null;
              }
            }
            """);
    assertThat(compile(ticks))
        .hadWarningContaining(
            "[AsyncIterableAnextIgnored] anext() is not the async next method of Ticks: it returns"
                + " void, not a CompletionStage, so TicksAsync iterates poll() instead. To iterate"
                + " poll(), name it with @AsyncIterable(next = \"poll\"), which also silences this"
                + " warning; to iterate anext(), make it return CompletionStage<Long>.")
        .inFile(ticks)
        .onLineContaining("void anext()");
  }

  @Test
  void privateAnextBesideTheOnlyCandidate_isAWarningSayingItIsPrivate() {
    JavaFileObject feed =
        file(
            "p.Feed",
            """
            @AsyncIterable
            public class Feed {
              private CompletableFuture<String> anext() {
                return null;
              }

              public CompletableFuture<String> poll() {
                return anext();
              }
            }
            """);
    assertThat(compile(feed))
        .hadWarningContaining(
            "[AsyncIterableAnextIgnored] anext() is not the async next method of Feed: it is"
                + " private, so FeedAsync iterates poll() instead. To iterate poll(), name it with"
                + " @AsyncIterable(next = \"poll\"), which also silences this warning; to iterate"
                + " anext(), make it package-private or public.")
        .inFile(feed)
        .onLineContaining("private CompletableFuture<String> anext()");
  }

  /** The inherited anext is not in the annotated class's source: the warning names it there. */
  @Test
  void inheritedAnextNotCallable_isAWarningOnTheClass_namingTheInheritedMethod() {
    JavaFileObject base =
        source(
            "q.Base",
            """
            package q;

            import java.util.concurrent.CompletableFuture;

            public class Base {
              CompletableFuture<String> anext() {
                return null;
              }
            }
            """);
    JavaFileObject derived =
        file(
            "p.Derived",
            """
            @AsyncIterable
            public class Derived extends q.Base {
              public CompletableFuture<String> fetch() {
                return null;
              }
            }
            """);
    assertThat(compile(base, derived))
        .hadWarningContaining(
            "[AsyncIterableAnextIgnored] Base.anext() is not the async next method of Derived: it"
                + " is package-private in package q, so DerivedAsync iterates fetch() instead.")
        .inFile(derived)
        .onLineContaining("public class Derived");
  }

  @Test
  void nextNamesNoMethod_isAnErrorOnTheAnnotationValue_withCandidates() {
    JavaFileObject typo =
        file(
            "p.Typo",
            """
            @AsyncIterable(
                next = "fecth")
            public class Typo {
              public CompletableFuture<String> fetch() {
                return null;
              }
            }
            """);
    assertThat(compile(typo))
        .hadErrorContaining(
            "[AsyncIterableNextNotFound] @AsyncIterable(next = \"fecth\") names no method of"
                + " Typo. Candidates: next = \"fetch\".")
        .inFile(typo)
        .onLineContaining("next = \"fecth\"");
  }

  /** A value javac could not evaluate is javac's to report; a written "<error>" is still ours. */
  @Test
  void nextNamedLiterallyLikeJavacsPlaceholder_isStillReported() {
    JavaFileObject odd =
        file(
            "p.Odd",
            """
            @AsyncIterable(next = "<error>")
            public class Odd {
              public CompletableFuture<String> fetch() {
                return null;
              }
            }
            """);
    assertThat(compile(odd))
        .hadErrorContaining("[AsyncIterableNextNotFound] @AsyncIterable(next = \"<error>\")")
        .inFile(odd)
        .onLineContaining("next = \"<error>\"");
  }

  @Test
  void nextHasParameters_isAnErrorOnTheMethod() {
    JavaFileObject paged =
        file(
            "p.Paged",
            """
            @AsyncIterable(next = "page")
            public class Paged {
              public CompletableFuture<String> page(int number) {
                return null;
              }
            }
            """);
    assertThat(compile(paged))
        .hadErrorContaining(
            "[AsyncIterableNextHasParameters] The async next method page() has parameters")
        .inFile(paged)
        .onLineContaining("page(int number)");
  }

  @Test
  void nextIsStatic_isAnErrorOnTheMethod() {
    JavaFileObject statics =
        file(
            "p.Statics",
            """
            @AsyncIterable(next = "make")
            public class Statics {
              public static CompletableFuture<String> make() {
                return null;
              }
            }
            """);
    assertThat(compile(statics))
        .hadErrorContaining(
            "[AsyncIterableNextIsStatic] The async next method make() is static, but elements"
                + " come from an instance. Make it an instance method.")
        .inFile(statics)
        .onLineContaining("static CompletableFuture<String> make()");
  }

  @Test
  void nextIsPrivate_isAnErrorOnTheMethod() {
    JavaFileObject secret =
        file(
            "p.Secret",
            """
            @AsyncIterable(next = "hidden")
            public class Secret {
              private CompletableFuture<String> hidden() {
                return null;
              }
            }
            """);
    assertThat(compile(secret))
        .hadErrorContaining(
            "[AsyncIterableNextNotCallable] The async next method hidden() cannot be called from"
                + " the generated class in package p: it is private. Make it package-private or"
                + " public.")
        .inFile(secret)
        .onLineContaining("private CompletableFuture<String> hidden()");
  }

  @Test
  void nextIsProtectedInAnotherPackage_isAnErrorOnTheAnnotationValue_suggestingAnOverride() {
    JavaFileObject base =
        source(
            "q.Base",
            """
            package q;

            import java.util.concurrent.CompletableFuture;

            public class Base {
              protected CompletableFuture<String> fetch() {
                return null;
              }
            }
            """);
    JavaFileObject derived =
        file(
            "p.Derived",
            """
            @AsyncIterable(next = "fetch")
            public class Derived extends q.Base {}
            """);
    assertThat(compile(base, derived))
        .hadErrorContaining(
            "[AsyncIterableNextNotCallable] The async next method Base.fetch() cannot be called"
                + " from the generated class in package p: it is protected in package q. Make it"
                + " public, or override it in Derived.")
        .inFile(derived)
        .onLineContaining("next = \"fetch\"");
  }

  /** javac does not count such a method as a member of the subclass; it is still found. */
  @Test
  void nextIsPackagePrivateInAnotherPackage_isAnErrorOnTheAnnotationValue_notNotFound() {
    JavaFileObject base =
        source(
            "q.Base",
            """
            package q;

            import java.util.concurrent.CompletableFuture;

            public class Base {
              CompletableFuture<String> fetch() {
                return null;
              }
            }
            """);
    JavaFileObject derived =
        file(
            "p.Derived",
            """
            @AsyncIterable(next = "fetch")
            public class Derived extends q.Base {}
            """);
    Compilation compilation = compile(base, derived);
    assertThat(compilation)
        .hadErrorContaining(
            "[AsyncIterableNextNotCallable] The async next method Base.fetch() cannot be called"
                + " from the generated class in package p: it is package-private in package q."
                + " Make it public.")
        .inFile(derived)
        .onLineContaining("next = \"fetch\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void nextDoesNotReturnAStage_isAnErrorOnTheMethod() {
    JavaFileObject blocking =
        file(
            "p.Blocking",
            """
            @AsyncIterable(next = "take")
            public class Blocking {
              public String take() {
                return "";
              }
            }
            """);
    assertThat(compile(blocking))
        .hadErrorContaining(
            "[AsyncIterableNextNotStage] The async next method take() returns java.lang.String,"
                + " not a CompletionStage. Return CompletionStage<E> or a subtype such as"
                + " CompletableFuture<E>.")
        .inFile(blocking)
        .onLineContaining("public String take()");
  }

  @Test
  void nextDeclaresTypeParameters_isAnErrorOnTheMethod() {
    JavaFileObject generic =
        file(
            "p.GenericNext",
            """
            @AsyncIterable(next = "any")
            public class GenericNext {
              public <R> CompletableFuture<R> any() {
                return null;
              }
            }
            """);
    assertThat(compile(generic))
        .hadErrorContaining(
            "[AsyncIterableNextIsGeneric] The async next method any() declares its own type"
                + " parameters")
        .inFile(generic)
        .onLineContaining("CompletableFuture<R> any()");
  }

  @Test
  void nextNamesAclose_isAnErrorOnTheAnnotationValue() {
    JavaFileObject closer =
        file(
            "p.Closer",
            """
            @AsyncIterable(next = "aclose")
            public class Closer {
              public CompletableFuture<Void> aclose() {
                return null;
              }
            }
            """);
    assertThat(compile(closer))
        .hadErrorContaining(
            "[AsyncIterableNextIsClose] @AsyncIterable(next = \"aclose\") on Closer: aclose() is"
                + " the close method")
        .inFile(closer)
        .onLineContaining("next = \"aclose\"");
  }

  @Test
  void inheritedNextWithParameters_isAnErrorOnTheAnnotationValue() {
    JavaFileObject base =
        file(
            "p.Source",
            """
            public class Source {
              public CompletableFuture<String> read(int size) {
                return null;
              }
            }
            """);
    JavaFileObject reader =
        file(
            "p.Reader",
            """
            @AsyncIterable(next = "read")
            public class Reader extends Source {}
            """);
    assertThat(compile(base, reader))
        .hadErrorContaining(
            "[AsyncIterableNextHasParameters] The async next method Source.read() has parameters")
        .inFile(reader)
        .onLineContaining("next = \"read\"");
  }

  @Test
  void rawCompletionStage_isAnErrorOnTheMethod() {
    JavaFileObject raw =
        file(
            "p.Raw",
            """
            @AsyncIterable
            public class Raw {
              @SuppressWarnings("rawtypes")
              public CompletionStage anext() {
                return null;
              }
            }
            """);
    assertThat(compile(raw))
        .hadErrorContaining(
            "[AsyncIterableRawType] The async next method anext() returns the raw type"
                + " java.util.concurrent.CompletionStage, which has no element type. Give it type"
                + " arguments")
        .inFile(raw)
        .onLineContaining("public CompletionStage anext()");
  }

  @Test
  void rawElementType_isAnErrorOnTheMethod() {
    JavaFileObject rawList =
        file(
            "p.RawList",
            """
            @AsyncIterable
            public class RawList {
              @SuppressWarnings("rawtypes")
              public CompletableFuture<List> anext() {
                return null;
              }
            }
            """);
    assertThat(compile(rawList))
        .hadErrorContaining(
            "[AsyncIterableRawType] The async next method anext() returns"
                + " java.util.concurrent.CompletableFuture<java.util.List>, which uses the raw type"
                + " java.util.List. Give it type arguments, e.g. CompletableFuture<List<String>>.")
        .inFile(rawList)
        .onLineContaining("CompletableFuture<List> anext()");
  }

  @Test
  void rawFutureSubclass_isAnErrorOnTheMethod() {
    JavaFileObject rawFuture =
        file(
            "p.RawFuture",
            """
            @SuppressWarnings("rawtypes")
            public class RawFuture extends CompletableFuture {}
            """);
    JavaFileObject user =
        file(
            "p.RawUser",
            """
            @AsyncIterable
            public class RawUser {
              public RawFuture anext() {
                return null;
              }
            }
            """);
    assertThat(compile(rawFuture, user))
        .hadErrorContaining(
            "[AsyncIterableRawType] The async next method anext() returns p.RawFuture, a"
                + " CompletionStage only through the raw type"
                + " java.util.concurrent.CompletableFuture, which has no element type. Give that"
                + " supertype type arguments, e.g. RawFuture extends CompletableFuture<String>.")
        .inFile(user)
        .onLineContaining("RawFuture anext()");
  }

  @Test
  void typeVariableWithARawFutureBound_isAnErrorNamingTheBound() {
    JavaFileObject futures =
        file(
            "p.Futures",
            """
            @AsyncIterable
            @SuppressWarnings("rawtypes")
            public class Futures<F extends CompletableFuture> {
              public F anext() {
                return null;
              }
            }
            """);
    assertThat(compile(futures))
        .hadErrorContaining(
            "[AsyncIterableRawType] The async next method anext() returns F, a CompletionStage"
                + " only through the raw type java.util.concurrent.CompletableFuture, which has no"
                + " element type. Give that supertype type arguments, e.g. F extends"
                + " CompletableFuture<String>.")
        .inFile(futures)
        .onLineContaining("public F anext()");
  }

  @Test
  void rawOptional_suggestsTypeArgumentsThatKeepTheOptionalShape() {
    JavaFileObject rawOptional =
        file(
            "p.RawOptional",
            """
            @AsyncIterable
            public class RawOptional {
              @SuppressWarnings("rawtypes")
              public CompletableFuture<Optional> anext() {
                return null;
              }
            }
            """);
    assertThat(compile(rawOptional))
        .hadErrorContaining(
            "[AsyncIterableRawType] The async next method anext() returns"
                + " java.util.concurrent.CompletableFuture<java.util.Optional>, which uses the raw"
                + " type java.util.Optional. Give it type arguments, e.g."
                + " CompletableFuture<Optional<String>>.")
        .inFile(rawOptional)
        .onLineContaining("CompletableFuture<Optional> anext()");
  }

  @Test
  void completionStageOfVoid_isAWarningOnTheMethod_andStillGenerates() {
    JavaFileObject signals =
        file(
            "p.Signals",
            """
            @AsyncIterable
            public class Signals {
              public CompletionStage<Void> anext() {
                return null;
              }
            }
            """);
    Compilation compilation = compile(signals);
    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining(
            "[AsyncIterableVoidElements] The async next method anext() returns a stage of Void:"
                + " every element will be null.")
        .inFile(signals)
        .onLineContaining("CompletionStage<Void> anext()");
    assertThat(compilation).generatedSourceFile("p.SignalsAsync");
  }

  /** Issue 14, case 2: the adapter's close did nothing and the user's aclose() never ran. */
  @Test
  void voidAclose_isAnErrorOnIt_sayingItWouldNeverBeCalled() {
    JavaFileObject a =
        file(
            "p.A",
            """
            @AsyncIterable
            public class A {
              public CompletableFuture<Integer> anext() {
                return null;
              }

              public void aclose() {
                System.out.println("released");
              }
            }
            """);
    Compilation compilation = compile(a);
    assertThat(compilation)
        .hadErrorContaining(
            "[AsyncIterableAcloseNotCalled] aclose() would never be called: it returns void, not"
                + " a CompletionStage. The generated adapter closes A only through a no-argument"
                + " instance method CompletionStage<Void> aclose(), public or package-private, or"
                + " through close() if A is AutoCloseable, so what aclose() releases would leak on"
                + " every loop. Make it return CompletionStage<Void>, or implement AutoCloseable"
                + " and name it close().")
        .inFile(a)
        .onLineContaining("public void aclose()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void staticAclose_isAnErrorOnIt() {
    JavaFileObject a =
        file(
            "p.A",
            """
            @AsyncIterable
            public class A {
              public CompletableFuture<Integer> anext() {
                return null;
              }

              public static CompletionStage<Void> aclose() {
                return null;
              }
            }
            """);
    assertThat(compile(a))
        .hadErrorContaining(
            "[AsyncIterableAcloseNotCalled] aclose() would never be called: it is static. The"
                + " generated adapter closes A only through")
        .inFile(a)
        .onLineContaining("public static CompletionStage<Void> aclose()");
    assertThat(compile(a))
        .hadErrorContaining(
            "Make it an instance method, or implement AutoCloseable and name it close().")
        .inFile(a)
        .onLineContaining("aclose()");
  }

  @Test
  void acloseWithParameters_isAnErrorOnIt() {
    JavaFileObject a =
        file(
            "p.A",
            """
            @AsyncIterable
            public class A {
              public CompletableFuture<Integer> anext() {
                return null;
              }

              public CompletionStage<Void> aclose(int timeoutMillis) {
                return null;
              }
            }
            """);
    assertThat(compile(a))
        .hadErrorContaining(
            "[AsyncIterableAcloseNotCalled] aclose() would never be called: it has parameters.")
        .inFile(a)
        .onLineContaining("aclose(int timeoutMillis)");
  }

  @Test
  void privateVoidAclose_isAnErrorListingBothRulesAndBothFixes() {
    JavaFileObject a =
        file(
            "p.A",
            """
            @AsyncIterable
            public class A {
              public CompletableFuture<Integer> anext() {
                return null;
              }

              private void aclose() {}
            }
            """);
    assertThat(compile(a))
        .hadErrorContaining(
            "aclose() would never be called: it is private and returns void, not a"
                + " CompletionStage.")
        .inFile(a)
        .onLineContaining("private void aclose()");
    assertThat(compile(a))
        .hadErrorContaining(
            "Make it package-private or public and make it return CompletionStage<Void>, or"
                + " implement AutoCloseable and name it close().")
        .inFile(a)
        .onLineContaining("private void aclose()");
  }

  /** The demanding reading: close() is called, but the user's own aclose() still never runs. */
  @Test
  void voidAcloseOnAnAutoCloseableClass_isStillAnError() {
    JavaFileObject a =
        file(
            "p.A",
            """
            @AsyncIterable
            public class A implements AutoCloseable {
              public CompletableFuture<Integer> anext() {
                return null;
              }

              public void aclose() {}

              @Override
              public void close() {}
            }
            """);
    assertThat(compile(a))
        .hadErrorContaining(
            "[AsyncIterableAcloseNotCalled] aclose() would never be called: it returns void, not"
                + " a CompletionStage, so the generated adapter calls close() instead. Make it"
                + " return CompletionStage<Void> to have it called instead of close(), or rename it"
                + " if close() releases everything.")
        .inFile(a)
        .onLineContaining("public void aclose()");
  }

  @Test
  void inheritedAcloseNotCallable_isAnErrorOnTheClass_namingTheInheritedMethod() {
    JavaFileObject base =
        source(
            "q.Base",
            """
            package q;

            import java.util.concurrent.CompletableFuture;

            public class Base {
              CompletableFuture<Void> aclose() {
                return null;
              }
            }
            """);
    JavaFileObject derived =
        file(
            "p.Derived",
            """
            @AsyncIterable
            public class Derived extends q.Base {
              public CompletableFuture<String> anext() {
                return null;
              }
            }
            """);
    assertThat(compile(base, derived))
        .hadErrorContaining(
            "[AsyncIterableAcloseNotCalled] Base.aclose() would never be called: it is"
                + " package-private in package q.")
        .inFile(derived)
        .onLineContaining("public class Derived");
    assertThat(compile(base, derived))
        .hadErrorContaining(
            "Make it public, or implement AutoCloseable and call it from close().")
        .inFile(derived)
        .onLineContaining("public class Derived");
  }

  /** A supertype's aclose() may not be the user's to change; their own close() runs instead. */
  @Test
  void inheritedAcloseNotCallable_onAnAutoCloseableClass_isLeftToItsClose() {
    JavaFileObject base =
        source(
            "q.Base",
            """
            package q;

            public class Base {
              public void aclose() {}
            }
            """);
    JavaFileObject derived =
        file(
            "p.Derived",
            """
            @AsyncIterable
            public class Derived extends q.Base implements AutoCloseable {
              public CompletableFuture<String> anext() {
                return null;
              }

              @Override
              public void close() {
                aclose();
              }
            }
            """);
    Compilation compilation = compile(base, derived);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(0);
  }

  @Test
  void acloseOverloadWithParameters_besideTheCloseMethod_isFine() {
    JavaFileObject a =
        file(
            "p.A",
            """
            @AsyncIterable
            public class A {
              public CompletableFuture<Integer> anext() {
                return null;
              }

              public CompletionStage<Void> aclose() {
                return aclose(1000);
              }

              public CompletionStage<Void> aclose(int timeoutMillis) {
                return null;
              }
            }
            """);
    Compilation compilation = compile(a);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(0);
  }

  @Test
  void closeOnAClassThatIsNotAutoCloseable_isAWarningOnIt_andStillGenerates() {
    JavaFileObject a =
        file(
            "p.A",
            """
            @AsyncIterable
            public class A {
              public CompletableFuture<Integer> anext() {
                return null;
              }

              public void close() {}
            }
            """);
    Compilation compilation = compile(a);
    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining(
            "[AsyncIterableCloseNotCalled] close() will not be called: A is not AutoCloseable and"
                + " has no aclose(), so the generated adapter releases nothing when a loop ends."
                + " Implement AutoCloseable so that every loop calls close(), or add a no-argument"
                + " instance method CompletionStage<Void> aclose(), public or package-private (one"
                + " that does nothing, if loops must leave A open).")
        .inFile(a)
        .onLineContaining("public void close()");
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).generatedSourceFile("p.AAsync");
  }

  @Test
  void closeOnAnInterfaceThatIsNotAutoCloseable_suggestsExtendingIt() {
    JavaFileObject a =
        file(
            "p.Source",
            """
            @AsyncIterable
            public interface Source {
              CompletableFuture<Integer> anext();

              void close();
            }
            """);
    assertThat(compile(a))
        .hadWarningContaining("Extend AutoCloseable so that every loop calls close()")
        .inFile(a)
        .onLineContaining("void close();");
  }

  /** A private close() is the class's own business: nothing outside could be meant to call it. */
  @Test
  void privateCloseOnAClassThatIsNotAutoCloseable_isNotReported() {
    JavaFileObject a =
        file(
            "p.A",
            """
            @AsyncIterable
            public class A {
              public CompletableFuture<Integer> anext() {
                close();
                return null;
              }

              private void close() {}
            }
            """);
    Compilation compilation = compile(a);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(0);
  }

  @Test
  void closeBesideABadAclose_onlyTheAcloseIsReported() {
    JavaFileObject a =
        file(
            "p.A",
            """
            @AsyncIterable
            public class A {
              public CompletableFuture<Integer> anext() {
                return null;
              }

              public void aclose() {}

              public void close() {}
            }
            """);
    Compilation compilation = compile(a);
    assertThat(compilation).hadErrorContaining("[AsyncIterableAcloseNotCalled]").inFile(a);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadWarningCount(0);
  }

  @Test
  void problemsWithTheNextAndTheCloseMethod_areReportedTogether() {
    JavaFileObject a =
        file(
            "p.A",
            """
            @AsyncIterable
            public class A {
              public int anext() {
                return 0;
              }

              public void aclose() {}
            }
            """);
    Compilation compilation = compile(a);
    assertThat(compilation).hadErrorContaining("[AsyncIterableNoNextMethod]").inFile(a);
    assertThat(compilation)
        .hadErrorContaining("[AsyncIterableAcloseNotCalled]")
        .inFile(a)
        .onLineContaining("public void aclose()");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void nextThrowingThrowable_isAnErrorOnTheMethod() {
    JavaFileObject wild =
        file(
            "p.Wild",
            """
            @AsyncIterable
            public class Wild {
              public CompletableFuture<String> anext() throws Throwable {
                return null;
              }
            }
            """);
    assertThat(compile(wild))
        .hadErrorContaining(
            "[AsyncIterableThrowsThrowable] anext() declares throws java.lang.Throwable, which is"
                + " neither an Exception nor an Error")
        .inFile(wild)
        .onLineContaining("throws Throwable");
  }

  @Test
  void privateElementType_isAnErrorOnTheMethod() {
    JavaFileObject vault =
        file(
            "p.Vault",
            """
            @AsyncIterable
            public class Vault {
              private static class Coin {}

              public CompletableFuture<Optional<Coin>> anext() {
                return null;
              }
            }
            """);
    assertThat(compile(vault))
        .hadErrorContaining(
            "[AsyncIterableInaccessibleType] The element type of anext() uses Vault.Coin, which"
                + " the generated class in package p cannot name: it is private, or not public in"
                + " another package.")
        .inFile(vault)
        .onLineContaining("anext()");
  }

  @Test
  void elementTypeNotPublicInAnotherPackage_isAnErrorOnTheAnnotationValue() {
    JavaFileObject base =
        source(
            "q.Base",
            """
            package q;

            import java.util.concurrent.CompletableFuture;

            public class Base {
              public CompletableFuture<Token> fetch() {
                return null;
              }
            }

            class Token {}
            """);
    JavaFileObject derived =
        file(
            "p.Tokens",
            """
            @AsyncIterable(next = "fetch")
            public class Tokens extends q.Base {}
            """);
    assertThat(compile(base, derived))
        .hadErrorContaining(
            "[AsyncIterableInaccessibleType] The element type of Base.fetch() uses Token")
        .inFile(derived)
        .onLineContaining("next = \"fetch\"");
  }

  @Test
  void typeParameterBoundUsingAPrivateClass_isAnErrorOnTheClass() {
    JavaFileObject safe =
        file(
            "p.Vaults",
            """
            public class Vaults {
              private interface Key {}

              @AsyncIterable
              static class Safe<T extends Key> {
                CompletableFuture<T> anext() {
                  return null;
                }
              }
            }
            """);
    assertThat(compile(safe))
        .hadErrorContaining(
            "[AsyncIterableInaccessibleType] The bound of type parameter T uses Vaults.Key, which"
                + " the generated class in package p cannot name")
        .inFile(safe)
        .onLineContaining("static class Safe");
  }

  @Test
  void privateClass_isAnErrorOnTheClass() {
    JavaFileObject outer =
        file(
            "p.Hideout",
            """
            public class Hideout {
              @AsyncIterable
              private static class Hidden {
                CompletableFuture<String> anext() {
                  return null;
                }
              }
            }
            """);
    assertThat(compile(outer))
        .hadErrorContaining(
            "[AsyncIterablePrivateClass] @AsyncIterable class Hideout.Hidden is private, so the"
                + " generated class in the same package cannot use it. Make it package-private or"
                + " public.")
        .inFile(outer)
        .onLineContaining("private static class Hidden");
  }

  @Test
  void classInsidePrivateClass_isAnErrorOnTheClass() {
    JavaFileObject outer =
        file(
            "p.Burrow",
            """
            public class Burrow {
              private static class Tunnel {
                @AsyncIterable
                static class Mole {
                  CompletableFuture<String> anext() {
                    return null;
                  }
                }
              }
            }
            """);
    assertThat(compile(outer))
        .hadErrorContaining(
            "[AsyncIterablePrivateClass] @AsyncIterable class Burrow.Tunnel.Mole is inside the"
                + " private class Burrow.Tunnel")
        .inFile(outer)
        .onLineContaining("static class Mole");
  }

  @Test
  void annotationType_isAnErrorOnTheType() {
    JavaFileObject marker =
        file(
            "p.Marker",
            """
            @AsyncIterable
            public @interface Marker {}
            """);
    assertThat(compile(marker))
        .hadErrorContaining(
            "[AsyncIterableAnnotationType] @AsyncIterable cannot be used on the annotation type"
                + " Marker")
        .inFile(marker)
        .onLineContaining("public @interface Marker");
  }

  @Test
  void generatedNameClashesWithAnExistingType_isAnErrorOnTheClass() {
    JavaFileObject existing = file("p.TaskAsync", "public class TaskAsync {}\n");
    JavaFileObject task =
        file(
            "p.Task",
            """
            @AsyncIterable
            public class Task {
              public CompletableFuture<String> anext() {
                return null;
              }
            }
            """);
    assertThat(compile(existing, task))
        .hadErrorContaining(
            "[AsyncIterableNameClash] The class generated for Task would be p.TaskAsync, but a"
                + " type of that name already exists.")
        .inFile(task)
        .onLineContaining("public class Task");
  }

  @Test
  void twoAnnotatedTypesMappingToOneGeneratedName_secondIsAnError() {
    JavaFileObject topLevel =
        file(
            "p.Box_Item",
            """
            @AsyncIterable
            public class Box_Item {
              public CompletableFuture<String> anext() {
                return null;
              }
            }
            """);
    JavaFileObject nested =
        file(
            "p.Box",
            """
            public class Box {
              @AsyncIterable
              public static class Item {
                public CompletableFuture<String> anext() {
                  return null;
                }
              }
            }
            """);
    Compilation compilation = compile(topLevel, nested);
    assertThat(compilation)
        .hadErrorContaining(
            "[AsyncIterableNameClash] The class generated for Box.Item would be p.Box_ItemAsync")
        .inFile(nested)
        .onLineContaining("public static class Item");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void shadowedTypeParameterOfInnerClass_isAnErrorOnTheClass() {
    JavaFileObject outer =
        file(
            "p.Tree",
            """
            public class Tree<T> {
              @AsyncIterable
              public class Walk<T> {
                public CompletableFuture<T> anext() {
                  return null;
                }
              }
            }
            """);
    assertThat(compile(outer))
        .hadErrorContaining(
            "[AsyncIterableShadowedTypeParameter] Inner class Tree.Walk and a class enclosing it"
                + " both declare the type parameter T")
        .inFile(outer)
        .onLineContaining("public class Walk<T>");
  }

  @Test
  void everyProblemOfAClassIsReported_andOtherClassesStillGenerate() {
    JavaFileObject existing = file("p.Outer_BadAsync", "public class Outer_BadAsync {}\n");
    JavaFileObject outer =
        file(
            "p.Outer",
            """
            public class Outer {
              @AsyncIterable
              private static class Bad {}
            }
            """);
    JavaFileObject good =
        file(
            "p.Good",
            """
            @AsyncIterable
            public class Good {
              public CompletableFuture<String> anext() {
                return null;
              }
            }
            """);
    // Would not compile if GoodAsync were missing: a failed compilation hides generated files.
    JavaFileObject usesGood =
        file(
            "p.UsesGood",
            """
            public class UsesGood {
              Object first = GoodAsync.anext(new Good());
            }
            """);
    Compilation compilation = compile(existing, outer, good, usesGood);
    assertThat(compilation).hadErrorContaining("[AsyncIterablePrivateClass]").inFile(outer);
    assertThat(compilation).hadErrorContaining("[AsyncIterableNameClash]").inFile(outer);
    assertThat(compilation).hadErrorContaining("[AsyncIterableNoNextMethod]").inFile(outer);
    assertThat(compilation).hadErrorCount(3);
  }

  // ---------------------------------------------------------------- extension methods

  @Test
  void extensionsWithOtherTypeArgumentsThanTheClasss_isAnErrorOnTheClass() {
    JavaFileObject pager =
        file(
            "p.Pager",
            """
            @AsyncIterable
            public class Pager<K, V> implements PagerAsync.Extensions<V, K> {
              public CompletableFuture<V> anext() {
                return null;
              }
            }
            """);
    assertThat(compile(pager))
        .hadErrorContaining(
            "[AsyncIterableExtensionsTypeArguments] Pager implements PagerAsync.Extensions<V,K>,"
                + " but extension methods iterate Pager itself, so the type arguments of"
                + " Extensions must be the type parameters of Pager, in order. Implement"
                + " PagerAsync.Extensions<K, V> instead.")
        .inFile(pager)
        .onLineContaining("public class Pager");
  }

  @Test
  void rawExtensionsOfAGenericInterface_isAnErrorOnTheInterface() {
    JavaFileObject feed =
        file(
            "p.Feed",
            """
            @AsyncIterable
            @SuppressWarnings("rawtypes")
            public interface Feed<T> extends FeedAsync.Extensions {
              CompletionStage<T> anext();
            }
            """);
    assertThat(compile(feed))
        .hadErrorContaining(
            "[AsyncIterableExtensionsTypeArguments] Feed extends FeedAsync.Extensions, but"
                + " extension methods iterate Feed itself, so the type arguments of Extensions"
                + " must be the type parameters of Feed, in order. Extend FeedAsync.Extensions<T>"
                + " instead.")
        .inFile(feed)
        .onLineContaining("public interface Feed");
  }

  @Test
  void extensionsWithTypeArgumentsOfAClassWithout_isAnErrorOnTheClass() {
    JavaFileObject ticks =
        file(
            "p.Ticks",
            """
            @AsyncIterable
            public class Ticks implements TicksAsync.Extensions<String> {
              public CompletableFuture<String> anext() {
                return null;
              }
            }
            """);
    assertThat(compile(ticks))
        .hadErrorContaining(
            "[AsyncIterableExtensionsTypeArguments] Ticks implements"
                + " TicksAsync.Extensions<java.lang.String>, but extension methods iterate Ticks"
                + " itself, and Ticks has no type parameters, so Extensions takes no type"
                + " arguments. Implement TicksAsync.Extensions instead.")
        .inFile(ticks)
        .onLineContaining("public class Ticks");
  }

  @Test
  void extensionsOfAClassWhoseSupertypeHasItsOwn_isAnErrorOnTheClass() {
    JavaFileObject base =
        file(
            "p.Base",
            """
            @AsyncIterable
            public class Base implements BaseAsync.Extensions {
              public CompletableFuture<String> anext() {
                return null;
              }
            }
            """);
    JavaFileObject derived =
        file(
            "p.Derived",
            """
            @AsyncIterable
            public class Derived extends Base implements DerivedAsync.Extensions {}
            """);
    assertThat(compile(base, derived))
        .hadErrorContaining(
            "[AsyncIterableExtensionsInherited] Derived implements DerivedAsync.Extensions, but"
                + " it inherits extension methods already: its supertype Base implements"
                + " BaseAsync.Extensions, whose methods clash with these and iterate Derived"
                + " through the same next method. Remove DerivedAsync.Extensions from Derived.")
        .inFile(derived)
        .onLineContaining("public class Derived");
  }

  @Test
  void importedUnqualifiedExtensions_isReportedAsMissing_withTheQualifiedName() {
    JavaFileObject ticks =
        source(
            "p.Ticks",
            """
            package p;

            import dev.aiter.AsyncIterable;
            import java.util.concurrent.CompletableFuture;
            import p.TicksAsync.Extensions;

            @AsyncIterable
            public class Ticks implements Extensions {
              public CompletableFuture<String> anext() {
                return null;
              }
            }
            """);
    assertThat(compile(ticks))
        .hadErrorContaining(
            "[AsyncIterableUnresolvedTypes] Could not generate the async class for Ticks because"
                + " its signatures use types that do not exist: Extensions. Fix those"
                + " references; if another annotation processor generates them, check that"
                + " processor's errors. To implement the extension methods, write the supertype"
                + " as TicksAsync.Extensions (qualified), not an imported Extensions: only so can"
                + " the processor tell, before it wrote it, that it is the one it writes.")
        .inFile(ticks)
        .onLineContaining("public class Ticks");
  }
}
