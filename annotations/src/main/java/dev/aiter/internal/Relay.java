package dev.aiter.internal;

import java.util.concurrent.CompletionStage;

/**
 * An operator over one upstream that waits on nothing of its own: what it waits on is its
 * upstream's stage, which it relays. A subclass says what to do with each answer of the upstream
 * in {@link #handle}; pulling again (a filter that rejected an element) happens inside that
 * method, in a loop, so the stack stays flat.
 *
 * <p>Every concrete subclass implements {@link #poll()} itself as {@code Object d = gate();
 * return d != null ? d : record(handle(upstream.it.poll()));} (see {@link Operator} for why).
 *
 * @param <U> the upstream's element type
 * @param <T> the element type
 */
abstract class Relay<U, T> extends Operator<T> {

  /** The iterator this operator reads. */
  final Upstream<U> upstream;

  Relay(String name, PullIterator<U> upstream) {
    super(name);
    this.upstream = new Upstream<>(upstream);
  }

  /**
   * What to answer for an answer of the upstream: an element, {@link Stages#END}, a {@link
   * Stages.Failure} or {@link Stages#PENDING}. May poll the upstream again.
   */
  abstract Object handle(Object answer);

  @Override
  Object proceed(Object value, Throwable error) {
    return handle(upstream.it.resume(value, error));
  }

  @Override
  CompletionStage<?> waitingFor() {
    return upstream.it.waiting();
  }

  @Override
  void abandon() {
    super.abandon();
    upstream.it.abandon();
  }

  @Override
  CompletionStage<?> release() {
    return upstream.close();
  }
}
