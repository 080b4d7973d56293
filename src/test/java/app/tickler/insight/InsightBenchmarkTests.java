package app.tickler.insight;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
import app.tickler.identity.TeamId;
import app.tickler.identity.UserId;
import app.tickler.identity.WorkspaceId;
import app.tickler.party.AccountId;
import app.tickler.party.PartyFigures;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.Paging;
import app.tickler.platform.database.DataDirectory;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;

/**
 * Measurements for docs/benchmarks.md, not a timed test (the benchmark group is excluded by default):
 * {@code ./mvnw test -Dgroups=benchmark -DexcludedGroups= -Dtest=InsightBenchmarkTests}, with
 * TICKLER_TEST_POSTGRES_URL for PostgreSQL. Scale with {@code -Dinsight.bench.touches=…},
 * {@code .deals}, {@code .contacts}. Writes the data with SQL, builds the daily counters with the
 * rebuild, then times the dashboard of a team for a quarter in-process (service time, no HTTP).
 */
@Tag("benchmark")
class InsightBenchmarkTests {

    private static final int TOUCHES = Integer.getInteger("insight.bench.touches", 10_000_000);
    private static final int DEALS = Integer.getInteger("insight.bench.deals", 100_000);
    private static final int CONTACTS = Integer.getInteger("insight.bench.contacts", 1_000_000);
    private static final int ACCOUNTS = CONTACTS / 5;
    private static final int REPS = 20;
    private static final int OPEN_FOLLOW_UPS = 200_000;
    private static final int BATCH = 10_000;
    private static final long DAY = 86_400_000L;
    private static final String[] ROLES = {"DECISION_MAKER", "ECONOMIC_BUYER", "INFLUENCER", "USER", "GATEKEEPER",
        "CHAMPION", "OTHER"};
    private static final String[] STAGES = {"SKEPTICISM", "PEAK_OF_INTEREST", "DISILLUSIONMENT", "ENLIGHTENMENT",
        "REALIZED_VALUE"};

