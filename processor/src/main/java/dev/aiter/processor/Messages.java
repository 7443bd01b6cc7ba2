package dev.aiter.processor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every message the processor prints. Each starts with a stable tag in brackets, states the rule,
 * names the offending class or method and says what to change, so that a user can act on it and
 * a search for the tag finds this file and the README's table.
 *
 * <p>Class names are given as in source, without the package ({@code Outer.Inner}); methods as
 * {@code name()}.
 */
final class Messages {

  private Messages() {}

  /**
   * Why a method cannot be the next or the close method, and the change that would make it one.
   *
   * @param reason completes "it ...": {@code is private}
   * @param fix an imperative completing a sentence: {@code make it package-private or public}
   */
  record Rejection(String reason, String fix) {

    static final Rejection HAS_PARAMETERS =
        new Rejection("has parameters", "remove its parameters");
    static final Rejection STATIC = new Rejection("is static", "make it an instance method");
    static final Rejection PRIVATE =
        new Rejection("is private", "make it package-private or public");
    static final Rejection GENERIC =
        new Rejection("declares type parameters", "remove its type parameters");
    static final Rejection CLOSE_METHOD =
        new Rejection("is the close method", "give the next method another name");

    /** Declared package-private in {@code pkg}, which is not the generated class's package. */
    static Rejection packagePrivateIn(String pkg) {
      return new Rejection("is package-private in " + pkg, "make it public");
    }

    /** Declared protected in {@code pkg}; {@code type} may override it in its own package. */
    static Rejection protectedIn(String pkg, String type) {
      return new Rejection("is protected in " + pkg, "make it public, or override it in " + type);
    }

    /** Returns {@code returnType}; {@code stage} is the stage type it should return instead. */
    static Rejection notStage(String returnType, String stage) {
      return new Rejection(
          "returns " + returnType + ", not a CompletionStage", "make it return " + stage);
    }

    /** "has parameters and is static". */
    static String reasons(List<Rejection> rejections) {
      return joined(rejections.stream().map(Rejection::reason).toList());
    }

    /** "remove its parameters and make it an instance method". */
    static String fixes(List<Rejection> rejections) {
      return joined(rejections.stream().map(Rejection::fix).toList());
    }
  }

  private static final String ACLOSE_RULE =
      "a no-argument instance method CompletionStage<Void> aclose(), public or package-private";

  private static final String NEXT_METHOD_RULE =
      "a no-argument instance method returning CompletionStage<E> or a subtype such as"
          + " CompletableFuture<E>";

  static String annotationType(String type) {
    return "[AsyncIterableAnnotationType] @AsyncIterable cannot be used on the annotation type "
        + type
        + ": an annotation has no async next method to iterate. Put @AsyncIterable on a class,"
        + " interface, enum or record instead.";
  }

  static String localClass(String type) {
    return "[AsyncIterableLocalClass] @AsyncIterable class "
        + type
        + " is a local or anonymous class, which generated code cannot name. Move it to a"
        + " top-level or member class.";
  }

  static String privateClass(String type, String privateType) {
    String where =
        type.equals(privateType) ? " is private" : " is inside the private class " + privateType;
    return "[AsyncIterablePrivateClass] @AsyncIterable class "
        + type
        + where
        + ", so the generated "
        + "class in the same package cannot use it. Make it package-private or public.";
  }

  static String nameClash(String type, String generatedName) {
    return "[AsyncIterableNameClash] The class generated for "
        + type
        + " would be "
        + generatedName
        + ", but a type of that name already exists. Rename or move that type, or "
        + type
        + ".";
  }

  static String noNextMethod(String type, List<Rejection> anextRejections) {
    String hint = anextHint(anextRejections);
    return "[AsyncIterableNoNextMethod] @AsyncIterable class "
        + type
        + " has no async next method"
        + hint
        + ". Add "
        + NEXT_METHOD_RULE
        + ", e.g. CompletableFuture<E> anext(), that is public or package-private.";
  }

  static String ambiguousNextMethod(
      String type, List<String> candidates, List<Rejection> anextRejections) {
    String names = candidates.stream().map(name -> name + "()").collect(Collectors.joining(", "));
    return "[AsyncIterableAmbiguousNextMethod] @AsyncIterable class "
        + type
        + " has several async next methods and none is named anext"
        + anextHint(anextRejections)
        + ": "
        + names
        + ". Name the one to iterate with @AsyncIterable(next = \""
        + candidates.get(0)
        + "\").";
  }

  /**
   * A method named anext exists but is not a candidate, so the only candidate, {@code used}, is
   * iterated: almost always a mistake in anext(), which the user meant to be iterated.
   *
   * @param anext the method named anext, as {@code anext()} or {@code Base.anext()}
   * @param generatedClass the simple name of the generated class, e.g. {@code PagesAsync}
   * @param used the method iterated instead, as {@code fetchPage()} or {@code Base.fetchPage()}
   * @param usedName its name, for {@code next = "..."}
   */
  static String anextIgnored(
      String anext,
      String type,
      String generatedClass,
      String used,
      String usedName,
      List<Rejection> rejections) {
    return "[AsyncIterableAnextIgnored] "
        + anext
        + " is not the async next method of "
        + type
        + ": it "
        + Rejection.reasons(rejections)
        + ", so "
        + generatedClass
        + " iterates "
        + used
        + " instead. To iterate "
        + used
        + ", name it with @AsyncIterable(next = \""
        + usedName
        + "\"), which also silences this warning; to iterate "
        + anext
        + ", "
        + Rejection.fixes(rejections)
        + ".";
  }

