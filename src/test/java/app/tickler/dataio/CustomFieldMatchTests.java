package app.tickler.dataio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.party.AccountInput;
import app.tickler.party.Contact;
import app.tickler.party.ContactInput;
import app.tickler.party.CustomFieldType;
import app.tickler.party.CustomFields;
import app.tickler.party.Parties;
import app.tickler.platform.security.Role;
import tools.jackson.databind.JsonNode;

/** Imports matching contacts and accounts on a chosen custom field ({@code matchOn CUSTOM}). */
@TicklerTest
class CustomFieldMatchTests extends ImportApiCalls {

    @Autowired
    Fixtures fixtures;
    @Autowired
    Parties parties;
    @Autowired
    CustomFields customFields;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CustomMatches matches;

    @Test
    void aContactMatchedOnACustomFieldIsUpdatedOrSkippedAsThePreviewSaid() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        define(acme, "contact", "customer_no", CustomFieldType.TEXT);
        Contact known = rep.call(() -> parties.createContact(contact("Ann", Map.of("customer_no", "C-100"))));
        // letters beyond ASCII match in any case on both databases too
        Contact umlaut = rep.call(() -> parties.createContact(contact("Udo", Map.of("customer_no", "MÜLLER-Ørsted 7"))));

        String update = uploadId(rep, "CONTACT",
                "Customer no,Title,Last name\n  c-100 ,Buyer,Baker\nC-200,Boss,Cole\nmüller-ørsted 7,Chief,Ulm\n");
        settings(rep, update, """
                {"mapping":{"0":"custom.customer_no","1":"title","2":"lastName"},"duplicates":"UPDATE",
                 "matchOn":"CUSTOM","matchField":"custom.customer_no"}""", 200);
        JsonNode preview = preview(rep, update);
        assertThat(preview.at("/lines/0/action").asString()).isEqualTo("update");
        assertThat(preview.at("/lines/1/action").asString()).isEqualTo("create");
        assertThat(preview.at("/lines/2/action").asString()).isEqualTo("update");
        JsonNode updated = run(rep, update);
        assertThat(updated.get("updated").asLong()).as("trimmed, any case").isEqualTo(2);
        assertThat(updated.get("created").asLong()).isEqualTo(1);
        assertThat(rep.call(() -> parties.contact(known.id()).orElseThrow().title())).isEqualTo("Buyer");
        assertThat(rep.call(() -> parties.contact(umlaut.id()).orElseThrow().title())).isEqualTo("Chief");

