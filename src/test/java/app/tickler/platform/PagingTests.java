package app.tickler.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class PagingTests {

    @Test
    void aCursorCarriesItsKeysThroughTheUrlUnchanged() {
        Cursor cursor = Cursor.of("Ünïcødé, with | and \" and ,", 42L, null);
        Cursor read = Cursor.decode(cursor.encode(), 3);
        assertThat(read.key(0)).isEqualTo("Ünïcødé, with | and \" and ,");
        assertThat(read.longKey(1)).isEqualTo(42L);
        assertThat(read.key(2)).isEmpty();
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void aCursorKeepsItsKeysApartWhateverCharactersTheyContain() {
        Cursor cursor = Cursor.of("Ann\u001fLee", "a,b", "[\"x\"]", "", "\\", 7L);
        assertThat(Cursor.decode(cursor.encode(), 6).keys()).containsExactly("Ann\u001fLee", "a,b", "[\"x\"]", "", "\\", "7");
    }

    @Test
    void aForeignOrDamagedCursorIsRefusedNamingTheCursor() {
        assertThatThrownBy(() -> Cursor.decode("%%%", 1)).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.problems().get(0).field()).isEqualTo("cursor"));
        assertThatThrownBy(() -> Cursor.decode(Cursor.of("a", "b").encode(), 1)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Cursor.decode(Cursor.of("x").encode(), 1).longKey(0)).isInstanceOf(InvalidInput.class);
        for (String json : new String[] {"{\"a\":\"b\"}", "[1]", "[null]", "[\"a\"", "\"a\""}) {
            String foreign = Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> Cursor.decode(foreign, 1)).as(json).isInstanceOf(InvalidInput.class);
        }
    }

    @Test
    void theLimitIsBetweenOneAndTwoHundred() {
        assertThat(Paging.of(null, null).limit()).isEqualTo(50);
        assertThatThrownBy(() -> Paging.of(0, null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Paging.of(201, null)).isInstanceOf(InvalidInput.class);
        assertThat(Paging.of(200, " ").hasCursor()).isFalse();
    }

    @Test
    void aPageHasANextCursorOnlyWhenMoreRowsWereFetchedThanAsked() {
        Paging paging = Paging.of(2, null);
        Page<Integer> full = Page.of(List.of(1, 2, 3), paging, i -> Cursor.of(i));
        assertThat(full.items()).containsExactly(1, 2);
        assertThat(Cursor.decode(full.nextCursor(), 1).longKey(0)).isEqualTo(2);
        Page<Integer> last = Page.of(List.of(1, 2), paging, i -> Cursor.of(i));
        assertThat(last.nextCursor()).isNull();
    }
}
