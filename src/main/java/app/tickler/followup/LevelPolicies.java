package app.tickler.followup;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import app.tickler.followup.BusinessReasons.Code;
import app.tickler.identity.Directory;
import app.tickler.identity.UserSummary;
import app.tickler.party.Channel;
import app.tickler.party.CustomerLevel;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Change;
import app.tickler.platform.audit.Changes;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;

/**
 * Customer-level policies (seed 003: follow up each customer group at its own frequency and reassess
 * the level periodically) and the daily run that applies them to every active customer — an account
 * with a level that is not do-not-contact — with set-based SQL and batched inserts.
 */
@Service
class LevelPolicies {

    private static final Logger log = LoggerFactory.getLogger(LevelPolicies.class);

    /** Policy follow-ups are planned this many days before the silence would be exceeded, so they show in Today's week. */
    static final int HORIZON_DAYS = 7;
    static final int BATCH = 2_000;

    static final Map<CustomerLevel, Integer> DEFAULT_SILENCE = Map.of(CustomerLevel.A, 7, CustomerLevel.B, 30,
            CustomerLevel.C, 90);
    static final Map<CustomerLevel, Integer> DEFAULT_REASSESSMENT = Map.of(CustomerLevel.A, 90, CustomerLevel.B, 90,
            CustomerLevel.C, 180, CustomerLevel.D, 180);

    record Input(Integer maxSilenceDays, Integer reassessEveryDays) {
    }

    /** What a run of the policies did in one workspace. */
    record Run(int silences, int reassessments, long millis) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;
    private final BusinessReasons reasons;
    private final Directory directory;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditLog audit;

    LevelPolicies(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactionManager,
            BusinessReasons reasons, Directory directory, IdGenerator ids, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.template = template;
        this.transactions = new TransactionTemplate(transactionManager);
        this.reasons = reasons;
        this.directory = directory;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
    }

    void seed() {
        for (CustomerLevel level : CustomerLevel.values()) {
            jdbc.sql("""
                    INSERT INTO level_policies (workspace_id, level, max_silence_days, reassess_every_days, version, updated_at)
                    VALUES (:workspace, :level, :silence, :reassess, 0, :now)
                    """).param("workspace", workspace()).param("level", level.name())
                    .param("silence", DEFAULT_SILENCE.get(level)).param("reassess", DEFAULT_REASSESSMENT.get(level))
                    .param("now", clock.millis()).update();
        }
    }

    List<LevelPolicy> all() {
        return jdbc.sql("SELECT * FROM level_policies WHERE workspace_id = :workspace ORDER BY level")
                .param("workspace", workspace())
                .query((rs, n) -> new LevelPolicy(CustomerLevel.valueOf(rs.getString("level")),
                        app.tickler.platform.database.Rows.nullableInt(rs, "max_silence_days"),
                        app.tickler.platform.database.Rows.nullableInt(rs, "reassess_every_days"), rs.getLong("version")))
                .list();
    }

    LevelPolicy get(CustomerLevel level) {
        return all().stream().filter(p -> p.level() == level).findFirst().orElseThrow();
    }

    @Transactional
    LevelPolicy update(CustomerLevel level, Input input, long version) {
        LevelPolicy before = get(level);
        if (before.version() != version) {
            throw new StaleVersion("The policy of level " + level, before.version());
        }
        InvalidInput.Collector problems = new InvalidInput.Collector();
        check(problems, "maxSilenceDays", input.maxSilenceDays());
        check(problems, "reassessEveryDays", input.reassessEveryDays());
        problems.throwIfAny();
        jdbc.sql("""
                UPDATE level_policies SET max_silence_days = :silence, reassess_every_days = :reassess,
                       version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND level = :level AND version = :version
                """).param("silence", input.maxSilenceDays()).param("reassess", input.reassessEveryDays())
                .param("now", clock.millis()).param("workspace", workspace()).param("level", level.name())
                .param("version", version).update();
        LevelPolicy after = get(level);
        audit.record("levelPolicy", level.ordinal(), "updated", Changes.between(before, after));
        return after;
    }

    private static void check(InvalidInput.Collector problems, String field, Integer days) {
        if (days != null && (days < 1 || days > 3650)) {
            problems.add(field, "must be between 1 and 3650 days, or empty for none");
        }
    }

    // --- the daily run ----------------------------------------------------------------------------

    /** The silence limit of a customer last touched (or created) on {@code quietSince}: the day the silence would be exceeded. */
    static LocalDate silenceLimit(LocalDate quietSince, int maxSilenceDays) {
        return quietSince.plusDays(maxSilenceDays);
    }

