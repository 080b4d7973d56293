package app.tickler.followup;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import app.tickler.platform.jobs.Workspaces;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The engine's scheduled work, cluster-safe through ShedLock: of several instances on one database
 * only one runs a job at a time, and every job is idempotent, so a rerun never duplicates anything.
 */
@Component
class FollowUpJobs {

    private static final Logger log = LoggerFactory.getLogger(FollowUpJobs.class);

    private final Workspaces workspaces;
    private final LevelPolicies policies;
    private final FollowUpRepository followUps;
    private final Commitments commitments;
    private final EmailSteps emailSteps;
    private final Digests digests;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final app.tickler.platform.database.Dialect dialect;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    FollowUpJobs(app.tickler.platform.database.Dialect dialect, org.springframework.jdbc.core.simple.JdbcClient jdbc,
            Workspaces workspaces, LevelPolicies policies, FollowUpRepository followUps, Commitments commitments,
            EmailSteps emailSteps, Digests digests, Clock clock, PlatformTransactionManager transactionManager,
            org.springframework.context.ApplicationEventPublisher events) {
        this.workspaces = workspaces;
        this.policies = policies;
        this.followUps = followUps;
        this.commitments = commitments;
        this.emailSteps = emailSteps;
        this.digests = digests;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.dialect = dialect;
        this.jdbc = jdbc;
    }

    /** Daily: a follow-up for every active customer whose silence would be exceeded, and due reassessments. */
    @Scheduled(cron = "${tickler.followup.policy-cron:0 30 2 * * *}", zone = "UTC")
    @SchedulerLock(name = "followup.levelPolicies", lockAtMostFor = "PT2H", lockAtLeastFor = "PT1M")
    public void applyLevelPolicies() {
        workspaces.forEach("followup.levelPolicies", actor -> policies.run());
        refreshStatistics();
    }

    /**
     * SQLite plans queries from statistics only once ANALYZE has run: without them it would read a
     * long queue by due date and sort it, instead of walking the index that is already in queue order.
     * PostgreSQL's autovacuum keeps its statistics itself.
     */
    void refreshStatistics() {
        if (dialect == app.tickler.platform.database.Dialect.SQLITE) {
            jdbc.sql("ANALYZE follow_ups").update();
            jdbc.sql("ANALYZE touch_subjects").update();
        }
    }

    /** Every few minutes: overdue follow-ups announced once, promises broken, email steps sent. */
    @Scheduled(fixedDelayString = "${tickler.followup.sweep-every:PT5M}", initialDelayString = "PT1M")
    @SchedulerLock(name = "followup.sweep", lockAtMostFor = "PT30M")
    public void sweep() {
        workspaces.forEach("followup.sweep", actor -> {
            transactions.executeWithoutResult(status -> announceMissed());
            transactions.executeWithoutResult(status -> commitments.breakOverdue());
            int sent = emailSteps.sendDue();
            if (sent > 0) {
                log.info("sent {} email steps in workspace {}", sent, actor.workspaceId());
            }
        });
    }

    /** Daily: the digest of the Today queue to whoever asked for it. */
    @Scheduled(cron = "${tickler.followup.digest-cron:0 0 5 * * *}", zone = "UTC")
    @SchedulerLock(name = "followup.digest", lockAtMostFor = "PT1H")
    public void sendDigests() {
        workspaces.forEach("followup.digest", actor -> digests.sendAll());
    }

    /** Open follow-ups past their due moment become overdue: FollowUpMissed, once each (they stay in the queue). */
    void announceMissed() {
        long now = clock.millis();
        List<FollowUp> missed = followUps.query("f.status = 'OPEN' AND f.missed_at IS NULL AND f.due_at <= :now",
                Map.of("now", now), "ORDER BY f.due_at LIMIT 5000");
        followUps.markMissed(missed.stream().map(f -> f.id().value()).toList(), now);
        for (FollowUp f : missed) {
            events.publishEvent(new FollowUpMissed(f.id(), f.assigneeId(), f.accountId(), f.contactId(), f.dueDate()));
        }
    }
}
