package app.tickler.bench;

import static app.tickler.bench.BenchmarkServer.measure;
import static app.tickler.bench.BenchmarkServer.unchecked;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The insight dashboard on the reference data of {@link BenchmarkServer} (200,000 accounts, 1,000,000
 * contacts, 100,000 deals, 10,000,000 touches, 2,000,000 follow-ups). Run with
 * {@code ./mvnw test -Dgroups=benchmark -DexcludedGroups= -Dtest=InsightBenchmark -Dbench.dir=…} (SQLite), or
 * with TICKLER_BENCH_POSTGRES_URL for PostgreSQL.
 *
 * <p>The generated data has no teams: the first ten reps (by id) are put in the team {@code Benchmark team}
 * once. The daily counters are rebuilt when the workspace has none (data generated before the insight
 * module). Then the dashboard for that team and the last full quarter is requested over HTTP
 * ({@code GET /api/v1/insights/dashboard}, JSON) and timed on the client, next to the server's own
 * time of the view ({@code millis}). On PostgreSQL the tables the dashboard reads are vacuumed and
 * analysed first, as autovacuum would have done on a production server.
 */
@Tag("benchmark")
class InsightBenchmark {

    static final int RUNS = Integer.getInteger("bench.runs", 40);
    static final String TEAM = "Benchmark team";
    private static final Pattern TOOK = Pattern.compile("\"millis\":(\\d+)");

    @Test
    void dashboardAtScale() throws Exception {
        try (BenchmarkServer server = BenchmarkServer.start(200_000, 1_000_000)) {
            String admin = server.token(BenchmarkServer.ADMIN);
            long team = team(server, admin);
            List<String> notes = new ArrayList<>();
            Long counters = server.jdbc.queryForObject(
                    "SELECT COUNT(*) FROM insight_daily_counters WHERE workspace_id = ?", Long.class, server.workspace);
            if (counters == null || counters == 0) {
                long started = System.nanoTime();
                String result = server.post("/api/v1/insights/counters/rebuild", admin, "");
                notes.add("counter rebuild: " + (System.nanoTime() - started) / 1_000_000 + " ms, " + result);
            }

            if (server.database.equals("PostgreSQL")) {
                // what autovacuum does on a production server (the benchmark server runs with it off): without
                // statistics and a visibility map the planner cannot choose index-only scans
                for (String table : List.of("deals", "payments", "accounts", "follow_ups", "deal_closings",
                        "insight_daily_counters", "insight_coverage", "users", "teams")) {
                    long started = System.nanoTime();
                    server.jdbc.execute("VACUUM ANALYZE " + table);
                    notes.add("VACUUM ANALYZE " + table + ": " + (System.nanoTime() - started) / 1_000_000 + " ms");
                }
            }

            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            LocalDate thisQuarter = today.withDayOfMonth(1).withMonth(((today.getMonthValue() - 1) / 3) * 3 + 1);
            LocalDate from = thisQuarter.minusMonths(3);
            LocalDate to = thisQuarter.minusDays(1);
            String period = "/api/v1/insights/dashboard?from=" + from + "&to=" + to;
            long rep = server.jdbc.queryForObject("SELECT MIN(id) FROM users WHERE workspace_id = ? AND team_id = ?",
                    Long.class, server.workspace, team);

            List<BenchmarkServer.Result> results = new ArrayList<>();
            List<Long> serverTimes = new ArrayList<>();
            results.add(measure("dashboard, a team of 10 reps, " + from + " – " + to + " (HTTP)", RUNS,
                    () -> unchecked(() -> serverTimes.add(took(server.get(period + "&teamId=" + team, admin).body())))));
            List<Long> teamServerTimes = new ArrayList<>(serverTimes.subList(serverTimes.size() - RUNS, serverTimes.size()));
            results.add(measure("dashboard, one rep, same quarter (HTTP)", RUNS,
                    () -> unchecked(() -> server.get(period + "&userId=" + rep, admin))));
            results.add(measure("dashboard, everybody, same quarter (HTTP)", RUNS,
                    () -> unchecked(() -> server.get(period, admin))));

            java.util.Collections.sort(teamServerTimes);
            StringBuilder table = new StringBuilder();
            table.append("Insight dashboard on ").append(server.database).append(" (reference data; ms, client-measured on loopback)\n\n")
                    .append("| operation | p50 | p95 | p99 | runs |\n| --- | --- | --- | --- | --- |\n");
            results.forEach(r -> table.append(r.row()).append('\n'));
            table.append("\nteam dashboard, server time of the view (millis): p50 ")
                    .append(teamServerTimes.get(teamServerTimes.size() / 2)).append(" ms, p95 ")
                    .append(teamServerTimes.get(Math.min(teamServerTimes.size() - 1, (int) Math.ceil(0.95 * teamServerTimes.size()) - 1)))
                    .append(" ms\n");
            notes.forEach(n -> table.append(n).append('\n'));
            System.out.println(table);
            Path out = Path.of("target/benchmarks");
            Files.createDirectories(out);
            Files.writeString(out.resolve("insight-" + server.database.toLowerCase() + ".md"), table.toString());
        }
    }

    /** The team of the benchmark: created once with the first ten reps. */
    private static long team(BenchmarkServer server, String admin) throws Exception {
        List<Long> existing = server.jdbc.queryForList("SELECT id FROM teams WHERE workspace_id = ? AND name = ?", Long.class,
                server.workspace, TEAM);
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        String created = server.post("/api/v1/teams", admin, "{\"name\":\"" + TEAM + "\"}");
        Matcher id = Pattern.compile("\"id\":\"?(\\d+)").matcher(created);
        if (!id.find()) {
            throw new IllegalStateException("no team id: " + created);
        }
        long team = Long.parseLong(id.group(1));
        List<Long> reps = server.jdbc.queryForList(
                "SELECT id FROM users WHERE workspace_id = ? AND role = 'REP' ORDER BY id LIMIT 10", Long.class, server.workspace);
        for (long rep : reps) {
            server.jdbc.update("UPDATE users SET team_id = ? WHERE workspace_id = ? AND id = ?", team, server.workspace, rep);
        }
        return team;
    }

    private static long took(String body) {
        Matcher took = TOOK.matcher(body);
        return took.find() ? Long.parseLong(took.group(1)) : -1;
    }
}
