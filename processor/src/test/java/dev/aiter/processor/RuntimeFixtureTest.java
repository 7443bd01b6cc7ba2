package dev.aiter.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The runtime's tests ({@code annotations/src/test}) cannot run the processor: the processor
 * depends on the runtime. They use a committed copy of what the processor generates for their
 * {@code @AsyncIterable} fixture, {@code ScriptedSource}. This test regenerates it and fails when
 * the copy is stale, so that every operator and bridge test over {@code ScriptedSourceAsync}
 * runs over exactly what a user's build produces.
 *
 * <p>To refresh after an intended change of the generated code, run this test with {@code
 * -Daiter.fixture.update=true}; it then writes the new copy and passes.
 */
class RuntimeFixtureTest {

  private static final Path FIXTURES = Path.of("..", "annotations", "src", "test", "java", "dev", "aiter");

  @Test
  void scriptedSourceAsync_isWhatTheProcessorGenerates() throws IOException {
    Path input = FIXTURES.resolve("ScriptedSource.java");
    Path copy = FIXTURES.resolve("ScriptedSourceAsync.java");
    Compilation compilation = Compiling.compileStrictly(forPath(input));
    String generated =
        compilation
            .generatedSourceFile("dev.aiter.ScriptedSourceAsync")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    if (Boolean.getBoolean("aiter.fixture.update")) {
      Files.writeString(copy, generated, StandardCharsets.UTF_8);
    }
    assertThat(compilation).succeededWithoutWarnings();
    assertWithMessage(
            "%s is stale: rerun this test with -Daiter.fixture.update=true and commit the copy",
            copy)
        .that(Files.readString(copy, StandardCharsets.UTF_8))
        .isEqualTo(generated);
  }

  private static javax.tools.JavaFileObject forPath(Path path) throws MalformedURLException {
    return JavaFileObjects.forResource(path.toUri().toURL());
  }
}
