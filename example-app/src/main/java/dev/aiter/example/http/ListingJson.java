package dev.aiter.example.http;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The wire format of a listing page, shared by {@link ListingServer} and {@link ListingClient}:
 * the records {@link Page} and {@link Item}, written and read by Jackson.
 *
 * <pre>{@code
 * {"page":2,"items":[{"id":4,"name":"damson"},{"id":5,"name":"elderberry"}],"next":"cGFnZT0z"}
 * }</pre>
 *
 * <p>{@code next} is an opaque cursor for the following page, {@code null} on the last page. A
 * failed request gets {@code {"error":"..."}} instead.
 *
 * <p>Reading is strict about the members the format defines, so that a page that is not quite a
 * page fails loudly instead of ending the listing early or with wrong data: every member must be
 * present (a missing {@code next} is not taken for the last page), none but {@code next} may be
 * {@code null}, numbers must be whole and strings must be strings, and a member may not appear
 * twice. Members the format does not define are ignored, so that the server may add some.
 */
public final class ListingJson {

  /** Immutable and thread-safe, like every Jackson 3 mapper: the server's threads share it. */
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // Jackson 3's default too
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .changeDefaultNullHandling(nulls -> JsonSetter.Value.forValueNulls(Nulls.FAIL))
          // No guessing: "1" is not the page 1, 1.5 is not 1, and 2 is not the cursor "2".
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .withCoercionConfig(
              LogicalType.Textual,
              strings ->
                  strings
                      .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** The body of an error response. */
  private record ErrorBody(String error) {}

  private ListingJson() {}

  /**
   * Writes a page as JSON.
   *
   * @param page the page
   * @return its JSON text, members in the order of the class comment
   */
  public static String encode(Page page) {
    return MAPPER.writeValueAsString(page);
  }

  /**
   * Writes the body of an error response.
   *
   * @param message what went wrong
   * @return {@code {"error":message}} as JSON text
   */
  public static String encodeError(String message) {
    return MAPPER.writeValueAsString(new ErrorBody(message));
  }

  /**
   * Reads a page from JSON, as strictly as the class comment says.
   *
   * @param json the JSON text of a page
   * @return the page
   * @throws IllegalArgumentException when {@code json} is not JSON or not a page; the message
   *     says what is wrong, at which member and where in the text, and the cause is Jackson's
   *     exception
   */
  public static Page decode(String json) {
    try {
      return MAPPER.readValue(json, Page.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(describe(e), e);
    }
  }

  /**
   * Writes an item's details as JSON.
   *
   * @param detail the details
   * @return {@code {"id":..,"name":..,"description":..}}
   */
  public static String encodeDetail(ItemDetail detail) {
    return MAPPER.writeValueAsString(detail);
  }

  /**
   * Reads an item's details from JSON, as strictly as a page.
   *
   * @param json the JSON text of the details
   * @return the details
   * @throws IllegalArgumentException when {@code json} is not JSON or not an item's details
   */
  public static ItemDetail decodeDetail(String json) {
    try {
      return MAPPER.readValue(json, ItemDetail.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(describe(e), e);
    }
  }

  /**
   * Reads the message of an error response, if the body is one.
   *
   * @param json a response body
   * @return the {@code "error"} member, or {@code null} when the body is not an error object
   */
  public static String decodeError(String json) {
    try {
      return MAPPER.readValue(json, ErrorBody.class).error();
    } catch (JacksonException notAnErrorBody) {
      return null; // the caller reports the status alone
    }
  }

  /**
   * Where the problem is, then Jackson's own account of it: {@code line 1, column 35, at
   * items[0].name: Invalid `null` value...}. The member is a path into the document rather than
   * Jackson's chain of Java classes, and the position is given without the source text, which
   * Jackson leaves out of its messages by default because a body may be large or private.
   */
  private static String describe(JacksonException e) {
    StringBuilder where = new StringBuilder();
    TokenStreamLocation location = e.getLocation();
    if (location != null && location.getLineNr() > 0 && location.getColumnNr() > 0) {
      where.append("line ").append(location.getLineNr());
      where.append(", column ").append(location.getColumnNr());
    }
    String member = memberPath(e.getPath());
    if (!member.isEmpty()) {
      where.append(where.length() == 0 ? "" : ", ").append("at ").append(member);
    }
    String problem = e.getOriginalMessage();
    return where.length() == 0 ? problem : where + ": " + problem;
  }

  private static String memberPath(List<JacksonException.Reference> path) {
    StringBuilder member = new StringBuilder();
    for (JacksonException.Reference step : path) {
      if (step.getPropertyName() != null) {
        member.append(member.length() == 0 ? "" : ".").append(step.getPropertyName());
      } else if (step.getIndex() >= 0) {
        member.append('[').append(step.getIndex()).append(']');
      }
    }
    return member.toString();
  }
}
