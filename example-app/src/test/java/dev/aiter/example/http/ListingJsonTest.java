package dev.aiter.example.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
  void theLastPageHasANullCursor() {
    Page last = new Page(3, List.of(), null);
    assertEquals("{\"page\":3,\"items\":[],\"next\":null}", ListingJson.encode(last));
    assertTrue(ListingJson.decode(ListingJson.encode(last)).isLast());
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
            "{\"page\":1,\"total\":9,\"items\":[{\"id\":7,\"name\":\"fig\",\"x\":[]}],"
                + "\"next\":null}"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "[]",
        "{\"items\":[],\"next\":null}",
        "{\"page\":\"1\",\"items\":[],\"next\":null}",
        "{\"page\":1.5,\"items\":[],\"next\":null}",
        "{\"page\":1,\"items\":{},\"next\":null}",
        "{\"page\":1,\"items\":[1],\"next\":null}",
        "{\"page\":1,\"items\":[{\"id\":1}],\"next\":null}",
        "{\"page\":1,\"items\":[{\"id\":99999999999,\"name\":\"x\"}],\"next\":null}",
        "{\"page\":1,\"items\":[]}",
        "{\"page\":1,\"items\":[],\"next\":2}",
        "not json"
      })
  void anythingButAPageIsRefused(String json) {
    assertThrows(IllegalArgumentException.class, () -> ListingJson.decode(json));
  }

  @Test
  void errorBodiesGiveTheirMessage() {
    assertEquals(
        "page 2 failed", ListingJson.decodeError(ListingJson.encodeError("page 2 failed")));
    assertNull(ListingJson.decodeError("<html>oops</html>"));
    assertNull(ListingJson.decodeError("{\"page\":1}"));
  }
}
