/**
 * For code the aiter processor generates, and nothing else: {@link dev.aiter.generated.Adapters}
 * builds the iterator every {@code FooAsync} hands out, a {@link
 * dev.aiter.generated.GeneratedAdapter}. They are public only because generated code lives in
 * the user's packages; they are not part of aiter's API, and they change with the processor,
 * which always generates code for the runtime of the same release. Use {@code
 * FooAsync.aiter(source)}, which returns a {@link dev.aiter.AsyncIterator}, instead of naming
 * them.
 */
package dev.aiter.generated;
