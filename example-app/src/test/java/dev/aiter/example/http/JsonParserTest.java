package dev.aiter.example.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonParserTest {

  @Test
  void objectsKeepTheirMembersInDocumentOrder() {
    Object value = JsonParser.parse(" { \"b\" : 1 , \"a\" : [ ] , \"c\" : { } } ");
    assertEquals(Map.of("b", 1L, "a", List.of(), "c", Map.of()), value);
    assertEquals(List.of("b", "a", "c"), List.copyOf(((Map<?, ?>) value).keySet()));
  }

  @Test
  void arraysHoldAnyValues() {
    assertEquals(
        Arrays.asList(1L, "two", true, false, null, List.of(3L)),
        JsonParser.parse("[1,\"two\",true,false,null,[3]]"));
  }

  @Test
  void stringEscapesAreDecoded() {
    assertEquals(
        "quote\" backslash\\ slash/ \b\f\n\r\t \u00e9 \ud83d\ude00",
        JsonParser.parse(
            "\"quote\\\" backslash\\\\ slash\\/ \\b\\f\\n\\r\\t \\u00E9 \\ud83d\\ude00\""));
  }

  @Test
  void charactersBeyondAsciiPassUnescaped() {
    assertEquals("caf\u00e9 \ud83d\ude00", JsonParser.parse("\"caf\u00e9 \ud83d\ude00\""));
  }

  @Test
  void wholeNumbersAreLongsAndOthersDoubles() {
    assertEquals(0L, JsonParser.parse("0"));
    assertEquals(-42L, JsonParser.parse("-42"));
    assertEquals(Long.MAX_VALUE, JsonParser.parse("9223372036854775807"));
    assertEquals(9.223372036854775808E18, JsonParser.parse("9223372036854775808"));
    assertEquals(1.5, JsonParser.parse("1.5"));
    assertEquals(-2.5e-3, JsonParser.parse("-2.5E-3"));
    assertEquals(100.0, JsonParser.parse("1e2"));
  }

  @Test
  void nullIsNull() {
    assertNull(JsonParser.parse("null"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "",
        "   ",
        "{",
        "{\"a\"}",
        "{\"a\":1,}",
        "{a:1}",
        "[1,]",
        "[1 2]",
        "\"open",
        "\"bad escape \\x\"",
        "\"short \\u12\"",
        "\"raw\ttab\"",
        "01",
        "-",
        "1.",
        "1e",
        "+1",
        "tru",
        "nul",
        "{} {}",
        "{\"a\":1,\"a\":2}"
      })
  void malformedTextIsRefusedWithItsOffset(String text) {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> JsonParser.parse(text));
    assertTrue(error.getMessage().startsWith("invalid JSON at offset "), error.getMessage());
  }

  @Test
  void deepNestingIsRefusedInsteadOfOverflowingTheStack() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> JsonParser.parse(deep));
    assertTrue(error.getMessage().contains("nested deeper"), error.getMessage());
  }
}
