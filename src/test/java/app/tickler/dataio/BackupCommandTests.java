package app.tickler.dataio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import app.tickler.TestDatabase;
import app.tickler.TicklerApplication;
import app.tickler.platform.InvalidInput;

/**
 * The backup commands as the operator runs them: Tickler started with the command's arguments (with
 * {@code --tickler.backup.exit=false}, so that the test's JVM stays). A workspace full of demo data
 * (parties, deals, touches, follow-ups, journal, products) is backed up from one installation and
 * restored into another, separately started one on a database of its own — a fresh SQLite file, or a
 * PostgreSQL database created here when {@code TICKLER_TEST_POSTGRES_URL} is set — and every row of the
 * workspace is compared.
 */
class BackupCommandTests {

    static final String ADMIN = "ops@backup.test";
    static final String PASSWORD = "keep these records safe";

    /** One installation: its data directory, and its own PostgreSQL database when it is on PostgreSQL. */
    record Installation(Path dataDir, String postgresUrl, String postgresName) {

        static Installation sqlite() throws Exception {
            return new Installation(Files.createTempDirectory("tickler-backup-command-"), null, null);
        }

        /** A new database on the test server, named after the test server's one. */
        static Installation postgres() throws Exception {
            String base = TestDatabase.POSTGRES_URL;
            String name = base.replaceFirst("^jdbc:postgresql://[^/]+/([^?]*).*$", "$1") + "_restore_"
                    + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            try (Connection connection = DriverManager.getConnection(base, user(), password());
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
            return new Installation(Files.createTempDirectory("tickler-backup-command-"),
                    base.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name), name);
        }

        static String user() {
            String user = System.getenv("TICKLER_TEST_POSTGRES_USER");
            return user == null ? "postgres" : user;
        }

        static String password() {
            String password = System.getenv("TICKLER_TEST_POSTGRES_PASSWORD");
            return password == null ? "" : password;
        }

        /** Starts Tickler on this installation with the arguments; the commands among them run before this returns. */
        ConfigurableApplicationContext start(String... arguments) {
            List<String> args = new ArrayList<>(List.of("--server.port=0", "--tickler.data-dir=" + dataDir,
                    "--spring.main.banner-mode=off", "--tickler.backup.exit=false",
                    // no scheduled job may change the workspace while the test compares it
                    "--tickler.journal.reminder-cron=-", "--tickler.aftersale.daily-cron=-",
                    "--tickler.sales.idle-leads-cron=-", "--tickler.followup.policy-cron=-",
                    "--tickler.followup.digest-cron=-", "--tickler.insight.coverage-cron=-", "--tickler.jobs.trash-cron=-",
                    "--tickler.dataio.resume-after=PT1H", "--tickler.followup.sweep-every=PT1H"));
            if (postgresUrl != null) {
                args.addAll(List.of("--spring.datasource.url=" + postgresUrl, "--spring.datasource.username=" + user(),
                        "--spring.datasource.password=" + password()));
            }
            args.addAll(List.of(arguments));
            return SpringApplication.run(TicklerApplication.class, args.toArray(String[]::new));
        }

