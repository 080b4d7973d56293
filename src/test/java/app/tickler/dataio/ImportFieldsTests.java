package app.tickler.dataio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ImportFieldsTests {

    @Test
    void formulasAreNeutralisedAndAnOwnExportRestoresTheExactValue() {
        for (String value : List.of("=SUM(A1:A2)", "+49 30 1234", "-5", "@home", "\tTabbed", "\rCarriage", "'quoted",
                "''twice", "'=already", "plain", "", "O'Brien")) {
            String written = Formulas.neutralise(value);
            assertThat(Formulas.restore(written)).as(value).isEqualTo(value);
            if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
                assertThat(written).startsWith("'");
            }
        }
        assertThat(Formulas.neutralise("plain")).isEqualTo("plain");
        assertThat(Formulas.restore("O'Brien")).isEqualTo("O'Brien");
    }

    @Test
    void delimitersAndEncodingsAreDetected() {
        assertThat(CsvFiles.delimiter("a;b;c\n1;2;3\n")).isEqualTo(';');
        assertThat(CsvFiles.delimiter("a\tb\tc\n1\t2\t3\n")).isEqualTo('\t');
        assertThat(CsvFiles.delimiter("\"a,b\";c\n\"1,2\";3\n")).isEqualTo(';');
        assertThat(CsvFiles.delimiter("single\nrow\n")).isEqualTo(',');
        assertThat(CsvFiles.validUtf8("Jürgen".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isTrue();
        assertThat(CsvFiles.validUtf8("Jürgen".getBytes(CsvFiles.WINDOWS_1252))).isFalse();
    }
}
