package dev.aiter.processor;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Recognises a class's opt-in to extension methods: {@code class Foo implements
 * FooAsync.Extensions}. That supertype is the one the processor itself is about to write, so in
 * the round that sees {@code Foo} first it does not exist yet, and javac presents it as an error
 * type named as written: {@code FooAsync.Extensions} or {@code p.FooAsync.Extensions}. It is
 * recognised by exactly those names (or as the real interface, should {@code FooAsync} exist
 * already), so that it neither defers the class to a later round nor counts as missing, while any
 * other missing supertype still does.
 *
 * <p>An unqualified {@code Extensions}, imported from {@code FooAsync}, is not recognised: javac
 * cannot say where a missing type was to come from.
 */
final class ExtensionsOptIn {

  /** The simple name of the nested interface in every generated class. */
  static final String INTERFACE = "Extensions";

  private ExtensionsOptIn() {}

  /** The supertypes of {@code type} that are its own {@code FooAsync.Extensions}, as written. */
  static List<DeclaredType> of(TypeElement type) {
    List<DeclaredType> found = new ArrayList<>();
    for (TypeMirror supertype : type.getInterfaces()) {
      if (isOptIn(type, supertype)) {
        found.add((DeclaredType) supertype);
      }
    }
    return found;
  }

  /** Whether {@code supertype}, a direct supertype of {@code type}, is its FooAsync.Extensions. */
  static boolean isOptIn(TypeElement type, TypeMirror supertype) {
    if (supertype.getKind() != TypeKind.DECLARED && supertype.getKind() != TypeKind.ERROR) {
      return false;
    }
    Element element = ((DeclaredType) supertype).asElement();
    if (!(element instanceof TypeElement interfaceType)) {
      return false;
    }
    String written = interfaceType.getQualifiedName().toString();
    String generated = generatedSimpleName(type) + "." + INTERFACE;
    String pkg = packageOf(type).getQualifiedName().toString();
    return written.equals(generated) || (!pkg.isEmpty() && written.equals(pkg + "." + generated));
  }

  /**
   * {@code FooAsync} for {@code Foo}, {@code Outer_FooAsync} for {@code Outer.Foo}: as {@link
   * AsyncIterableType#generatedClassFor} names it, from the element.
   */
  static String generatedSimpleName(TypeElement type) {
    StringBuilder name = new StringBuilder(type.getSimpleName());
    for (Element e = type.getEnclosingElement();
        e.getKind().isClass() || e.getKind().isInterface();
        e = e.getEnclosingElement()) {
      name.insert(0, e.getSimpleName() + "_");
    }
    return name.append("Async").toString();
  }

  private static PackageElement packageOf(Element element) {
    Element e = element;
    while (e.getKind() != ElementKind.PACKAGE) {
      e = e.getEnclosingElement();
    }
    return (PackageElement) e;
  }
}
