package dev.aiter.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import dev.aiter.processor.AsyncIterableType.CloseMethod;
import dev.aiter.processor.AsyncIterableType.End;
import dev.aiter.processor.AsyncIterableType.NextMethod;
import dev.aiter.processor.AsyncIterableType.TypeParameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks one {@code @AsyncIterable} type against the contract (API.md, "Finding the next
 * method") and, when it holds, builds its {@link AsyncIterableType}. Every problem found is
 * collected, each on the most precise element, so that one compilation shows them all.
 */
final class AsyncIterableValidator {

  static final String ANNOTATION = "dev.aiter.AsyncIterable";
  private static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";
  private static final String OPTIONAL = "java.util.Optional";

  private final Elements elements;
  private final Types types;
  private final TypeElement completionStage;
  private final TypeElement optional;
  private final TypeMirror autoCloseable;
  private final TypeMirror exception;
  private final TypeMirror error;

  AsyncIterableValidator(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
    this.completionStage = elements.getTypeElement(COMPLETION_STAGE);
    this.optional = elements.getTypeElement(OPTIONAL);
    this.autoCloseable = elements.getTypeElement("java.lang.AutoCloseable").asType();
    this.exception = elements.getTypeElement("java.lang.Exception").asType();
    this.error = elements.getTypeElement("java.lang.Error").asType();
  }

  /**
   * Validates {@code type}, adding every problem to {@code problems}; returns its model when no
   * problem is an error.
   */
  Optional<AsyncIterableType> validate(TypeElement type, List<Problem> problems) {
    String name = displayName(type);
    if (type.getKind() == ElementKind.ANNOTATION_TYPE) {
      problems.add(Problem.error(Messages.annotationType(name), type));
      return Optional.empty();
    }
    if (type.getNestingKind() == NestingKind.LOCAL
        || type.getNestingKind() == NestingKind.ANONYMOUS) {
      problems.add(Problem.error(Messages.localClass(name), type));
      return Optional.empty();
    }
    int errorsBefore = errorCount(problems);
    checkAccessible(type, problems);
    ClassName sourceClass = ClassName.get(type);
    ClassName generatedClass = AsyncIterableType.generatedClassFor(sourceClass);
    if (elements.getTypeElement(generatedClass.canonicalName()) != null) {
      problems.add(Problem.error(Messages.nameClash(name, generatedClass.canonicalName()), type));
    }
    List<TypeParameter> typeParameters = typeParameters(type, problems);
    Optional<Next> next = findNext(type, packageOf(type), problems);
    if (next.isEmpty() || errorCount(problems) > errorsBefore) {
      return Optional.empty();
    }
    ExecutableElement closeMethod = findAclose(type, packageOf(type));
    CloseMethod close;
    if (closeMethod != null) {
      close = CloseMethod.ACLOSE;
      checkThrows(type, closeMethod, problems);
    } else if (types.isAssignable(types.erasure(type.asType()), autoCloseable)) {
      close = CloseMethod.AUTO_CLOSEABLE;
      closeMethod = findMethod(type, "close");
    } else {
      close = CloseMethod.NONE;
    }
    if (errorCount(problems) > errorsBefore) {
      return Optional.empty();
    }
    Next found = next.get();
    return Optional.of(
        new AsyncIterableType(
            sourceClass,
            TypeName.get(type.asType()),
            typeParameters,
            TypeName.get(found.elementType()),
            new NextMethod(found.method().getSimpleName().toString(), found.end()),
            close,
            generatedClass,
            deprecationSuppressions(type, found.method(), closeMethod)));
  }

  /** The chosen next method, as a member of the annotated type, with its element type. */
  private record Next(ExecutableElement method, TypeMirror elementType, End end) {}

  // ---------------------------------------------------------------- the class itself

  private void checkAccessible(TypeElement type, List<Problem> problems) {
    for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        problems.add(
            Problem.error(Messages.privateClass(displayName(type), displayName(t)), type));
        return;
      }
    }
  }

  /**
   * The type variables in scope of the annotated class: its own and, for an inner class, those
   * of the classes enclosing it, outermost first.
   */
  private List<TypeParameter> typeParameters(TypeElement type, List<Problem> problems) {
    List<TypeElement> scopes = new ArrayList<>();
    for (TypeElement t = type; t != null; t = enclosingInstanceType(t)) {
      scopes.add(0, t);
    }
    List<TypeParameter> parameters = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (TypeElement scope : scopes) {
      for (TypeParameterElement parameter : scope.getTypeParameters()) {
        if (!names.add(parameter.getSimpleName().toString())) {
          problems.add(
              Problem.error(
                  Messages.shadowedTypeParameter(
                      displayName(type), parameter.getSimpleName().toString()),
                  type));
        }
        for (TypeMirror bound : parameter.getBounds()) {
          TypeElement inaccessible = inaccessibleTypeIn(bound, packageOf(type));
          if (inaccessible != null) {
            problems.add(
                Problem.error(
                    Messages.inaccessibleType(
                        "The bound of type parameter " + parameter.getSimpleName(),
                        displayName(inaccessible),
                        packageName(type)),
                    type));
          }
        }
        parameters.add(new TypeParameter(TypeVariableName.get(parameter), ClassName.get(scope)));
      }
    }
    return parameters;
  }

  /** The class whose instance encloses instances of {@code type}, or null when it is static. */
  private static TypeElement enclosingInstanceType(TypeElement type) {
    if (type.getNestingKind() != NestingKind.MEMBER
        || type.getModifiers().contains(Modifier.STATIC)
        || type.getKind() != ElementKind.CLASS
        || !(type.getEnclosingElement() instanceof TypeElement outer)
        || !outer.getKind().isClass()) {
      return null;
    }
    return outer;
  }

  // ---------------------------------------------------------------- the next method

  private Optional<Next> findNext(TypeElement type, PackageElement pkg, List<Problem> problems) {
    AnnotationMirror annotation = annotationOf(type);
    AnnotationValue nextValue = explicitValue(annotation, "next");
    String requested = nextValue == null ? "" : (String) nextValue.getValue();
    List<ExecutableElement> methods = methodsOf(type);
    if (!requested.isEmpty()) {
      return findRequested(type, pkg, requested, methods, annotation, nextValue, problems);
    }
    List<ExecutableElement> candidates = new ArrayList<>();
    ExecutableElement anext = null;
    for (ExecutableElement method : methods) {
      if (candidateProblem(method, pkg) == null) {
        candidates.add(method);
        if (method.getSimpleName().contentEquals("anext")) {
          anext = method;
        }
      }
    }
    ExecutableElement chosen;
    if (anext != null) {
      chosen = anext;
    } else if (candidates.size() == 1) {
      chosen = candidates.get(0);
    } else if (candidates.isEmpty()) {
      problems.add(
          Problem.error(
              Messages.noNextMethod(displayName(type), anextProblem(methods, pkg)), type));
      return Optional.empty();
    } else {
      problems.add(
          Problem.error(Messages.ambiguousNextMethod(displayName(type), names(candidates)), type));
      return Optional.empty();
    }
    return checkStage(type, chosen, locate(type, chosen, null, null), problems);
  }

  private Optional<Next> findRequested(
      TypeElement type,
      PackageElement pkg,
      String requested,
      List<ExecutableElement> methods,
      AnnotationMirror annotation,
      AnnotationValue nextValue,
      List<Problem> problems) {
    Problem.Location atValue = new Problem.Location(type, annotation, nextValue);
    if (requested.equals("aclose")) {
      problems.add(atValue.error(Messages.nextIsClose(displayName(type))));
      return Optional.empty();
    }
    ExecutableElement named = null;
    for (ExecutableElement method : methods) {
      if (method.getSimpleName().contentEquals(requested)
          && (named == null || method.getParameters().isEmpty())) {
        named = method;
      }
    }
    if (named == null) {
      List<String> candidates = new ArrayList<>();
      for (ExecutableElement method : methods) {
        if (candidateProblem(method, pkg) == null) {
          candidates.add(method.getSimpleName().toString());
        }
      }
      problems.add(
          atValue.error(Messages.nextNotFound(displayName(type), requested, sorted(candidates))));
      return Optional.empty();
    }
    Problem.Location location = locate(type, named, annotation, nextValue);
    String method = displayName(type, named);
    if (!named.getParameters().isEmpty()) {
      problems.add(location.error(Messages.nextHasParameters(method)));
      return Optional.empty();
    }
    if (named.getModifiers().contains(Modifier.STATIC)) {
      problems.add(location.error(Messages.nextIsStatic(method)));
      return Optional.empty();
    }
    if (!isCallable(named, pkg)) {
      problems.add(location.error(Messages.nextNotCallable(method)));
      return Optional.empty();
    }
    if (!named.getTypeParameters().isEmpty()) {
      problems.add(location.error(Messages.nextIsGeneric(method)));
      return Optional.empty();
    }
    return checkStage(type, named, location, problems);
  }

  /**
   * Why {@code method} is not a candidate next method (as a phrase completing "it ..."), or null
   * when it is one.
   */
  private String candidateProblem(ExecutableElement method, PackageElement pkg) {
    if (!method.getParameters().isEmpty()) {
      return "has parameters";
    }
    if (method.getModifiers().contains(Modifier.STATIC)) {
      return "is static";
    }
    if (!isCallable(method, pkg)) {
      return "cannot be called from the generated class";
    }
    if (!method.getTypeParameters().isEmpty()) {
      return "declares type parameters";
    }
    if (method.getSimpleName().contentEquals("aclose")) {
      return "is the close method";
    }
    if (asCompletionStage(method.getReturnType()) == null) {
      return "returns " + method.getReturnType() + ", not a CompletionStage";
    }
    return null;
  }

  private String anextProblem(List<ExecutableElement> methods, PackageElement pkg) {
    for (ExecutableElement method : methods) {
      if (method.getSimpleName().contentEquals("anext")) {
        return candidateProblem(method, pkg);
      }
    }
    return null;
  }

  /** Works out the element type of the chosen method, checking its stage type. */
  private Optional<Next> checkStage(
      TypeElement type,
      ExecutableElement method,
      Problem.Location location,
      List<Problem> problems) {
    String name = displayName(type, method);
    ExecutableType member =
        (ExecutableType) types.asMemberOf((DeclaredType) type.asType(), method);
    TypeMirror returnType = member.getReturnType();
    DeclaredType stage = asCompletionStage(returnType);
    if (stage == null) {
      problems.add(location.error(Messages.nextNotStage(name, returnType.toString())));
      return Optional.empty();
    }
    for (TypeMirror part : TypeParts.of(returnType)) {
      if (isRaw(part)) {
        problems.add(location.error(Messages.rawType(name, part.toString())));
        return Optional.empty();
      }
    }
    if (isRaw(stage)) {
      problems.add(location.error(Messages.rawType(name, returnType.toString())));
      return Optional.empty();
    }
    int errorsBefore = errorCount(problems);
    checkThrows(type, method, problems);
    TypeMirror value = upperBound(stage.getTypeArguments().get(0));
    End end = End.STOP_ASYNC_ITERATION;
    TypeMirror elementType = value;
    if (isOptional(value)) {
      end = End.EMPTY_OPTIONAL;
      elementType = upperBound(((DeclaredType) value).getTypeArguments().get(0));
    }
    if (isClass(elementType, "java.lang.Void")) {
      problems.add(location.warning(Messages.voidElements(name)));
    }
    TypeElement inaccessible = inaccessibleTypeIn(elementType, packageOf(type));
    if (inaccessible != null) {
      problems.add(
          location.error(
              Messages.inaccessibleType(
                  "The element type of " + name, displayName(inaccessible), packageName(type))));
    }
    if (errorCount(problems) > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(new Next(method, elementType, end));
  }

  private void checkThrows(TypeElement type, ExecutableElement method, List<Problem> problems) {
    for (TypeMirror thrown : method.getThrownTypes()) {
      if (!types.isSubtype(thrown, exception) && !types.isSubtype(thrown, error)) {
        problems.add(
            locate(type, method, null, null)
                .error(Messages.throwsThrowable(displayName(type, method), thrown.toString())));
      }
    }
  }

  // ---------------------------------------------------------------- the close method

  /** The callable no-argument {@code aclose()} returning a stage, or null. */
  private ExecutableElement findAclose(TypeElement type, PackageElement pkg) {
    for (ExecutableElement method : methodsOf(type)) {
      if (method.getSimpleName().contentEquals("aclose")
          && method.getParameters().isEmpty()
          && !method.getModifiers().contains(Modifier.STATIC)
          && method.getTypeParameters().isEmpty()
          && isCallable(method, pkg)
          && asCompletionStage(method.getReturnType()) != null) {
        return method;
      }
    }
    return null;
  }

  private ExecutableElement findMethod(TypeElement type, String name) {
    for (ExecutableElement method : methodsOf(type)) {
      if (method.getSimpleName().contentEquals(name) && method.getParameters().isEmpty()) {
        return method;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- types

  /**
   * The methods of {@code type}, declared or inherited, without those overridden by another,
   * in the order javac lists them.
   */
  private List<ExecutableElement> methodsOf(TypeElement type) {
    List<ExecutableElement> all = ElementFilter.methodsIn(elements.getAllMembers(type));
    List<ExecutableElement> methods = new ArrayList<>();
    for (ExecutableElement method : all) {
      boolean overridden = false;
      for (ExecutableElement other : all) {
        if (other != method
            && other.getSimpleName().equals(method.getSimpleName())
            && elements.overrides(other, method, type)) {
          overridden = true;
          break;
        }
      }
      if (!overridden) {
        methods.add(method);
      }
    }
    return methods;
  }

  /** {@code type} seen as {@code CompletionStage<X>}, or null when it is not one. */
  private DeclaredType asCompletionStage(TypeMirror type) {
    switch (type.getKind()) {
      case DECLARED -> {
        DeclaredType declared = (DeclaredType) type;
        if (declared.asElement().equals(completionStage)) {
          return declared;
        }
        for (TypeMirror supertype : types.directSupertypes(type)) {
          DeclaredType found = asCompletionStage(supertype);
          if (found != null) {
            return found;
          }
        }
        return null;
      }
      case TYPEVAR -> {
        return asCompletionStage(((TypeVariable) type).getUpperBound());
      }
      case INTERSECTION -> {
        for (TypeMirror bound : ((IntersectionType) type).getBounds()) {
          DeclaredType found = asCompletionStage(bound);
          if (found != null) {
            return found;
          }
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  /** {@code ? extends X} is X; {@code ?} and {@code ? super X} are Object; others are as is. */
  private TypeMirror upperBound(TypeMirror type) {
    if (type.getKind() != TypeKind.WILDCARD) {
      return type;
    }
    TypeMirror bound = ((WildcardType) type).getExtendsBound();
    return bound != null ? bound : elements.getTypeElement("java.lang.Object").asType();
  }

  private boolean isOptional(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((DeclaredType) type).asElement().equals(optional);
  }

  private static boolean isClass(TypeMirror type, String qualifiedName) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement())
            .getQualifiedName()
            .contentEquals(qualifiedName);
  }

  /** A generic class used without type arguments, e.g. {@code List} for {@code List<E>}. */
  private static boolean isRaw(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    DeclaredType declared = (DeclaredType) type;
    return declared.getTypeArguments().isEmpty()
        && !((TypeElement) declared.asElement()).getTypeParameters().isEmpty();
  }

  /**
   * A class used in {@code type} that code in {@code pkg} cannot name: private, or not public
   * and in another package (or nested in such a class); null when there is none.
   */
  private TypeElement inaccessibleTypeIn(TypeMirror type, PackageElement pkg) {
    for (TypeMirror part : TypeParts.of(type)) {
      if (part.getKind() != TypeKind.DECLARED) {
        continue;
      }
      for (Element e = ((DeclaredType) part).asElement();
          e instanceof TypeElement t;
          e = e.getEnclosingElement()) {
        Set<Modifier> modifiers = t.getModifiers();
        if (modifiers.contains(Modifier.PRIVATE)
            || (!modifiers.contains(Modifier.PUBLIC) && !elements.getPackageOf(t).equals(pkg))) {
          return t;
        }
      }
    }
    return null;
  }

  /**
   * Whether the generated class, in package {@code pkg}, may call {@code method}: it is public,
   * or it is not private and its class is in the same package.
   */
  private boolean isCallable(ExecutableElement method, PackageElement pkg) {
    Set<Modifier> modifiers = method.getModifiers();
    if (modifiers.contains(Modifier.PUBLIC)) {
      return true;
    }
    return !modifiers.contains(Modifier.PRIVATE) && elements.getPackageOf(method).equals(pkg);
  }

  // ---------------------------------------------------------------- where and how to report

  /**
   * Problems with a method are reported on it when it is declared in the annotated class (its
   * source is at hand); an inherited method is reported on the annotation value that names it,
   * or else on the annotated class.
   */
  private static Problem.Location locate(
      TypeElement type,
      ExecutableElement method,
      AnnotationMirror annotation,
      AnnotationValue value) {
    if (method.getEnclosingElement().equals(type)) {
      return Problem.Location.of(method);
    }
    if (value != null) {
      return new Problem.Location(type, annotation, value);
    }
    return Problem.Location.of(type);
  }

  private static AnnotationMirror annotationOf(TypeElement type) {
    for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement())
          .getQualifiedName()
          .contentEquals(ANNOTATION)) {
        return mirror;
      }
    }
    return null;
  }

  private static AnnotationValue explicitValue(AnnotationMirror annotation, String name) {
    if (annotation == null) {
      return null;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        annotation.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  private List<String> deprecationSuppressions(TypeElement type, Element... used) {
    boolean deprecated = false;
    boolean forRemoval = false;
    List<Element> elementsUsed = new ArrayList<>();
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      elementsUsed.add(e);
    }
    for (Element e : used) {
      if (e != null) {
        elementsUsed.add(e);
      }
    }
    for (Element e : elementsUsed) {
      Deprecated annotation = e.getAnnotation(Deprecated.class);
      if (annotation != null || elements.isDeprecated(e)) {
        deprecated = true;
        forRemoval |= annotation != null && annotation.forRemoval();
      }
    }
    List<String> warnings = new ArrayList<>();
    if (deprecated) {
      warnings.add("deprecation");
    }
    if (forRemoval) {
      warnings.add("removal");
    }
    return warnings;
  }

  private static int errorCount(List<Problem> problems) {
    int count = 0;
    for (Problem problem : problems) {
      if (problem.isError()) {
        count++;
      }
    }
    return count;
  }

  private static List<String> names(List<ExecutableElement> methods) {
    List<String> names = new ArrayList<>();
    methods.forEach(m -> names.add(m.getSimpleName().toString()));
    return sorted(names);
  }

  private static List<String> sorted(List<String> names) {
    return List.copyOf(new TreeSet<>(names));
  }

  private static String packageName(TypeElement type) {
    String name = packageOf(type).getQualifiedName().toString();
    return name.isEmpty() ? "the unnamed package" : "package " + name;
  }

  private static PackageElement packageOf(TypeElement type) {
    Element e = type;
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return (PackageElement) e;
  }

  /** {@code Outer.Inner}: the class as written in its package; a local class by its name. */
  static String displayName(TypeElement type) {
    if (type.getNestingKind() == NestingKind.LOCAL) {
      return type.getSimpleName().toString();
    }
    if (type.getNestingKind() == NestingKind.ANONYMOUS) {
      return "<anonymous " + type.getSuperclass() + ">";
    }
    String qualified = type.getQualifiedName().toString();
    String pkg = packageOf(type).getQualifiedName().toString();
    return pkg.isEmpty() ? qualified : qualified.substring(pkg.length() + 1);
  }

  /** {@code anext()} for a method of the annotated class, {@code Base.anext()} for another's. */
  private static String displayName(TypeElement type, ExecutableElement method) {
    String name = method.getSimpleName() + "()";
    Element owner = method.getEnclosingElement();
    return owner.equals(type) ? name : displayName((TypeElement) owner) + "." + name;
  }
}
