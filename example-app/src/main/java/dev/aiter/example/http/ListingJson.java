package dev.aiter.example.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The wire format of a listing page, shared by {@link ListingServer} and {@link ListingClient}:
 *
 * <pre>{@code
 * {"page":2,"items":[{"id":4,"name":"damson"},{"id":5,"name":"elderberry"}],"next":"cGFnZT0z"}
 * }</pre>
 *
 * <p>{@code next} is an opaque cursor for the following page, {@code null} on the last page. A
 * failed request gets {@code {"error":"..."}} instead.
 */
public final class ListingJson {

  private ListingJson() {}

  /**
   * Writes a page as JSON.
   *
   * @param page the page
   * @return its JSON text
   */
  public static String encode(Page page) {
    StringBuilder json = new StringBuilder();
    json.append("{\"page\":").append(page.number()).append(",\"items\":[");
    for (int i = 0; i < page.items().size(); i++) {
      Item item = page.items().get(i);
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"id\":").append(item.id()).append(",\"name\":");
      appendString(json, item.name());
      json.append('}');
    }
    json.append("],\"next\":");
    if (page.next() == null) {
      json.append("null");
    } else {
      appendString(json, page.next());
    }
    return json.append('}').toString();
  }

  /**
   * Writes the body of an error response.
   *
   * @param message what went wrong
   * @return {@code {"error":message}} as JSON text
   */
  public static String encodeError(String message) {
    StringBuilder json = new StringBuilder("{\"error\":");
    appendString(json, message);
    return json.append('}').toString();
  }

  /**
   * Reads a page from JSON. Members other than {@code page}, {@code items} and {@code next} are
   * ignored, so that the server may add some.
   *
   * @param json the JSON text of a page
   * @return the page
   * @throws IllegalArgumentException when {@code json} is not JSON or not a page
   */
  public static Page decode(String json) {
    Map<String, Object> page = asObject(JsonParser.parse(json), "the page");
    int number = asInt(page.get("page"), "\"page\"");
    List<Item> items = new ArrayList<>();
    Object itemList = page.get("items");
    if (!(itemList instanceof List)) {
      throw new IllegalArgumentException("\"items\" must be an array, got " + describe(itemList));
    }
    for (Object element : (List<?>) itemList) {
      String where = "item " + (items.size() + 1);
      Map<String, Object> item = asObject(element, where);
      Object name = item.get("name");
      if (!(name instanceof String)) {
        throw new IllegalArgumentException(
            "\"name\" of " + where + " must be a string, got " + describe(name));
      }
      items.add(new Item(asInt(item.get("id"), "\"id\" of " + where), (String) name));
    }
    if (!page.containsKey("next")) {
      throw new IllegalArgumentException("the page has no \"next\" member");
    }
    Object next = page.get("next");
    if (next != null && !(next instanceof String)) {
      throw new IllegalArgumentException(
          "\"next\" must be a string or null, got " + describe(next));
    }
    return new Page(number, items, (String) next);
  }

  /**
   * Reads the message of an error response, if the body is one.
   *
   * @param json a response body
   * @return the {@code "error"} member, or {@code null} when the body is not an error object
   */
  public static String decodeError(String json) {
    try {
      Object body = JsonParser.parse(json);
      if (body instanceof Map && ((Map<?, ?>) body).get("error") instanceof String) {
        return (String) ((Map<?, ?>) body).get("error");
      }
    } catch (IllegalArgumentException notJson) {
      // not an error object: the caller reports the status alone
    }
    return null;
  }

  private static void appendString(StringBuilder json, String s) {
    json.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          json.append("\\\"");
          break;
        case '\\':
          json.append("\\\\");
          break;
        case '\n':
          json.append("\\n");
          break;
        case '\r':
          json.append("\\r");
          break;
        case '\t':
          json.append("\\t");
          break;
        default:
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c); // the body is UTF-8: everything else travels as it is
          }
      }
    }
    json.append('"');
  }

  @SuppressWarnings("unchecked") // JsonParser makes every object a Map<String, Object>
  private static Map<String, Object> asObject(Object value, String what) {
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException(what + " must be an object, got " + describe(value));
    }
    return (Map<String, Object>) value;
  }

  private static int asInt(Object value, String what) {
    if (value instanceof Long) {
      long n = (Long) value;
      if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
        return (int) n;
      }
    }
    throw new IllegalArgumentException(what + " must be a whole number, got " + describe(value));
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "an array";
    }
    return value.toString();
  }
}
