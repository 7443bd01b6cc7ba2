package dev.aiter.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's named module ("Java modules" in API.md): {@code module app { requires dev.aiter; }},
 * compiled as a build tool does it (javac through {@code javax.tools}, real files, the runtime on
 * the module path, {@code -Xlint:all,-processing -Werror}) with the processor on the processor
 * path and, in another test, on the processor module path; then run in a module layer of its own,
 * where the runtime is the named module {@code dev.aiter} and its engine is not exported. Such a
 * module cannot read {@code java.compiler}, so its generated classes go without {@code
 * @Generated}; one that requires {@code java.compiler} gets it.
 */
class ModulePathTest {

  /** The runtime: the jar, or the classes directory, that holds the module dev.aiter. */
  private static Path runtime;

  /** The processor and what it needs at run time, as a processor path. */
  private static List<Path> processorPath;

  @BeforeAll
  static void locateTheRuntimeAndTheProcessor() throws URISyntaxException {
    runtime = locationOf(dev.aiter.AsyncIterable.class);
    processorPath = List.of(locationOf(AsyncIterableProcessor.class), locationOf(JavaFile.class));
  }

  @Test
  void namedModuleRequiringOnlyDevAiter_compilesWithoutWarnings_runs_andHasNoGenerated(
      @TempDir Path dir) throws Exception {
    Path out =
        compile(dir, Map.of("app", "requires dev.aiter;"), "-processorpath", joined(processorPath));
    assertThat(run(out, "app")).isEqualTo("[0, 1, 2] [a, b] closes=1");
    for (String generated : List.of("CounterAsync", "PagerAsync")) {
      String source = Files.readString(dir.resolve("gen/app/app/" + generated + ".java"));
      assertThat(source).doesNotContain("@Generated");
      assertThat(source).contains("import dev.aiter.generated.");
      assertThat(source).doesNotContain("dev.aiter.internal");
    }
  }

  /**
   * The processor on the processor module path, compiled through {@code javax.tools} as a build
   * tool does. The processor is named with {@code -processor}: javac 25 called in-process finds
   * no processor on the processor module path through its service (javac 17 does, and so does
   * the javac command of both; {@link #processorOnTheProcessorModulePath_isFoundAsAService}
   * proves that part).
   */
  @Test
  void processorOnTheProcessorModulePath_worksTheSame(@TempDir Path dir) throws Exception {
    Path jar = processorJar(dir.resolve("aiter-processor.jar"));
    Path out =
        compile(
            dir,
            Map.of("app", "requires dev.aiter;"),
            "--processor-module-path",
            joined(List.of(jar, processorPath.get(1))),
            "-processor",
            AsyncIterableProcessor.class.getName());
    assertThat(run(out, "app")).isEqualTo("[0, 1, 2] [a, b] closes=1");
    assertThat(Files.readString(dir.resolve("gen/app/app/PagerAsync.java")))
        .doesNotContain("@Generated");
  }