    /** A policy follow-up is planned once the limit is within the horizon; it is due on the limit, or today if that passed. */
    static LocalDate dueFor(LocalDate limit, LocalDate today) {
        return limit.isBefore(today) ? today : limit;
    }

    static boolean needsFollowUp(LocalDate limit, LocalDate today) {
        return !limit.isAfter(today.plusDays(HORIZON_DAYS));
    }

    /** The reassessment is due when the level is older than the interval (or was never dated). */
    static boolean reassessmentDue(LocalDate assessedOn, int everyDays, LocalDate today) {
        return assessedOn == null || !assessedOn.plusDays(everyDays).isAfter(today);
    }

    /**
     * Plans the policy follow-ups of the current workspace. Idempotent: an account with an open
     * follow-up in the horizon gets none, and a unique index allows one open policy follow-up per
     * account and kind, so a rerun (or a second instance) never duplicates. The candidates are found
     * by one scan of the accounts per level; who already has a next step by one index scan.
     */
    Run run() {
        long started = System.nanoTime();
        Actor actor = Actors.current();
        LocalDate today = actor.today(clock);
        ZoneId workspaceZone = actor.zone();
        Assignees assignees = new Assignees(directory.activeUsers(), workspaceZone);
        BusinessReasonId checkIn = reasons.byCode(Code.CHECK_IN);
        BusinessReasonId reassessment = reasons.byCode(Code.REASSESSMENT);
        // who already has a next step, read once (one index scan) rather than asked per account: a
        // correlated NOT EXISTS is only as fast as the planner's statistics of follow_ups are fresh
        java.util.Set<Long> planned = accountsWith("f.due_date <= :horizon", Map.of("horizon",
                today.plusDays(HORIZON_DAYS).toString()));
        java.util.Set<Long> reassessing = accountsWith("f.origin = 'REASSESSMENT'", Map.of());
        int silences = 0;
        int reassessments = 0;
        for (LevelPolicy policy : all()) {
            if (policy.maxSilenceDays() != null) {
                silences += planSilences(policy, today, workspaceZone, assignees, checkIn, planned);
            }
            if (policy.reassessEveryDays() != null) {
                reassessments += planReassessments(policy, today, assignees, reassessment, reassessing);
            }
        }
        Run run = new Run(silences, reassessments, (System.nanoTime() - started) / 1_000_000);
        if (silences + reassessments > 0) {
            transactions.executeWithoutResult(status -> audit.record("levelPolicy", actor.workspaceId(), "run", Map.of(
                    "silenceFollowUps", new Change(null, run.silences()),
                    "reassessmentFollowUps", new Change(null, run.reassessments()))));
        }
        log.info("level policies in workspace {}: {} silence and {} reassessment follow-ups in {} ms",
                actor.workspaceId(), silences, reassessments, run.millis());
        return run;
    }

    private record Candidate(long account, Long owner, long quietSince, String assessedOn) {
    }

    private java.util.Set<Long> accountsWith(String condition, Map<String, Object> params) {
        java.util.Set<Long> accounts = new java.util.HashSet<>();
        jdbc.sql("SELECT DISTINCT f.account_id FROM follow_ups f WHERE f.workspace_id = :workspace AND f.status = 'OPEN'"
                + " AND f.account_id IS NOT NULL AND " + condition).param("workspace", workspace()).params(params)
                .query(rs -> {
                    accounts.add(rs.getLong(1));
                });
        return accounts;
    }

    private int planSilences(LevelPolicy policy, LocalDate today, ZoneId zone, Assignees assignees, BusinessReasonId reason,
            java.util.Set<Long> planned) {
        int silence = policy.maxSilenceDays();
        // quiet since (last touch, or creation when never touched) before the cutoff => limit within the horizon
        long cutoff = today.plusDays(HORIZON_DAYS - silence + 1).atStartOfDay(zone).toInstant().toEpochMilli();
        List<Candidate> candidates = jdbc.sql("""
                SELECT a.id, a.owner_id,
                       CASE WHEN a.last_touch_at > a.created_at THEN a.last_touch_at ELSE a.created_at END AS quiet_since
                FROM accounts a
                WHERE a.workspace_id = :workspace AND a.level = :level AND a.deleted_at IS NULL AND a.do_not_contact = FALSE
                  AND (CASE WHEN a.last_touch_at > a.created_at THEN a.last_touch_at ELSE a.created_at END) < :cutoff
                """).param("workspace", workspace()).param("level", policy.level().name()).param("cutoff", cutoff)
                .query((rs, n) -> new Candidate(rs.getLong(1), app.tickler.platform.database.Rows.nullableLong(rs, "owner_id"),
                        rs.getLong(3), null))
                .list().stream().filter(c -> !planned.contains(c.account())).toList();
        String instructions = "Level " + policy.level() + " customer: no touch may be longer than " + silence
                + " days apart. Touch them with a pertinent reason.";
        return insert(candidates, c -> {
            LocalDate quietSince = java.time.Instant.ofEpochMilli(c.quietSince()).atZone(zone).toLocalDate();
            return dueFor(silenceLimit(quietSince, silence), today);
        }, assignees, FollowUpOrigin.LEVEL_POLICY, reason, instructions, policy.level());
    }

