package app.tickler.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import app.tickler.TestDatabase;
import app.tickler.TicklerApplication;
import app.tickler.identity.Directory;
import app.tickler.identity.UserId;
import app.tickler.identity.WorkspaceId;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.database.DataDirectory;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;

/**
 * Measurements for docs/benchmarks.md (excluded by default): the journal of a rep's day, with
 * {@code tickler.benchmark.journal-lines} journal lines in the workspace (default 2,000,000: 200 reps ×
 * 250 working days × 40 lines). {@code ./mvnw test -Dgroups=benchmark -DexcludedGroups=
 * -Dtest=JournalBenchmarkTests}, with TICKLER_TEST_POSTGRES_URL for PostgreSQL.
 */
@Tag("benchmark")
class JournalBenchmarkTests {

    private static final int LINES = Integer.getInteger("tickler.benchmark.journal-lines", 2_000_000);
    private static final int REPS = 200;
    private static final int LINES_A_DAY = 40;

    @Test
    void measure() throws Exception {
        Path dataDir = Files.createTempDirectory("tickler-benchmark-");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--tickler.data-dir=" + dataDir,
                "--tickler.admin.email=bench@mark.test", "--tickler.admin.password=measure twice cut once",
                "--tickler.followup.policy-cron=-", "--tickler.followup.sweep-every=PT24H", "--tickler.journal.reminder-cron=-",
                "--tickler.aftersale.daily-cron=-", "--spring.main.banner-mode=off", "--logging.level.app.tickler=WARN"));
        if (TestDatabase.onPostgres()) {
            String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            args.add("--spring.datasource.url=" + TestDatabase.POSTGRES_URL + "?currentSchema=" + schema + ",public");
            args.add("--spring.flyway.schemas=" + schema);
            args.add("--spring.flyway.default-schema=" + schema);
            args.add("--spring.datasource.username=" + System.getenv().getOrDefault("TICKLER_TEST_POSTGRES_USER", "postgres"));
            args.add("--spring.datasource.password=" + System.getenv().getOrDefault("TICKLER_TEST_POSTGRES_PASSWORD", ""));
        } else {
            args.add("--spring.datasource.url=jdbc:sqlite:" + dataDir.resolve("tickler.db") + DataDirectory.SQLITE_OPTIONS);
        }
        try (ConfigurableApplicationContext app = SpringApplication.run(TicklerApplication.class, args.toArray(String[]::new))) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            JdbcTemplate template = app.getBean(JdbcTemplate.class);
            IdGenerator ids = app.getBean(IdGenerator.class);
            TransactionTemplate tx = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
            long workspace = jdbc.sql("SELECT workspace_id FROM workspaces").query(Long.class).single();
            long admin = jdbc.sql("SELECT id FROM users").query(Long.class).single();
            Actor actor = app.getBean(Directory.class).actorFor(new WorkspaceId(workspace), new UserId(admin)).orElseThrow();
            String dialect = app.getBean(app.tickler.platform.database.Dialect.class).name();
            Random random = new Random(42);
            LocalDate first = LocalDate.now(ZoneId.of("UTC")).minusDays(LINES / (REPS * LINES_A_DAY));

            long started = System.nanoTime();
            List<Object[]> batch = new ArrayList<>();
            int written = 0;
            int day = 0;
            while (written < LINES) {
                LocalDate date = first.plusDays(day++);
                for (int rep = 0; rep < REPS && written < LINES; rep++) {
                    // the admin is one of the reps: the measured days are the admin's
                    long user = rep == 0 ? admin : 1_000_000L + rep;
                    long at = date.atStartOfDay(ZoneId.of("UTC")).toInstant().toEpochMilli();
                    for (int line = 0; line < LINES_A_DAY && written < LINES; line++, written++) {
                        batch.add(new Object[] {workspace, user, date.toString(), ids.next(), "TOUCH", at + line * 600_000L,
                                "Call — Ann Baker (Customer " + random.nextInt(200_000) + "): attempt " + (1 + random.nextInt(8)),
                                "/accounts/" + random.nextInt(200_000), (long) random.nextInt(200_000), ids.next()});
                    }
                }
                if (batch.size() >= 20_000 || written >= LINES) {
                    List<Object[]> rows = batch;
                    tx.executeWithoutResult(status -> template.batchUpdate("""
                            INSERT INTO journal_items (workspace_id, user_id, day, id, kind, occurred_at, summary, link,
                                                       account_id, ref_id)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows));
                    batch = new ArrayList<>();
                }
            }
            int days = day;
            System.out.printf("BENCHMARK %s: %,d journal lines (%d reps, %d days, %d a day) inserted in %d ms%n", dialect,
                    LINES, REPS, days, LINES_A_DAY, (System.nanoTime() - started) / 1_000_000);
            jdbc.sql(TestDatabase.onPostgres() ? "VACUUM ANALYZE journal_items" : "ANALYZE").update();

            Journal journal = app.getBean(Journal.class);
            long[] times = Actors.callAs(actor, () -> {
                for (int i = 0; i < 50; i++) {
                    journal.day(null, first.plusDays(random.nextInt(days)));
                }
                long[] nanos = new long[1000];
                for (int i = 0; i < nanos.length; i++) {
                    LocalDate date = first.plusDays(random.nextInt(days));
                    long start = System.nanoTime();
                    JournalDay result = journal.day(null, date);
                    nanos[i] = System.nanoTime() - start;
                    if (result.items().size() != LINES_A_DAY) {
                        throw new IllegalStateException("expected " + LINES_A_DAY + " lines on " + date + ", got "
                                + result.items().size());
                    }
                }
                Arrays.sort(nanos);
                return nanos;
            });
            System.out.printf("BENCHMARK %s: a rep's day (%d lines, entry, comments) over %,d lines: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
                    dialect, LINES_A_DAY, LINES, p(times, 50), p(times, 95), p(times, 99));
        }
    }

    private static double p(long[] sorted, int percentile) {
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }
}