  /**
   * The javac command of the running JDK finds the processor on the processor module path by
   * itself, through the service the automatic module provides (its {@code META-INF/services}
   * entry), as a user's command line would.
   */
  @Test
  void processorOnTheProcessorModulePath_isFoundAsAService(@TempDir Path dir) throws Exception {
    Path src = dir.resolve("src");
    writeModule(src.resolve("app"), "app", "requires dev.aiter;");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "javac").toString());
    command.addAll(List.of("--release", "17", "-Xlint:all,-processing", "-Werror"));
    command.addAll(List.of("--module-path", runtime.toString()));
    command.addAll(List.of("--module-source-path", src.toString()));
    command.addAll(List.of("-d", dir.resolve("out").toString(), "-s", dir.resolve("gen").toString()));
    command.addAll(
        List.of(
            "--processor-module-path",
            joined(List.of(processorJar(dir.resolve("aiter-processor.jar")), processorPath.get(1)))));
    command.addAll(List.of("--module", "app"));
    Process javac = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertWithMessage("javac said: %s", output).that(javac.waitFor()).isEqualTo(0);
    assertThat(run(dir.resolve("out"), "app")).isEqualTo("[0, 1, 2] [a, b] closes=1");
  }

  /**
   * {@code @Generated} is chosen per module: compiled together, a module that reads {@code
   * java.compiler} makes the annotation exist in the compilation, and the one beside it, which
   * does not read it, must still go without.
   */
  @Test
  void generatedIsChosenPerModule_asEachModuleSeesIt(@TempDir Path dir) throws Exception {
    Path out =
        compile(
            dir,
            Map.of(
                "app", "requires dev.aiter;",
                "tool", "requires dev.aiter;\n  requires static java.compiler;"),
            "-processorpath",
            joined(processorPath));
    assertThat(run(out, "app")).isEqualTo("[0, 1, 2] [a, b] closes=1");
    assertThat(run(out, "tool")).isEqualTo("[0, 1, 2] [a, b] closes=1");
    assertThat(Files.readString(dir.resolve("gen/app/app/PagerAsync.java")))
        .doesNotContain("@Generated");
    assertThat(Files.readString(dir.resolve("gen/tool/tool/PagerAsync.java")))
        .contains("@Generated(\"dev.aiter.processor.AsyncIterableProcessor\")");
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Writes each module (name to the {@code requires} of its descriptor) with the same three
   * classes in a package of its name, compiles them all in one javac run, as a build tool with
   * {@code --module-source-path} does, with the processor given by {@code processorOptions}, and
   * returns the class output (a directory of modules); fails the test on any diagnostic.
   */
  private static Path compile(Path dir, Map<String, String> modules, String... processorOptions)
      throws IOException {
    Path src = dir.resolve("src");
    for (Map.Entry<String, String> module : new TreeMap<>(modules).entrySet()) {
      writeModule(src.resolve(module.getKey()), module.getKey(), module.getValue());
    }
    Path out = Files.createDirectories(dir.resolve("out"));
    Path gen = Files.createDirectories(dir.resolve("gen"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      List<String> options = new ArrayList<>();
      options.addAll(List.of("--release", "17", "-Xlint:all,-processing", "-Werror"));
      options.addAll(List.of("--module-path", runtime.toString()));
      options.addAll(List.of("--module-source-path", src.toString()));
      options.addAll(List.of("-d", out.toString(), "-s", gen.toString()));
      options.addAll(List.of(processorOptions));
      List<Path> sources;
      try (Stream<Path> walk = Files.walk(src)) {
        sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      }
      boolean ok =
          javac
              .getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
              .call();
      List<String> messages = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        messages.add(d.toString());
      }
      assertWithMessage("diagnostics").that(messages).isEmpty();
      assertThat(ok).isTrue();
    }
    return out;
  }

  /** The module {@code name} in {@code root}: its descriptor and three classes in package name. */
  private static void writeModule(Path root, String name, String requires) throws IOException {
    write(
        root.resolve("module-info.java"),
        "module %s {\n  %s\n  provides java.util.function.Supplier with %s.Main;\n}\n",
        name,
        requires,
        name);
    write(
        root.resolve(name + "/Counter.java"),
        """
        package %s;

        import dev.aiter.AsyncIterable;
        import dev.aiter.StopAsyncIteration;
        import java.util.concurrent.CompletableFuture;

        /** Counts from 0 to stop (exclusive), with extension methods. */
        @AsyncIterable
        public final class Counter implements CounterAsync.Extensions {
          private final int stop;
          private int current;

          Counter(int stop) {
            this.stop = stop;
          }

          CompletableFuture<Integer> anext() {
            return current < stop
                ? CompletableFuture.completedFuture(current++)
                : CompletableFuture.failedFuture(new StopAsyncIteration());
          }
        }
        """,
        name);
    write(
        root.resolve(name + "/Pager.java"),
        """
        package %s;

        import dev.aiter.AsyncIterable;
        import java.util.Iterator;
        import java.util.List;
import java.util.Map;
        import java.util.Optional;
        import java.util.concurrent.CompletableFuture;
        import java.util.concurrent.CompletionStage;

        /** Items in the Optional shape, generic, with extension methods and a close. */
        @AsyncIterable
        public class Pager<T extends Comparable<T>> implements PagerAsync.Extensions<T> {
          private final Iterator<T> items;
          int closes;

          Pager(List<T> items) {
            this.items = items.iterator();
          }

          public CompletionStage<Optional<T>> anext() {
            return CompletableFuture.completedFuture(
                items.hasNext() ? Optional.of(items.next()) : Optional.empty());
          }

          public CompletionStage<Void> aclose() {
            closes++;
            return CompletableFuture.completedFuture(null);
          }
        }
        """,
        name);
    write(
        root.resolve(name + "/Main.java"),
        """
        package %s;

        import java.util.ArrayList;
        import java.util.List;
import java.util.Map;
        import java.util.function.Supplier;

        /** What the test runs, found as the module's service. */
        public final class Main implements Supplier<String> {
          /** Creates the service. */
          public Main() {}

          /**
           * Iterates a counter and a pager through the generated code.
           *
           * @return what it saw
           */
          @Override
          public String get() {
            List<Integer> numbers = new ArrayList<>();
            new Counter(3).asyncFor(n -> numbers.add(n)).join();
            Pager<String> pager = new Pager<>(List.of("a", "b"));
            List<String> items = PagerAsync.aiter(pager).toList().join();
            return numbers + " " + items + " closes=" + pager.closes;
          }
        }
        """,
        name);
  }

  /**
   * Runs the {@code Supplier} service of {@code module}, its {@code Main}, in a layer of its own:
   * that module and {@code dev.aiter} as named modules, resolved from the compiled classes and
   * the runtime, nothing from the test's class path; the module exports nothing.
   */
  private static String run(Path out, String module) {
    ModuleFinder finder = ModuleFinder.of(out, runtime);
    Configuration configuration =
        ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), Set.of(module));
    ModuleLayer layer =
        ModuleLayer.boot()
            .defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    Module aiter = layer.findModule("dev.aiter").orElseThrow();
    assertThat(aiter.getPackages()).contains("dev.aiter.internal");
    assertThat(aiter.isExported("dev.aiter.internal")).isFalse();
    @SuppressWarnings("unchecked")
    Supplier<String> main = ServiceLoader.load(layer, Supplier.class).findFirst().orElseThrow();
    assertThat(main.getClass().getModule()).isEqualTo(layer.findModule(module).orElseThrow());
    return main.get();
  }

  /**
   * The processor as a jar for the processor module path: an automatic module named as the
   * published jar's manifest names it, which provides the processor through its {@code
   * META-INF/services} entry.
   */
  private static Path processorJar(Path jar) throws IOException {
    Path classes = processorPath.get(0);
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Automatic-Module-Name", "dev.aiter.processor");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        Stream<Path> walk = Files.walk(classes)) {
      for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
        String name = classes.relativize(path).toString().replace('\\', '/');
        if (name.equals("META-INF/MANIFEST.MF")) {
          continue;
        }
        out.putNextEntry(new JarEntry(name));
        Files.copy(path, out);
        out.closeEntry();
      }
    }
    return jar;
  }

  private static Path locationOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static String joined(List<Path> paths) {
    return String.join(
        java.io.File.pathSeparator, paths.stream().map(Path::toString).toList());
  }

  private static void write(Path file, String text, Object... args) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, args.length == 0 ? text : text.formatted(args));
  }
}
