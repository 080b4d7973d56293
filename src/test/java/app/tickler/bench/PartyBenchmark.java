package app.tickler.bench;

import static app.tickler.bench.BenchmarkServer.measure;
import static app.tickler.bench.BenchmarkServer.unchecked;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import app.tickler.platform.Cursor;

/**
 * Parties at the reference size: 1,000,000 contacts over 200,000 accounts. Run with
 * {@code ./mvnw test -Dgroups=benchmark -DexcludedGroups= -Dtest=PartyBenchmark} (SQLite), or with
 * TICKLER_BENCH_POSTGRES_URL for PostgreSQL; {@code -Dbench.contacts=…} scales it.
 */
@Tag("benchmark")
class PartyBenchmark {

    static final int ACCOUNTS = Integer.getInteger("bench.accounts", 200_000);
    static final int CONTACTS = Integer.getInteger("bench.contacts", 1_000_000);
    static final int RUNS = Integer.getInteger("bench.runs", 300);

    @Test
    void partiesAtScale() throws Exception {
        try (BenchmarkServer server = BenchmarkServer.start(ACCOUNTS, CONTACTS)) {
            String admin = server.token(BenchmarkServer.ADMIN);
            String rep = server.token("rep1." + server.workspace + "@tickler.test");
            server.signIn(BenchmarkServer.ADMIN);
            Random random = new Random(42);

            String middle = server.jdbc.queryForObject("""
                    SELECT sort_name || char(31) || id FROM contacts WHERE workspace_id = ? AND deleted_at IS NULL
                    ORDER BY sort_name, id LIMIT 1 OFFSET ?
                    """.replace("char(31)", server.database.equals("SQLite") ? "char(31)" : "chr(31)"),
                    String.class, server.workspace, CONTACTS / 2);
            String[] key = middle.split("\u001f");
            String deepCursor = Cursor.of(key[0], Long.parseLong(key[1])).encode();
            List<Long> accountIds = server.jdbc.queryForList(
                    "SELECT id FROM accounts WHERE workspace_id = ? ORDER BY id LIMIT 2000", Long.class, server.workspace);
            String[] typed = {"mül", "schm", "anna", "anna m", "north ro", "berl", "+49 151 2", "tanaka", "gar", "j",
                    "o'b", "summit dental", "evans", "lee", "head of"};

            List<BenchmarkServer.Result> results = new ArrayList<>();
            results.add(measure("contact list, first page (50, by name)", RUNS,
                    () -> unchecked(() -> server.get("/api/v1/contacts?limit=50", admin))));
            results.add(measure("contact list, page at 500,000 (keyset)", RUNS,
                    () -> unchecked(() -> server.get("/api/v1/contacts?limit=50&cursor=" + deepCursor, admin))));
            results.add(measure("contact list of a rep (own records only)", RUNS,
                    () -> unchecked(() -> server.get("/api/v1/contacts?limit=50", rep))));
            results.add(measure("account list filtered by level A, by name", RUNS,
                    () -> unchecked(() -> server.get("/api/v1/accounts?limit=50&level=A", admin))));
            results.add(measure("search as you type (mixed queries)", RUNS, () -> {
                String q = typed[random.nextInt(typed.length)];
                return unchecked(() -> server.get("/api/v1/search?q=" + java.net.URLEncoder.encode(q,
                        java.nio.charset.StandardCharsets.UTF_8), admin));
            }));
            results.add(measure("account page with buying centre (HTML)", RUNS, () -> {
                long id = accountIds.get(random.nextInt(accountIds.size()));
                return unchecked(() -> server.get("/accounts/" + id, null));
            }));

            StringBuilder table = new StringBuilder();
            table.append("Parties on ").append(server.database).append(" with ").append(CONTACTS).append(" contacts, ")
                    .append(ACCOUNTS).append(" accounts (ms, client-measured on loopback)\n\n")
                    .append("| operation | p50 | p95 | p99 | runs |\n| --- | --- | --- | --- | --- |\n");
            results.forEach(r -> table.append(r.row()).append('\n'));
            System.out.println(table);
            Path out = Path.of("target/benchmarks");
            Files.createDirectories(out);
            Files.writeString(out.resolve("parties-" + server.database.toLowerCase() + ".md"), table.toString());
        }
    }
}
