package app.tickler.followup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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

import app.tickler.TestDatabase;
import app.tickler.TicklerApplication;
import app.tickler.identity.Directory;
import app.tickler.identity.UserId;
import app.tickler.identity.WorkspaceId;
import app.tickler.party.Channel;
import app.tickler.party.ContactId;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.database.DataDirectory;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;

/**
 * Measurements for docs/benchmarks.md, not a timed test (the benchmark group is excluded by default):
 * {@code ./mvnw test -Dgroups=benchmark -DexcludedGroups= -Dtest=FollowUpBenchmarkTests}, with
 * TICKLER_TEST_POSTGRES_URL for PostgreSQL. Prints its numbers ("BENCHMARK …" lines).
 */
@Tag("benchmark")
class FollowUpBenchmarkTests {

    private static final int ACCOUNTS = Integer.getInteger("tickler.benchmark.accounts", 200_000);
    private static final int REP_FOLLOW_UPS = 5_000;

    @Test
    void measure() throws Exception {
        Path dataDir = Files.createTempDirectory("tickler-benchmark-");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--tickler.data-dir=" + dataDir,
                "--tickler.admin.email=bench@mark.test", "--tickler.admin.password=measure twice cut once",
                "--tickler.followup.policy-cron=-", "--tickler.followup.sweep-every=PT24H", "--spring.main.banner-mode=off",
                "--logging.level.app.tickler=WARN"));
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
            long workspace = jdbc.sql("SELECT workspace_id FROM workspaces").query(Long.class).single();
            long admin = jdbc.sql("SELECT id FROM users").query(Long.class).single();
            Actor actor = app.getBean(Directory.class).actorFor(new WorkspaceId(workspace), new UserId(admin)).orElseThrow();
            long now = System.currentTimeMillis();
            Random random = new Random(42);

            long started = System.nanoTime();
            List<Object[]> accounts = new ArrayList<>();
            List<Long> accountIds = new ArrayList<>();
            for (int i = 0; i < ACCOUNTS; i++) {
                long id = ids.next();
                accountIds.add(id);
                String level = switch (random.nextInt(10)) {
                    case 0 -> "A";
                    case 1, 2, 3 -> "B";
                    case 4, 5, 6, 7 -> "C";
                    default -> "D";
                };
                long lastTouch = now - (long) random.nextInt(120) * 86_400_000L;
                String assessed = LocalDate.now().minusDays(random.nextInt(200)).toString();
                accounts.add(new Object[] {workspace, id, "Customer " + i, "customer " + i, "customer " + i, admin, level,
                        assessed, lastTouch, now - 200L * 86_400_000L, now});
            }
            org.springframework.transaction.support.TransactionTemplate tx = new org.springframework.transaction.support
                    .TransactionTemplate(app.getBean(org.springframework.transaction.PlatformTransactionManager.class));
            for (int from = 0; from < accounts.size(); from += 5_000) {
                int start = from;
                tx.executeWithoutResult(status -> template.batchUpdate("""
                        INSERT INTO accounts (workspace_id, id, name, sort_name, name_key, owner_id, level, level_assessed_on,
                                              last_touch_at, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", accounts.subList(start, Math.min(start + 5_000,
                        accounts.size()))));
            }
            System.out.printf("BENCHMARK %s: %d accounts inserted in %d ms%n", dialect(app), ACCOUNTS, ms(started));

            LevelPolicies policies = app.getBean(LevelPolicies.class);
            Actor system = Actor.system(workspace, ZoneId.of("UTC"));
            started = System.nanoTime();
            LevelPolicies.Run run = Actors.callAs(system, policies::run);
            System.out.printf("BENCHMARK %s: policy run over %d accounts: %d silence + %d reassessment follow-ups in %d ms%n",
                    dialect(app), ACCOUNTS, run.silences(), run.reassessments(), ms(started));
            started = System.nanoTime();
            LevelPolicies.Run rerun = Actors.callAs(system, policies::run);
            System.out.printf("BENCHMARK %s: rerun planned %d in %d ms%n", dialect(app),
                    rerun.silences() + rerun.reassessments(), ms(started));

            // the policy run gave all of them to the one user here; a rep's queue is measured with 5,000
            jdbc.sql("DELETE FROM follow_ups").update();
            if (TestDatabase.onPostgres()) {
                // what autovacuum does after a mass delete and a bulk load (within a minute in production):
                // without it the index holds 150,000 dead entries and the planner believes accounts is empty
                jdbc.sql("VACUUM ANALYZE").update();
            }
            // a rep's queue: 5,000 open follow-ups of the admin spread over the past and the coming weeks
            List<Object[]> rows = new ArrayList<>();
            LocalDate today = LocalDate.now(ZoneId.of("UTC"));
            for (int i = 0; i < REP_FOLLOW_UPS; i++) {
                LocalDate due = today.plusDays(random.nextInt(120) - 60);
                rows.add(new Object[] {workspace, ids.next(), admin, due.toString(), "UTC",
                        due.plusDays(1).atStartOfDay(ZoneId.of("UTC")).toInstant().toEpochMilli(), "CALL",
                        accountIds.get(random.nextInt(accountIds.size())), now, now});
            }
            tx.executeWithoutResult(status -> template.batchUpdate("""
                    INSERT INTO follow_ups (workspace_id, id, assignee_id, due_date, zone, due_at, channel, account_id, origin,
                                            priority, status, snoozes, version, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'MANUAL', 'NORMAL', 'OPEN', 0, 0, ?, ?)""", rows));
            app.getBean(FollowUpJobs.class).refreshStatistics();
            if (TestDatabase.onPostgres()) {
                jdbc.sql("ANALYZE").update();
            }
            TodayQueue queue = app.getBean(TodayQueue.class);
            long[] today200 = Actors.callAs(actor, () -> times(200, () -> queue.of(new UserId(admin))));
            System.out.printf("BENCHMARK %s: Today of a user with %d+ open follow-ups: p50 %.1f ms, p99 %.1f ms%n",
                    dialect(app), REP_FOLLOW_UPS, p(today200, 50), p(today200, 99));

            CalendarFeeds feeds = app.getBean(CalendarFeeds.class);
            FollowUpRepository repository = app.getBean(FollowUpRepository.class);
            long[] query = Actors.callAs(actor, () -> times(20, () -> repository.query("f.assignee_id = :user AND f.status = 'OPEN'",
                    java.util.Map.of("user", admin), "ORDER BY f.due_date, f.id LIMIT 5000")));
            List<FollowUp> open = Actors.callAs(actor, () -> repository.query("f.assignee_id = :user AND f.status = 'OPEN'",
                    java.util.Map.of("user", admin), "ORDER BY f.due_date, f.id LIMIT 5000"));
            long[] write = times(20, () -> feeds.ics(open, "bench", ZoneId.of("UTC")));
            System.out.printf("BENCHMARK %s: ICS parts: query p50 %.1f ms, writing p50 %.1f ms%n", dialect(app), p(query, 50),
                    p(write, 50));
            long[] ics = Actors.callAs(actor, () -> times(20, () -> feeds.render("bench")));
            System.out.printf("BENCHMARK %s: ICS feed of %d open follow-ups, polled again (unchanged queue): p50 %.1f ms, first (cold) %.1f ms%n", dialect(app),
                    CalendarFeeds.MAX_EVENTS, p(ics, 50), p(ics, 100));

            // logging touches on customers with a contact
            app.getBean(app.tickler.party.Parties.class);
            FollowUps engine = app.getBean(FollowUps.class);
            long[] touches = Actors.callAs(actor, () -> times(300, () -> engine.logTouch(new NewTouch(Instant.now(),
                    Channel.CALL, null, new app.tickler.party.AccountId(accountIds.get(random.nextInt(accountIds.size()))),
                    List.<ContactId>of(), null, null, null, "benchmark", false, Outcome.RETAINED, null, null, null))));
            System.out.printf("BENCHMARK %s: logging a touch: p50 %.1f ms, p95 %.1f ms%n", dialect(app), p(touches, 50),
                    p(touches, 95));
        }
    }

    private static long[] times(int n, Runnable work) {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            work.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static double p(long[] sorted, int percentile) {
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }

    private static long ms(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String dialect(ConfigurableApplicationContext app) {
        return app.getBean(app.tickler.platform.database.Dialect.class).name();
    }
}
