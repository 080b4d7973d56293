package app.tickler.aftersale;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import app.tickler.followup.FollowUps;
import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.RelationshipStage;
import app.tickler.platform.jobs.Workspaces;
import app.tickler.platform.security.Actors;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The daily after-sale work, cluster-safe (ShedLock) and idempotent: the disillusionment watch with
 * its risk alert, onboarding completed and healthy periods, and the renewals of the installed base.
 */
@Component
class AftersaleJobs {

    record AtRisk(long account, String name, Long owner, long lastTouchAt) {
    }

    private final Workspaces workspaces;
    private final RelationshipCycle cycle;
    private final AftersaleSettingsStore settings;
    private final AftersaleEvents events;
    private final Renewals renewals;
    private final FollowUps followUps;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate transactions;

    AftersaleJobs(Workspaces workspaces, RelationshipCycle cycle, AftersaleSettingsStore settings, AftersaleEvents events,
            Renewals renewals, FollowUps followUps, JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.workspaces = workspaces;
        this.cycle = cycle;
        this.settings = settings;
        this.events = events;
        this.renewals = renewals;
        this.followUps = followUps;
        this.jdbc = jdbc;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactions);
    }

    @Scheduled(cron = "${tickler.aftersale.daily-cron:0 45 2 * * *}", zone = "UTC")
    @SchedulerLock(name = "aftersale.daily", lockAtMostFor = "PT2H", lockAtLeastFor = "PT1M")
    public void daily() {
        workspaces.forEach("aftersale.daily", actor -> {
            watchDisillusionment();
            advanceEnlightened();
            renewals.run();
        });
    }

    /** Won customers nobody touched for the set days since the win: disillusionment, and an alert to the owner. */
    int watchDisillusionment() {
        AftersaleSettings current = settings.get();
        long cutoff = clock.millis() - Duration.ofDays(current.silenceAfterWinDays()).toMillis();
        List<AtRisk> atRisk = jdbc.sql("""
                SELECT a.id, a.name, a.owner_id, a.last_touch_at FROM customer_wins w
                JOIN accounts a ON a.workspace_id = w.workspace_id AND a.id = w.account_id
                WHERE w.workspace_id = :workspace AND w.last_won_at <= :cutoff AND a.last_touch_at <= :cutoff
                  AND a.deleted_at IS NULL AND a.stage IN ('PEAK_OF_INTEREST', 'ENLIGHTENMENT', 'REALIZED_VALUE')
                  AND NOT EXISTS (SELECT 1 FROM relationship_suggestions s WHERE s.workspace_id = a.workspace_id
                                  AND s.account_id = a.id AND s.status = 'PENDING' AND s.to_stage = 'DISILLUSIONMENT')
                ORDER BY a.id LIMIT 5000
                """).param("workspace", Actors.current().workspaceId()).param("cutoff", cutoff)
                .query((rs, n) -> new AtRisk(rs.getLong(1), rs.getString(2), app.tickler.platform.database.Rows
                        .nullableLong(rs, "owner_id"), rs.getLong(4)))
                .list();
        int alerted = 0;
        for (AtRisk account : atRisk) {
            String since = account.lastTouchAt() == 0 ? "since the win"
                    : "since " + LocalDate.ofInstant(Instant.ofEpochMilli(account.lastTouchAt()), ZoneOffset.UTC);
            Boolean moved = transactions.execute(status -> {
                var stage = cycle.suggest(new AccountId(account.account()), RelationshipTrigger.SILENCE_AFTER_WIN,
                        "No touch " + since + " (" + current.silenceAfterWinDays() + " days after the win)");
                if (stage.isPresent() && account.owner() != null) {
                    followUps.notify(new UserId(account.owner()), "aftersale.atRisk", account.name()
                            + " is sliding into disillusionment: no touch " + since, "/accounts/" + account.account());
                }
                return stage.isPresent();
            });
            if (Boolean.TRUE.equals(moved)) {
                alerted++;
            }
        }
        return alerted;
    }

    /** Onboarding cadence gone through: enlightenment; enlightened for the healthy period: realized value. */
    int advanceEnlightened() {
        AftersaleSettings current = settings.get();
        int moved = 0;
        var cadence = events.onboardingCadence();
        if (cadence != null) {
            List<Long> onboarded = jdbc.sql("""
                    SELECT DISTINCT a.id FROM enrolments e
                    JOIN accounts a ON a.workspace_id = e.workspace_id AND a.id = e.account_id
                    WHERE e.workspace_id = :workspace AND e.cadence_id = :cadence
                      AND e.step_position >= (SELECT COUNT(*) FROM cadence_steps s
                                              WHERE s.workspace_id = e.workspace_id AND s.cadence_id = e.cadence_id)
                      AND a.stage IN ('PEAK_OF_INTEREST', 'DISILLUSIONMENT') AND a.deleted_at IS NULL
                    ORDER BY a.id LIMIT 5000
                    """).param("workspace", Actors.current().workspaceId()).param("cadence", cadence.value())
                    .query(Long.class).list();
            for (Long account : onboarded) {
                if (Boolean.TRUE.equals(transactions.execute(status -> cycle.suggest(new AccountId(account),
                        RelationshipTrigger.ONBOARDING_COMPLETED, "Onboarding plan completed").isPresent()))) {
                    moved++;
                }
            }
        }
        long healthyCutoff = clock.millis() - Duration.ofDays(current.healthyDays()).toMillis();
        List<Long> healthy = jdbc.sql("""
                SELECT a.id FROM accounts a
                WHERE a.workspace_id = :workspace AND a.stage = 'ENLIGHTENMENT' AND a.deleted_at IS NULL
                  AND (SELECT MAX(c.changed_at) FROM relationship_changes c WHERE c.workspace_id = a.workspace_id
                       AND c.account_id = a.id AND c.to_stage = 'ENLIGHTENMENT') <= :cutoff
                ORDER BY a.id LIMIT 5000
                """).param("workspace", Actors.current().workspaceId()).param("cutoff", healthyCutoff)
                .query(Long.class).list();
        for (Long account : healthy) {
            if (Boolean.TRUE.equals(transactions.execute(status -> cycle.suggest(new AccountId(account),
                    RelationshipTrigger.HEALTHY_PERIOD, "Enlightened for " + current.healthyDays() + " days").isPresent()))) {
                moved++;
            }
        }
        return moved;
    }

}
