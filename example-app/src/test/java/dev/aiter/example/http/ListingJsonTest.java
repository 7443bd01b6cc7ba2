package dev.aiter.example.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The wire format of {@link ListingJson}: Jackson's mapping of {@link Page} and {@link Item}. */
class ListingJsonTest {

  @Test
  void aPageIsWrittenInTheDocumentedShape() {
    Page page = new Page(2, List.of(new Item(4, "damson"), new Item(5, "elderberry")), "cGFnZT0z");
    assertEquals(
        "{\"page\":2,\"items\":[{\"id\":4,\"name\":\"damson\"},{\"id\":5,\"name\":\"elderberry\"}],"
            + "\"next\":\"cGFnZT0z\"}",
        ListingJson.encode(page));
  }

  @Test
  void theLastPageIsWrittenWithANullCursorAndReadBackAsTheLast() {
    Page last = new Page(3, List.of(), null);
    assertEquals("{\"page\":3,\"items\":[],\"next\":null}", ListingJson.encode(last));
    assertTrue(ListingJson.decode(ListingJson.encode(last)).isLast());
  }

  @Test
  void aPageSurvivesARoundTrip() {
    Page page = new Page(7, List.of(new Item(19, "kiwi"), new Item(20, "lemon")), "cGFnZT04");
    Page read = ListingJson.decode(ListingJson.encode(page));
    assertEquals(page, read);
    assertFalse(read.isLast());
  }

  @Test
  void namesWithCharactersThatNeedEscapingSurviveARoundTrip() {
    Page page =
        new Page(
            1,
            List.of(new Item(1, "quote\" back\\slash\nnew line \u0001 caf\u00e9 \ud83d\ude00")),
            "c");
    assertEquals(page, ListingJson.decode(ListingJson.encode(page)));
  }

  @Test
  void unknownMembersAreIgnored() {
    assertEquals(
        new Page(1, List.of(new Item(7, "fig")), null),
        ListingJson.decode(
            "{\"page\":1,\"total\":9,\"items\":[{\"id\":7,\"name\":\"fig\",\"x\":[{}]}],"
                + "\"next\":null,\"links\":{\"self\":\"/items\"}}"));
  }

  @Test
  void whitespaceAndMemberOrderDoNotMatter() {
    assertEquals(
        new Page(2, List.of(new Item(4, "damson")), "cGFnZT0z"),
        ListingJson.decode(
            "{\n  \"next\": \"cGFnZT0z\",\n  \"items\": [ {\"name\": \"damson\", \"id\": 4} ],\n"
                + "  \"page\": 2\n}\n"));
  }

  @Test
  void aPageWithoutNextIsRefusedEvenWhenItWouldBeTheLast() {
    // Taking a missing cursor for the end would quietly cut the listing short.
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> ListingJson.decode("{\"page\":3,\"items\":[{\"id\":7,\"name\":\"fig\"}]}"));
    assertTrue(error.getMessage().contains(", at next: "), error.getMessage());
    assertTrue(error.getMessage().contains("'next'"), error.getMessage());
  }

  @Test
  void malformedJsonIsRefusedWithTheProblemAndItsPosition() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> ListingJson.decode("{\"page\":1,\"items\":[]\n,\"next\":nul}"));
    assertTrue(
        error.getMessage().startsWith("line 2, column 9: Unrecognized token 'nul'"),
        error.getMessage());
  }

  @Test
  void textThatIsNotJsonIsRefusedNamingTheFirstCharacter() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> ListingJson.decode("<html>maintenance</html>"));
    assertTrue(error.getMessage().contains("Unexpected character ('<'"), error.getMessage());
  }

  @Test
  void aMemberOfTheWrongTypeIsNamedByItsPathInTheDocument() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ListingJson.decode(
                    "{\"page\":1,\"items\":[{\"id\":1,\"name\":\"a\"},{\"id\":2,\"name\":5}],"
                        + "\"next\":null}"));
    assertTrue(
        error.getMessage().startsWith("line 1, column 55, at items[1].name: "), error.getMessage());
  }

  @ParameterizedTest(name = "[{index}] {0}") // the index: one input is empty
  @ValueSource(
      strings = {
        "",
        "[]",
        "{\"items\":[],\"next\":null}",
        "{\"page\":null,\"items\":[],\"next\":null}",
        "{\"page\":\"1\",\"items\":[],\"next\":null}",
        "{\"page\":1.5,\"items\":[],\"next\":null}",
        "{\"page\":1,\"items\":{},\"next\":null}",
        "{\"page\":1,\"items\":null,\"next\":null}",
        "{\"page\":1,\"items\":[1],\"next\":null}",
        "{\"page\":1,\"items\":[{\"id\":1}],\"next\":null}",
        "{\"page\":1,\"items\":[{\"id\":1,\"name\":null}],\"next\":null}",
        "{\"page\":1,\"items\":[{\"id\":99999999999,\"name\":\"x\"}],\"next\":null}",
        "{\"page\":1,\"items\":[]}",
        "{\"page\":1,\"items\":[],\"next\":2}",
        "{\"page\":1,\"items\":[],\"next\":true}",
        "{\"page\":1,\"page\":2,\"items\":[],\"next\":null}",
        "{\"page\":1,\"items\":[],\"next\":null} {}",
        "{\"page\":1,",
        "not json"
      })
  void anythingButAPageIsRefused(String json) {
    assertThrows(IllegalArgumentException.class, () -> ListingJson.decode(json));
  }

  @Test
  void errorBodiesGiveTheirMessage() {
    String message = "page 2 failed: \"quoted\" reason";
    assertEquals(
        "{\"error\":\"page 2 failed: \\\"quoted\\\" reason\"}", ListingJson.encodeError(message));
    assertEquals(message, ListingJson.decodeError(ListingJson.encodeError(message)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"<html>oops</html>", "{\"page\":1}", "{\"error\":null}", "{\"error\":5}"})
  void aBodyThatIsNotAnErrorObjectHasNoErrorMessage(String body) {
    assertNull(ListingJson.decodeError(body));
  }
}
