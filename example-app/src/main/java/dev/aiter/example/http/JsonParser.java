package dev.aiter.example.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON parser (RFC 8259) for the listing's pages, so that the example needs
 * nothing beyond the JDK. It turns JSON text into plain Java values: an object becomes a {@code
 * Map<String, Object>} (in document order), an array a {@code List<Object>}, a string a {@code
 * String}, a number a {@code Long} when it is a whole number that fits, else a {@code Double},
 * {@code true}/{@code false} a {@code Boolean}, and {@code null} {@code null}.
 *
 * <p>Anything else, including trailing text, fails with an {@link IllegalArgumentException} that
 * gives the offset of the problem.
 */
public final class JsonParser {

  /** Deeper nesting than this is refused rather than risking the stack on hostile input. */
  private static final int MAX_DEPTH = 64;

  private final String text;
  private int at;

  private JsonParser(String text) {
    this.text = text;
  }

  /**
   * Parses one JSON value, with optional whitespace around it.
   *
   * @param text JSON text
   * @return the value, as described in the class comment
   * @throws IllegalArgumentException when {@code text} is not exactly one JSON value
   */
  public static Object parse(String text) {
    JsonParser parser = new JsonParser(text);
    parser.skipWhitespace();
    Object value = parser.value(0);
    parser.skipWhitespace();
    if (parser.at < text.length()) {
      throw parser.error("unexpected text after the value");
    }
    return value;
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH + " levels");
    }
    if (at >= text.length()) {
      throw error("unexpected end of input");
    }
    char c = text.charAt(at);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected character '" + c + "'");
    }
  }

  private Map<String, Object> object(int depth) {
    at++; // {
    Map<String, Object> members = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      at++;
      return Collections.unmodifiableMap(members);
    }
    for (;;) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a member name in double quotes");
      }
      int nameAt = at;
      String name = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      if (members.containsKey(name)) {
        at = nameAt;
        throw error("duplicate member \"" + name + "\"");
      }
      members.put(name, value(depth + 1));
      skipWhitespace();
      if (peek() == ',') {
        at++;
      } else {
        expect('}');
        return Collections.unmodifiableMap(members);
      }
    }
  }

  private List<Object> array(int depth) {
    at++; // [
    List<Object> elements = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      at++;
      return Collections.unmodifiableList(elements);
    }
    for (;;) {
      skipWhitespace();
      elements.add(value(depth + 1));
      skipWhitespace();
      if (peek() == ',') {
        at++;
      } else {
        expect(']');
        return Collections.unmodifiableList(elements);
      }
    }
  }

  private String string() {
    at++; // opening quote
    StringBuilder out = new StringBuilder();
    for (;;) {
      if (at >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        at--;
        throw error("control character in a string; it must be escaped");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (at >= text.length()) {
        throw error("unterminated string");
      }
      char escape = text.charAt(at++);
      switch (escape) {
        case '"':
        case '\\':
        case '/':
          out.append(escape);
          break;
        case 'b':
          out.append('\b');
          break;
        case 'f':
          out.append('\f');
          break;
        case 'n':
          out.append('\n');
          break;
        case 'r':
          out.append('\r');
          break;
        case 't':
          out.append('\t');
          break;
        case 'u':
          out.append(hexChar());
          break;
        default:
          at--;
          throw error("unknown escape '\\" + escape + "'");
      }
    }
  }

  private char hexChar() {
    if (at + 4 > text.length()) {
      throw error("\\u needs four hex digits");
    }
    int code = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(at), 16);
      if (digit < 0) {
        throw error("\\u needs four hex digits");
      }
      code = code * 16 + digit;
      at++;
    }
    return (char) code; // surrogate pairs arrive as two escapes and join up in the builder
  }

  private Object number() {
    int start = at;
    if (peek() == '-') {
      at++;
    }
    if (peek() == '0') {
      at++;
    } else if (isDigit(peek())) {
      skipDigits();
    } else {
      throw error("expected a digit");
    }
    boolean whole = true;
    if (peek() == '.') {
      whole = false;
      at++;
      if (!isDigit(peek())) {
        throw error("expected a digit after the decimal point");
      }
      skipDigits();
    }
    if (peek() == 'e' || peek() == 'E') {
      whole = false;
      at++;
      if (peek() == '+' || peek() == '-') {
        at++;
      }
      if (!isDigit(peek())) {
        throw error("expected a digit in the exponent");
      }
      skipDigits();
    }
    String digits = text.substring(start, at);
    if (whole) {
      try {
        return Long.parseLong(digits);
      } catch (NumberFormatException tooLarge) {
        // falls through to a double, as most JSON readers do
      }
    }
    return Double.parseDouble(digits);
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, at)) {
      throw error("unexpected character '" + text.charAt(at) + "'");
    }
    at += word.length();
    return value;
  }

  private void skipDigits() {
    while (isDigit(peek())) {
      at++;
    }
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private void skipWhitespace() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      at++;
    }
  }

  /** The character at the current offset, or -1 at the end. */
  private int peek() {
    return at < text.length() ? text.charAt(at) : -1;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error(at < text.length() ? "expected '" + c + "'" : "unexpected end of input");
    }
    at++;
  }

  private IllegalArgumentException error(String problem) {
    return new IllegalArgumentException("invalid JSON at offset " + at + ": " + problem);
  }
}
