package app.tickler.dataio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ImportFieldsTests {

    @Test
    void theActivityExportsOfSalesforceHubSpotAndPipedriveAreRecognisedAsTouches() {
        ImportFields fields = new ImportFields(null); // touches have no custom fields
        assertThat(fields.suggest(ImportEntity.TOUCH, List.of("Id", "Who.Email", "Account.Name", "WhatId", "Type",
                "CallType", "CallDisposition", "CompletedDateTime", "Status", "Subject", "Description", "Owner.Email")))
                .containsExactly(java.util.Map.entry(0, "externalId"), java.util.Map.entry(1, "contactEmail"),
                        java.util.Map.entry(2, "account"), java.util.Map.entry(3, "dealExternalId"),
                        java.util.Map.entry(4, "channel"), java.util.Map.entry(5, "direction"),
                        java.util.Map.entry(6, "outcome"), java.util.Map.entry(7, "occurredAt"),
                        java.util.Map.entry(8, "done"), java.util.Map.entry(9, "subject"),
                        java.util.Map.entry(10, "notes"), java.util.Map.entry(11, "loggedBy"));
        assertThat(fields.suggest(ImportEntity.TOUCH, List.of("Activity ID", "Activity type", "Activity date",
                "Call direction", "Call outcome", "Associated Contact", "Associated Company", "Associated Deal",
                "Activity assigned to"))).containsValues("externalId", "channel", "occurredAt", "direction", "outcome",
                "contactEmail", "account", "deal", "loggedBy").hasSize(9);
        assertThat(fields.suggest(ImportEntity.TOUCH, List.of("Activity - ID", "Activity - Type", "Activity - Subject",
                "Activity - Due date", "Activity - Due time", "Activity - Done", "Activity - Note", "Person - Email",
                "Organization - Name", "Deal - Title", "Activity - Assigned to user")))
                .containsExactly(java.util.Map.entry(0, "externalId"), java.util.Map.entry(1, "channel"),
                        java.util.Map.entry(2, "subject"), java.util.Map.entry(3, "occurredAt"),
                        java.util.Map.entry(4, "occurredTime"), java.util.Map.entry(5, "done"),
                        java.util.Map.entry(6, "notes"), java.util.Map.entry(7, "contactEmail"),
                        java.util.Map.entry(8, "account"), java.util.Map.entry(9, "deal"),
                        java.util.Map.entry(10, "loggedBy"));
    }

    @Test
    void theColumnsThatNameALeadAreRecognised() {
        ImportFields fields = new ImportFields(null);
        // Salesforce: WhoId is a contact's or a lead's id (the import tries the contact, then the lead)
        assertThat(fields.suggest(ImportEntity.TOUCH, List.of("Id", "WhoId", "Lead ID", "Lead.Email", "Type")))
                .containsExactly(java.util.Map.entry(0, "externalId"), java.util.Map.entry(1, "contactExternalId"),
                        java.util.Map.entry(2, "leadExternalId"), java.util.Map.entry(3, "leadEmail"),
                        java.util.Map.entry(4, "channel"));
        assertThat(fields.suggest(ImportEntity.TOUCH, List.of("LeadId", "Lead - Email", "leadExternalId")))
                .containsExactly(java.util.Map.entry(0, "leadExternalId"), java.util.Map.entry(1, "leadEmail"));
        assertThat(ImportFields.TOUCH_FIELDS).contains("leadEmail", "leadExternalId");
    }

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
