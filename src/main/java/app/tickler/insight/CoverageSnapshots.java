package app.tickler.insight;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import app.tickler.party.PartyFigures;
import app.tickler.platform.jobs.Workspaces;
import app.tickler.platform.security.Actors;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * ICKR coverage per account owner, computed once a night (one scan of every customer's people) and
 * read by the dashboard; a workspace without a snapshot of today or yesterday gets one on its first
 * dashboard view. UTC days.
 */
@Service
class CoverageSnapshots {

    private static final Logger log = LoggerFactory.getLogger(CoverageSnapshots.class);

    /** The figures as of a day, summed over the owners asked for. */
    record Snapshot(LocalDate day, long people, long touched, long influencers, long influencersTouched) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;
    private final PartyFigures parties;
    private final Workspaces workspaces;
    private final Clock clock;

    CoverageSnapshots(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactionManager,
            PartyFigures parties, Workspaces workspaces, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.transactions = new TransactionTemplate(transactionManager);
        this.parties = parties;
        this.workspaces = workspaces;
        this.clock = clock;
    }

    @Scheduled(cron = "${tickler.insight.coverage-cron:0 40 3 * * *}", zone = "UTC")
    @SchedulerLock(name = "insight.coverage", lockAtMostFor = "PT1H")
    public void refreshAll() {
        workspaces.forEach("insight.coverage", actor -> refresh());
    }

    /**
     * Computes today's snapshot of the current workspace (replacing it) and drops older ones; returns its
     * rows. Two made at once (two first views of a dashboard) both write the same rows, the later values kept.
     */
    int refresh() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        long started = System.nanoTime();
        List<PartyFigures.Coverage> rows = parties.coverageByOwner(clock.instant().minus(Duration.ofDays(Ickr.DAYS)));
        long workspace = Actors.current().workspaceId();
        long now = clock.millis();
        List<Object[]> values = new ArrayList<>();
        rows.forEach(r -> values.add(new Object[] {workspace, today.toString(), r.ownerId(), r.people(), r.touched(),
                r.influencers(), r.influencersTouched(), now}));
        transactions.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM insight_coverage WHERE workspace_id = :workspace AND (day = :today OR day < :yesterday)")
                    .param("workspace", workspace).param("today", today.toString())
                    .param("yesterday", today.minusDays(1).toString()).update();
            template.batchUpdate("""
                    INSERT INTO insight_coverage (workspace_id, day, owner_id, people, touched, influencers,
                                                  influencers_touched, computed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (workspace_id, day, owner_id) DO UPDATE SET people = excluded.people,
                        touched = excluded.touched, influencers = excluded.influencers,
                        influencers_touched = excluded.influencers_touched, computed_at = excluded.computed_at
                    """, values, 1_000, (PreparedStatement ps, Object[] row) -> {
                for (int i = 0; i < row.length; i++) {
                    ps.setObject(i + 1, row[i]);
                }
            });
        });
        log.info("ICKR coverage of workspace {}: {} owners in {} ms", workspace, rows.size(),
                (System.nanoTime() - started) / 1_000_000);
        return rows.size();
    }

    /** The latest snapshot (of today or yesterday, made now when there is none) for these owners (all when null). */
    Snapshot latest(Collection<Long> owners) {
        long workspace = Actors.current().workspaceId();
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        String day = jdbc.sql("SELECT MAX(day) FROM insight_coverage WHERE workspace_id = :workspace")
                .param("workspace", workspace).query(String.class).optional().orElse(null);
        if (day == null || day.compareTo(today.minusDays(1).toString()) < 0) {
            refresh();
            day = today.toString();
        }
        if (owners != null && owners.isEmpty()) {
            return new Snapshot(LocalDate.parse(day), 0, 0, 0, 0);
        }
        String latest = day;
        return jdbc.sql("""
                SELECT COALESCE(SUM(people), 0) AS people, COALESCE(SUM(touched), 0) AS touched,
                       COALESCE(SUM(influencers), 0) AS influencers, COALESCE(SUM(influencers_touched), 0) AS inf_touched
                FROM insight_coverage WHERE workspace_id = :workspace AND day = :day
                """ + (owners == null ? "" : " AND owner_id IN (:owners)")).param("workspace", workspace).param("day", day)
                .params(owners == null ? java.util.Map.of() : java.util.Map.of("owners", owners))
                .query((rs, n) -> new Snapshot(LocalDate.parse(latest), rs.getLong("people"), rs.getLong("touched"),
                        rs.getLong("influencers"), rs.getLong("inf_touched")))
                .single();
    }
}
