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

  static String noNextMethod(String type, String anextProblem) {
    String hint = anextProblem == null ? "" : " (anext() is not one: it " + anextProblem + ")";
    return "[AsyncIterableNoNextMethod] @AsyncIterable class "
        + type
        + " has no async next method"
        + hint
        + ". Add "
        + NEXT_METHOD_RULE
        + ", e.g. CompletableFuture<E> anext(), that is public or package-private.";
  }

  static String ambiguousNextMethod(String type, List<String> candidates) {
    String names = candidates.stream().map(name -> name + "()").collect(Collectors.joining(", "));
    return "[AsyncIterableAmbiguousNextMethod] @AsyncIterable class "
        + type
        + " has several async next methods and none is named anext: "
        + names
        + ". Name the one to iterate with @AsyncIterable(next = \""
        + candidates.get(0)
        + "\").";
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

  static String nextNotCallable(String method) {
    return "[AsyncIterableNextNotCallable] The async next method "
        + method
        + " cannot be called from the generated class in the annotated class's package: it is"
        + " private, or package-private or protected in another package. Make it public or"
        + " package-private.";
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

  static String rawType(String method, String returnType) {
    return "[AsyncIterableRawType] The async next method "
        + method
        + " returns the raw type "
        + returnType
        + ", which has no element type. Give it type arguments, e.g. CompletionStage<String>.";
  }

  static String voidElements(String method) {
    return "[AsyncIterableVoidElements] The async next method "
        + method
        + " returns a stage of Void: every element will be null. Return the element type"
        + " instead, e.g. CompletionStage<String>; ignore this warning if nulls are intended.";
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

  static String shadowedTypeParameter(String type, String name) {
    return "[AsyncIterableShadowedTypeParameter] Inner class "
        + type
        + " and a class enclosing it both declare the type parameter "
        + name
        + ", which the generated methods cannot tell apart. Rename one of them.";
  }

  static String unresolvedTypes(String type, List<String> missing) {
    return "[AsyncIterableUnresolvedTypes] Could not generate the async class for "
        + type
        + " because its signatures use types that do not exist: "
        + String.join(", ", missing)
        + ". Fix those references; if another annotation processor generates them, check that"
        + " processor's errors.";
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
