package dev.aiter.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code batched(size)}: Python 3.12's {@code itertools.batched} (C#'s {@code Chunk}, Kotlin's
 * {@code chunked}): unmodifiable lists of {@code size} elements, the last one shorter when the
 * upstream ends mid-way. An upstream failure fails at once; the elements of the unfinished batch
 * are not delivered.
 *
 * @param <T> the element type
 */
final class Batched<T> extends Relay<T, List<T>> {

  /** The largest list allocated up front, so that a huge size does not reserve a huge array. */
  private static final int MAX_INITIAL_CAPACITY = 1024;

  private final int size;
  private List<T> batch;
  /** The upstream ended while the last, shorter batch was handed on. */
  private boolean upstreamEnded;

  Batched(PullIterator<T> upstream, int size) {
    super("AsyncIterator.batched(size)", upstream);
    this.size = size;
  }

  @Override
  Object poll() {
    Object d = gate();
    if (d != null) {
      return d;
    }
    return record(upstreamEnded ? Stages.END : handle(upstream.it.poll()));
  }

  @Override
  @SuppressWarnings("unchecked")
  Object handle(Object answer) {
    Object r = answer;
    for (; ; ) {
      if (r == Stages.PENDING || r instanceof Stages.Failure) {
        return r;
      }
      if (r == Stages.END) {
        if (batch == null) {
          return r;
        }
        upstreamEnded = true;
        return take();
      }
      if (batch == null) {
        batch = new ArrayList<>(Math.min(size, MAX_INITIAL_CAPACITY));
      }
      batch.add((T) r);
      if (batch.size() == size) {
        return take();
      }
      r = upstream.it.poll();
    }
  }

  private List<T> take() {
    List<T> full = Collections.unmodifiableList(batch);
    batch = null;
    return full;
  }
}
