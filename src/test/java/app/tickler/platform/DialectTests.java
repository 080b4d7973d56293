package app.tickler.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import app.tickler.platform.database.Dialect;

/** The bounds of a prefix range hold exactly the texts that start with the prefix, in code point order. */
class DialectTests {

    @Test
    void theUpperBoundIsTheFirstTextAfterEveryTextWithThePrefix() {
        String upper = (String) Dialect.SQLITE.prefixRange("p", "tan").get("pUpper");
        assertThat(upper).isEqualTo("tao");
        for (String inside : List.of("tan", "tanaka", "tan\uFFFF", "tan" + new String(Character.toChars(0x1F600)))) {
            assertThat(compare(inside, "tan")).as(inside).isGreaterThanOrEqualTo(0);
            assertThat(compare(inside, upper)).as(inside).isNegative();
        }
        assertThat(compare("tao", upper)).isZero();
        // past the last code point the character before it moves on; a character before the surrogates skips them
        assertThat(Dialect.SQLITE.prefixRange("p", "a" + new String(Character.toChars(Character.MAX_CODE_POINT)))
                .get("pUpper")).isEqualTo("b");
        assertThat(Dialect.SQLITE.prefixRange("p", "a\uD7FF").get("pUpper")).isEqualTo("a\uE000");
        assertThat(Dialect.POSTGRESQL.startsWithBytewise("c.sort_name", "p"))
                .isEqualTo("(c.sort_name COLLATE \"C\" >= :p AND c.sort_name COLLATE \"C\" < :pUpper)");
    }

    /** Code point order, which is the byte order of UTF-8 (SQLite's binary collation, PostgreSQL's "C"). */
    private static int compare(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }
}
