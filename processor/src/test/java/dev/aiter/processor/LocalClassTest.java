package dev.aiter.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.aiter.processor.Compiling.compile;
import static dev.aiter.processor.Compiling.source;

import com.google.testing.compile.Compilation;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Local classes. javac hands processors only top-level and member classes, so an annotated local
 * class never reaches the processor through javac; the validator still rejects one (another
 * compiler may pass it), which is tested here on an element obtained through the javac API.
 */
class LocalClassTest {

  private static final JavaFileObject HOLDER =
      source(
          "p.Holder",
          """
          package p;

          import dev.aiter.AsyncIterable;
          import java.util.concurrent.CompletableFuture;

          public class Holder {
            Object make() {
              @AsyncIterable
              class Local {
                CompletableFuture<String> anext() {
                  return null;
                }
              }
              return new Local();
            }
          }
          """);

  @Test
  void localClass_isAnErrorOnTheClass() throws Exception {
    JavacTask task =
        (JavacTask)
            ToolProvider.getSystemJavaCompiler()
                .getTask(null, null, null, List.of("-proc:none"), null, List.of(HOLDER));
    Iterable<? extends CompilationUnitTree> units = task.parse();
    task.analyze();
    Trees trees = Trees.instance(task);
    CompilationUnitTree unit = units.iterator().next();
    List<TypeElement> locals = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        Element element = trees.getElement(getCurrentPath());
        if (element instanceof TypeElement type && type.getNestingKind() == NestingKind.LOCAL) {
          locals.add(type);
        }
        return super.visitClass(tree, unused);
      }
    }.scan(unit, null);
    TypeElement local = locals.get(0);

    List<Problem> problems = new ArrayList<>();
    new AsyncIterableValidator(task.getElements(), task.getTypes()).validate(local, problems);

    assertThat(problems).hasSize(1);
    Problem problem = problems.get(0);
    assertThat(problem.isError()).isTrue();
    assertThat(problem.message())
        .isEqualTo(
            "[AsyncIterableLocalClass] @AsyncIterable class Local is a local or anonymous class,"
                + " which generated code cannot name. Move it to a top-level or member class.");
    assertThat(problem.element()).isEqualTo(local);
    long position =
        trees.getSourcePositions().getStartPosition(unit, trees.getTree(problem.element()));
    // The declaration of Local starts at its annotation, on line 8.
    assertThat(unit.getLineMap().getLineNumber(position)).isEqualTo(8);
  }

  @Test
  void javacDoesNotHandLocalClassesToProcessors() {
    Compilation compilation = compile(HOLDER);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFiles()).isEmpty();
  }
}
