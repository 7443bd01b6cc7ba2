package dev.aiter.internal;

import dev.aiter.AsyncIterator;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * Where the bridges between {@link AsyncIterator} and the JDK's other ways of streaming are
 * built: {@link Flow.Publisher} both ways and a blocking {@link Stream}. Arguments are checked
 * here, at once; nothing is pulled or subscribed here (O1). Internal: not part of the aiter API;
 * {@code AsyncIterator} and {@code Async} delegate here.
 */
public final class Bridges {

  /** The {@code prefetch} of {@code Async.fromPublisher(publisher)}. */
  public static final int DEFAULT_PREFETCH = PublisherIterator.DEFAULT_PREFETCH;

  /** The largest {@code prefetch}: the buffer is an array of that many slots, a power of two. */
  private static final int MAX_PREFETCH = 1 << 30;

  private Bridges() {}

  /**
   * {@code AsyncIterator.toPublisher()}.
   *
   * @param it the iterator
   * @param <T> the element type
   * @return a publisher for one subscriber
   */
  public static <T> Flow.Publisher<T> toPublisher(AsyncIterator<T> it) {
    return new IteratorPublisher<>(PullIterator.of(it));
  }

  /**
   * {@code Async.fromPublisher(publisher, prefetch)}.
   *
   * @param publisher the publisher
   * @param prefetch how many elements to request ahead, from 1 to 2<sup>30</sup>
   * @param <T> the element type
   * @return an iterator over what the publisher signals
   */
  public static <T> AsyncIterator<T> fromPublisher(
      Flow.Publisher<? extends T> publisher, int prefetch) {
    Objects.requireNonNull(publisher, "publisher");
    if (prefetch < 1 || prefetch > MAX_PREFETCH) {
      throw new IllegalArgumentException(
          "fromPublisher(publisher, prefetch): prefetch must be from 1 to 2^30, got " + prefetch);
    }
    return new PublisherIterator<T>(publisher, prefetch);
  }

  /**
   * {@code AsyncIterator.toStream()}.
   *
   * @param it the iterator
   * @param <T> the element type
   * @return a sequential stream that blocks for each element
   */
  public static <T> Stream<T> toStream(AsyncIterator<T> it) {
    return BlockingSpliterator.stream(PullIterator.of(it));
  }
}
