/**
 * Python's asynchronous iteration for Java: {@link dev.aiter.AsyncIterable} marks a class with
 * an async next method, {@link dev.aiter.AsyncIterator} is the protocol, {@link dev.aiter.Async}
 * holds {@code aiter}, {@code anext} and {@code asyncFor}, and {@link
 * dev.aiter.StopAsyncIteration} ends an iteration.
 *
 * <table>
 *   <caption>Python and aiter</caption>
 *   <tr><th>Python</th><th>aiter</th></tr>
 *   <tr><td>{@code aiter(x)}</td><td>{@code FooAsync.aiter(x)}, {@code Async.aiter(it)}</td></tr>
 *   <tr><td>{@code await anext(it)}</td><td>{@code anext(it)}</td></tr>
 *   <tr><td>{@code await anext(it, d)}</td><td>{@code anext(it, d)}</td></tr>
 *   <tr><td>{@code async for x in it: ...}</td><td>{@code asyncFor(it, x -> ...)}</td></tr>
 *   <tr><td>{@code break}</td><td>{@code asyncFor(it, (x, loop) -> loop.breakLoop())}</td></tr>
 *   <tr><td>{@code async for x in it: await f(x)}</td><td>{@code asyncForAwait(it, x -> f(x))}</td></tr>
 *   <tr><td>{@code raise StopAsyncIteration}</td><td>{@code throw new StopAsyncIteration()}</td></tr>
 *   <tr><td>{@code async def gen(): yield v}</td><td>{@code Async.generator(out -> out.yield(v))}</td></tr>
 * </table>
 */
package dev.aiter;