  static String nextNotFound(String type, String name, List<String> candidates) {
    String suggestion =
        candidates.isEmpty()
            ? " Add it as " + NEXT_METHOD_RULE + "."
            : " Candidates: "
                + candidates.stream()
                    .map(c -> "next = \"" + c + "\"")
                    .collect(Collectors.joining(", "))
                + ".";
    return "[AsyncIterableNextNotFound] @AsyncIterable(next = \""
        + name
        + "\") names no method of "
        + type
        + "."
        + suggestion;
  }

  static String nextIsClose(String type) {
    return "[AsyncIterableNextIsClose] @AsyncIterable(next = \"aclose\") on "
        + type
        + ": aclose() is the close method and is never the next method. Name the method that"
        + " returns the next element.";
  }

  static String nextHasParameters(String method) {
    return "[AsyncIterableNextHasParameters] The async next method "
        + method
        + " has parameters, but the generated code calls it with none. Remove them, or name a"
        + " no-argument method in @AsyncIterable(next = \"...\").";
  }

  static String nextIsStatic(String method) {
    return "[AsyncIterableNextIsStatic] The async next method "
        + method
        + " is static, but elements come from an instance. Make it an instance method.";
  }

  static String nextNotCallable(String method, String pkg, Rejection rejection) {
    return "[AsyncIterableNextNotCallable] The async next method "
        + method
        + " cannot be called from the generated class in "
        + pkg
        + ": it "
        + rejection.reason()
        + ". "
        + capitalized(rejection.fix())
        + ".";
  }

  static String nextIsGeneric(String method) {
    return "[AsyncIterableNextIsGeneric] The async next method "
        + method
        + " declares its own type parameters, so its element type is not fixed by the class."
        + " Remove them; use the class's type parameters instead.";
  }

  static String nextNotStage(String method, String returnType) {
    return "[AsyncIterableNextNotStage] The async next method "
        + method
        + " returns "
        + returnType
        + ", not a CompletionStage. Return CompletionStage<E> or a subtype such as"
        + " CompletableFuture<E>.";
  }

  /**
   * The next method's return type is, or uses, the raw type {@code raw}; {@code suggestion} is the
   * return type with type arguments, as the user would write it.
   */
  static String rawType(String method, String returnType, String raw, String suggestion) {
    String what =
        returnType.equals(raw)
            ? " returns the raw type " + raw + ", which has no element type."
            : " returns " + returnType + ", which uses the raw type " + raw + ".";
    return "[AsyncIterableRawType] The async next method "
        + method
        + what
        + " Give it type arguments, e.g. "
        + suggestion
        + ".";
  }

  /**
   * The next method returns {@code returnType}, which is a stage only through the raw type {@code
   * raw}: {@code class RawFuture extends CompletableFuture}. {@code declaration} is how {@code
   * subtype} should name that supertype: {@code RawFuture extends CompletableFuture<String>}.
   */
  static String rawSupertype(String method, String returnType, String raw, String declaration) {
    return "[AsyncIterableRawType] The async next method "
        + method
        + " returns "
        + returnType
        + ", a CompletionStage only through the raw type "
        + raw
        + ", which has no element type. Give that supertype type arguments, e.g. "
        + declaration
        + ".";
  }

  static String voidElements(String method) {
    return "[AsyncIterableVoidElements] The async next method "
        + method
        + " returns a stage of Void: every element will be null. Return the element type"
        + " instead, e.g. CompletionStage<String>; ignore this warning if nulls are intended.";
  }

  /**
   * A method named aclose that cannot be the close method, so the adapter never calls it.
   *
   * @param method as {@code aclose()} or {@code Base.aclose()}
   * @param declaredHere whether the annotated class declares it (it can then be renamed)
   * @param autoCloseable whether the adapter calls {@code close()} instead
   * @param isInterface whether {@code type} is an interface (which extends AutoCloseable)
   */
  static String acloseNotCalled(
      String method,
      String type,
      boolean declaredHere,
      boolean autoCloseable,
      boolean isInterface,
      List<Rejection> rejections) {
    String head =
        "[AsyncIterableAcloseNotCalled] "
            + method
            + " would never be called: it "
            + Rejection.reasons(rejections);
    String fix = capitalized(Rejection.fixes(rejections));
    if (autoCloseable) {
      return head
          + ", so the generated adapter calls close() instead. "
          + fix
          + " to have it called instead of close(), or rename it if close() releases"
          + " everything.";
    }
    return head
        + ". The generated adapter closes "
        + type
        + " only through "
        + ACLOSE_RULE
        + ", or through close() if "
        + type
        + " is AutoCloseable, so what "
        + method
        + " releases would leak on every loop. "
        + fix
        + ", or "
        + (isInterface ? "extend" : "implement")
        + " AutoCloseable and "
        + (declaredHere ? "name it close()." : "call it from close().");
  }

