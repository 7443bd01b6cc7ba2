package dev.aiter;

import dev.aiter.Fixtures.Mode;

/** {@link ToPublisherVerification} over two already-complete stages in three, one from another thread. */
public class ToPublisherMixedTckTest extends ToPublisherVerification {
  public ToPublisherMixedTckTest() {
    super(Mode.MIXED);
  }
}
