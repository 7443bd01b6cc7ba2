package dev.aiter.processor;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * The types a type is written with: {@code Map<String, List<? extends T>>} has parts {@code Map},
 * {@code String}, {@code List}, {@code T}. The bounds of type variables are not followed: they
 * are checked where the variables are declared, and following them would not end for {@code T
 * extends Comparable<T>}.
 */
final class TypeParts {

  private TypeParts() {}

  /** Returns {@code type} and every type inside it, outermost first. */
  static List<TypeMirror> of(TypeMirror type) {
    List<TypeMirror> parts = new ArrayList<>();
    collect(type, parts);
    return parts;
  }

  private static void collect(TypeMirror type, List<TypeMirror> parts) {
    if (type == null) {
      return;
    }
    parts.add(type);
    switch (type.getKind()) {
      case DECLARED, ERROR -> {
        DeclaredType declared = (DeclaredType) type;
        collect(declared.getEnclosingType(), parts);
        declared.getTypeArguments().forEach(arg -> collect(arg, parts));
      }
      case ARRAY -> collect(((ArrayType) type).getComponentType(), parts);
      case WILDCARD -> {
        WildcardType wildcard = (WildcardType) type;
        collect(wildcard.getExtendsBound(), parts);
        collect(wildcard.getSuperBound(), parts);
      }
      case INTERSECTION -> ((IntersectionType) type).getBounds().forEach(b -> collect(b, parts));
      default -> {}
    }
  }
}
