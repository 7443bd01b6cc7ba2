package dev.aiter;

/**
 * An element with its position, as {@link AsyncIterator#enumerate()} delivers it: Python's
 * {@code (index, value)} pair from {@code enumerate}.
 *
 * @param index the position, counting from 0
 * @param value the element
 * @param <T> the element type
 */
public record Indexed<T>(long index, T value) {}
