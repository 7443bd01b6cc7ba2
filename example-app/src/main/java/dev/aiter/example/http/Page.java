package dev.aiter.example.http;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.List;
import java.util.Objects;

/**
 * One page of the listing, as the server sends it; {@link ListingJson} maps it to and from the
 * JSON object {@code {"page":2,"items":[...],"next":"cGFnZT0z"}}.
 *
 * @param number the page's number, 1 for the first page; the member {@code "page"}
 * @param items the page's entries, in order
 * @param next the cursor that fetches the following page, or {@code null} on the last page
 */
public record Page(
    @JsonProperty("page") int number,
    List<Item> items,
    // The one member that may be null; ListingJson refuses null everywhere else.
    @JsonSetter(nulls = Nulls.SET) String next) {

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
  @JsonIgnore // derived from next, not a member of the wire format
  public boolean isLast() {
    return next == null;
  }
}
