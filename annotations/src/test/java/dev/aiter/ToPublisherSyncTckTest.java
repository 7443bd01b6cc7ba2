package dev.aiter;

import dev.aiter.Fixtures.Mode;

/** {@link ToPublisherVerification} over already-complete stages: signals come inside {@code request}. */
public class ToPublisherSyncTckTest extends ToPublisherVerification {
  public ToPublisherSyncTckTest() {
    super(Mode.SYNC);
  }
}
