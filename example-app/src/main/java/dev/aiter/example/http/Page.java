package dev.aiter.example.http;

import java.util.List;
import java.util.Objects;

/**
 * One page of the listing, as the server sends it.
 *
 * @param number the page's number, 1 for the first page
 * @param items the page's entries, in order
 * @param next the cursor that fetches the following page, or {@code null} on the last page
 */
public record Page(int number, List<Item> items, String next) {

  /**
   * Copies the items.
   *
   * @param number the page's number
   * @param items the page's entries; not {@code null}
   * @param next the cursor of the following page, or {@code null} on the last page
   */
  public Page {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
  }

  /**
   * Tells whether no page follows this one.
   *
   * @return {@code true} when {@link #next()} is {@code null}
   */
  public boolean isLast() {
    return next == null;
  }
}
