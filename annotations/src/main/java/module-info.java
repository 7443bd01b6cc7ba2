/**
 * aiter's runtime: {@link dev.aiter.AsyncIterable}, the {@link dev.aiter.AsyncIterator} protocol,
 * Python's functions in {@link dev.aiter.Async}, and the stack-safe loop behind them.
 *
 * <p>A module that uses aiter {@code requires dev.aiter;} and nothing else of it: the processor
 * runs from the processor path, and the classes it generates extend the bases in {@code
 * dev.aiter.generated}, which exists for generated code only. The engine ({@code
 * dev.aiter.internal}) is not exported.
 */
module dev.aiter {
  exports dev.aiter;
  exports dev.aiter.generated;
}
