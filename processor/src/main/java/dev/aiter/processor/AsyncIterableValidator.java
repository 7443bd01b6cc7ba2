package dev.aiter.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import dev.aiter.processor.AsyncIterableType.CloseMethod;
import dev.aiter.processor.AsyncIterableType.End;
import dev.aiter.processor.AsyncIterableType.NextMethod;
import dev.aiter.processor.AsyncIterableType.TypeParameter;
import dev.aiter.processor.Messages.Rejection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.PrimitiveType;
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
    if (existsBeside(type, generatedClass.canonicalName())) {
      problems.add(Problem.error(Messages.nameClash(name, generatedClass.canonicalName()), type));
    }
    List<TypeParameter> typeParameters = typeParameters(type, problems);
    boolean implementsExtensions = checkExtensionsOptIn(type, problems);
    AnnotationMirror annotation = annotationOf(type);
    AnnotationValue nextValue = explicitValue(annotation, "next");
    if (nextValue != null && isErroneous(nextValue)) {
      // javac could not evaluate the value (a missing constant) and reports that itself; any
      // error of ours would only be about javac's placeholder.
      return Optional.empty();
    }
    PackageElement pkg = packageOf(type);
    List<ExecutableElement> methods = methodsOf(type);
    Optional<Next> next = findNext(type, pkg, methods, annotation, nextValue, problems);
    // Checked even when the next method is wrong, so that one compilation shows both.
    Close close = findClose(type, pkg, methods, problems);
    if (next.isEmpty() || errorCount(problems) > errorsBefore) {
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
            close.kind(),
            generatedClass,
            enclosingInstanceType(type) != null,
            implementsExtensions,
            deprecationSuppressions(type, found.method(), close.method())));
  }

  /** The chosen next method, as a member of the annotated type, with its element type. */
  private record Next(ExecutableElement method, TypeMirror elementType, End end) {}

  /** How the adapter closes the source, and the method it calls (null for none). */
  private record Close(CloseMethod kind, ExecutableElement method) {}

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

  /**
   * Whether {@code type} opts in to extension methods ({@code class Foo<T> implements
   * FooAsync.Extensions<T>}). Their default methods cast {@code this} to {@code Foo<T>}, a checked
   * cast only when {@code Foo<T>} is an {@code Extensions<T>}: the type arguments must be the
   * class's own type variables, in order; anything else is an error here, on the user's class,
   * rather than javac's in generated code.
   */
  private boolean checkExtensionsOptIn(TypeElement type, List<Problem> problems) {
    List<DeclaredType> optIns = ExtensionsOptIn.of(type);
    if (optIns.isEmpty()) {
      return false;
    }
    TypeElement optedIn = supertypeThatOptedIn(type);
    if (optedIn != null) {
      problems.add(
          Problem.error(
              Messages.extensionsInherited(
                  displayName(type),
                  ExtensionsOptIn.generatedSimpleName(type) + "." + ExtensionsOptIn.INTERFACE,
                  displayName(optedIn),
                  ExtensionsOptIn.generatedSimpleName(optedIn) + "." + ExtensionsOptIn.INTERFACE,
                  type.getKind().isInterface()),
              type));
      return false;
    }
    List<TypeParameterElement> own = typeVariablesInScope(type);
    for (DeclaredType optIn : optIns) {
      List<? extends TypeMirror> arguments = optIn.getTypeArguments();
      boolean same = arguments.size() == own.size();
      for (int i = 0; same && i < arguments.size(); i++) {
        same = types.isSameType(arguments.get(i), own.get(i).asType());
      }
      if (!same) {
        String expected =
            ExtensionsOptIn.generatedSimpleName(type)
                + "."
                + ExtensionsOptIn.INTERFACE
                + (own.isEmpty()
                    ? ""
                    : own.stream()
                        .map(p -> p.getSimpleName().toString())
                        .collect(Collectors.joining(", ", "<", ">")));
        problems.add(
            Problem.error(
                Messages.extensionsTypeArguments(
                    displayName(type),
                    optIn.toString(),
                    expected,
                    !own.isEmpty(),
                    type.getKind().isInterface()),
                type));
        return false;
      }
    }
    return true;
  }

  /**
   * A supertype of {@code type} that implements its own {@code BaseAsync.Extensions}, or null.
   * Its default methods would clash with those of {@code type}'s own Extensions.
   */
  private TypeElement supertypeThatOptedIn(TypeElement type) {
    Set<Element> seen = new HashSet<>();
    Deque<TypeMirror> supertypes = new ArrayDeque<>(types.directSupertypes(type.asType()));
    while (!supertypes.isEmpty()) {
      TypeMirror supertype = supertypes.poll();
      if (supertype.getKind() != TypeKind.DECLARED) {
        continue;
      }
      TypeElement element = (TypeElement) ((DeclaredType) supertype).asElement();
      if (!seen.add(element)) {
        continue;
      }
      if (!ExtensionsOptIn.of(element).isEmpty()) {
        return element;
      }
      supertypes.addAll(types.directSupertypes(supertype));
    }
    return null;
  }

  /** The type variables of {@code type} and of the classes whose instances enclose it. */
  private static List<TypeParameterElement> typeVariablesInScope(TypeElement type) {
    List<TypeParameterElement> variables = new ArrayList<>();
    for (TypeElement t = type; t != null; t = enclosingInstanceType(t)) {
      variables.addAll(0, t.getTypeParameters());
    }
    return variables;
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

  private Optional<Next> findNext(
      TypeElement type,
      PackageElement pkg,
      List<ExecutableElement> methods,
      AnnotationMirror annotation,
      AnnotationValue nextValue,
      List<Problem> problems) {
    String requested = nextValue == null ? "" : (String) nextValue.getValue();
    if (!requested.isEmpty()) {
      return findRequested(type, pkg, requested, methods, annotation, nextValue, problems);
    }
    List<ExecutableElement> candidates = new ArrayList<>();
    ExecutableElement anext = null;
    for (ExecutableElement method : methods) {
      if (nextRejections(type, method, pkg).isEmpty()) {
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
      Optional<Next> found = checkStage(type, chosen, locate(type, chosen, null, null), problems);
      warnIfAnextIgnored(type, methods, pkg, chosen, found, problems);
      return found;
    } else if (candidates.isEmpty()) {
      problems.add(
          Problem.error(
              Messages.noNextMethod(displayName(type), anextRejections(type, methods, pkg)),
              type));
      return Optional.empty();
    } else {
      problems.add(
          Problem.error(
              Messages.ambiguousNextMethod(
                  displayName(type), names(candidates), anextRejections(type, methods, pkg)),
              type));
      return Optional.empty();
    }
    return checkStage(type, chosen, locate(type, chosen, null, null), problems);
  }

  /**
   * The user wrote an {@code anext} that is not a candidate and another method is iterated: say
   * so on that {@code anext}, which the user almost certainly meant. {@code next = "..."} silences
   * it, as the user then chose.
   */
  private void warnIfAnextIgnored(
      TypeElement type,
      List<ExecutableElement> methods,
      PackageElement pkg,
      ExecutableElement used,
      Optional<Next> found,
      List<Problem> problems) {
    ExecutableElement ignored = preferringNoArguments(methodsNamed(type, methods, "anext"));
    if (ignored == null) {
      return;
    }
    String element = found.map(next -> WrittenType.of(next.elementType())).orElse("E");
    problems.add(
        locate(type, ignored, null, null)
            .warning(
                Messages.anextIgnored(
                    displayName(type, ignored),
                    displayName(type),
                    AsyncIterableType.generatedClassFor(ClassName.get(type)).simpleName(),
                    displayName(type, used),
                    used.getSimpleName().toString(),
                    nextRejections(type, ignored, pkg, element))));
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
    ExecutableElement named = preferringNoArguments(methodsNamed(type, methods, requested));
    if (named == null) {
      List<String> candidates = new ArrayList<>();
      for (ExecutableElement method : methods) {
        if (nextRejections(type, method, pkg).isEmpty()) {
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
    Rejection notCallable = callability(type, named, pkg);
    if (notCallable != null) {
      problems.add(
          location.error(Messages.nextNotCallable(method, packageName(type), notCallable)));
      return Optional.empty();
    }
    if (!named.getTypeParameters().isEmpty()) {
      problems.add(location.error(Messages.nextIsGeneric(method)));
      return Optional.empty();
    }
    return checkStage(type, named, location, problems);
  }

  /** Every rule of "Finding the next method" that {@code method} breaks; empty for a candidate. */
  private List<Rejection> nextRejections(
      TypeElement type, ExecutableElement method, PackageElement pkg) {
    return nextRejections(type, method, pkg, "E");
  }

  /**
   * As above; a void method is told to return {@code CompletionStage<voidElement>}, for a method
   * returning a value that value's type is the element type.
   */
  private List<Rejection> nextRejections(
      TypeElement type, ExecutableElement method, PackageElement pkg, String voidElement) {
    List<Rejection> rejections = callRejections(type, method, pkg);
    if (method.getSimpleName().contentEquals("aclose")) {
      rejections.add(Rejection.CLOSE_METHOD);
    }
    if (asCompletionStage(method.getReturnType()) == null) {
      TypeMirror returnType = memberType(type, method).getReturnType();
      String element =
          returnType.getKind() == TypeKind.VOID
              ? voidElement
              : WrittenType.completed(boxed(returnType));
      rejections.add(
          Rejection.notStage(returnType.toString(), "CompletionStage<" + element + ">"));
    }
    return rejections;
  }

  /**
   * The rules a next or close method must keep to be called as {@code source.name()} from the
   * generated class that {@code method} breaks, in the order a user would fix them.
   */
  private List<Rejection> callRejections(
      TypeElement type, ExecutableElement method, PackageElement pkg) {
    List<Rejection> rejections = new ArrayList<>();
    if (!method.getParameters().isEmpty()) {
      rejections.add(Rejection.HAS_PARAMETERS);
    }
    if (method.getModifiers().contains(Modifier.STATIC)) {
      rejections.add(Rejection.STATIC);
    }
    Rejection notCallable = callability(type, method, pkg);
    if (notCallable != null) {
      rejections.add(notCallable);
    }
    if (!method.getTypeParameters().isEmpty()) {
      rejections.add(Rejection.GENERIC);
    }
    return rejections;
  }

  /** Why a method named {@code anext} is not a candidate; empty when there is none or it is one. */
  private List<Rejection> anextRejections(
      TypeElement type, List<ExecutableElement> methods, PackageElement pkg) {
    ExecutableElement anext = preferringNoArguments(methodsNamed(type, methods, "anext"));
    return anext == null ? List.of() : nextRejections(type, anext, pkg);
  }

  /** Works out the element type of the chosen method, checking its stage type. */
  private Optional<Next> checkStage(
      TypeElement type,
      ExecutableElement method,
      Problem.Location location,
      List<Problem> problems) {
    String name = displayName(type, method);
    TypeMirror returnType = memberType(type, method).getReturnType();
    DeclaredType stage = asCompletionStage(returnType);
    if (stage == null) {
      problems.add(location.error(Messages.nextNotStage(name, returnType.toString())));
      return Optional.empty();
    }
    for (TypeMirror part : TypeParts.of(returnType)) {
      if (isRaw(part)) {
        problems.add(
            location.error(
                Messages.rawType(
                    name,
                    returnType.toString(),
                    part.toString(),
                    WrittenType.completed(returnType))));
        return Optional.empty();
      }
    }
    if (isRaw(stage)) {
      problems.add(location.error(rawSupertypeMessage(name, returnType)));
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

  /**
   * The message for a return type that is a stage only through a raw supertype, as {@code class
   * RawFuture extends CompletableFuture}: it names that supertype and how to declare it.
   */
  private String rawSupertypeMessage(String method, TypeMirror returnType) {
    Deque<TypeMirror> subtypes = new ArrayDeque<>(List.of(returnType));
    while (!subtypes.isEmpty()) {
      TypeMirror subtype = subtypes.poll();
      for (TypeMirror supertype : directSupertypesOf(subtype)) {
        if (asCompletionStage(supertype) == null) {
          continue;
        }
        if (isRaw(supertype)) {
          boolean implementsIt =
              subtype.getKind() == TypeKind.DECLARED
                  && !((DeclaredType) subtype).asElement().getKind().isInterface()
                  && ((DeclaredType) supertype).asElement().getKind().isInterface();
          String subtypeName =
              subtype.getKind() == TypeKind.DECLARED
                  ? WrittenType.of(types.erasure(subtype))
                  : subtype.toString();
          String declaration =
              subtypeName
                  + (implementsIt ? " implements " : " extends ")
                  + WrittenType.completed(supertype);
          return Messages.rawSupertype(
              method, returnType.toString(), supertype.toString(), declaration);
        }
        subtypes.add(supertype);
      }
    }
    // Not expected: asCompletionStage found a raw stage, so some supertype on the way is raw.
    return Messages.rawType(
        method, returnType.toString(), returnType.toString(), "CompletionStage<String>");
  }

  private List<? extends TypeMirror> directSupertypesOf(TypeMirror type) {
    return switch (type.getKind()) {
      case DECLARED -> types.directSupertypes(type);
      case TYPEVAR -> {
        TypeMirror bound = ((TypeVariable) type).getUpperBound();
        yield bound.getKind() == TypeKind.INTERSECTION
            ? ((IntersectionType) bound).getBounds()
            : List.of(bound);
      }
      default -> List.of();
    };
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

  /**
   * The close method as the contract chooses it: a callable no-argument {@code aclose()}
   * returning a stage, else {@code close()} of an {@code AutoCloseable}, else none. A user's close
   * method that this choice would skip is reported, since what it releases would leak:
   *
   * <ul>
   *   <li>an {@code aclose} that cannot be the close, declared in the annotated class: an error,
   *       also when the class is {@code AutoCloseable} (its {@code aclose} still never runs);
   *   <li>such an {@code aclose} inherited from a supertype: an error unless the class is {@code
   *       AutoCloseable}; its {@code close()} is then called, and is where the class can call the
   *       supertype's method (which it may not be able to change);
   *   <li>an instance {@code close()}, not private, on a class that is not {@code AutoCloseable}
   *       and has no {@code aclose} at all: a warning.
   * </ul>
   */
  private Close findClose(
      TypeElement type,
      PackageElement pkg,
      List<ExecutableElement> methods,
      List<Problem> problems) {
    List<ExecutableElement> acloses = methodsNamed(type, methods, "aclose");
    for (ExecutableElement method : acloses) {
      if (closeRejections(type, method, pkg).isEmpty()) {
        checkThrows(type, method, problems);
        return new Close(CloseMethod.ACLOSE, method);
      }
    }
    boolean isAutoCloseable = types.isAssignable(types.erasure(type.asType()), autoCloseable);
    boolean isInterface = type.getKind().isInterface();
    ExecutableElement skipped = preferringNoArguments(acloses);
    if (skipped != null) {
      boolean declaredHere = skipped.getEnclosingElement().equals(type);
      if (declaredHere || !isAutoCloseable) {
        problems.add(
            locate(type, skipped, null, null)
                .error(
                    Messages.acloseNotCalled(
                        displayName(type, skipped),
                        displayName(type),
                        declaredHere,
                        isAutoCloseable,
                        isInterface,
                        closeRejections(type, skipped, pkg))));
      }
    }
    ExecutableElement close = null;
    for (ExecutableElement method : methods) {
      if (close == null
          && method.getSimpleName().contentEquals("close")
          && method.getParameters().isEmpty()
          && !method.getModifiers().contains(Modifier.STATIC)) {
        close = method;
      }
    }
    if (isAutoCloseable) {
      return new Close(CloseMethod.AUTO_CLOSEABLE, close);
    }
    if (skipped == null && close != null && !close.getModifiers().contains(Modifier.PRIVATE)) {
      problems.add(
          locate(type, close, null, null)
              .warning(
                  Messages.closeNotCalled(
                      displayName(type, close), displayName(type), isInterface)));
    }
    return new Close(CloseMethod.NONE, null);
  }

  /** The rules of the close method that {@code method}, named aclose, breaks. */
  private List<Rejection> closeRejections(
      TypeElement type, ExecutableElement method, PackageElement pkg) {
    List<Rejection> rejections = callRejections(type, method, pkg);
    if (asCompletionStage(method.getReturnType()) == null) {
      rejections.add(
          Rejection.notStage(
              memberType(type, method).getReturnType().toString(), "CompletionStage<Void>"));
    }
    return rejections;
  }

  // ---------------------------------------------------------------- types

  /**
   * Whether a type named {@code name} exists in {@code type}'s module. Looked up in that module
   * only: {@code Elements.getTypeElement(name)} searches every module of the JDK for a name that
   * is not there, which the compile-time profile showed as most of the validator's time.
   */
  private boolean existsBeside(TypeElement type, String name) {
    ModuleElement module = elements.getModuleOf(type);
    return module == null
        ? elements.getTypeElement(name) != null
        : elements.getTypeElement(module, name) != null;
  }

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

  /**
   * The methods named {@code name} that a user may have meant for the annotated class: its members
   * first, then methods of its supertypes that are not members (private, package-private in
   * another package, static in an interface), which the generated class cannot call.
   */
  private List<ExecutableElement> methodsNamed(
      TypeElement type, List<ExecutableElement> members, String name) {
    List<ExecutableElement> named = new ArrayList<>();
    for (ExecutableElement method : members) {
      if (method.getSimpleName().contentEquals(name)) {
        named.add(method);
      }
    }
    Set<Element> allMembers = new HashSet<>(elements.getAllMembers(type));
    Set<Element> seen = new HashSet<>();
    Deque<TypeMirror> supertypes = new ArrayDeque<>(types.directSupertypes(type.asType()));
    while (!supertypes.isEmpty()) {
      TypeMirror supertype = supertypes.poll();
      if (supertype.getKind() != TypeKind.DECLARED) {
        continue;
      }
      TypeElement element = (TypeElement) ((DeclaredType) supertype).asElement();
      if (!seen.add(element)) {
        continue;
      }
      for (ExecutableElement method : ElementFilter.methodsIn(element.getEnclosedElements())) {
        if (method.getSimpleName().contentEquals(name)
            && !allMembers.contains(method)
            && !isOverridden(method, named, type)) {
          named.add(method);
        }
      }
      supertypes.addAll(types.directSupertypes(supertype));
    }
    return named;
  }

  private boolean isOverridden(
      ExecutableElement method, List<ExecutableElement> others, TypeElement type) {
    for (ExecutableElement other : others) {
      if (elements.overrides(other, method, type)) {
        return true;
      }
    }
    return false;
  }

  /** The first method without parameters, else the first, else null. */
  private static ExecutableElement preferringNoArguments(List<ExecutableElement> methods) {
    for (ExecutableElement method : methods) {
      if (method.getParameters().isEmpty()) {
        return method;
      }
    }
    return methods.isEmpty() ? null : methods.get(0);
  }

  /** {@code method} as a member of {@code type}: type variables of generic supertypes resolved. */
  private ExecutableType memberType(TypeElement type, ExecutableElement method) {
    return (ExecutableType) types.asMemberOf((DeclaredType) type.asType(), method);
  }

  private TypeMirror boxed(TypeMirror type) {
    return type.getKind().isPrimitive()
        ? types.boxedClass((PrimitiveType) type).asType()
        : type;
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

  /** Which rule of {@link #isCallable} {@code method} breaks, or null when it keeps them. */
  private Rejection callability(TypeElement type, ExecutableElement method, PackageElement pkg) {
    if (isCallable(method, pkg)) {
      return null;
    }
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      return Rejection.PRIVATE;
    }
    String declaredIn = packageName(elements.getPackageOf(method));
    return method.getModifiers().contains(Modifier.PROTECTED)
        ? Rejection.protectedIn(declaredIn, displayName(type))
        : Rejection.packagePrivateIn(declaredIn);
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

  /**
   * Whether {@code value} is the compiler's stand-in for a value it could not evaluate: javac
   * gives the string {@code <error>}, which, unlike a real string constant, is not written in
   * quotes.
   */
  private static boolean isErroneous(AnnotationValue value) {
    return !(value.getValue() instanceof String text)
        || (text.equals("<error>") && !value.toString().startsWith("\""));
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
    return packageName(packageOf(type));
  }

  private static String packageName(PackageElement pkg) {
    String name = pkg.getQualifiedName().toString();
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
