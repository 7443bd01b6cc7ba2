/**
 * The aiter annotation processor: for each {@code @AsyncIterable} class {@code Foo} it writes
 * {@code FooAsync}, with {@code aiter}, {@code anext} and {@code asyncFor} functions over the
 * runtime's adapters. {@link dev.aiter.processor.AsyncIterableProcessor} is the entry point; the
 * module's README lists every supported shape and every diagnostic with the test that proves it.
 */
package dev.aiter.processor;
