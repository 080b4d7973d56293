package app.tickler.dataio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.party.AccountInput;
import app.tickler.party.BuyingRole;
import app.tickler.party.Contact;
import app.tickler.party.ContactInput;
import app.tickler.party.CustomFieldType;
import app.tickler.party.CustomFields;
import app.tickler.party.Parties;
import app.tickler.platform.Conflict;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@TicklerTest
class BackupTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Parties parties;
    @Autowired
    CustomFields customFields;
    @Autowired
    Backups backups;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    JsonMapper json;
    @Autowired
    DatabaseBackups databaseBackups;

    JsonNode call(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, TestUser user,
            int expected) throws Exception {
        MvcResult result = mvc.perform(request.with(user.api()).contentType(MediaType.APPLICATION_JSON)).andReturn();
        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(body).isEqualTo(expected);
        return body.isEmpty() ? null : json.readTree(body);
    }

    /** A workspace with parties, a deal, a touch and a follow-up. */
    TestWorkspace populated() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser admin = acme.admin();
        TestUser rep = acme.user(Role.REP);
        admin.run(() -> customFields.define(new CustomFields.Definition("contact", "nickname", "Nickname",
                CustomFieldType.TEXT, null, false, null)));
        var parent = rep.call(() -> parties.createAccount(AccountInput.named("Roofs Holding")));
        var roofs = rep.call(() -> parties.createAccount(new AccountInput("Roofs Ltd", "https://roofs.example", null, null,
                null, null, "A \"quoted\" description\nwith lines", null, null, null, null, null, null, parent.id(), null,
                List.of("vip"))));
        Contact ann = rep.call(() -> parties.createContact(new ContactInput("Ann", "Bäker", "Buyer",
                List.of(new Contact.Email("ann@roofs.example", null, true)), null, null, LocalDate.of(1980, 1, 2), null,
                null, false, null, null, null, Map.of("nickname", "Annie"), List.of("key"), roofs.id(),
                BuyingRole.DECISION_MAKER, true)));
        rep.run(() -> parties.createContact(new ContactInput("Bob", "Referred", null, null, null, null, null, null, null,
                true, "asked us to stop", ann.id(), null, null, null, null, null, null)));
        call(post("/api/v1/deals").content("""
                {"name":"Spring roof","accountId":"%s","amountMinor":1250000}""".formatted(roofs.id().value())), rep, 201);
        call(post("/api/v1/touches").content("""
                {"channel":"CALL","contactIds":["%s"],"reached":true,"outcome":"PROGRESSED","notes":"Liked it"}"""
                .formatted(ann.id().value())), rep, 201);
        call(post("/api/v1/follow-ups").content("""
                {"dueDate":"%s","channel":"CALL","contactId":"%s"}""".formatted(LocalDate.now(ZoneId.of("Europe/Berlin"))
                .plusDays(3), ann.id().value())), rep, 201);
        return acme;
    }

    /** Every row of the workspace, table by table, in key order. */
    Map<String, List<Map<String, Object>>> dump(long workspace) {
        Map<String, List<Map<String, Object>>> all = new LinkedHashMap<>();
        for (Backups.Table table : backups.tables()) {
            List<String> columns = table.columns().stream().filter(c -> !c.generated()).map(Backups.Column::name).toList();
            List<Map<String, Object>> rows = new ArrayList<>();
            jdbc.query("SELECT " + String.join(", ", columns) + " FROM " + table.name() + " WHERE workspace_id = ?"
                    + (table.primaryKey().isEmpty() ? "" : " ORDER BY " + String.join(", ", table.primaryKey())), rs -> {
                Map<String, Object> row = new LinkedHashMap<>();
                for (String column : columns) {
                    Object value = rs.getObject(column);
                    row.put(column, value instanceof Number n ? (Object) n.longValue() : value);
                }
                rows.add(row);
            }, workspace);
            all.put(table.name(), rows);
        }
        return all;
    }

    void deleteWorkspace(long workspace) {
        List<Backups.Table> tables = new ArrayList<>(backups.tables());
        java.util.Collections.reverse(tables);
        new TransactionTemplate(transactionManager).executeWithoutResult(s -> {
            for (Backups.Table table : tables) {
                for (String self : table.selfReferences()) {
                    jdbc.update("UPDATE " + table.name() + " SET " + self + " = NULL WHERE workspace_id = ?", workspace);
                }
                jdbc.update("DELETE FROM " + table.name() + " WHERE workspace_id = ?", workspace);
            }
        });
    }

    @Test
    void aPopulatedWorkspaceIsBackedUpAndRestoredIntoAnEmptyPlaceRowForRow() throws Exception {
        TestWorkspace acme = populated();
        Map<String, List<Map<String, Object>>> before = dump(acme.id());
        assertThat(before.keySet()).contains("workspaces", "users", "accounts", "contacts", "deals", "touches",
                "follow_ups", "timeline_entries");
        assertThat(before.get("deals")).hasSize(1);
        assertThat(before.get("touches")).hasSize(1);
        assertThat(before.get("follow_ups")).isNotEmpty();

        byte[] zip = backups.backup(acme.id());
        JsonNode manifest = json.readTree(entry(zip, "manifest.json"));
        assertThat(manifest.get("format").asString()).isEqualTo(Backups.FORMAT);
        assertThat(manifest.get("tables").size()).isEqualTo(before.size());
        for (JsonNode table : manifest.get("tables")) {
            assertThat(table.get("sha256").asString()).hasSize(64);
            assertThat(table.get("rows").asLong()).isEqualTo(before.get(table.get("name").asString()).size());
        }
        Path file = Files.createTempFile("backup", ".zip");
        Files.write(file, zip);

        assertThatThrownBy(() -> backups.restore(file)).as("never over a workspace that exists")
                .isInstanceOf(Conflict.class);
        deleteWorkspace(acme.id());
        assertThat(dump(acme.id()).values()).allMatch(List::isEmpty);

        assertThat(backups.restore(file)).isEqualTo(acme.id());
        Actors.runAs(Actor.system(acme.id(), ZoneOffset.UTC), backups::reindex);
        Map<String, List<Map<String, Object>>> after = dump(acme.id());
        for (String table : before.keySet()) {
            assertThat(after.get(table)).as(table).isEqualTo(before.get(table));
        }
        TestUser rep = acme.admin();
        JsonNode found = call(get("/api/v1/search?q=bäk"), rep, 200);
        assertThat(found.get("items").toString()).as("the search index is rebuilt").contains("Ann Bäker");
    }

    @Test
    void aDamagedBackupIsRefusedBeforeAnythingIsWritten() throws Exception {
        TestWorkspace acme = populated();
        byte[] zip = backups.backup(acme.id());
        ByteArrayOutputStream damaged = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
                ZipOutputStream out = new ZipOutputStream(damaged)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals("tables/contacts.jsonl")) {
                    content = new String(content, StandardCharsets.UTF_8).replace("Ann", "Eve").getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        Path file = Files.createTempFile("damaged", ".zip");
        Files.write(file, damaged.toByteArray());
        deleteWorkspace(acme.id());
        assertThatThrownBy(() -> backups.restore(file)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("checksum");
        assertThat(dump(acme.id()).values()).allMatch(List::isEmpty);
        Path notZip = Files.createTempFile("not", ".zip");
        Files.writeString(notZip, "hello");
        assertThatThrownBy(() -> backups.restore(notZip)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void adminsDownloadTheBackupFromTheApiAndTheSettings() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        MvcResult result = mvc.perform(get("/api/v1/backup").with(acme.admin().api())).andExpect(status().isOk())
                .andReturn();
        assertThat(result.getResponse().getContentType()).isEqualTo("application/zip");
        assertThat(new String(entry(result.getResponse().getContentAsByteArray(), "manifest.json"), StandardCharsets.UTF_8))
                .contains("\"workspaceId\" : \"" + acme.id() + "\"");
        mvc.perform(get("/api/v1/backup").with(acme.user(Role.MANAGER).api())).andExpect(status().isForbidden());
        String page = mvc.perform(get("/settings/backup").with(acme.admin().browser())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("href=\"/settings/backup/download\"");
        mvc.perform(get("/settings/backup/download").with(acme.admin().browser())).andExpect(status().isOk());
    }

    @Test
    void theEmbeddedDatabaseIsCopiedOnlineIntoAConsistentFile() throws Exception {
        TestWorkspace acme = populated();
        Path target = Files.createTempDirectory("copy").resolve("tickler-copy.db");
        if (app.tickler.TestDatabase.onPostgres()) {
            assertThatThrownBy(() -> databaseBackups.copy(target)).isInstanceOf(Conflict.class);
            return;
        }
        assertThat(databaseBackups.copy(target)).isEqualTo(target.toAbsolutePath());
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + target);
                var statement = connection.prepareStatement("SELECT COUNT(*) FROM contacts WHERE workspace_id = ?")) {
            statement.setLong(1, acme.id());
            try (var rs = statement.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
        }
        assertThatThrownBy(() -> databaseBackups.copy(target)).as("never over an existing file")
                .isInstanceOf(InvalidInput.class);
    }

    static byte[] entry(byte[] zip, String name) throws Exception {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError("no " + name);
    }
}
