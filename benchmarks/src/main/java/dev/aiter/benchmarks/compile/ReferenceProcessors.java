package dev.aiter.benchmarks.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Two stand-ins for the aiter processor that {@code compile.sh} runs to split what a build pays
 * for having a processor into javac's part and the processor's own part. Neither is registered
 * as a service; the script names them with {@code -processor}.
 */
public final class ReferenceProcessors {

  private ReferenceProcessors() {}

  /** What every processor of {@code @AsyncIterable} is asked for. */
  private abstract static class Base extends AbstractProcessor {
    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("dev.aiter.AsyncIterable");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment env) {
      for (TypeElement annotation : annotations) {
        for (Element element : env.getElementsAnnotatedWith(annotation)) {
          TypeElement type = (TypeElement) element;
          String name = type.getQualifiedName() + "Async";
          try (Writer out = processingEnv.getFiler().createSourceFile(name, type).openWriter()) {
            out.write(source(type, name));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
      return false;
    }

    /** The source to write for {@code type}, as the class {@code name}. */
    abstract String source(TypeElement type, String name) throws IOException;
  }

  /**
   * Writes, for each annotated class, the very file the aiter processor generated for it in an
   * earlier run (read from the directory of the system property {@code aiter.copy.from}): javac
   * then does all it does for aiter's output and its extra round, and the processor does nothing
   * else. aiter's run minus this one is the aiter processor's own work.
   */
  public static final class Copy extends Base {
    @Override
    String source(TypeElement type, String name) throws IOException {
      return Files.readString(
          Path.of(System.getProperty("aiter.copy.from"), name.replace('.', '/') + ".java"));
    }
  }

  /**
   * Writes an empty class for each annotated class: the least any processor that generates a
   * file can cost, which is an extra round of javac over every source.
   */
  public static final class Tiny extends Base {
    @Override
    String source(TypeElement type, String name) {
      int dot = name.lastIndexOf('.');
      return "package " + name.substring(0, dot) + ";\n\nfinal class " + name.substring(dot + 1)
          + " {}\n";
    }
  }
}
