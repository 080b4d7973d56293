package app.tickler.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.tickler.TestDatabase;
import app.tickler.TicklerApplication;
import app.tickler.identity.Directory;
import app.tickler.party.AccountInput;
import app.tickler.party.CustomerLevel;
import app.tickler.party.Parties;
import app.tickler.platform.database.DataDirectory;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;

/**
 * Two Tickler instances on one database — a shared SQLite file, or PostgreSQL when the suite runs on
 * it — both firing the daily policy job at the same moment: ShedLock lets one run it, and together
 * they plan exactly one follow-up per quiet customer. A later rerun plans nothing more.
 */
class TwoInstanceSchedulerTests {

    private static final int CUSTOMERS = 300;

    @Test
    void twoInstancesNeverCreateAFollowUpTwice() throws Exception {
        Path dataDir = Files.createTempDirectory("tickler-two-instances-");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--tickler.data-dir=" + dataDir,
                "--tickler.admin.email=ops@twice.test", "--tickler.admin.password=only ever once please",
                "--tickler.followup.policy-cron=-", "--tickler.followup.sweep-every=PT24H",
                "--spring.main.banner-mode=off"));
        if (TestDatabase.onPostgres()) {
            String schema = "twice_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            String url = TestDatabase.POSTGRES_URL;
            args.add("--spring.datasource.url=" + url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public");
            args.add("--spring.flyway.schemas=" + schema);
            args.add("--spring.flyway.default-schema=" + schema);
            args.add("--spring.datasource.username=" + env("TICKLER_TEST_POSTGRES_USER", "postgres"));
            args.add("--spring.datasource.password=" + env("TICKLER_TEST_POSTGRES_PASSWORD", ""));
        } else {
            args.add("--spring.datasource.url=jdbc:sqlite:" + dataDir.resolve("tickler.db") + DataDirectory.SQLITE_OPTIONS);
        }
        try (ConfigurableApplicationContext first = start(args, 1); ConfigurableApplicationContext second = start(args, 2)) {
            Directory directory = first.getBean(Directory.class);
            Parties parties = first.getBean(Parties.class);
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            long workspace = jdbc.sql("SELECT workspace_id FROM workspaces").query(Long.class).single();
            long admin = jdbc.sql("SELECT id FROM users WHERE workspace_id = :w").param("w", workspace).query(Long.class).single();
            Actor owner = directory.actorFor(new app.tickler.identity.WorkspaceId(workspace),
                    new app.tickler.identity.UserId(admin)).orElseThrow();
            Actors.runAs(owner, () -> {
                for (int i = 0; i < CUSTOMERS; i++) {
                    parties.createAccount(new AccountInput("Customer " + i, null, null, null, null, null, null, null,
                            CustomerLevel.A, null, null, null, null, null, null, null));
                }
            });
            jdbc.sql("UPDATE accounts SET created_at = created_at - 2592000000").update();

            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch ready = new CountDownLatch(2);
            List<Future<?>> runs = new ArrayList<>();
            for (ConfigurableApplicationContext instance : List.of(first, second)) {
                FollowUpJobs jobs = instance.getBean(FollowUpJobs.class);
                runs.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    jobs.applyLevelPolicies();
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
            pool.shutdown();

            assertThat(count(jdbc, "SELECT COUNT(*) FROM follow_ups WHERE origin = 'LEVEL_POLICY'")).isEqualTo(CUSTOMERS);
            assertThat(count(jdbc, """
                    SELECT COUNT(*) FROM (SELECT account_id FROM follow_ups WHERE origin = 'LEVEL_POLICY'
                                          GROUP BY account_id HAVING COUNT(*) > 1) twice""")).isZero();
            // the other instance runs it again later (the lock has gone): nothing new
            Actors.runAs(Actor.system(workspace, java.time.ZoneId.of("UTC")),
                    () -> second.getBean(LevelPolicies.class).run());
            assertThat(count(jdbc, "SELECT COUNT(*) FROM follow_ups WHERE origin = 'LEVEL_POLICY'")).isEqualTo(CUSTOMERS);
            assertThat(count(jdbc, "SELECT COUNT(*) FROM shedlock WHERE name = 'followup.levelPolicies'")).isEqualTo(1);
        }
    }

    private static ConfigurableApplicationContext start(List<String> args, int node) {
        List<String> all = new ArrayList<>(args);
        all.add("--tickler.node-id=" + node);
        return SpringApplication.run(TicklerApplication.class, all.toArray(String[]::new));
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
