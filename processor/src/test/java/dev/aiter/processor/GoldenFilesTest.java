package dev.aiter.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated source of four representative classes, pinned in {@code
 * src/test/resources/golden/expected}, so that any change to the generated code is a visible diff
 * in review. Inputs are in {@code golden/input}: a generic class with an {@code aclose()} stage
 * that implements its extension methods ({@code Pager}), the {@code Optional} shape of an {@code
 * AutoCloseable} with a named next method ({@code Lines}), an inner class of a generic class,
 * with extension methods too ({@code Shelf.Cursor}), and the simplest class ({@code Countdown}).
 *
 * <p>To update after an intended change, run this test with {@code -Daiter.golden.update=true}:
 * it then writes what the processor generated over the expected files (and passes); review the
 * diff before committing it.
 */
class GoldenFilesTest {

  static final String[] INPUTS = {"Pager", "Lines", "Shelf", "Countdown"};

  private static final Path EXPECTED =
      Path.of("src", "test", "resources", "golden", "expected");

  private static Compilation compilation;

  @BeforeAll
  static void compileInputs() {
    JavaFileObject[] inputs = new JavaFileObject[INPUTS.length];
    for (int i = 0; i < INPUTS.length; i++) {
      inputs[i] = JavaFileObjects.forResource("golden/input/" + INPUTS[i] + ".java");
    }
    compilation = Compiling.compileStrictly(inputs);
  }

  @Test
  void pager_genericWithAcloseStage() throws IOException {
    assertGolden("PagerAsync");
  }

  @Test
  void lines_optionalShapeOfAnAutoCloseableWithNamedNext() throws IOException {
    assertGolden("LinesAsync");
  }

  @Test
  void shelfCursor_innerClassOfAGenericClass() throws IOException {
    assertGolden("Shelf_CursorAsync");
  }

  @Test
  void countdown_simplestClass() throws IOException {
    assertGolden("CountdownAsync");
  }

  private static void assertGolden(String generated) throws IOException {
    String resource = "golden/expected/" + generated + ".java";
    if (Boolean.getBoolean("aiter.golden.update")) {
      Files.writeString(
          EXPECTED.resolve(generated + ".java"),
          compilation
              .generatedSourceFile("p." + generated)
              .orElseThrow()
              .getCharContent(true)
              .toString(),
          StandardCharsets.UTF_8);
      return;
    }
    assertThat(compilation)
        .generatedSourceFile("p." + generated)
        .hasSourceEquivalentTo(JavaFileObjects.forResource(resource));
    // Equivalence ignores comments and layout; the Javadoc and formatting are pinned too.
    assertThat(compilation)
        .generatedSourceFile("p." + generated)
        .contentsAsUtf8String()
        .isEqualTo(read(resource));
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = GoldenFilesTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
