package dev.aiter.processor;

import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * A type as a user writes it in a source file that imports what it uses: {@code
 * CompletableFuture<Optional<String>>}, {@code Map.Entry<K, V>}. Messages use it for the fixes
 * they suggest, which must be valid Java for the shape at hand; the offending type itself is
 * named in full ({@link TypeMirror#toString()}), as javac names it.
 */
final class WrittenType {

  private WrittenType() {}

  /** {@code type} with simple names. */
  static String of(TypeMirror type) {
    return write(type, false);
  }

  /**
   * {@code type} with simple names, and every raw type in it given type arguments: {@code String}
   * for a type parameter without a bound, {@code ?} for one with a bound ({@code ?} is always
   * valid, {@code String} may not be). {@code CompletableFuture<Optional>} gives {@code
   * CompletableFuture<Optional<String>>}.
   */
  static String completed(TypeMirror type) {
    return write(type, true);
  }

  private static String write(TypeMirror type, boolean complete) {
    return switch (type.getKind()) {
      case DECLARED -> declared((DeclaredType) type, complete);
      case ARRAY -> write(((ArrayType) type).getComponentType(), complete) + "[]";
      case WILDCARD -> wildcard((WildcardType) type, complete);
      case INTERSECTION ->
          ((IntersectionType) type)
              .getBounds().stream()
                  .map(bound -> write(bound, complete))
                  .collect(Collectors.joining(" & "));
      default -> type.toString(); // primitives, void, type variables
    };
  }

  private static String declared(DeclaredType type, boolean complete) {
    TypeElement element = (TypeElement) type.asElement();
    TypeMirror enclosing = type.getEnclosingType();
    String name;
    if (enclosing.getKind() == TypeKind.DECLARED
        && !((DeclaredType) enclosing).getTypeArguments().isEmpty()) {
      name = declared((DeclaredType) enclosing, complete) + "." + element.getSimpleName();
    } else {
      name = nestedName(element);
    }
    List<? extends TypeMirror> arguments = type.getTypeArguments();
    if (!arguments.isEmpty()) {
      return name
          + arguments.stream()
              .map(argument -> write(argument, complete))
              .collect(Collectors.joining(", ", "<", ">"));
    }
    if (complete && !element.getTypeParameters().isEmpty()) {
      return name
          + element.getTypeParameters().stream()
              .map(WrittenType::exampleArgument)
              .collect(Collectors.joining(", ", "<", ">"));
    }
    return name;
  }

  /** {@code Map.Entry}: the simple names of the class and the classes it is nested in. */
  private static String nestedName(TypeElement element) {
    String name = element.getSimpleName().toString();
    for (Element e = element.getEnclosingElement();
        e instanceof TypeElement outer;
        e = e.getEnclosingElement()) {
      name = outer.getSimpleName() + "." + name;
    }
    return name;
  }

  private static String exampleArgument(TypeParameterElement parameter) {
    List<? extends TypeMirror> bounds = parameter.getBounds();
    boolean unbounded =
        bounds.isEmpty()
            || (bounds.size() == 1
                && bounds.get(0).getKind() == TypeKind.DECLARED
                && ((TypeElement) ((DeclaredType) bounds.get(0)).asElement())
                    .getQualifiedName()
                    .contentEquals("java.lang.Object"));
    return unbounded ? "String" : "?";
  }

  private static String wildcard(WildcardType type, boolean complete) {
    if (type.getExtendsBound() != null) {
      return "? extends " + write(type.getExtendsBound(), complete);
    }
    if (type.getSuperBound() != null) {
      return "? super " + write(type.getSuperBound(), complete);
    }
    return "?";
  }
}
