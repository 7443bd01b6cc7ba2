package dev.aiter.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;

/**
 * What the processor knows about one valid {@code @AsyncIterable} type: everything the writer
 * needs, nothing from {@code javax.lang.model}, so that writing cannot fail on a user's class and
 * equal models always give equal output.
 *
 * @param sourceClass the annotated class, e.g. {@code p.Outer.Pager}
 * @param sourceType the annotated class with its type variables, e.g. {@code Pager<T>}
 * @param typeParameters the type variables the generated methods declare, outermost class first
 * @param elementType {@code E}, in terms of {@code typeParameters}
 * @param next the method that produces the elements
 * @param close how the adapter releases the source
 * @param generatedClass the class to write, e.g. {@code p.Outer_PagerAsync}
 * @param innerClass whether the annotated class is an inner class: instances have an enclosing
 *     instance, and {@code typeParameters} may start with the enclosing classes' variables
 * @param implementsExtensions whether the annotated class implements the generated class's
 *     {@code Extensions} interface, with its own type variables as the type arguments
 * @param deprecationSuppressions warnings to suppress because the user's API is deprecated
 */
record AsyncIterableType(
    ClassName sourceClass,
    TypeName sourceType,
    List<TypeParameter> typeParameters,
    TypeName elementType,
    NextMethod next,
    CloseMethod close,
    ClassName generatedClass,
    boolean innerClass,
    boolean implementsExtensions,
    List<String> deprecationSuppressions) {

  AsyncIterableType {
    typeParameters = List.copyOf(typeParameters);
    deprecationSuppressions = List.copyOf(deprecationSuppressions);
  }

  /** The simple name {@code Foo} becomes {@code FooAsync}; nesting is joined with {@code _}. */
  static ClassName generatedClassFor(ClassName sourceClass) {
    return ClassName.get(
        sourceClass.packageName(), String.join("_", sourceClass.simpleNames()) + "Async");
  }

  /**
   * A type variable of the annotated class, or of a class enclosing an inner class.
   *
   * @param variable the variable with its bounds
   * @param declaredBy the class that declares it, for Javadoc
   */
  record TypeParameter(TypeVariableName variable, ClassName declaredBy) {}

  /** How a next method signals the end of the iteration. */
  enum End {
    /** The stage fails with {@code StopAsyncIteration} (or the method throws it). */
    STOP_ASYNC_ITERATION,
    /** The stage completes with an empty {@code Optional}, or as above. */
    EMPTY_OPTIONAL
  }

  /**
   * @param name the method's name
   * @param end how it ends the iteration
   */
  record NextMethod(String name, End end) {}

  /** How the generated adapter's {@code aclose()} releases the source. */
  enum CloseKind {
    /** Nothing to release. */
    NONE,
    /** The source's own {@code aclose()} returns a stage. */
    ACLOSE,
    /** The source is {@link AutoCloseable}: {@code close()} is called synchronously. */
    AUTO_CLOSEABLE
  }

  /**
   * @param kind how the source is released
   * @param name the method called: {@code aclose}, {@code close}, or null for none
   */
  record CloseMethod(CloseKind kind, String name) {
    static final CloseMethod NONE = new CloseMethod(CloseKind.NONE, null);
    static final CloseMethod ACLOSE = new CloseMethod(CloseKind.ACLOSE, "aclose");
    static final CloseMethod AUTO_CLOSEABLE = new CloseMethod(CloseKind.AUTO_CLOSEABLE, "close");
  }
}
