package dev.aiter.example.http;

import java.util.Objects;

/**
 * One entry of the listing.
 *
 * @param id the entry's number, 1 for the first entry of the first page
 * @param name the entry's name
 */
public record Item(int id, String name) {

  /**
   * Checks the name.
   *
   * @param id the entry's number
   * @param name the entry's name; not {@code null}
   */
  public Item {
    Objects.requireNonNull(name, "name");
  }
}
