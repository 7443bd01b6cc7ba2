package dev.aiter;

import dev.aiter.Fixtures.Mode;

/** {@link ToPublisherVerification} over stages completed by other threads. */
public class ToPublisherAsyncTckTest extends ToPublisherVerification {
  public ToPublisherAsyncTckTest() {
    super(Mode.ASYNC);
  }
}
