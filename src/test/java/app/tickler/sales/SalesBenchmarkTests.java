package app.tickler.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.database.Dialect;
import app.tickler.platform.security.Role;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sales benchmark of docs/benchmarks.md (not a timed test; run it on purpose with
 * {@code -Dgroups=benchmark -DexcludedGroups= -Dtest=SalesBenchmarkTests}): one pipeline with 20,000 open and
 * 100,000 closed deals; board loads, stage moves, and 32 people claiming leads at once. Times are
 * server time, measured around the service calls.
 */
@TicklerTest
@Tag("benchmark")
class SalesBenchmarkTests {

    private static final int OPEN = 20_000;
    private static final int CLOSED = 100_000;
    private static final int CLAIMERS = 32;
    private static final int CLAIMS_EACH = 50;

    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdGenerator ids;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    Board board;
    @Autowired
    Deals deals;
    @Autowired
    Leads leads;
    @Autowired
    Dialect dialect;
    @Autowired
    app.tickler.party.Parties parties;

    @Test
    void boardMovesAndClaimsAtScale() throws Exception {
        Calls calls = new Calls(mvc, json);
        TestWorkspace acme = fixtures.workspace();
        TestUser admin = acme.admin();
        JsonNode pipeline = new SalesTestData(calls).pipeline(admin, "Five-phase cycle");
        PipelineId pipelineId = new PipelineId(Long.parseLong(pipeline.get("id").asString()));
        List<Long> stages = new ArrayList<>();
        pipeline.get("stages").forEach(s -> stages.add(Long.parseLong(s.get("id").asString())));
        List<TestUser> reps = new ArrayList<>();
        for (int i = 0; i < CLAIMERS; i++) {
            reps.add(acme.user(Role.REP));
        }
        List<Long> accounts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            accounts.add(admin.call(() -> parties.createAccount(app.tickler.party.AccountInput.named("Bench " + n))).id().value());
        }
        long started = System.nanoTime();
        insertDeals(acme.id(), pipelineId.value(), stages, reps, accounts);
        long loaded = (System.nanoTime() - started) / 1_000_000;