    @Test
    void measure() throws Exception {
        // -Dinsight.bench.reuse=<schema> (PostgreSQL) or <path of tickler.db> (SQLite): measure the data of an earlier run
        String reuse = System.getProperty("insight.bench.reuse");
        Path dataDir = Files.createTempDirectory("tickler-benchmark-");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--tickler.data-dir=" + dataDir,
                "--tickler.admin.email=bench@mark.test", "--tickler.admin.password=measure twice cut once",
                "--tickler.followup.policy-cron=-", "--tickler.followup.sweep-every=PT24H", "--spring.main.banner-mode=off",
                "--logging.level.app.tickler=WARN"));
        if (TestDatabase.onPostgres()) {
            String schema = reuse != null ? reuse : "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            args.add("--spring.datasource.url=" + TestDatabase.POSTGRES_URL + "?currentSchema=" + schema + ",public&reWriteBatchedInserts=true");
            args.add("--spring.flyway.schemas=" + schema);
            args.add("--spring.flyway.default-schema=" + schema);
            args.add("--spring.datasource.username=" + System.getenv().getOrDefault("TICKLER_TEST_POSTGRES_USER", "postgres"));
            args.add("--spring.datasource.password=" + System.getenv().getOrDefault("TICKLER_TEST_POSTGRES_PASSWORD", ""));
        } else {
            args.add("--spring.datasource.url=jdbc:sqlite:" + (reuse != null ? Path.of(reuse) : dataDir.resolve("tickler.db"))
                    + DataDirectory.SQLITE_OPTIONS);
        }
        try (ConfigurableApplicationContext app = SpringApplication.run(TicklerApplication.class, args.toArray(String[]::new))) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            JdbcTemplate template = app.getBean(JdbcTemplate.class);
            TransactionTemplate tx = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
            IdGenerator ids = app.getBean(IdGenerator.class);
            String dialect = app.getBean(app.tickler.platform.database.Dialect.class).name();
            long workspace = jdbc.sql("SELECT workspace_id FROM workspaces").query(Long.class).single();
            long admin = jdbc.sql("SELECT id FROM users WHERE role = 'ADMIN'").query(Long.class).single();
            long now = System.currentTimeMillis();
            Random random = new Random(42);
            long[] teams = new long[2];
            long[] reps = new long[REPS];
            long[] accounts = new long[ACCOUNTS];
            if (reuse == null) {
                long started = System.nanoTime();
                // two teams of ten reps
                teams[0] = ids.next();
                teams[1] = ids.next();
                for (int t = 0; t < 2; t++) {
                    jdbc.sql("INSERT INTO teams (workspace_id, id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
                            .params(workspace, teams[t], "Team " + t, now, now).update();
                }
                for (int r = 0; r < REPS; r++) {
                    reps[r] = ids.next();
                    jdbc.sql("""
                            INSERT INTO users (workspace_id, id, email, email_key, display_name, role, team_id, active, password_hash,
                                               security_stamp, created_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, 'REP', ?, TRUE, 'x', 0, ?, ?)""").params(workspace, reps[r],
                            "rep" + r + "@bench.test", "rep" + r + "@bench.test", "Rep " + r, teams[r % 2], now, now).update();
                }

                List<Object[]> rows = new ArrayList<>();
                for (int i = 0; i < ACCOUNTS; i++) {
                    accounts[i] = ids.next();
                    rows.add(new Object[] {workspace, accounts[i], "Customer " + i, "customer " + i, "customer " + i,
                            reps[i % REPS], random.nextInt(10) < 6 ? String.valueOf("ABCD".charAt(random.nextInt(4))) : null,
                            random.nextInt(10) < 7 ? STAGES[random.nextInt(STAGES.length)] : null,
                            now - (long) random.nextInt(180) * DAY, now - 400 * DAY, now});
                }
                insert(tx, template, """
                        INSERT INTO accounts (workspace_id, id, name, sort_name, name_key, owner_id, level, stage, last_touch_at,
                                              created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
                rows.clear();
                List<Object[]> links = new ArrayList<>();
                for (int i = 0; i < CONTACTS; i++) {
                    long id = ids.next();
                    int account = i % ACCOUNTS;
                    rows.add(new Object[] {workspace, id, "Ann", "Person " + i, "person " + i, "person " + i,
                            reps[account % REPS], now - (long) random.nextInt(200) * DAY, now - 400 * DAY, now});
                    links.add(new Object[] {workspace, accounts[account], id, ROLES[random.nextInt(ROLES.length)],
                            random.nextInt(4) == 0, now});
                    if (rows.size() == BATCH) {
                        insertContacts(tx, template, rows, links);
                    }
                }
                insertContacts(tx, template, rows, links);
                System.out.printf("BENCHMARK %s: %d accounts, %d contacts in %d ms%n", dialect, ACCOUNTS, CONTACTS, ms(started));

                started = System.nanoTime();
                long pipeline = jdbc.sql("SELECT id FROM pipelines WHERE workspace_id = ? AND is_default = TRUE")
                        .param(workspace).query(Long.class).single();
                List<Long> stages = jdbc.sql("SELECT id FROM pipeline_stages WHERE workspace_id = ? AND pipeline_id = ?"
                        + " ORDER BY position").params(workspace, pipeline).query(Long.class).list();
                List<Object[]> deals = new ArrayList<>();
                List<Object[]> moves = new ArrayList<>();
                List<Object[]> closings = new ArrayList<>();
                List<Object[]> payments = new ArrayList<>();
                for (int i = 0; i < DEALS; i++) {
                    long id = ids.next();
                    long created = now - (long) random.nextInt(730) * DAY;
                    int state = random.nextInt(10);
                    String status = state < 4 ? "OPEN" : state < 7 ? "WON" : "LOST";
                    long closed = Math.min(now, created + (long) (5 + random.nextInt(120)) * DAY);
                    int stage = random.nextInt(3);
                    int account = random.nextInt(ACCOUNTS);
                    long owner = reps[account % REPS];
                    deals.add(new Object[] {workspace, id, "Deal " + i, "deal " + i, accounts[account],
                            (long) (1_000 + random.nextInt(100_000)) * 100, "EUR", status.equals("OPEN") ? 10 + stage * 20 : 0,
                            status.equals("OPEN") ? LocalDate.now().plusDays(random.nextInt(300) - 30).toString() : null, 30,
                            owner, random.nextInt(4) == 0 ? "REPEAT" : "NEW_BUSINESS", status, pipeline, stages.get(stage), created,
                            created, status.equals("OPEN") ? null : closed, created, now});
                    moves.add(new Object[] {workspace, ids.next(), id, pipeline, null, stages.get(0), "ENTERED", created, null, owner});
                    if (stage > 0) {
                        moves.add(new Object[] {workspace, ids.next(), id, pipeline, stages.get(0), stages.get(stage), "PROGRESSED",
                                created + DAY, created, owner});
                    }
                    if (!status.equals("OPEN")) {
                        closings.add(new Object[] {workspace, id, status.equals("WON"), 1 + random.nextInt(15), closed});
                    }
                    if (status.equals("WON")) {
                        boolean paid = random.nextBoolean();
                        LocalDate due = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(closed), ZoneOffset.UTC).plusDays(30);
                        payments.add(new Object[] {workspace, ids.next(), id, accounts[account], deals.get(deals.size() - 1)[5],
                                "EUR", due.toString(), paid ? due.toString() : null, paid ? closed + 30 * DAY : null, now, now});
                    }
                }
                insert(tx, template, """
                        INSERT INTO deals (workspace_id, id, name, sort_name, account_id, amount_minor, currency, probability,
                                           expected_close_on, payment_terms_days, owner_id, origin, status, pipeline_id, stage_id,
                                           stage_entered_at, last_activity_at, closed_at, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", deals);
                insert(tx, template, """
                        INSERT INTO deal_stage_changes (workspace_id, id, deal_id, pipeline_id, from_stage_id, to_stage_id, movement,
                                                        moved_at, from_entered_at, actor_id, actor_name)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Rep')""", moves);
                insert(tx, template, "INSERT INTO deal_closings (workspace_id, deal_id, won, attempt, closed_at) VALUES (?, ?, ?, ?, ?)",
                        closings);
                insert(tx, template, """
                        INSERT INTO payments (workspace_id, id, deal_id, account_id, amount_minor, currency, due_on, paid_on, paid_at,
                                              created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", payments);
                rows.clear();
                for (int i = 0; i < OPEN_FOLLOW_UPS; i++) {
                    LocalDate due = LocalDate.now(ZoneOffset.UTC).plusDays(random.nextInt(120) - 60);
                    rows.add(new Object[] {workspace, ids.next(), reps[random.nextInt(REPS)], due.toString(), "UTC",
                            due.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(), "CALL",
                            accounts[random.nextInt(ACCOUNTS)], now, now});
                }
                insert(tx, template, """
                        INSERT INTO follow_ups (workspace_id, id, assignee_id, due_date, zone, due_at, channel, account_id, origin,
                                                priority, status, snoozes, version, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'MANUAL', 'NORMAL', 'OPEN', 0, 0, ?, ?)""", rows);
                rows.clear();
                System.out.printf("BENCHMARK %s: %d deals, %d open follow-ups in %d ms%n", dialect, DEALS, OPEN_FOLLOW_UPS,
                        ms(started));

                // touches over two years; the first 1,000 accounts' touches also indexed per account (their scorecards)
                started = System.nanoTime();
                List<Object[]> subjects = new ArrayList<>();
                for (int i = 0; i < TOUCHES; i++) {
                    int account = random.nextInt(ACCOUNTS);
                    long rep = reps[account % REPS];
                    long at = now - (long) (random.nextDouble() * 730 * DAY);
                    long id = ids.next();
                    boolean value = random.nextInt(3) == 0;
                    rows.add(new Object[] {workspace, id, at, "CALL", "OUTBOUND", accounts[account], value, random.nextBoolean(),
                            false, 1 + random.nextInt(6), rep, "Rep", at});
                    if (account < 1_000) {
                        subjects.add(new Object[] {workspace, "account", accounts[account], at, id, true, false});
                    }
                    if (rows.size() == BATCH) {
                        insertTouches(tx, template, rows, subjects);
                    }
                }
                insertTouches(tx, template, rows, subjects);
                System.out.printf("BENCHMARK %s: %d touches in %d ms%n", dialect, TOUCHES, ms(started));
                if (TestDatabase.onPostgres()) {
                    jdbc.sql("VACUUM ANALYZE").update();
                } else {
                    jdbc.sql("ANALYZE").update();
                }
            } else {
                List<Long> teamIds = jdbc.sql("SELECT id FROM teams ORDER BY id").query(Long.class).list();
                teams[0] = teamIds.get(0);
                teams[1] = teamIds.get(1);
                List<Long> repIds = jdbc.sql("SELECT id FROM users WHERE role = 'REP' ORDER BY id").query(Long.class).list();
                for (int r = 0; r < REPS; r++) {
                    reps[r] = repIds.get(r);
                }
                List<Long> first = jdbc.sql("SELECT id FROM accounts ORDER BY id LIMIT 1000").query(Long.class).list();
                for (int i = 0; i < first.size(); i++) {
                    accounts[i] = first.get(i);
                }
            }

            Actor actor = app.getBean(Directory.class).actorFor(new WorkspaceId(workspace), new UserId(admin)).orElseThrow();
            CounterRebuild rebuild = app.getBean(CounterRebuild.class);
            long started = System.nanoTime();
            CounterRebuild.Result result = Actors.callAs(actor, rebuild::rebuild);
            System.out.printf("BENCHMARK %s: counters rebuilt from %d touches: %d counters in %d ms%n", dialect, TOUCHES,
                    result.counters(), ms(started));
            if (TestDatabase.onPostgres()) {
                jdbc.sql("ANALYZE insight_daily_counters").update();
            }

            Dashboard dashboard = app.getBean(Dashboard.class);
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            LocalDate quarter = today.withDayOfMonth(1).withMonth(((today.getMonthValue() - 1) / 3) * 3 + 1).minusMonths(3);
            Dashboard.Filter team = Actors.callAs(actor, () -> dashboard.filter(quarter, quarter.plusMonths(3).minusDays(1),
                    new TeamId(teams[0]), null));
            Dashboard.Filter everybody = Actors.callAs(actor, () -> dashboard.filter(quarter,
                    quarter.plusMonths(3).minusDays(1), null, null));
            Dashboard.Filter rep = Actors.callAs(actor, () -> dashboard.filter(quarter, quarter.plusMonths(3).minusDays(1),
                    null, new UserId(reps[1])));
            Actors.callAs(actor, () -> dashboard.view(team, Locale.ENGLISH));
            report(dialect, "dashboard, a team of 10 reps, last quarter", Actors.callAs(actor, () -> times(30,
                    () -> dashboard.view(team, Locale.ENGLISH))));
            report(dialect, "dashboard, one rep, last quarter", Actors.callAs(actor, () -> times(30,
                    () -> dashboard.view(rep, Locale.ENGLISH))));
            report(dialect, "dashboard, everybody (20 reps), last quarter", Actors.callAs(actor, () -> times(30,
                    () -> dashboard.view(everybody, Locale.ENGLISH))));

            PartyFigures parties = app.getBean(PartyFigures.class);
            CoverageSnapshots coverage = app.getBean(CoverageSnapshots.class);
            report(dialect, "nightly ICKR coverage snapshot of every customer's buying centre", Actors.callAs(actor,
                    () -> times(3, coverage::refresh)));
            Ickr ickr = app.getBean(Ickr.class);
            report(dialect, "ICKR scorecard of an account (~" + (2 * TOUCHES / ACCOUNTS) + " touches)",
                    Actors.callAs(actor, () -> times(100, () -> ickr.scorecard(new AccountId(accounts[random.nextInt(1_000)])))));
            report(dialect, "uncovered influencers, first page of 50", Actors.callAs(actor, () -> times(20,
                    () -> parties.uncoveredInfluencers(java.time.Instant.now().minus(java.time.Duration.ofDays(90)),
                            Paging.first(50)))));
        }
    }

    private static void insertContacts(TransactionTemplate tx, JdbcTemplate template, List<Object[]> rows,
            List<Object[]> links) {
        insert(tx, template, """
                INSERT INTO contacts (workspace_id, id, first_name, last_name, sort_name, name_key, owner_id, last_touch_at,
                                      created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        insert(tx, template, """
                INSERT INTO account_contacts (workspace_id, account_id, contact_id, role, key_person, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""", links);
        rows.clear();
        links.clear();
    }

    private static void insertTouches(TransactionTemplate tx, JdbcTemplate template, List<Object[]> rows,
            List<Object[]> subjects) {
        insert(tx, template, """
                INSERT INTO touches (workspace_id, id, occurred_at, channel, direction, account_id, value_adding, reached,
                                     responded, attempt, logged_by, logged_by_name, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        insert(tx, template, """
                INSERT INTO touch_subjects (workspace_id, subject_type, subject_id, occurred_at, touch_id, outbound, responded)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", subjects);
        rows.clear();
        subjects.clear();
    }

    private static void insert(TransactionTemplate tx, JdbcTemplate template, String sql, List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + BATCH));
            tx.executeWithoutResult(status -> template.batchUpdate(sql, chunk));
        }
    }

    private static void report(String dialect, String what, long[] sorted) {
        System.out.printf("BENCHMARK %s: %s: p50 %.1f ms, p95 %.1f ms, max %.1f ms (%d runs)%n", dialect, what,
                p(sorted, 50), p(sorted, 95), p(sorted, 100), sorted.length);
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
}
