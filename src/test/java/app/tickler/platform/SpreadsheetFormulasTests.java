package app.tickler.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one rule every CSV export neutralises by. */
class SpreadsheetFormulasTests {

    @Test
    void whatASpreadsheetRunsIsMarkedAndNothingElse() {
        for (String runs : new String[] {"=1+1", "+49", "-5", "@SUM(A1)", "\tx", "\rx", " =1", "\n+1", "\u3000@x",
                "＝1", "＋1", "－1", "＠x", " ＝1"}) {
            assertThat(SpreadsheetFormulas.runs(runs)).as(runs).isTrue();
            assertThat(SpreadsheetFormulas.neutralised(runs)).isEqualTo("'" + runs);
        }
        for (String text : new String[] {"", "Roofs Ltd", "a=b", "'=1", "   ", "1-2", "x@y.example"}) {
            assertThat(SpreadsheetFormulas.runs(text)).as(text).isFalse();
            assertThat(SpreadsheetFormulas.neutralised(text)).isEqualTo(text);
        }
        assertThat(SpreadsheetFormulas.runs(null)).isFalse();
    }
}