        List<Long> boardTimes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            long t = System.nanoTime();
            Board.View view = admin.call(() -> board.of(pipelineId, new Board.Filter(null, null)));
            boardTimes.add(System.nanoTime() - t);
            assertThat(view.count()).isEqualTo(OPEN);
        }
        List<Long> ownerBoardTimes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            TestUser rep = reps.get(i % reps.size());
            long t = System.nanoTime();
            rep.call(() -> board.of(pipelineId, new Board.Filter(null, null)));
            ownerBoardTimes.add(System.nanoTime() - t);
        }

        List<Long> openDeals = jdbc.queryForList("SELECT id FROM deals WHERE workspace_id = ? AND status = 'OPEN' LIMIT 300",
                Long.class, acme.id());
        List<Long> moveTimes = new ArrayList<>();
        for (int i = 0; i < openDeals.size(); i++) {
            long dealId = openDeals.get(i);
            StageId target = new StageId(stages.get((i % 3) + 1));
            moveTimes.add(admin.call(() -> {
                Deal deal = deals.get(new DealId(dealId));
                if (deal.stageId().equals(target)) {
                    return 0L;
                }
                long t = System.nanoTime();
                deals.move(deal.id(), target, deal.version(), null);
                return System.nanoTime() - t;
            }));
        }
        moveTimes.removeIf(t -> t == 0L);

        JsonNode settings = calls.get(admin, "/api/v1/sales-settings");
        calls.patch(admin, "/api/v1/sales-settings", Map.of("claimLimit", 10_000, "version", settings.get("version").asLong()));
        List<Long> pool = new ArrayList<>();
        for (int i = 0; i < CLAIMERS * CLAIMS_EACH; i++) {
            int n = i;
            pool.add(admin.call(() -> leads.create(new LeadInput("Pool", "Lead " + n, null, null, null, null, LeadSource.IMPORT,
                    null, null, null, null, null, Map.of()))).id().value());
        }
        Collections.shuffle(pool);
        List<Long> claimTimes = Collections.synchronizedList(new ArrayList<>());
        List<Long> winTimes = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(CLAIMERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> won = new ArrayList<>();
        for (TestUser rep : reps) {
            won.add(threads.submit(() -> {
                // signed in once, as a session is: the timed part is the claim, not loading the user
                Actor actor = rep.actor();
                start.await();
                int mine = 0;
                for (Long lead : pool) {
                    if (mine == CLAIMS_EACH) {
                        break;
                    }
                    long t = System.nanoTime();
                    try {
                        Actors.callAs(actor, () -> leads.claim(new LeadId(lead)));
                        mine++;
                        winTimes.add(System.nanoTime() - t);
                    } catch (app.tickler.platform.Conflict lost) {
                        // someone else was faster: the next one
                    }
                    claimTimes.add(System.nanoTime() - t);
                }
                return mine;
            }));
        }
        long claimsStarted = System.nanoTime();
        start.countDown();
        int claimed = 0;
        for (Future<Integer> f : won) {
            claimed += f.get();
        }
        long claimsTook = (System.nanoTime() - claimsStarted) / 1_000_000;
        threads.shutdown();
        assertThat(claimed).isEqualTo(CLAIMERS * CLAIMS_EACH);
        Integer owned = jdbc.queryForObject("SELECT COUNT(*) FROM leads WHERE workspace_id = ? AND owner_id IS NOT NULL",
                Integer.class, acme.id());
        assertThat(owned).isEqualTo(CLAIMERS * CLAIMS_EACH);

        String report = String.format("""
                sales benchmark on %s (%d open + %d closed deals in one pipeline, loaded in %d ms)
                board load, all deals (admin), %d runs: p50 %.1f ms, p95 %.1f ms, max %.1f ms
                board load, a rep (team visibility), %d runs: p50 %.1f ms, p95 %.1f ms
                stage move, %d moves: p50 %.1f ms, p95 %.1f ms, max %.1f ms
                claim, %d people at once, %d attempts (%d won) in %d ms: p50 %.1f ms, p95 %.1f ms, max %.1f ms
                claim, the %d won: p50 %.1f ms, p95 %.1f ms
                """, dialect, OPEN, CLOSED, loaded, boardTimes.size(), p(boardTimes, 50), p(boardTimes, 95),
                p(boardTimes, 100), ownerBoardTimes.size(), p(ownerBoardTimes, 50), p(ownerBoardTimes, 95), moveTimes.size(),
                p(moveTimes, 50), p(moveTimes, 95), p(moveTimes, 100), CLAIMERS, claimTimes.size(), claimed,
                claimsTook, p(claimTimes, 50), p(claimTimes, 95), p(claimTimes, 100), winTimes.size(), p(winTimes, 50),
                p(winTimes, 95));
        System.out.println(report);
        Files.writeString(Path.of("target", "sales-benchmark-" + dialect.name().toLowerCase() + ".txt"), report);
    }

    private void insertDeals(long workspace, long pipeline, List<Long> stages, List<TestUser> reps, List<Long> accounts) {
        long now = System.currentTimeMillis();
        String sql = """
                INSERT INTO deals (workspace_id, id, name, sort_name, account_id, amount_minor, currency, probability,
                                   probability_set, payment_terms_days, owner_id, origin, status, pipeline_id, stage_id,
                                   stage_entered_at, last_activity_at, closed_at, closed_on, custom, version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, 'EUR', 50, FALSE, 30, ?, 'NEW_BUSINESS', ?, ?, ?, ?, ?, ?, ?, '{}', 0, ?, ?)
                """;
        int total = OPEN + CLOSED;
        int batch = 2_000;
        for (int from = 0; from < total; from += batch) {
            int start = from;
            transactions.executeWithoutResult(status -> {
                List<Object[]> rows = new ArrayList<>(batch);
                for (int i = start; i < Math.min(total, start + batch); i++) {
                    boolean open = i < OPEN;
                    long created = now - (long) (i % 365) * 86_400_000L;
                    long activity = now - (long) (i % 60) * 86_400_000L - i;
                    long owner = reps.get(i % reps.size()).id();
                    String name = "Deal " + i;
                    rows.add(new Object[] {workspace, ids.next(), name, name.toLowerCase(), accounts.get(i % accounts.size()),
                            (long) (1_000 + i % 97 * 1_000), owner, open ? "OPEN" : (i % 3 == 0 ? "LOST" : "WON"), pipeline,
                            stages.get(i % 5), activity, activity, open ? null : activity, open ? null : "2026-01-01",
                            created, activity});
                }
                jdbc.batchUpdate(sql, rows);
            });
        }
        if (dialect == Dialect.POSTGRESQL) {
            jdbc.execute("ANALYZE deals");
        } else {
            jdbc.execute("ANALYZE");
        }
    }

    private static double p(List<Long> nanos, int percentile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1_000_000.0;
    }
}
