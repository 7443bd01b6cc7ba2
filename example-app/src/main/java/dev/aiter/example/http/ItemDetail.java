package dev.aiter.example.http;

import java.util.Objects;

/**
 * The details of one item, from the listing's second endpoint ({@code GET /details?id=K}), as
 * {@link ListingJson} maps it: {@code {"id":4,"name":"damson","description":"..."}}.
 *
 * @param id the item's id
 * @param name the item's name
 * @param description a longer text about the item
 */
public record ItemDetail(int id, String name, String description) {

  /**
   * Checks the members.
   *
   * @param id the item's id
   * @param name the item's name; not {@code null}
   * @param description the text; not {@code null}
   */
  public ItemDetail {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
  }
}
