package app.tickler.dataio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class FormulasTests {

    /** What a spreadsheet runs: after any leading spaces or line breaks, one of these, ASCII or full-width. */
    static boolean wouldRun(String cell) {
        if (cell.isEmpty()) {
            return false;
        }
        if (cell.charAt(0) == '\t' || cell.charAt(0) == '\r') {
            return true;
        }
        int i = 0;
        while (i < cell.length() && (Character.isWhitespace(cell.charAt(i)) || Character.isSpaceChar(cell.charAt(i)))) {
            i++;
        }
        return i < cell.length() && "=+-@＝＋－＠".indexOf(cell.charAt(i)) >= 0;
    }

    @Test
    void aFormulaAfterLeadingSpacesOrLineBreaksIsNeutralised() {
        for (String value : List.of(" =SUM(A1)", "   +1", "\n-2", "\r\n@home", " \t=cmd", "\u00a0=nbsp", "\u3000=ideographic")) {
            assertThat(Formulas.neutralise(value)).as(value).isEqualTo("'" + value);
            assertThat(Formulas.restore(Formulas.neutralise(value))).as(value).isEqualTo(value);
        }
    }

    @Test
    void fullWidthFormulaSignsAreNeutralised() {
        for (String value : List.of("＝SUM(A1)", "＋49", "－5", "＠home", "  ＝HYPERLINK(\"x\")")) {
            assertThat(Formulas.neutralise(value)).as(value).isEqualTo("'" + value);
            assertThat(Formulas.restore(Formulas.neutralise(value))).as(value).isEqualTo(value);
        }
    }

    @Test
    void harmlessCellsAreWrittenAsTheyAre() {
        for (String value : List.of("plain", " plain", "O'Brien", "a=b", "  ", "\n", "x+1", "e-mail")) {
            assertThat(Formulas.neutralise(value)).as(value).isEqualTo(value);
            assertThat(Formulas.restore(value)).as(value).isEqualTo(value);
        }
        assertThat(Formulas.restore("'  plain")).as("an apostrophe before a harmless cell is the value's own")
                .isEqualTo("'  plain");
    }

    /**
     * For any text (drawn from the characters that matter, in every order): the written cell never runs
     * in a spreadsheet, and re-importing Tickler's own export gives back exactly the original.
     */
    @Test
    void everyValueIsWrittenSafelyAndComesBackExactly() {
        String alphabet = "=+-@＝＋－＠' \t\r\n\u00a0\u3000aZ1(";
        Random random = new Random(20261126L);
        for (int run = 0; run < 200_000; run++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(7);
            for (int i = 0; i < length; i++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String original = value.toString();
            String written = Formulas.neutralise(original);
            assertThat(wouldRun(written)).as("written %s", escaped(original)).isFalse();
            assertThat(Formulas.restore(written)).as("round trip of %s", escaped(original)).isEqualTo(original);
            if (!wouldRun(original) && !original.startsWith("'")) {
                assertThat(written).as("untouched: %s", escaped(original)).isEqualTo(original);
            }
        }
    }

    private static String escaped(String value) {
        return value.replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n");
    }
}
