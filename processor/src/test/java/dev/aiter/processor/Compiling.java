package dev.aiter.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.tools.JavaFileObject;

/** Compiles test sources with the processor and runs what was compiled. */
final class Compiling {

  /** The options of a strict user build: every lint warning is an error. */
  static final String[] STRICT = {"-Xlint:all,-processing", "-Werror"};

  private Compiling() {}

  /** A source file {@code p/Name.java} for the class {@code p.Name}. */
  static JavaFileObject source(String qualifiedName, String code) {
    return JavaFileObjects.forSourceString(qualifiedName, code);
  }

  /**
   * The class {@code p.Check}, a {@code Callable} whose {@code call()} has {@code body}; it may
   * use {@code outcome(future)}, which describes how a future ended.
   */
  static JavaFileObject check(String body) {
    return source(
        "p.Check",
        """
        package p;

        import dev.aiter.*;
        import java.io.*;
        import java.util.*;
        import java.util.concurrent.*;

        public class Check implements Callable<Object> {
          @Override
          public Object call() throws Exception {
        %s
          }

          static String outcome(CompletableFuture<?> future) {
            if (!future.isDone()) {
              return "pending";
            }
            try {
              return "done " + future.join();
            } catch (CancellationException e) {
              return "cancelled";
            } catch (CompletionException e) {
              return "failed " + e.getCause();
            }
          }
        }
        """
            .formatted(body.indent(4)));
  }

  /** Compiles with the processor and the default options, as the diagnostics tests need. */
  static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new AsyncIterableProcessor()).compile(sources);
  }

  /** Compiles with the processor under {@link #STRICT}; fails the test on any diagnostic. */
  static Compilation compileStrictly(JavaFileObject... sources) {
    Compilation compilation =
        javac()
            .withProcessors(new AsyncIterableProcessor())
            .withOptions((Object[]) STRICT)
            .compile(sources);
    assertWithMessage("diagnostics: %s", compilation.diagnostics())
        .that(compilation.diagnostics())
        .isEmpty();
    return compilation;
  }

  /**
   * Compiles {@code sources} strictly, then runs {@code p.Check} (see {@link #check}), which
   * exercises the generated code, and returns what it returned.
   */
  static String run(JavaFileObject... sources) throws Exception {
    ClassLoader loader = new CompiledClassLoader(compileStrictly(sources));
    Callable<?> check =
        (Callable<?>) loader.loadClass("p.Check").getDeclaredConstructor().newInstance();
    return String.valueOf(check.call());
  }

  /** Loads the classes a compilation wrote to memory; the runtime comes from the test's path. */
  static final class CompiledClassLoader extends ClassLoader {
    private static final String OUTPUT = "CLASS_OUTPUT/";
    private final Map<String, byte[]> classes = new HashMap<>();

    CompiledClassLoader(Compilation compilation) throws Exception {
      super(Compiling.class.getClassLoader());
      for (JavaFileObject file : compilation.generatedFiles()) {
        if (file.getKind() == JavaFileObject.Kind.CLASS) {
          String path = file.toUri().getPath();
          String name = path.substring(path.indexOf(OUTPUT) + OUTPUT.length());
          name = name.substring(0, name.length() - ".class".length()).replace('/', '.');
          try (var in = file.openInputStream()) {
            classes.put(name, in.readAllBytes());
          }
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
