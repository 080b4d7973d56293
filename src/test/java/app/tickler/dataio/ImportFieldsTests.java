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

    @Test
    void leadStatusesAndSourcesOfOtherSystemsAreRead() {
        app.tickler.platform.InvalidInput.Collector problems = new app.tickler.platform.InvalidInput.Collector();
        for (String text : List.of("Open - Not Contacted", "New", "open")) {
            assertThat(Conversion.leadStatus(problems, java.util.Map.of("status", text), null)).as(text)
                    .isEqualTo(app.tickler.sales.LeadStatus.NEW);
        }
        for (String text : List.of("Working - Contacted", "Working", "In progress", "Attempted to contact", "Connected")) {
            assertThat(Conversion.leadStatus(problems, java.util.Map.of("status", text), null)).as(text)
                    .isEqualTo(app.tickler.sales.LeadStatus.WORKING);
        }
        assertThat(Conversion.leadStatus(problems, java.util.Map.of("status", "Closed - Converted"), null))
                .isEqualTo(app.tickler.sales.LeadStatus.QUALIFIED);
        assertThat(Conversion.leadStatus(problems, java.util.Map.of("status", "Unqualified"), null))
                .isEqualTo(app.tickler.sales.LeadStatus.DISQUALIFIED);
        assertThat(problems.isEmpty()).isTrue();
        assertThat(Conversion.leadStatus(problems, java.util.Map.of("status", "Working"),
                app.tickler.sales.LeadStatus.NEW)).as("an existing new lead is being worked").isEqualTo(
                app.tickler.sales.LeadStatus.WORKING);
        assertThat(Conversion.leadStatus(problems, java.util.Map.of("status", "New"),
                app.tickler.sales.LeadStatus.WORKING)).as("a lead being worked is not set back").isNull();
        assertThat(problems.isEmpty()).isTrue();
        Conversion.leadStatus(problems, java.util.Map.of("status", "Qualified"), app.tickler.sales.LeadStatus.WORKING);
        assertThat(problems.has("status")).as("a file does not qualify an existing lead").isTrue();
        app.tickler.platform.InvalidInput.Collector unknown = new app.tickler.platform.InvalidInput.Collector();
        Conversion.leadStatus(unknown, java.util.Map.of("status", "Maybe"), null);
        assertThat(unknown.has("status")).isTrue();

        var web = Conversion.lead(Conversion.emptyLead(), java.util.Map.of("source", "Web", "fullName", "Ann Baker"),
                java.util.Map.of(), owner -> null, problems);
        assertThat(web.source()).isEqualTo(app.tickler.sales.LeadSource.WEB_FORM);
        assertThat(web.firstName()).isEqualTo("Ann");
        assertThat(web.lastName()).isEqualTo("Baker");
        var bought = Conversion.lead(Conversion.emptyLead(), java.util.Map.of("source", "Purchased List"),
                java.util.Map.of(), owner -> null, problems);
        assertThat(bought.source()).isEqualTo(app.tickler.sales.LeadSource.IMPORT);
        assertThat(bought.sourceDetail()).isEqualTo("Purchased List");
    }
}