        String skip = uploadId(rep, "CONTACT", "Customer no,Title\nC-100,Ignored\n");
        settings(rep, skip, """
                {"mapping":{"0":"custom.customer_no","1":"title"},"duplicates":"SKIP","matchOn":"CUSTOM",
                 "matchField":"custom.customer_no"}""", 200);
        assertThat(preview(rep, skip).at("/lines/0/action").asString()).isEqualTo("skip");
        JsonNode skipped = run(rep, skip);
        assertThat(skipped.get("skipped").asLong()).isEqualTo(1);
        assertThat(skipped.get("created").asLong()).isZero();
        assertThat(rep.call(() -> parties.contact(known.id()).orElseThrow().title())).isEqualTo("Buyer");
        assertThat(lookupRows(update) + lookupRows(skip)).as("the lookups are emptied when the imports end").isZero();
    }

    @Test
    void aValueTwoAccountsShareIsAnErrorOfItsLineInThePreviewAndTheRun() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser admin = acme.admin();
        define(acme, "account", "vat_id", CustomFieldType.TEXT);
        admin.run(() -> {
            parties.createAccount(account("Roofs Ltd", "DE1"));
            parties.createAccount(account("Roofs GmbH", "de1"));
            parties.createAccount(account("Tiles", "DE2"));
        });
        String id = uploadId(admin, "ACCOUNT", "VAT number,Industry\nDE1,Construction\nDE2,Tiling\n");
        settings(admin, id, """
                {"mapping":{"0":"custom.vat_id","1":"industry"},"duplicates":"UPDATE","matchOn":"CUSTOM",
                 "matchField":"custom.vat_id"}""", 200);
        JsonNode preview = preview(admin, id);
        assertThat(preview.at("/lines/0/action").asString()).isEqualTo("error");
        assertThat(preview.at("/lines/0/cells/0/problem").asString()).contains("'DE1' matches 2 records");
        assertThat(preview.at("/lines/1/action").asString()).isEqualTo("update");
        JsonNode done = run(admin, id);
        assertThat(done.get("errors").asLong()).isEqualTo(1);
        assertThat(done.get("updated").asLong()).isEqualTo(1);
        assertThat(done.get("created").asLong()).as("an ambiguous line creates nothing").isZero();
        assertThat(download("/api/v1/imports/" + id + "/errors.csv", admin))
                .contains("2,custom.vat_id,").contains("'DE1' matches 2 records (column 'VAT number')");
        assertThat(admin.call(() -> parties.account(parties.accountsNamed("Tiles").get(0)).orElseThrow().industry()))
                .isEqualTo("Tiling");
        assertThat(lookupRows(id)).isZero();
    }

    @Test
    void aRecordOfAnotherTeamIsNotMatchedForARep() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser owner = acme.user(Role.REP, acme.team("North"));
        TestUser stranger = acme.user(Role.REP, acme.team("South"));
        define(acme, "contact", "customer_no", CustomFieldType.TEXT);
        Contact hidden = owner.call(() -> parties.createContact(contact("Hid", Map.of("customer_no", "X-1"))));
        owner.run(() -> parties.createContact(contact("Other", Map.of("customer_no", "X-2"))));
        stranger.run(() -> parties.createContact(contact("Mine", Map.of("customer_no", "X-2"))));

        String id = uploadId(stranger, "CONTACT", "Customer no,Last name,Title\nX-1,Den,Changed\nX-2,Mine,Mine too\n");
        settings(stranger, id, """
                {"mapping":{"0":"custom.customer_no","1":"lastName","2":"title"},"duplicates":"UPDATE",
                 "matchOn":"CUSTOM","matchField":"custom.customer_no"}""", 200);
        JsonNode preview = preview(stranger, id);
        assertThat(preview.at("/lines/0/action").asString()).as("as if there were none").isEqualTo("create");
        assertThat(preview.at("/lines/1/action").asString()).as("the one they see, not ambiguous").isEqualTo("update");
        JsonNode done = run(stranger, id);
        assertThat(done.get("errors").asLong()).isZero();
        assertThat(done.get("created").asLong()).isEqualTo(1);
        assertThat(done.get("updated").asLong()).isEqualTo(1);
        assertThat(owner.call(() -> parties.contact(hidden.id()).orElseThrow().title())).isNull();
    }

    @Test
    void laterLinesMatchRecordsCreatedEarlierInTheSameImportAcrossBatches() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        define(acme, "contact", "customer_no", CustomFieldType.TEXT);
        StringBuilder file = new StringBuilder("Customer no,Last name,Title\nK-1,First,One\nk-1,First,Two\n");
        for (int i = 0; i < ImportRunner.BATCH; i++) {
            file.append("N-").append(i).append(",Filler,\n");
        }
        file.append(" K-1 ,First,Last\n");
        String id = uploadId(rep, "CONTACT", file.toString());
        settings(rep, id, """
                {"mapping":{"0":"custom.customer_no","1":"lastName","2":"title"},"duplicates":"UPDATE",
                 "matchOn":"CUSTOM","matchField":"custom.customer_no"}""", 200);
        JsonNode done = run(rep, id);
        assertThat(done.get("errors").asLong()).isZero();
        assertThat(done.get("created").asLong()).isEqualTo(1 + ImportRunner.BATCH);
        assertThat(done.get("updated").asLong()).as("the same batch, and the next one").isEqualTo(2);
        List<Contact> first = rep.call(() -> parties.contactList(Map.of("q", "First"),
                app.tickler.platform.Paging.first(10)).items());
        assertThat(first).singleElement().satisfies(c -> assertThat(c.title()).isEqualTo("Last"));
        assertThat(lookupRows(id)).isZero();

        define(acme, "account", "vat_id", CustomFieldType.TEXT);
        String accounts = uploadId(rep, "ACCOUNT", "VAT number,Name,Industry\nAT1,Alpen,Ski\nat1,Alpen,Snow\n");
        settings(rep, accounts, """
                {"mapping":{"0":"custom.vat_id","1":"name","2":"industry"},"duplicates":"UPDATE","matchOn":"CUSTOM",
                 "matchField":"custom.vat_id"}""", 200);
        JsonNode ran = run(rep, accounts);
        assertThat(ran.get("created").asLong()).isEqualTo(1);
        assertThat(ran.get("updated").asLong()).isEqualTo(1);
        assertThat(rep.call(() -> parties.account(parties.accountsNamed("Alpen").get(0)).orElseThrow().industry()))
                .isEqualTo("Snow");
    }

    @Test
    void theLookupIsFilledWhileTheImportRunsAndGoneAfterItAndItsUndo() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        define(acme, "contact", "customer_no", CustomFieldType.TEXT);
        rep.run(() -> parties.createContact(contact("Ann", Map.of("customer_no", "C-1"))));
        String id = uploadId(rep, "CONTACT", "Customer no,Last name\nC-1,Ann\nC-2,Bob\n");
        settings(rep, id, """
                {"mapping":{"0":"custom.customer_no","1":"lastName"},"duplicates":"UPDATE","matchOn":"CUSTOM",
                 "matchField":"custom.customer_no"}""", 200);
        long importId = Long.parseLong(id);
        rep.run(() -> matches.fill(importId, ImportEntity.CONTACT, "customer_no"));
        assertThat(lookupRows(id)).as("the workspace's values, in one statement").isEqualTo(1);
        JsonNode done = run(rep, id);
        assertThat(done.get("updated").asLong()).isEqualTo(1);
        assertThat(done.get("created").asLong()).isEqualTo(1);
        assertThat(lookupRows(id)).isZero();
        rep.run(() -> matches.fill(importId, ImportEntity.CONTACT, "customer_no"));
        assertThat(lookupRows(id)).isEqualTo(2);
        call(post("/api/v1/imports/" + id + "/undo"), rep, 200);
        assertThat(waitFor(rep, id).get("status").asString()).isEqualTo("UNDONE");
        assertThat(lookupRows(id)).isZero();
    }

    @Test
    void aCustomFieldToMatchOnMustBeAMappedTextFieldOfTheEntity() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        define(acme, "contact", "customer_no", CustomFieldType.TEXT);
        define(acme, "contact", "score", CustomFieldType.NUMBER);
        define(acme, "account", "vat_id", CustomFieldType.TEXT);
        String id = uploadId(rep, "CONTACT", "Customer no,Score,Email\nC-1,3,a@x.example\n");
        String mapping = "\"mapping\":{\"0\":\"custom.customer_no\",\"1\":\"custom.score\",\"2\":\"email\"},"
                + "\"duplicates\":\"UPDATE\"";
        assertThat(settings(rep, id, "{" + mapping + ",\"matchOn\":\"CUSTOM\"}", 400).toString())
                .contains("matchField").contains("is required");
        assertThat(settings(rep, id, "{" + mapping + ",\"matchOn\":\"CUSTOM\",\"matchField\":\"custom.shoe\"}", 400)
                .toString()).contains("matchField").contains("'custom.shoe' is not a custom field of contacts");
        assertThat(settings(rep, id, "{" + mapping + ",\"matchOn\":\"CUSTOM\",\"matchField\":\"custom.vat_id\"}", 400)
                .toString()).as("an account's field").contains("matchField").contains("is not a custom field of contacts");
        assertThat(settings(rep, id, "{" + mapping + ",\"matchOn\":\"CUSTOM\",\"matchField\":\"email\"}", 400)
                .toString()).contains("matchField");
        assertThat(settings(rep, id, "{" + mapping + ",\"matchOn\":\"CUSTOM\",\"matchField\":\"custom.score\"}", 400)
                .toString()).contains("matchField").contains("only text custom fields");
        assertThat(settings(rep, id, """
                {"mapping":{"2":"email"},"duplicates":"UPDATE","matchOn":"CUSTOM","matchField":"custom.customer_no"}""",
                400).toString()).contains("matchField").contains("needs a column mapped to custom.customer_no");
        assertThat(settings(rep, id, "{" + mapping + ",\"matchOn\":\"EMAIL\",\"matchField\":\"custom.customer_no\"}",
                400).toString()).contains("matchField").contains("only for matchOn CUSTOM");
        JsonNode saved = settings(rep, id, "{" + mapping + ",\"matchOn\":\"CUSTOM\",\"matchField\":\"custom.customer_no\"}",
                200);
        assertThat(saved.get("matchOn").asString()).isEqualTo("CUSTOM");
        assertThat(saved.get("matchField").asString()).isEqualTo("custom.customer_no");

        String leads = uploadId(rep, "LEAD", "Last name,Email\nA,a@x.example\n");
        assertThat(settings(rep, leads, """
                {"mapping":{"0":"lastName","1":"email"},"matchOn":"CUSTOM","matchField":"custom.customer_no"}""", 400)
                .toString()).contains("matchOn");
    }

    @Test
    void theImportPageOffersTheEntitysTextCustomFieldsToMatchOn() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        define(acme, "contact", "customer_no", CustomFieldType.TEXT);
        define(acme, "contact", "score", CustomFieldType.NUMBER);
        String id = uploadId(rep, "CONTACT", "Customer no,Email\nC-1,a@x.example\n");
        String page = mvc.perform(get("/imports/" + id).with(rep.browser())).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("value=\"custom.customer_no\"").contains("Custom field: Customer no")
                .doesNotContain("Custom field: Score");

        mvc.perform(post("/imports/" + id + "/settings").with(rep.browser()).param("column.0", "custom.customer_no")
                        .param("column.1", "email").param("duplicates", "UPDATE").param("matchOn", "custom.customer_no")
                        .param("then", "preview"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().is3xxRedirection());
        JsonNode saved = call(get("/api/v1/imports/" + id), rep, 200);
        assertThat(saved.get("matchOn").asString()).isEqualTo("CUSTOM");
        assertThat(saved.get("matchField").asString()).isEqualTo("custom.customer_no");
        String again = mvc.perform(get("/imports/" + id).with(rep.browser())).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(again).containsPattern("value=\"custom.customer_no\"\\s+selected");
    }

    // --- support ------------------------------------------------------------------------------

    void define(TestWorkspace workspace, String entity, String key, CustomFieldType type) {
        String label = Character.toUpperCase(key.charAt(0)) + key.substring(1).replace('_', ' ');
        workspace.admin().run(() -> customFields.define(new CustomFields.Definition(entity, key, label, type, null,
                false, null)));
    }

    static ContactInput contact(String lastName, Map<String, Object> custom) {
        return new ContactInput(null, lastName, null, List.of(), null, null, null, null, null, null, null, null, null,
                custom, null, null, null, null);
    }

    static AccountInput account(String name, String vat) {
        AccountInput named = AccountInput.named(name);
        return new AccountInput(named.name(), null, null, null, null, null, null, null, null, null, null, null, null,
                null, Map.of("vat_id", vat), null);
    }

    long lookupRows(String importId) {
        return jdbc.sql("SELECT COUNT(*) FROM import_match_keys WHERE import_id = :id")
                .param("id", Long.parseLong(importId)).query(Long.class).single();
    }

    String uploadId(TestUser user, String entity, String content) throws Exception {
        return call(multipart("/api/v1/imports").file(new MockMultipartFile("file", "file.csv", "text/csv",
                content.getBytes(StandardCharsets.UTF_8))).param("entity", entity), user, 201).get("id").asString();
    }

}