        void drop() {
            if (postgresName == null) {
                return;
            }
            try (Connection connection = DriverManager.getConnection(TestDatabase.POSTGRES_URL, user(), password());
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + postgresName);
            } catch (Exception e) {
                // a database left behind on the test server is harmless
            }
        }
    }

    static Installation fresh() throws Exception {
        return TestDatabase.onPostgres() ? Installation.postgres() : Installation.sqlite();
    }

    @Test
    void aWorkspaceBackedUpFromTheCommandLineIsRestoredIntoASeparateInstallationRowForRow() throws Exception {
        Installation source = fresh();
        Installation target = fresh();
        try {
            long workspace = populate(source);
            Path zip = source.dataDir().resolve("acme.zip");
            Map<String, List<Map<String, Object>>> before;
            try (ConfigurableApplicationContext app = source.start("--tickler.backup.workspace=" + workspace,
                    "--tickler.backup.file=" + zip, "--tickler.backup.credentials=true")) {
                before = dump(app, workspace);
            }
            assertThat(zip).exists();
            assertPopulated(before);

            Path damaged = source.dataDir().resolve("damaged.zip");
            Files.write(damaged, damage(Files.readAllBytes(zip)));
            Throwable refused = catchThrowable(() -> target.start("--tickler.restore.file=" + damaged).close());
            while (refused != null && refused.getCause() != null) {
                refused = refused.getCause();
            }
            assertThat(refused).as("a damaged backup stops the command").isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("tables/contacts.jsonl does not match its checksum");

            try (ConfigurableApplicationContext app = target.start("--tickler.restore.file=" + zip)) {
                Map<String, List<Map<String, Object>>> after = dump(app, workspace);
                assertThat(after.keySet()).isEqualTo(before.keySet());
                for (String table : before.keySet()) {
                    assertThat(after.get(table)).as(table).isEqualTo(before.get(table));
                }
                assertThat(signIn(app, ADMIN, PASSWORD)).as("a backup with credentials keeps the passwords").isEqualTo(201);
            }
        } finally {
            source.drop();
            target.drop();
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "TICKLER_TEST_POSTGRES_URL", matches = ".+")
    void aWorkspaceMovesFromSqliteToPostgresWithoutCredentialsAndItsAdminGetsANewPassword() throws Exception {
        Installation source = Installation.sqlite();
        Installation target = Installation.postgres();
        try {
            long workspace = populate(source);
            Path zip = source.dataDir().resolve("acme.zip");
            Path copy = source.dataDir().resolve("copy").resolve("tickler.db");
            Map<String, List<Map<String, Object>>> before;
            List<Backups.Table> tables;
            try (ConfigurableApplicationContext app = source.start("--tickler.backup.workspace=" + workspace,
                    "--tickler.backup.file=" + zip, "--tickler.backup.database=" + copy)) {
                before = dump(app, workspace);
                tables = app.getBean(Backups.class).tables();
            }
            assertPopulated(before);
            assertCopied(copy, workspace, before);

            String password = "a new password after the move";
            try (ConfigurableApplicationContext app = target.start("--tickler.restore.file=" + zip,
                    "--tickler.restore.admin-email=" + ADMIN, "--tickler.restore.admin-password=" + password)) {
                Map<String, List<Map<String, Object>>> after = dump(app, workspace);
                for (Backups.Table table : tables) {
                    if (table.onlyWithCredentials()) {
                        assertThat(after.get(table.name())).as(table.name()).isEmpty();
                        continue;
                    }
                    List<String> credentials = new ArrayList<>(table.columns().stream().filter(Backups.Column::credential)
                            .map(Backups.Column::name).toList());
                    if (table.name().equals("users")) {
                        // the admin's new password is a change of the user
                        credentials.addAll(List.of("security_stamp", "version", "updated_at"));
                    }
                    if (table.name().equals("audit_events")) {
                        assertThat(after.get("audit_events")).containsAll(before.get("audit_events"))
                                .hasSize(before.get("audit_events").size() + 1)
                                .anyMatch(e -> "password set by the operator".equals(e.get("action")));
                        continue;
                    }
                    // PostgreSQL's search text, a column SQLite has not, is compared through the search below
                    List<String> onlyHere = after.get(table.name()).isEmpty() ? List.of()
                            : after.get(table.name()).get(0).keySet().stream().filter(c -> table.columns().stream()
                                    .noneMatch(mine -> mine.name().equals(c))).toList();
                    assertThat(withoutColumns(withoutColumns(after.get(table.name()), credentials), onlyHere))
                            .as(table.name()).isEqualTo(withoutColumns(before.get(table.name()), credentials));
                }
                assertThat(signIn(app, ADMIN, PASSWORD)).as("the old password stayed behind").isEqualTo(401);
                HttpResponse<String> token = http(app, "POST", "/api/v1/auth/tokens", basic(ADMIN, password),
                        "{\"name\":\"after the move\"}");
                assertThat(token.statusCode()).isEqualTo(201);
                String name = (String) before.get("accounts").get(0).get("name");
                HttpResponse<String> found = http(app, "GET", "/api/v1/search?q="
                        + java.net.URLEncoder.encode(name.split(" ")[0], StandardCharsets.UTF_8), "Bearer "
                        + token.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1"), "");
                assertThat(found.body()).as("PostgreSQL's search text is written for the moved records").contains(name);
            }
        } finally {
            target.drop();
        }
    }

    @Test
    void theCommandLineCopiesTheEmbeddedDatabaseOnline() throws Exception {
        Installation source = Installation.sqlite();
        long workspace = populate(source);
        Path copy = source.dataDir().resolve("backups").resolve("copy.db");
        Map<String, List<Map<String, Object>>> before;
        try (ConfigurableApplicationContext app = source.start("--tickler.backup.database=" + copy)) {
            before = dump(app, workspace);
        }
        assertCopied(copy, workspace, before);
    }

    // --- the steps --------------------------------------------------------------------------

    /** A first run with demo data, then a product, an installation and a touch and a journal entry of the admin's through the API; the workspace's id. */
    static long populate(Installation installation) throws Exception {
        try (ConfigurableApplicationContext app = installation.start("--tickler.admin.email=" + ADMIN,
                "--tickler.admin.password=" + PASSWORD, "--tickler.demo=true", "--tickler.demo.accounts=40")) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            long workspace = jdbc.queryForObject("SELECT workspace_id FROM workspaces", Long.class);
            long account = jdbc.queryForObject("SELECT MIN(id) FROM accounts WHERE workspace_id = ?", Long.class, workspace);
            String token = http(app, "POST", "/api/v1/auth/tokens", basic(ADMIN, PASSWORD), "{\"name\":\"set-up\"}").body()
                    .replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            HttpResponse<String> product = http(app, "POST", "/api/v1/products", "Bearer " + token,
                    "{\"name\":\"Solar roof\",\"lifespanMonths\":240,\"warrantyMonths\":60}");
            assertThat(product.statusCode()).as(product.body()).isEqualTo(201);
            String productId = product.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
            HttpResponse<String> installed = http(app, "POST", "/api/v1/installed-products", "Bearer " + token, """
                    {"accountId":"%s","productId":"%s","quantity":2,"installDate":"2025-03-01"}"""
                    .formatted(account, productId));
            assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
            long contact = jdbc.queryForObject("SELECT MIN(id) FROM contacts WHERE workspace_id = ?", Long.class, workspace);
            HttpResponse<String> touch = http(app, "POST", "/api/v1/touches", "Bearer " + token, """
                    {"channel":"CALL","contactIds":["%s"],"reached":true,"outcome":"PROGRESSED","notes":"Liked it"}"""
                    .formatted(contact));
            assertThat(touch.statusCode()).as(touch.body()).isEqualTo(201);
            String day = java.time.LocalDate.now(java.time.ZoneId.systemDefault()).toString();
            HttpResponse<String> journal = http(app, "PUT", "/api/v1/journal/days/" + day, "Bearer " + token,
                    "{\"plan\":\"Call the roofers\",\"reflection\":\"Went well\"}");
            assertThat(journal.statusCode()).as(journal.body()).isEqualTo(200);
            return workspace;
        }
    }

    static void assertPopulated(Map<String, List<Map<String, Object>>> rows) {
        for (String table : List.of("workspaces", "users", "api_tokens", "accounts", "contacts", "deals", "payments",
                "leads", "touches", "follow_ups", "journal_entries", "journal_items", "products", "installed_products",
                "timeline_entries", "audit_events")) {
            assertThat(rows.get(table)).as(table).isNotEmpty();
        }
    }

    static void assertCopied(Path copy, long workspace, Map<String, List<Map<String, Object>>> before) throws Exception {
        assertThat(copy).exists();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy)) {
            for (String table : List.of("accounts", "contacts", "deals", "touches", "follow_ups", "journal_entries")) {
                try (var statement = connection.prepareStatement("SELECT COUNT(*) FROM " + table
                        + " WHERE workspace_id = ?")) {
                    statement.setLong(1, workspace);
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        assertThat(rs.getLong(1)).as(table).isEqualTo(before.get(table).size());
                    }
                }
            }
        }
    }

    /** Every row of the workspace, table by table, in key order; numbers and booleans alike on both databases. */
    static Map<String, List<Map<String, Object>>> dump(ConfigurableApplicationContext app, long workspace) {
        return dump(app.getBean(Backups.class), app.getBean(JdbcTemplate.class), workspace);
    }

    static Map<String, List<Map<String, Object>>> dump(Backups backups, JdbcTemplate jdbc, long workspace) {
        Map<String, List<Map<String, Object>>> all = new LinkedHashMap<>();
        for (Backups.Table table : backups.tables()) {
            List<String> columns = table.columns().stream().filter(c -> !c.generated()).map(Backups.Column::name).toList();
            List<Map<String, Object>> rows = new ArrayList<>();
            jdbc.query("SELECT " + String.join(", ", columns) + " FROM " + table.name() + " WHERE workspace_id = ?"
                    + (table.primaryKey().isEmpty() ? "" : " ORDER BY " + String.join(", ", table.primaryKey())), rs -> {
                Map<String, Object> row = new LinkedHashMap<>();
                for (String column : columns) {
                    Object value = rs.getObject(column);
                    row.put(column, value instanceof Boolean b ? (Object) (b ? 1L : 0L)
                            : value instanceof Number n ? (Object) n.longValue() : value);
                }
                rows.add(row);
            }, workspace);
            all.put(table.name(), rows);
        }
        return all;
    }

    static List<Map<String, Object>> withoutColumns(List<Map<String, Object>> rows, List<String> columns) {
        return rows.stream().map(row -> {
            Map<String, Object> copy = new LinkedHashMap<>(row);
            columns.forEach(copy::remove);
            return copy;
        }).toList();
    }

    /** The backup with a name in its contacts changed and its checksum left as it was. */
    static byte[] damage(byte[] zip) throws Exception {
        ByteArrayOutputStream damaged = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip));
                ZipOutputStream out = new ZipOutputStream(damaged)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                if (entry.getName().equals("tables/contacts.jsonl")) {
                    content = new String(content, StandardCharsets.UTF_8).replaceFirst("\"first_name\":\"", "\"first_name\":\"X")
                            .getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        return damaged.toByteArray();
    }

    static int signIn(ConfigurableApplicationContext app, String email, String password) throws Exception {
        return http(app, "POST", "/api/v1/auth/tokens", basic(email, password), "{\"name\":\"after the restore\"}")
                .statusCode();
    }

    static String basic(String email, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> http(ConfigurableApplicationContext app, String method, String path, String authorization,
            String body) throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
