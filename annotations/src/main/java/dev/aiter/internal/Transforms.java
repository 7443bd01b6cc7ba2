package dev.aiter.internal;

import dev.aiter.Indexed;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The operators that turn each element into one other value: {@code map}, {@code peek}, {@code
 * enumerate} and the one-at-a-time {@code mapAsync}.
 */
final class Transforms {

  private Transforms() {}

  /** {@code map(fn)}: Python's {@code (fn(x) async for x in it)}. */
  static final class Map<U, T> extends Relay<U, T> {
    private final Function<? super U, ? extends T> fn;

    Map(PullIterator<U> upstream, Function<? super U, ? extends T> fn) {
      super("AsyncIterator.map(fn)", upstream);
      this.fn = fn;
    }

    @Override
    Object poll() {
      Object d = gate();
      return d != null ? d : record(handle(upstream.it.poll()));
    }

    @Override
    @SuppressWarnings("unchecked")
    Object handle(Object answer) {
      if (!isElement(answer)) {
        return answer;
      }
      try {
        return fn.apply((U) answer);
      } catch (Throwable t) {
        return Stages.failure(t);
      }
    }
  }

  /** {@code peek(action)}: runs the action on each element as it passes. */
  static final class Peek<T> extends Relay<T, T> {
    private final Consumer<? super T> action;

    Peek(PullIterator<T> upstream, Consumer<? super T> action) {
      super("AsyncIterator.peek(action)", upstream);
      this.action = action;
    }

    @Override
    Object poll() {
      Object d = gate();
      return d != null ? d : record(handle(upstream.it.poll()));
    }

    @Override
    @SuppressWarnings("unchecked")
    Object handle(Object answer) {
      if (!isElement(answer)) {
        return answer;
      }
      try {
        action.accept((T) answer);
        return answer;
      } catch (Throwable t) {
        return Stages.failure(t);
      }
    }
  }

  /** {@code enumerate()}: Python's {@code enumerate}, counting from 0. */
  static final class Enumerate<T> extends Relay<T, Indexed<T>> {
    private long index;

    Enumerate(PullIterator<T> upstream) {
      super("AsyncIterator.enumerate()", upstream);
    }

    @Override
    Object poll() {
      Object d = gate();
      return d != null ? d : record(handle(upstream.it.poll()));
    }

    @Override
    @SuppressWarnings("unchecked")
    Object handle(Object answer) {
      if (!isElement(answer)) {
        return answer;
      }
      return new Indexed<>(index++, (T) answer);
    }
  }

  /**
   * {@code mapAsync(fn)}: waits for each element's stage of {@code fn} before it pulls the next
   * element. The stage in flight is cancelled when the iterator is closed (O7).
   */
  static final class MapAsync<U, T> extends Relay<U, T> {
    private final Function<? super U, ? extends CompletionStage<? extends T>> fn;

    /** The stage of {@code fn} waited on, or {@code null} while the upstream is waited on. */
    private volatile CompletionStage<?> work;

    MapAsync(
        PullIterator<U> upstream, Function<? super U, ? extends CompletionStage<? extends T>> fn) {
      super("AsyncIterator.mapAsync(fn)", upstream);
      this.fn = fn;
    }

    @Override
    Object poll() {
      Object d = gate();
      return d != null ? d : record(handle(upstream.it.poll()));
    }

    @Override
    @SuppressWarnings("unchecked")
    Object handle(Object answer) {
      if (!isElement(answer)) {
        return answer;
      }
      CompletionStage<? extends T> stage;
      try {
        stage = fn.apply((U) answer);
      } catch (Throwable t) {
        return Stages.failure(t);
      }
      if (stage == null) {
        return new Stages.Failure(
            new NullPointerException(
                "the function of AsyncIterator.mapAsync(fn) returned null instead of a"
                    + " CompletionStage for element "
                    + Stages.describe(answer)));
      }
      Object r = Stages.peek(stage);
      if (r == Stages.PENDING) {
        work = stage;
      } else if (r instanceof Stages.Failure) {
        return Stages.failure(((Stages.Failure) r).error());
      }
      return r;
    }

    @Override
    Object proceed(Object value, Throwable error) {
      if (work != null) {
        work = null;
        return error == null ? value : Stages.failure(error);
      }
      return super.proceed(value, error);
    }

    @Override
    CompletionStage<?> waitingFor() {
      CompletionStage<?> w = work;
      return w != null ? w : super.waitingFor();
    }

    @Override
    CompletionStage<?> release() {
      return Stages.cancelThen(work, super.release());
    }
  }
}
