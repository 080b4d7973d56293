package app.tickler.dataio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
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
import app.tickler.identity.Provisioning;
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
    @Autowired
    Provisioning provisioning;

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
        return BackupCommandTests.dump(backups, jdbc, workspace);
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

        byte[] zip = backups.backup(acme.id(), true);
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
        byte[] zip = backups.backup(acme.id(), true);
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
                .hasMessageContaining("tables/contacts.jsonl does not match its checksum");
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

    @Test
    void theBackupAnAdminDownloadsHoldsNoPasswordSecretOrHashOfOne() throws Exception {
        TestWorkspace acme = populated();
        TestUser admin = acme.admin();
        TestUser rep = acme.user(Role.REP);
        call(post("/api/v1/calendar-feed"), rep, 201);
        call(put("/api/v1/smtp-settings").content("""
                {"host":"127.0.0.1","port":2525,"username":"tickler","password":"smtp-s3cret","starttls":false,
                 "fromAddress":"sales@acme.test","fromName":"Acme Sales"}"""), admin, 200);
        List<String> secrets = new ArrayList<>();
        secrets.addAll(jdbc.queryForList("SELECT password_hash FROM users WHERE workspace_id = ?", String.class, acme.id()));
        secrets.addAll(jdbc.queryForList("SELECT secret_hash FROM api_tokens WHERE workspace_id = ?", String.class, acme.id()));
        secrets.addAll(jdbc.queryForList("SELECT secret_hash FROM calendar_feeds WHERE workspace_id = ?", String.class,
                acme.id()));
        secrets.addAll(jdbc.queryForList("SELECT password FROM smtp_settings WHERE workspace_id = ?", String.class, acme.id()));
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(2 + 2 + 1 + 1).doesNotContainNull();
        assertThat(new String(backups.backup(acme.id(), true), StandardCharsets.ISO_8859_1))
                .as("the operator's backup with credentials has them (a compressed file: checked by the restore)")
                .isNotEmpty();

        for (var download : List.of(get("/api/v1/backup").with(admin.api()),
                get("/settings/backup/download").with(admin.browser()))) {
            byte[] zip = mvc.perform(download).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
            Map<String, String> files = entries(zip);
            assertThat(files.get("tables/users.jsonl")).contains(admin.email());
            for (String content : files.values()) {
                for (String secret : secrets) {
                    assertThat(content).doesNotContain(secret);
                }
                assertThat(content).doesNotContain("$argon2").doesNotContain("smtp-s3cret");
            }
            JsonNode manifest = json.readTree(files.get("manifest.json"));
            assertThat(manifest.get("credentials").asBoolean()).isFalse();
            List<String> tables = new ArrayList<>();
            for (JsonNode table : manifest.get("tables")) {
                tables.add(table.get("name").asString());
                for (JsonNode column : table.get("columns")) {
                    assertThat(column.asString()).as(table.get("name").asString())
                            .doesNotContain("password").doesNotContain("secret").doesNotEndWith("_hash");
                }
            }
            assertThat(tables).contains("users", "smtp_settings").doesNotContain("api_tokens", "calendar_feeds");
        }
    }

    @Test
    void aBackupWithoutCredentialsRestoresNobodysPasswordAndTheOperatorGivesTheAdminOne() throws Exception {
        TestWorkspace acme = populated();
        TestUser admin = acme.admin();
        TestUser rep = acme.user(Role.REP);
        Map<String, List<Map<String, Object>>> before = dump(acme.id());
        byte[] zip = mvc.perform(get("/api/v1/backup").with(admin.api())).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsByteArray();
        Path file = Files.createTempFile("without-credentials", ".zip");
        Files.write(file, zip);
        deleteWorkspace(acme.id());

        assertThatThrownBy(() -> backups.restore(file, id -> Actors.runAs(Actor.system(id, ZoneOffset.UTC),
                () -> provisioning.setPassword(admin.email(), "short")))).as("a refused password restores nothing")
                .isInstanceOf(InvalidInput.class).hasMessageContaining("password");
        assertThat(dump(acme.id()).values()).allMatch(List::isEmpty);

        String password = "the restored admin's new password";
        backups.restore(file, id -> Actors.runAs(Actor.system(id, ZoneOffset.UTC),
                () -> provisioning.setPassword(admin.email(), password)));
        Map<String, List<Map<String, Object>>> after = dump(acme.id());
        assertThat(after.get("users")).hasSameSizeAs(before.get("users"));
        assertThat(after.get("contacts")).isEqualTo(before.get("contacts"));
        assertThat(after.get("api_tokens")).isEmpty();
        assertThat(after.get("users")).allSatisfy(user -> assertThat(before.get("users"))
                .noneMatch(old -> old.get("password_hash").equals(user.get("password_hash"))));

        assertThat(signIn(rep.email(), Fixtures.PASSWORD)).as("the old password is not restored").isEqualTo(401);
        assertThat(signIn(admin.email(), Fixtures.PASSWORD)).isEqualTo(401);
        assertThat(signIn(admin.email(), password)).isEqualTo(201);
    }

    int signIn(String email, String password) throws Exception {
        return mvc.perform(post("/api/v1/auth/tokens").with(httpBasic(email, password))
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"after the restore\"}")).andReturn()
                .getResponse().getStatus();
    }

    @Test
    void aLineThatIsNotJsonIsNamedByFileAndLineAndNothingIsWritten() throws Exception {
        refusedNamingTheLine(lines -> lines.set(1, "{\"workspace_id\": 1, oops"), "tables/contacts.jsonl line 2",
                "is not valid JSON");
    }

    @Test
    void aRowWithoutItsKeyColumnIsNamedByFileAndLineAndNothingIsWritten() throws Exception {
        refusedNamingTheLine(lines -> lines.set(1, lines.get(1).replaceFirst("\"id\":\\s*\\d+,", "")),
                "tables/contacts.jsonl line 2", "lacks its key column id");
    }

    @Test
    void aColumnTheTableDoesNotHaveIsNamedByFileAndLineAndNothingIsWritten() throws Exception {
        refusedNamingTheLine(lines -> lines.set(1, lines.get(1).replaceFirst("^\\{", "{\"shoe_size\":44,")),
                "tables/contacts.jsonl line 2", "has a column shoe_size that table contacts does not have");
    }

    @Test
    void aValueOfTheWrongTypeIsNamedByFileAndLineAndNothingIsWritten() throws Exception {
        refusedNamingTheLine(lines -> lines.set(1, lines.get(1).replaceFirst("\"created_at\":\\s*\\d+",
                "\"created_at\":\"yesterday\"")), "tables/contacts.jsonl line 2",
                "column created_at must be a whole number");
    }

    @Test
    void aRowTheDatabaseRefusesIsNamedByItsOwnLineNotItsBatch() throws Exception {
        // line 2 repeats line 1: the same key twice, which only the database can tell (a batch of both
        // would be named "lines 1–2")
        refusedNamingTheLine(lines -> lines.set(1, lines.get(0)), "tables/contacts.jsonl line 2:",
                "the database refused the row");
    }

    @Test
    void aFileWithFewerRowsThanItsManifestSaysIsRefused() throws Exception {
        TestWorkspace acme = populated();
        byte[] zip = backups.backup(acme.id(), true);
        byte[] shortened = rewrite(zip, "tables/contacts.jsonl", lines -> lines.remove(1), false);
        Path file = Files.createTempFile("shortened", ".zip");
        Files.write(file, shortened);
        deleteWorkspace(acme.id());
        assertThatThrownBy(() -> backups.restore(file)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("tables/contacts.jsonl has 1 rows; manifest.json says 2");
        assertThat(dump(acme.id()).values()).allMatch(List::isEmpty);
    }

    @Test
    void aBackupRecordsTheHighestMigrationAppliedAndAnInstallationWithoutItRefusesItBeforeWriting() throws Exception {
        TestWorkspace acme = populated();
        byte[] zip = backups.backup(acme.id(), true);
        String recorded = json.readTree(entry(zip, "manifest.json")).get("schemaVersion").asString();
        List<String> applied = jdbc.queryForList(
                "SELECT version FROM flyway_schema_history WHERE success = TRUE AND version IS NOT NULL", String.class);
        assertThat(recorded).as("whatever its folder").isEqualTo(SchemaVersions.highest(applied));
        // the imports' vendor migrations (V71, V72, V74) count as much as portable ones (V75 is portable and newer)
        String vendor = SchemaVersions.highest(applied.stream().filter(v -> !SchemaVersions.shipped().portable(v)).toList());
        assertThat(Integer.parseInt(vendor)).isGreaterThanOrEqualTo(74);
        assertThat(Integer.parseInt(recorded)).as("the vendor migrations of the imports count")
                .isGreaterThanOrEqualTo(Integer.parseInt(vendor));
        deleteWorkspace(acme.id());

        Path newer = Files.createTempFile("newer", ".zip");
        Files.write(newer, withSchemaVersion(zip, Integer.toString(Integer.parseInt(recorded) + 1)));
        assertThatThrownBy(() -> backups.restore(newer)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("schema version " + (Integer.parseInt(recorded) + 1))
                .hasMessageContaining("newer Tickler than this one (schema version " + recorded + ")");
        assertThat(dump(acme.id()).values()).as("nothing is written").allMatch(List::isEmpty);

        // the previous release recorded its newest portable migration, 70: an older Tickler's backup
        Path older = Files.createTempFile("older", ".zip");
        Files.write(older, withSchemaVersion(zip, "70"));
        assertThatThrownBy(() -> backups.restore(older)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("schema version 70").hasMessageContaining("then upgrade");
        assertThat(dump(acme.id()).values()).as("nothing is written").allMatch(List::isEmpty);

        Path same = Files.createTempFile("same", ".zip");
        Files.write(same, zip);
        assertThat(backups.restore(same)).as("the same schema").isEqualTo(acme.id());
    }

    /** The backup with its manifest's schema version replaced. */
    byte[] withSchemaVersion(byte[] zip, String version) throws Exception {
        Map<String, String> files = entries(zip);
        tools.jackson.databind.node.ObjectNode manifest = (tools.jackson.databind.node.ObjectNode) json.readTree(
                files.get("manifest.json"));
        manifest.put("schemaVersion", version);
        files.put("manifest.json", json.writeValueAsString(manifest));
        return zipped(files);
    }

    static byte[] zipped(Map<String, String> files) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zipped = new ZipOutputStream(out)) {
            for (var file : files.entrySet()) {
                zipped.putNextEntry(new ZipEntry(file.getKey()));
                zipped.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zipped.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** A backup with one line of the contacts changed (checksums and counts made to match) is refused whole. */
    void refusedNamingTheLine(java.util.function.Consumer<List<String>> change, String where, String why)
            throws Exception {
        TestWorkspace acme = populated();
        byte[] zip = backups.backup(acme.id(), true);
        byte[] changed = rewrite(zip, "tables/contacts.jsonl", change, true);
        assertThat(changed).isNotEqualTo(zip);
        Path file = Files.createTempFile("changed", ".zip");
        Files.write(file, changed);
        deleteWorkspace(acme.id());
        assertThatThrownBy(() -> backups.restore(file)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining(where).hasMessageContaining(why);
        assertThat(dump(acme.id()).values()).as("nothing is written").allMatch(List::isEmpty);
    }

    /** The backup with one file's lines changed and its checksum made to match; {@code consistent}: its row count too. */
    byte[] rewrite(byte[] zip, String name, java.util.function.Consumer<List<String>> change, boolean consistent)
            throws Exception {
        Map<String, String> files = entries(zip);
        List<String> lines = new ArrayList<>(files.get(name).lines().toList());
        change.accept(lines);
        String content = String.join("\n", lines) + "\n";
        files.put(name, content);
        tools.jackson.databind.node.ObjectNode manifest = (tools.jackson.databind.node.ObjectNode) json.readTree(
                files.get("manifest.json"));
        for (JsonNode table : manifest.get("tables")) {
            if (table.get("file").asString().equals(name)) {
                ((tools.jackson.databind.node.ObjectNode) table).put("sha256", java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8))));
                if (consistent) {
                    ((tools.jackson.databind.node.ObjectNode) table).put("rows", lines.size());
                }
            }
        }
        files.put("manifest.json", json.writeValueAsString(manifest));
        return zipped(files);
    }

    static Map<String, String> entries(byte[] zip) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
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
