package dev.aiter.processor;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Runs a processor with a Filer seen through {@code intercept}: it gets each {@code
 * createSourceFile(name, originatingElements)} call's arguments first and returns to let the
 * call through, or throws to fail it. Lets tests observe and break what the processor writes.
 */
final class FilerWrappingProcessor implements Processor {

  /** Sees a source file's name and originating elements before javac's Filer creates it. */
  @FunctionalInterface
  interface Interceptor {
    void createSourceFile(CharSequence name, Element[] originating) throws IOException;
  }

  private final Processor delegate;
  private final Interceptor intercept;

  FilerWrappingProcessor(Processor delegate, Interceptor intercept) {
    this.delegate = delegate;
    this.intercept = intercept;
  }

  @Override
  public void init(ProcessingEnvironment env) {
    Filer filer = env.getFiler();
    InvocationHandler wrappedFiler =
        (proxy, method, args) -> {
          if (method.getName().equals("createSourceFile")) {
            intercept.createSourceFile((CharSequence) args[0], (Element[]) args[1]);
          }
          return invoke(method, filer, args);
        };
    Filer wrapped =
        (Filer)
            Proxy.newProxyInstance(
                Filer.class.getClassLoader(), new Class<?>[] {Filer.class}, wrappedFiler);
    InvocationHandler environment =
        (proxy, method, args) ->
            method.getName().equals("getFiler") ? wrapped : invoke(method, env, args);
    delegate.init(
        (ProcessingEnvironment)
            Proxy.newProxyInstance(
                ProcessingEnvironment.class.getClassLoader(),
                new Class<?>[] {ProcessingEnvironment.class},
                environment));
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public Set<String> getSupportedOptions() {
    return delegate.getSupportedOptions();
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return delegate.getSupportedAnnotationTypes();
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return delegate.getSupportedSourceVersion();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
    return delegate.process(annotations, roundEnv);
  }

  @Override
  public Iterable<? extends Completion> getCompletions(
      Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
    return delegate.getCompletions(element, annotation, member, userText);
  }
}
