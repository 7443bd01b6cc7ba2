package dev.aiter.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Writes {@code FooAsync} for every class {@code Foo} annotated {@code @AsyncIterable}.
 *
 * <p>Each round, every annotated type is checked for types that do not exist yet (another
 * processor may generate them in this round); such a type is deferred to the next round by name
 * and reported only if still incomplete when processing is over. The others are validated
 * ({@link AsyncIterableValidator}), and the valid ones written ({@link AsyncClassWriter}). A
 * problem with one type never stops the others, and no exception escapes: an unexpected one
 * becomes an error on the type that asks the user to report it.
 */
@AutoService(Processor.class)
public class AsyncIterableProcessor extends AbstractProcessor {

  private Elements elements;
  private Messager messager;
  private MissingTypes missingTypes;
  private AsyncIterableValidator validator;
  private AsyncClassWriter writer;

  /** Qualified names of annotated types whose signatures used missing types, for next round. */
  private final Set<String> deferred = new LinkedHashSet<>();

  /** Canonical names of the classes written so far, to catch two types mapping to one name. */
  private final Set<String> written = new HashSet<>();

  /** The {@code @Generated} annotation each module can use, looked up once per module. */
  private final Map<ModuleElement, Optional<ClassName>> generatedAnnotations = new HashMap<>();

  /** Creates the processor; javac calls {@link #init} before use. */
  public AsyncIterableProcessor() {}

  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    elements = processingEnv.getElementUtils();
    messager = processingEnv.getMessager();
    missingTypes = new MissingTypes(elements, treesOf(processingEnv));
    validator = new AsyncIterableValidator(elements, processingEnv.getTypeUtils());
    writer = new AsyncClassWriter(AsyncIterableProcessor.class.getName());
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(AsyncIterableValidator.ANNOTATION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
    List<TypeElement> types = new ArrayList<>();
    for (String name : deferred) {
      TypeElement type = elements.getTypeElement(name);
      if (type != null) {
        types.add(type);
      }
    }
    deferred.clear();
    if (roundEnv.processingOver()) {
      types.forEach(this::reportUnresolved);
      return false;
    }
    TypeElement annotation = elements.getTypeElement(AsyncIterableValidator.ANNOTATION);
    if (annotation != null) {
      types.addAll(ElementFilter.typesIn(roundEnv.getElementsAnnotatedWith(annotation)));
    }
    for (TypeElement type : types) {
      try {
        if (missingTypes.in(type).isEmpty()) {
          processType(type);
        } else {
          deferred.add(type.getQualifiedName().toString());
        }
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable t) {
        messager.printMessage(
            Diagnostic.Kind.ERROR,
            Messages.internalError(AsyncIterableValidator.displayName(type), t),
            type);
      }
    }
    // Not claimed: other processors may read @AsyncIterable too.
    return false;
  }

  /** Validates one complete type and writes its class when it is valid. */
  void processType(TypeElement type) {
    List<Problem> problems = new ArrayList<>();
    Optional<AsyncIterableType> model = validator.validate(type, problems);
    problems.forEach(problem -> problem.reportTo(messager));
    if (model.isEmpty()) {
      return;
    }
    String generatedName = model.get().generatedClass().canonicalName();
    if (!written.add(generatedName)) {
      Problem.error(
              Messages.nameClash(AsyncIterableValidator.displayName(type), generatedName), type)
          .reportTo(messager);
      return;
    }
    JavaFile file = writer.write(model.get(), type, generatedAnnotation(type));
    try {
      // The whole text first, then one write: JavaPoet's writeTo(Filer) appends to the Filer's
      // writer a few characters at a time, each through its encoder, which the compile-time
      // profile showed as a good part of the processor's own work.
      String text = file.toString();
      JavaFileObject out = processingEnv.getFiler().createSourceFile(generatedName, type);
      try (Writer writer = out.openWriter()) {
        writer.write(text);
      }
    } catch (IOException e) {
      Problem.error(Messages.writeFailed(generatedName, e), type).reportTo(messager);
    }
  }

  private void reportUnresolved(TypeElement type) {
    Problem.error(
            Messages.unresolvedTypes(
                AsyncIterableValidator.displayName(type),
                missingTypes.in(type),
                ExtensionsOptIn.generatedSimpleName(type) + "." + ExtensionsOptIn.INTERFACE),
            type)
        .reportTo(messager);
  }

  /** javac's trees, used only to name missing types better; none under other compilers. */
  private static Trees treesOf(ProcessingEnvironment env) {
    try {
      return Trees.instance(env);
    } catch (RuntimeException | LinkageError e) {
      return null; // not javac, or javac's environment wrapped by a build tool
    }
  }

  /**
   * The {@code @Generated} annotation that the class generated for {@code type} can use, chosen
   * as auto-common does: {@code javax.annotation.processing.Generated} from Java 9 on, {@code
   * javax.annotation.Generated} before, and none when it is not there. In a named module it is
   * looked up as seen from that module: one that does not read {@code java.compiler} (a module
   * that only {@code requires dev.aiter;}) cannot use it, even when another module of the
   * compilation makes it exist.
   */
  private Optional<ClassName> generatedAnnotation(TypeElement type) {
    ModuleElement module = elements.getModuleOf(type);
    return generatedAnnotations.computeIfAbsent(
        module, // null where the release has no modules; HashMap takes it as a key
        m -> {
          String name =
              processingEnv.getSourceVersion().compareTo(SourceVersion.RELEASE_8) > 0
                  ? "javax.annotation.processing.Generated"
                  : "javax.annotation.Generated";
          TypeElement generated =
              m == null || m.isUnnamed()
                  ? elements.getTypeElement(name)
                  : elements.getTypeElement(m, name);
          return Optional.ofNullable(generated).map(ClassName::get);
        });
  }
}
