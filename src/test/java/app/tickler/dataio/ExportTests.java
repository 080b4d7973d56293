package app.tickler.dataio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.party.Account;
import app.tickler.party.AccountInput;
import app.tickler.party.Address;
import app.tickler.party.Contact;
import app.tickler.party.ContactInput;
import app.tickler.party.CustomFieldType;
import app.tickler.party.CustomFields;
import app.tickler.party.Parties;
import app.tickler.platform.Paging;
import app.tickler.platform.security.Role;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@TicklerTest
class ExportTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Parties parties;
    @Autowired
    CustomFields customFields;
    @Autowired
    JsonMapper json;
    @Autowired
    ImportRunner runner;

    String export(String path, TestUser user) throws Exception {
        return mvc.perform(get(path).with(user.api())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    static List<CsvRecord> records(String csv) throws java.io.IOException {
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv)) {
            return reader.stream().toList();
        }
    }

    Contact tricky(TestUser user, String suffix) {
        return user.call(() -> parties.createContact(new ContactInput("=cmd|' /C calc'!A0", "-Minus" + suffix,
                "Head of \"Buying\",\nNorth", List.of(new Contact.Email("ann" + suffix + "@roofs.example", null, true),
                        new Contact.Email("ann.private" + suffix + "@mail.example", null, false)),
                List.of(new Contact.Phone("+49 30 1234567", "work", true)),
                new Address("'Quoted street 1", "@home", "10115", "\tBerlin", "Germany"), null, null, null, false, null,
                null, null, Map.of("nickname", "＋SUM(A1)"), List.of("vip", "=tag"), null, null, null)));
    }

    @Test
    void anExportIsSafeInASpreadsheetAndItsReImportRestoresTheExactValues() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser admin = acme.admin();
        admin.run(() -> customFields.define(new CustomFields.Definition("contact", "nickname", "Nickname",
                CustomFieldType.TEXT, null, false, null)));
        Contact original = tricky(admin, "");
        String csv = export("/api/v1/exports/contacts.csv", admin);
        assertThat(csv).startsWith("tickler.id,firstName,lastName,title,email,email2,phone,mobile");
        assertThat(csv).contains("\r\n").contains("\"Head of \"\"Buying\"\",\nNorth\"");
        List<CsvRecord> rows = records(csv);
        assertThat(rows).hasSize(2);
        for (String cell : rows.get(1).getFields()) {
            assertThat(cell).as("no cell a spreadsheet would run").doesNotStartWith("=").doesNotStartWith("+")
                    .doesNotStartWith("-").doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
            assertThat(FormulasTests.wouldRun(cell)).as(cell).isFalse();
        }
        assertThat(rows.get(1).getField(1)).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(rows.get(1).getField(8)).as("a leading apostrophe is doubled").isEqualTo("''Quoted street 1");
        assertThat(rows.get(1).getFields()).as("a full-width plus too").contains("'＋SUM(A1)");

        TestWorkspace other = fixtures.workspace();
        TestUser otherAdmin = other.admin();
        otherAdmin.run(() -> customFields.define(new CustomFields.Definition("contact", "nickname", "Nickname",
                CustomFieldType.TEXT, null, false, null)));
        JsonNode job = json.readTree(mvc.perform(multipart("/api/v1/imports").file(new MockMultipartFile("file",
                        "contacts.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8))).param("entity", "CONTACT")
                .with(otherAdmin.api())).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        assertThat(job.get("ownExport").asBoolean()).isTrue();
        assertThat(job.get("matchOn").asString()).isEqualTo("ID");
        String id = job.get("id").asString();
        mvc.perform(post("/api/v1/imports/" + id + "/start").with(otherAdmin.api())).andExpect(status().isOk());
        waitFor(id);
        List<Contact> copies = otherAdmin.call(() -> parties.contactList(Map.of(), Paging.first(10)).items());
        assertThat(copies).hasSize(1);
        Contact copy = copies.get(0);
        assertThat(copy.firstName()).isEqualTo(original.firstName());
        assertThat(copy.lastName()).isEqualTo(original.lastName());
        assertThat(copy.title()).isEqualTo(original.title());
        assertThat(copy.emails()).extracting(Contact.Email::address)
                .containsExactlyElementsOf(original.emails().stream().map(Contact.Email::address).toList());
        assertThat(copy.phones()).extracting(Contact.Phone::number).containsExactly("+49 30 1234567");
        assertThat(copy.address()).isEqualTo(original.address());
        assertThat(copy.tags()).containsExactlyInAnyOrderElementsOf(original.tags());
        assertThat(copy.custom()).isEqualTo(original.custom());
    }

    @Test
    void anExportHasTheListsFiltersAndOnlyWhatTheCallerMaySee() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser north = acme.user(Role.REP, acme.team("North"));
        TestUser south = acme.user(Role.REP, acme.team("South"));
        north.run(() -> parties.createAccount(new AccountInput("Roofs", null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, List.of("vip"))));
        north.run(() -> parties.createAccount(AccountInput.named("Tiles")));
        south.run(() -> parties.createAccount(AccountInput.named("Secret South")));
        String all = export("/api/v1/exports/accounts.csv", north);
        assertThat(all).contains("Roofs").contains("Tiles").doesNotContain("Secret South");
        String vip = export("/api/v1/exports/accounts.csv?tag=vip", north);
        assertThat(records(vip)).hasSize(2);
        assertThat(vip).contains("Roofs").doesNotContain("Tiles");
        mvc.perform(get("/api/v1/exports/accounts.csv?level=Z").with(north.api())).andExpect(status().isBadRequest());
        String page = mvc.perform(get("/accounts?tag=vip").with(north.browser())).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("href=\"/exports/accounts.csv?tag=vip");
        String fromPage = mvc.perform(get("/exports/accounts.csv?tag=vip").with(north.browser())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(fromPage).isEqualTo(vip);
    }

    @Test
    void aLargeListIsExportedPageByPage() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser admin = acme.admin();
        admin.run(() -> {
            for (int i = 0; i < CsvExports.PAGE * 2 + 7; i++) {
                parties.createAccount(AccountInput.named("Account " + i));
            }
        });
        List<CsvRecord> rows = records(export("/api/v1/exports/accounts.csv", admin));
        assertThat(rows).hasSize(CsvExports.PAGE * 2 + 8);
        assertThat(rows.stream().skip(1).map(r -> r.getField(0)).distinct().count()).isEqualTo(CsvExports.PAGE * 2 + 7);
    }

    void waitFor(String id) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (runner.isRunningHere(Long.parseLong(id)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(100);
    }
}