  /** A close() that is not AutoCloseable.close(), on a class without any aclose(). */
  static String closeNotCalled(String method, String type, boolean isInterface) {
    return "[AsyncIterableCloseNotCalled] "
        + method
        + " will not be called: "
        + type
        + " is not AutoCloseable and has no aclose(), so the generated adapter releases nothing"
        + " when a loop ends. "
        + (isInterface ? "Extend" : "Implement")
        + " AutoCloseable so that every loop calls close(), or add "
        + ACLOSE_RULE
        + " (one that does nothing, if loops must leave "
        + type
        + " open).";
  }

  static String throwsThrowable(String method, String thrown) {
    return "[AsyncIterableThrowsThrowable] "
        + method
        + " declares throws "
        + thrown
        + ", which is neither an Exception nor an Error, so the generated adapter cannot pass"
        + " it on. Declare an Exception subtype instead.";
  }

  static String inaccessibleType(String what, String inaccessible, String pkg) {
    return "[AsyncIterableInaccessibleType] "
        + what
        + " uses "
        + inaccessible
        + ", which the generated class in "
        + pkg
        + " cannot name: it is private, or not public in another package. Make it public, or"
        + " package-private in the same package.";
  }

  /**
   * The class implements its {@code FooAsync.Extensions} with type arguments other than its own
   * type variables: the extension methods would see it as another type than it is.
   *
   * @param written the supertype as written, e.g. {@code PagerAsync.Extensions<String>}
   * @param expected the supertype to write instead, e.g. {@code PagerAsync.Extensions<T>}
   */
  static String extensionsTypeArguments(
      String type, String written, String expected, boolean generic, boolean isInterface) {
    String rule =
        generic
            ? " itself, so the type arguments of Extensions must be the type parameters of "
                + type
                + ", in order. "
            : " itself, and "
                + type
                + " has no type parameters, so Extensions takes no type arguments. ";
    return "[AsyncIterableExtensionsTypeArguments] "
        + type
        + (isInterface ? " extends " : " implements ")
        + written
        + ", but extension methods iterate "
        + type
        + rule
        + (isInterface ? "Extend " : "Implement ")
        + expected
        + " instead.";
  }

  /**
   * The class implements its {@code FooAsync.Extensions} while a supertype implements its own:
   * the two interfaces' default methods clash, and the supertype's already iterate the class.
   */
  static String extensionsInherited(
      String type, String extensions, String supertype, String supertypeExtensions,
      boolean isInterface) {
    return "[AsyncIterableExtensionsInherited] "
        + type
        + (isInterface ? " extends " : " implements ")
        + extensions
        + ", but it inherits extension methods already: its supertype "
        + supertype
        + " implements "
        + supertypeExtensions
        + ", whose methods clash with these and iterate "
        + type
        + " through the same next method. Remove "
        + extensions
        + " from "
        + type
        + ".";
  }

  static String shadowedTypeParameter(String type, String name) {
    return "[AsyncIterableShadowedTypeParameter] Inner class "
        + type
        + " and a class enclosing it both declare the type parameter "
        + name
        + ", which the generated methods cannot tell apart. Rename one of them.";
  }

  /**
   * @param extensions the class's own {@code FooAsync.Extensions}, named so: an unqualified
   *     {@code Extensions} among the missing types is most likely that one, imported
   */
  static String unresolvedTypes(String type, List<String> missing, String extensions) {
    String hint =
        missing.contains(ExtensionsOptIn.INTERFACE)
            ? " To implement the extension methods, write the supertype as "
                + extensions
                + " (qualified), not an imported Extensions: only so can the processor tell,"
                + " before it wrote it, that it is the one it writes."
            : "";
    return "[AsyncIterableUnresolvedTypes] Could not generate the async class for "
        + type
        + " because its signatures use types that do not exist: "
        + String.join(", ", missing)
        + ". Fix those references; if another annotation processor generates them, check that"
        + " processor's errors."
        + hint;
  }

  private static String anextHint(List<Rejection> anextRejections) {
    return anextRejections.isEmpty()
        ? ""
        : " (anext() is not one: it " + Rejection.reasons(anextRejections) + ")";
  }

  /** "a", "a and b", "a, b and c". */
  private static String joined(List<String> parts) {
    if (parts.size() <= 1) {
      return String.join("", parts);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1))
        + " and "
        + parts.get(parts.size() - 1);
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  static String writeFailed(String generatedName, Exception e) {
    return "[AsyncIterableWriteFailed] Could not write " + generatedName + ": " + e;
  }

  static String internalError(String type, Throwable t) {
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    return "[AsyncIterableInternalError] The aiter processor failed unexpectedly on "
        + type
        + ". This is a bug in aiter: please report it with this message and the class. "
        + trace;
  }
}
