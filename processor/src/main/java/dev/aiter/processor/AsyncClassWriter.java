package dev.aiter.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.aiter.processor.AsyncIterableType.End;
import dev.aiter.processor.AsyncIterableType.TypeParameter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Turns an {@link AsyncIterableType} into the source of {@code FooAsync}: static {@code aiter},
 * {@code anext} and {@code asyncFor} functions over the iterator the runtime's {@code
 * dev.aiter.generated.Adapters} builds from the source's next and close methods as method
 * references, which does all the work of normalising the source's stages. Generated code names
 * nothing of the runtime's internal package, which the module {@code dev.aiter} does not export.
 * The output depends only on the model, so it is the same byte for byte for the same class.
 *
 * <p>What the generated code calls is chosen to be cheap to compile, because every user's build
 * compiles it for every annotated class: no adapter class of its own (a subclass of the runtime's
 * adapter would make javac check it against every method of {@code AsyncIterator}, and add a
 * class file), and no call that needs type inference or overload resolution (type arguments are
 * explicit, and {@code GeneratedAdapter}'s methods are neither generic nor overloaded).
 */
final class AsyncClassWriter {

  private static final String RUNTIME = "dev.aiter";
  private static final ClassName ASYNC = ClassName.get(RUNTIME, "Async");
  private static final ClassName ASYNC_ITERATOR = ClassName.get(RUNTIME, "AsyncIterator");
  private static final ClassName LOOP_BODY = ClassName.get(RUNTIME, "LoopBody");
  private static final ClassName BREAKABLE_LOOP_BODY = ClassName.get(RUNTIME, "BreakableLoopBody");
  private static final ClassName AWAIT_LOOP_BODY = ClassName.get(RUNTIME, "AwaitLoopBody");
  private static final ClassName STOP_ASYNC_ITERATION =
      ClassName.get(RUNTIME, "StopAsyncIteration");
  /** The runtime's package for generated code, which its module exports (the engine it is not). */
  private static final String GENERATED_CODE_BASES = RUNTIME + ".generated";
  private static final ClassName ADAPTERS = ClassName.get(GENERATED_CODE_BASES, "Adapters");
  private static final ClassName GENERATED_ADAPTER =
      ClassName.get(GENERATED_CODE_BASES, "GeneratedAdapter");
  private static final ClassName COMPLETABLE_FUTURE =
      ClassName.get("java.util.concurrent", "CompletableFuture");
  private static final ClassName NULL_POINTER =
      ClassName.get("java.lang", "NullPointerException");
  private static final ClassName SUPPRESS_WARNINGS = ClassName.get("java.lang", "SuppressWarnings");
  private static final ClassName UNSUPPORTED_OPERATION =
      ClassName.get("java.lang", "UnsupportedOperationException");
  private static final String ADAPTER = "adapter";
  private static final String EXTENSION_SOURCE = "source";

  private final String processorName;

  /** @param processorName the value of {@code @Generated} */
  AsyncClassWriter(String processorName) {
    this.processorName = processorName;
  }

  /**
   * The source file of {@code model.generatedClass()}, attributed to {@code origin}.
   *
   * @param generatedAnnotation the {@code @Generated} annotation the generated class can use
   *     (its module reads the module that has it), if any
   */
  JavaFile write(
      AsyncIterableType model, Element origin, Optional<ClassName> generatedAnnotation) {
    return new Writing(model).file(origin, generatedAnnotation);
  }

  /** The state of writing one class: the model and the names derived from it. */
  private final class Writing {
    private final AsyncIterableType model;
    private final List<TypeVariableName> typeVariables;
    private final TypeName element;
    private final TypeName source;

    Writing(AsyncIterableType model) {
      this.model = model;
      this.typeVariables = model.typeParameters().stream().map(TypeParameter::variable).toList();
      this.element = model.elementType();
      this.source = model.sourceType();
    }

    /**
     * A call of a generic static method of the generated class with explicit type arguments,
     * {@code PagerAsync.<T>adapter}, so that javac infers nothing; just {@code adapter} for a
     * class without type parameters.
     */
    private CodeBlock own(String method) {
      if (typeVariables.isEmpty()) {
        return CodeBlock.of("$L", method);
      }
      return CodeBlock.of(
          "$T.<$L>$L",
          model.generatedClass(),
          typeVariables.stream().map(TypeVariableName::name).collect(Collectors.joining(", ")),
          method);
    }

    JavaFile file(Element origin, Optional<ClassName> generatedAnnotation) {
      TypeSpec.Builder type =
          TypeSpec.classBuilder(model.generatedClass())
              .addOriginatingElement(origin)
              .addJavadoc(classJavadoc())
              .addModifiers(Modifier.PUBLIC, Modifier.FINAL);
      generatedAnnotation.ifPresent(
          generated ->
              type.addAnnotation(
                  AnnotationSpec.builder(generated)
                      .addMember("value", "$S", processorName)
                      .build()));
      if (!model.deprecationSuppressions().isEmpty()) {
        AnnotationSpec.Builder suppress = AnnotationSpec.builder(SUPPRESS_WARNINGS);
        model.deprecationSuppressions().forEach(w -> suppress.addMember("value", "$S", w));
        type.addAnnotation(suppress.build());
      }
      type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
          .addMethod(aiter())
          .addMethod(anext())
          .addMethod(anextWithDefault())
          .addMethod(asyncFor())
          .addMethod(asyncForBreakable())
          .addMethod(asyncForAwait());
      type.addMethod(adapterFactory())
          .addMethod(extensionSource())
          .addType(extensionsInterface());
      return JavaFile.builder(model.generatedClass().packageName(), type.build()).build();
    }

    // ------------------------------------------------------------ Javadoc

    private CodeBlock classJavadoc() {
      CodeBlock.Builder doc =
          CodeBlock.builder()
              .add(
                  "Python-style asynchronous iteration over {@link $T}: {@code aiter}, {@code"
                      + " anext} and\n{@code async for} as static functions. Use them with"
                      + " {@code import static $L.*;}:\n{@code asyncFor(source, element ->"
                      + " ...).join();}.\n",
                  model.sourceClass(),
                  model.generatedClass().canonicalName())
              .add(
                  "\n<p>The elements are what {@link $T#$L()} completes with",
                  nextOwner(),
                  nextName());
      if (model.next().end() == End.EMPTY_OPTIONAL) {
        doc.add(
            ", unwrapped from its\n{@code Optional}; an empty {@code Optional} or {@link $T} ends"
                + " the iteration.\n",
            STOP_ASYNC_ITERATION);
      } else {
        doc.add(";\n{@link $T} ends the iteration.\n", STOP_ASYNC_ITERATION);
      }
      doc.add("$L\n", closeSentence());
      doc.add("\n@see $T\n", ASYNC);
      return doc.build();
    }

    private CodeBlock closeSentence() {
      return switch (model.close().kind()) {
        case ACLOSE -> CodeBlock.of(
            "Every loop releases the source with {@link $T#aclose()} exactly once when it ends.",
            model.sourceClass());
        case AUTO_CLOSEABLE -> CodeBlock.of(
            "Every loop releases the source with {@link $T#close()} exactly once when it ends.",
            model.sourceClass());
        case NONE -> CodeBlock.of("The source has nothing to close.");
      };
    }

    private void addTypeParameterDocs(MethodSpec.Builder method) {
      for (TypeParameter parameter : model.typeParameters()) {
        method.addJavadoc(
            "@param <$L> the type parameter {@code $L} of {@link $T}\n",
            parameter.variable().name(),
            parameter.variable().name(),
            parameter.declaredBy());
      }
    }

    // ------------------------------------------------------------ the functions

    private MethodSpec.Builder function(String name) {
      return MethodSpec.methodBuilder(name)
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .addTypeVariables(typeVariables)
          .addParameter(source, "source");
    }

    private MethodSpec aiter() {
      MethodSpec.Builder method =
          function("aiter")
              .addJavadoc(
                  "Returns an asynchronous iterator over {@code source}: each {@code anext()}"
                      + " calls\n{@link $T#$L()}. Python: {@code aiter(source)}.\n\n",
                  nextOwner(),
                  nextName())
              .addJavadoc("@param source the object to iterate\n");
      addTypeParameterDocs(method);
      return method
          .addJavadoc("@return a new iterator over {@code source}\n")
          .returns(ParameterizedTypeName.get(ASYNC_ITERATOR, element))
          .addStatement("return $L(source)", own(ADAPTER))
          .build();
    }

    private MethodSpec anext() {
      MethodSpec.Builder method =
          function("anext")
              .addJavadoc(
                  "Returns the next element of {@code source}; at the end the future fails with"
                      + "\n{@link $T}. Python: {@code await anext(source)}.\n\n",
                  STOP_ASYNC_ITERATION)
              .addJavadoc("@param source the object to iterate\n");
      addTypeParameterDocs(method);
      return method
          .addJavadoc("@return a future of the next element\n")
          .returns(ParameterizedTypeName.get(COMPLETABLE_FUTURE, element))
          .addStatement("return $L(source).anext()", own(ADAPTER))
          .build();
    }

    private MethodSpec anextWithDefault() {
      MethodSpec.Builder method =
          function("anext")
              .addParameter(element, "dflt")
              .addJavadoc(
                  "Returns the next element of {@code source}, or {@code dflt} at the end; any"
                      + " other failure\nfails the future. Python: {@code await anext(source,"
                      + " dflt)}.\n\n")
              .addJavadoc("@param source the object to iterate\n")
              .addJavadoc("@param dflt the value to complete with at the end; may be null\n");
      addTypeParameterDocs(method);
      return method
          .addJavadoc("@return a future of the next element or of {@code dflt}\n")
          .returns(ParameterizedTypeName.get(COMPLETABLE_FUTURE, element))
          .addStatement("return $L(source).anextOr(dflt)", own(ADAPTER))
          .build();
    }

    /** The method of {@code GeneratedAdapter} that runs the loop of {@code bodyType}. */
    private static String loopMethod(ClassName bodyType) {
      if (bodyType.equals(LOOP_BODY)) {
        return "loop";
      }
      return bodyType.equals(BREAKABLE_LOOP_BODY) ? "breakableLoop" : "awaitLoop";
    }

    private MethodSpec loop(String name, ClassName bodyType, String doc, Object... args) {
      MethodSpec.Builder method =
          function(name)
              .addParameter(
                  ParameterizedTypeName.get(bodyType, WildcardTypeName.supertypeOf(element)),
                  "body")
              .addJavadoc(doc, args)
              .addJavadoc("@param source the object to iterate\n")
              .addJavadoc("@param body what to do with each element\n");
      addTypeParameterDocs(method);
      return method
          .addJavadoc(
              "@return a future that completes when the loop ended and the source was"
                  + " released\n")
          .returns(ParameterizedTypeName.get(COMPLETABLE_FUTURE, ClassName.get(Void.class)))
          .addStatement("return $L(source).$L(body)", own(ADAPTER), loopMethod(bodyType))
          .build();
    }

    private MethodSpec asyncFor() {
      return loop(
          "asyncFor",
          LOOP_BODY,
          "Runs {@code body} for each element of {@code source}, in order, one at a time; the"
              + " next\nelement is requested only after the body returned. Python:\n{@code async"
              + " for element in source: body(element)}.\n\n<p>An exception from the source or"
              + " the body fails the returned future with that exception.\nSee {@link"
              + " $T#asyncFor($T, $T)}.\n\n",
          ASYNC,
          ASYNC_ITERATOR,
          LOOP_BODY);
    }

    private MethodSpec asyncForBreakable() {
      return loop(
          "asyncFor",
          BREAKABLE_LOOP_BODY,
          "Runs {@code body} for each element of {@code source} until it calls {@code"
              + " loop.breakLoop()}.\nPython: {@code async for} with {@code break}.\nSee {@link"
              + " $T#asyncFor($T, $T)}.\n\n",
          ASYNC,
          ASYNC_ITERATOR,
          BREAKABLE_LOOP_BODY);
    }

    private MethodSpec asyncForAwait() {
      return loop(
          "asyncForAwait",
          AWAIT_LOOP_BODY,
          "Runs {@code body} for each element of {@code source}, requesting the next element"
              + " only after\nthe stage the body returned completed. Python:\n{@code async for"
              + " element in source: await body(element)}.\nSee {@link $T#asyncForAwait($T,"
              + " $T)}.\n\n",
          ASYNC,
          ASYNC_ITERATOR,
          AWAIT_LOOP_BODY);
    }

    // ------------------------------------------------------------ the extension methods

    /**
     * {@code Extensions}: the functions as default methods of the source itself, each a call of
     * the static function with {@code source(this)} (see {@link #extensionSource()}).
     */
    private TypeSpec extensionsInterface() {
      TypeSpec.Builder extensions =
          TypeSpec.interfaceBuilder(ExtensionsOptIn.INTERFACE)
              .addModifiers(Modifier.PUBLIC)
              .addTypeVariables(typeVariables);
      if (model.implementsExtensions()) {
        extensions.addJavadoc(
            "Extension methods of {@link $T}, which implements this interface: {@code aiter()},\n"
                + "{@code asyncFor} and {@code asyncForAwait} as methods of the source itself, as"
                + " in\n{@code source.asyncFor(element -> ...).join();}.\n"
                + "\n<p>Each method casts {@code this} to {@code $L}: another class that"
                + " implements this\ninterface gets a {@code ClassCastException} from every"
                + " method.\n",
            model.sourceClass(),
            model.sourceClass().simpleName());
      } else {
        extensions.addJavadoc(
            "Extension methods for {@link $T}, which does not implement this interface:\n"
                + "declared as a supertype of {@code $L}, {@code $L} would give it\n"
                + "{@code aiter()}, {@code asyncFor} and {@code asyncForAwait} as methods of the"
                + " source itself.\n"
                + "\n<p>Until then every method throws {@link $T}.\n",
            model.sourceClass(),
            model.sourceClass().simpleName(),
            extensionsAsWritten(),
            UNSUPPORTED_OPERATION);
      }
      if (!model.typeParameters().isEmpty()) {
        extensions.addJavadoc("\n");
        for (TypeParameter parameter : model.typeParameters()) {
          extensions.addJavadoc(
              "@param <$L> the type parameter {@code $L} of {@link $T}\n",
              parameter.variable().name(),
              parameter.variable().name(),
              parameter.declaredBy());
        }
      }
      return extensions
          .addMethod(
              extension("aiter", null)
                  .addJavadoc(
                      "Returns an asynchronous iterator over this source: each {@code anext()}"
                          + " calls\n{@link $T#$L()}. Python: {@code aiter(source)}.\n\n",
                      nextOwner(),
                      nextName())
                  .addJavadoc("@return a new iterator over this source\n")
                  .addCode(extensionBody(null))
                  .addJavadoc(extensionThrows())
                  .build())
          .addMethod(
              extensionLoop(
                  "asyncFor",
                  LOOP_BODY,
                  "Runs {@code body} for each element of this source, in order, one at a"
                      + " time:\n{@link $T#asyncFor($T, $T)} over this source.\n\n"))
          .addMethod(
              extensionLoop(
                  "asyncFor",
                  BREAKABLE_LOOP_BODY,
                  "Runs {@code body} for each element of this source until it calls {@code"
                      + " loop.breakLoop()}:\n{@link $T#asyncFor($T, $T)} over this"
                      + " source.\n\n"))
          .addMethod(
              extensionLoop(
                  "asyncForAwait",
                  AWAIT_LOOP_BODY,
                  "Runs {@code body} for each element of this source, requesting the next"
                      + " element only after\nthe stage the body returned completed:\n{@link"
                      + " $T#asyncForAwait($T, $T)} over this source.\n\n"))
          .build();
    }

    /** {@code FooAsync.Extensions<T>}: the supertype as the annotated class declares it. */
    private String extensionsAsWritten() {
      String name = model.generatedClass().simpleName() + "." + ExtensionsOptIn.INTERFACE;
      return typeVariables.isEmpty()
          ? name
          : name
              + typeVariables.stream()
                  .map(TypeVariableName::name)
                  .collect(Collectors.joining(", ", "<", ">"));
    }

    private MethodSpec.Builder extension(String name, ClassName bodyType) {
      MethodSpec.Builder method =
          MethodSpec.methodBuilder(name)
              .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
              .returns(
                  bodyType == null
                      ? ParameterizedTypeName.get(ASYNC_ITERATOR, element)
                      : ParameterizedTypeName.get(
                          COMPLETABLE_FUTURE, ClassName.get(Void.class)));
      if (bodyType != null) {
        method.addParameter(
            ParameterizedTypeName.get(bodyType, WildcardTypeName.supertypeOf(element)), "body");
      }
      return method;
    }

    private MethodSpec extensionLoop(String name, ClassName bodyType, String doc) {
      return extension(name, bodyType)
          .addJavadoc(doc, model.generatedClass(), model.sourceClass(), bodyType)
          .addJavadoc("@param body what to do with each element\n")
          .addJavadoc(
              "@return a future that completes when the loop ended and the source was"
                  + " released\n")
          .addJavadoc(extensionThrows())
          .addCode(extensionBody(bodyType))
          .build();
    }

    /** The {@code @throws} of an extension method when the class does not opt in. */
    private CodeBlock extensionThrows() {
      return model.implementsExtensions()
          ? CodeBlock.of("")
          : CodeBlock.of(
              "@throws $T always, as {@code $L} does not implement it\n",
              UNSUPPORTED_OPERATION,
              model.sourceClass().simpleName());
    }

    /** {@code return FooAsync.adapter(FooAsync.source(this))[.loop(body)];} */
    private CodeBlock extensionBody(ClassName bodyType) {
      CodeBlock adapterOfThis =
          CodeBlock.of(
              "$L($L(this))",
              qualifiedOwn(ADAPTER),
              qualifiedOwn(EXTENSION_SOURCE));
      return bodyType == null
          ? CodeBlock.builder().addStatement("return $L", adapterOfThis).build()
          : CodeBlock.builder()
              .addStatement("return $L.$L(body)", adapterOfThis, loopMethod(bodyType))
              .build();
    }

    /** {@link #own}, always qualified by the generated class: for the nested interface. */
    private CodeBlock qualifiedOwn(String method) {
      return typeVariables.isEmpty()
          ? CodeBlock.of("$T.$L", model.generatedClass(), method)
          : own(method);
    }

    /**
     * {@code source(extensions)}: how a default method of {@code Extensions} gets its {@code Foo}
     * from {@code this}, by a cast in this one place. Another class that implements the
     * interface gets a {@code ClassCastException} there, before anything is called on it.
     *
     * <p>For a generic class the cast is sound but unchecked, and the warning suppressed on this
     * method: {@code Foo<T>} implements {@code Extensions<T>} with exactly its own type variables
     * (the validator makes sure), and Java allows no class two parameterizations of one
     * interface, so an {@code Extensions<X>} that is a {@code Foo} is a {@code Foo<X>}. javac
     * itself sees that only sometimes: never for an inner class ({@code Shelf<T>.Cursor}), and,
     * on the command line, not for a class whose supertype was written by a processor in an
     * earlier round.
     *
     * <p>When {@code Foo} does not implement the interface, no {@code Foo} can be an {@code
     * Extensions} (and the cast would not compile for a final class): it throws.
     */
    private MethodSpec extensionSource() {
      TypeName extensions =
          typeVariables.isEmpty()
              ? extensionsType()
              : ParameterizedTypeName.get(
                  extensionsType(), typeVariables.toArray(TypeName[]::new));
      MethodSpec.Builder method =
          MethodSpec.methodBuilder(EXTENSION_SOURCE)
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .addTypeVariables(typeVariables)
              .returns(source)
              .addParameter(extensions, "extensions");
      if (!model.implementsExtensions()) {
        return method
            .addJavadoc(
                "The source of the methods of {@link $L}: none, since {@code $L}\ndoes not"
                    + " implement it.\n\n",
                ExtensionsOptIn.INTERFACE,
                model.sourceClass().simpleName())
            .addJavadoc("@param extensions the object whose method was called\n")
            .addJavadoc("@return never\n")
            .addJavadoc("@throws $T always\n", UNSUPPORTED_OPERATION)
            .addCode(
                "throw new $T(\n$>$>extensions.getClass().getName()\n$>$>+ $S\n+ $S);\n$<$<$<$<",
                UNSUPPORTED_OPERATION,
                " implements "
                    + model.generatedClass().simpleName()
                    + "."
                    + ExtensionsOptIn.INTERFACE
                    + ", whose methods work only in "
                    + model.sourceClass().canonicalName(),
                ", and only once it implements " + extensionsAsWritten())
            .build();
      }
      method.addJavadoc(
          "The source of the methods of {@link $L}: {@code extensions} itself, since only\n"
              + "{@code $L} implements it.\n",
          ExtensionsOptIn.INTERFACE,
          model.sourceClass().simpleName());
      if (!typeVariables.isEmpty()) {
        method
            .addAnnotation(
                AnnotationSpec.builder(SUPPRESS_WARNINGS)
                    .addMember("value", "$S", "unchecked")
                    .build())
            .addJavadoc(
                "\n<p>The cast is sound: {@code $T} implements {@code $L}\nand no other"
                    + " parameterization of it, so an {@code Extensions} that is a {@code $L}"
                    + " has\nthese type arguments. javac cannot always tell (not for an inner"
                    + " class, nor while the\ninterface is being generated), hence the"
                    + " suppression, on this one cast.\n",
                source,
                extensionsAsWritten(),
                model.sourceClass().simpleName());
      }
      return method
          .addJavadoc("\n@param extensions the object whose method was called\n")
          .addJavadoc("@return {@code extensions}\n")
          .addStatement("return ($T) extensions", source)
          .build();
    }

    private ClassName extensionsType() {
      return model.generatedClass().nestedClass(ExtensionsOptIn.INTERFACE);
    }

    // ------------------------------------------------------------ the adapter

    /**
     * {@code adapter(source)}: the iterator over {@code source} from the runtime's {@code
     * Adapters}, with the next and close methods as method references.
     */
    private MethodSpec adapterFactory() {
      boolean optional = model.next().end() == End.EMPTY_OPTIONAL;
      CodeBlock.Builder call =
          CodeBlock.builder()
              .add(
                  "return $T.<$T>$L($S, $S, source::$L",
                  ADAPTERS,
                  element,
                  optional ? "optional" : "stage",
                  model.sourceClass().canonicalName(),
                  nextName(),
                  nextName());
      switch (model.close().kind()) {
        case ACLOSE -> call.add(", $S, source::aclose", model.close().name());
        case AUTO_CLOSEABLE ->
            call.add(", $S, $T.closing(source)", model.close().name(), ADAPTERS);
        case NONE -> {}
      }
      return MethodSpec.methodBuilder(ADAPTER)
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .addTypeVariables(typeVariables)
          .addJavadoc("The iterator over {@code source}; the runtime normalises its stages.\n")
          .returns(ParameterizedTypeName.get(GENERATED_ADAPTER, element))
          .addParameter(source, "source")
          .beginControlFlow("if (source == null)")
          .addStatement("throw new $T($S)", NULL_POINTER, "source")
          .endControlFlow()
          .addStatement(call.add(")").build())
          .build();
    }

    /** Javadoc links the next method through the annotated class, which inherits it. */
    private ClassName nextOwner() {
      return model.sourceClass();
    }

    private String nextName() {
      return model.next().name();
    }
  }
}