    private int planReassessments(LevelPolicy policy, LocalDate today, Assignees assignees, BusinessReasonId reason,
            java.util.Set<Long> reassessing) {
        String cutoff = today.minusDays(policy.reassessEveryDays()).toString();
        List<Candidate> candidates = jdbc.sql("""
                SELECT a.id, a.owner_id, a.level_assessed_on FROM accounts a
                WHERE a.workspace_id = :workspace AND a.level = :level AND a.deleted_at IS NULL AND a.do_not_contact = FALSE
                  AND (a.level_assessed_on IS NULL OR a.level_assessed_on <= :cutoff)
                """).param("workspace", workspace()).param("level", policy.level().name()).param("cutoff", cutoff)
                .query((rs, n) -> new Candidate(rs.getLong(1), app.tickler.platform.database.Rows.nullableLong(rs, "owner_id"),
                        0, rs.getString(3)))
                .list().stream().filter(c -> !reassessing.contains(c.account())).toList();
        String instructions = "Reassess the customer level (" + policy.level() + "): is it still right? Set the level "
                + "again, changed or confirmed.";
        return insert(candidates, c -> today, assignees, FollowUpOrigin.REASSESSMENT, reason, instructions, policy.level());
    }

    /** Batched inserts, committed in chunks so that users are never blocked for long (SQLite has one writer). */
    private int insert(List<Candidate> candidates, java.util.function.Function<Candidate, LocalDate> due,
            Assignees assignees, FollowUpOrigin origin, BusinessReasonId reason, String instructions, CustomerLevel level) {
        long workspace = workspace();
        int inserted = 0;
        for (int from = 0; from < candidates.size(); from += BATCH) {
            List<Candidate> chunk = candidates.subList(from, Math.min(candidates.size(), from + BATCH));
            List<Object[]> rows = new ArrayList<>(chunk.size());
            long now = clock.millis();
            for (Candidate c : chunk) {
                long assignee = assignees.of(c.owner());
                ZoneId zone = assignees.zone(assignee);
                LocalDate date = due.apply(c);
                rows.add(new Object[] {workspace, ids.next(), assignee, date.toString(), zone.getId(),
                        Planner.dueAt(date, null, zone).toEpochMilli(), Channel.CALL.name(),
                        reason == null ? null : reason.value(), instructions, c.account(), origin.name(),
                        QueueOrder.rank(Priority.NORMAL, level), now, now});
            }
            Integer done = transactions.execute(status -> {
                int[][] counts = template.batchUpdate("""
                        INSERT INTO follow_ups (workspace_id, id, assignee_id, due_date, zone, due_at, channel, reason_id,
                                                instructions, account_id, origin, queue_rank, priority, status, snoozes,
                                                version, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'NORMAL', 'OPEN', 0, 0, ?, ?)
                        ON CONFLICT DO NOTHING
                        """, rows, BATCH, (PreparedStatement ps, Object[] row) -> {
                    for (int i = 0; i < row.length; i++) {
                        ps.setObject(i + 1, row[i]);
                    }
                });
                int sum = 0;
                for (int[] batch : counts) {
                    for (int count : batch) {
                        sum += count < 0 ? 1 : count;
                    }
                }
                return sum;
            });
            inserted += done == null ? 0 : done;
        }
        return inserted;
    }

    /** Who gets a customer's policy follow-up: the account's owner while active, else the first admin. */
    private static final class Assignees {

        private final Map<Long, ZoneId> zones = new HashMap<>();
        private final long fallback;
        private final ZoneId workspaceZone;

        Assignees(List<UserSummary> active, ZoneId workspaceZone) {
            this.workspaceZone = workspaceZone;
            long admin = 0;
            for (UserSummary user : active) {
                zones.put(user.id().value(), user.timeZone() == null || user.timeZone().isBlank() ? workspaceZone
                        : ZoneId.of(user.timeZone()));
                if (admin == 0 && user.role() == Role.ADMIN) {
                    admin = user.id().value();
                }
            }
            this.fallback = admin != 0 ? admin : active.isEmpty() ? 0 : active.get(0).id().value();
        }

        long of(Long owner) {
            return owner != null && zones.containsKey(owner) ? owner : fallback;
        }

        ZoneId zone(long user) {
            return zones.getOrDefault(user, workspaceZone);
        }
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
