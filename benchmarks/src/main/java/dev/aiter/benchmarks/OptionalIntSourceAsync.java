package dev.aiter.benchmarks;

import dev.aiter.Async;
import dev.aiter.AsyncIterator;
import dev.aiter.AwaitLoopBody;
import dev.aiter.BreakableLoopBody;
import dev.aiter.LoopBody;
import dev.aiter.internal.OptionalStageAdapter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * STAND-IN for the class the aiter processor generates (the processor is not written yet); it
 * mirrors the generated shape so that the rest of the module can be built. Deleted once the
 * processor generates it.
 */
final class OptionalIntSourceAsync {
  private OptionalIntSourceAsync() {}

  static AsyncIterator<Integer> aiter(OptionalIntSource source) {
    return new Adapter(source);
  }

  static CompletableFuture<Void> asyncFor(OptionalIntSource source, LoopBody<? super Integer> body) {
    return Async.asyncFor(aiter(source), body);
  }

  static CompletableFuture<Void> asyncFor(OptionalIntSource source, BreakableLoopBody<? super Integer> body) {
    return Async.asyncFor(aiter(source), body);
  }

  static CompletableFuture<Void> asyncForAwait(OptionalIntSource source, AwaitLoopBody<? super Integer> body) {
    return Async.asyncForAwait(aiter(source), body);
  }

  private static final class Adapter extends OptionalStageAdapter<Integer> {
    private final OptionalIntSource source;

    Adapter(OptionalIntSource source) {
      super("OptionalIntSource", "anext", null);
      this.source = source;
    }

    @Override
    protected CompletionStage<? extends Optional<? extends Integer>> next() {
      return source.anext();
    }
  }
}
