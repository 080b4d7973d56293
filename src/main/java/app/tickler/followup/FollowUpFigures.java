package app.tickler.followup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import app.tickler.party.AccountId;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actors;

/**
 * Read-only figures of the engine for reports (the insight module): per-day totals recomputed from
 * the touches, follow-ups and enrolments themselves, an account's touch statistics for its ICKR
 * scorecard, the overdue count of a team, and the attempts at which deals closed. Scoped to the
 * caller's workspace; the caller decides whose numbers to show. Days are UTC days.
 */
@Service
public class FollowUpFigures {

    private static final long DAY = 86_400_000L;

    // A total of one user on one UTC day ({@code userId} 0: nobody, the system).
    public record DailyCount(long userId, LocalDate day, long count) {
    }

    // An account's touches since a moment: how many, how many carried a value-adding reason, how
    // many had the reason "insight", and when the last of those happened.
    public record AccountTouches(long touches, long valueAdding, long insightReason, Instant lastInsightReasonAt) {
    }

    private final JdbcClient jdbc;
    private final TouchRepository touches;
    private final LevelPolicies policies;
    private final BusinessReasons reasons;

    FollowUpFigures(JdbcClient jdbc, TouchRepository touches, LevelPolicies policies, BusinessReasons reasons) {
        this.jdbc = jdbc;
        this.touches = touches;
        this.policies = policies;
        this.reasons = reasons;
    }

    public Optional<Touch> touch(TouchId id) {
        return touches.find(id.value());
    }

    public List<LevelPolicy> levelPolicies() {
        return policies.all();
    }

    /** Touches per author and day; {@code valueAddingOnly} counts those with a value-adding reason. */
    public List<DailyCount> touchesPerDay(boolean valueAddingOnly) {
        return daily("SELECT COALESCE(logged_by, 0) AS user_id, occurred_at / " + DAY + " AS day, COUNT(*) AS n"
                + " FROM touches WHERE workspace_id = :workspace" + (valueAddingOnly ? " AND value_adding = TRUE" : "")
                + " GROUP BY COALESCE(logged_by, 0), occurred_at / " + DAY);
    }

    /** Follow-ups done per assignee and day of completion; {@code onTimeOnly} those done before they were due. */
    public List<DailyCount> followUpsDonePerDay(boolean onTimeOnly) {
        return daily("SELECT assignee_id AS user_id, closed_at / " + DAY + " AS day, COUNT(*) AS n FROM follow_ups"
                + " WHERE workspace_id = :workspace AND status = 'DONE' AND closed_at IS NOT NULL"
                + (onTimeOnly ? " AND closed_at < due_at" : "") + " GROUP BY assignee_id, closed_at / " + DAY);
    }

    /** Enrolments ended by hand before attempt 5, per who ended them and day. */
    public List<DailyCount> earlyGiveUpsPerDay() {
        return daily("SELECT COALESCE(ended_by, 0) AS user_id, ended_at / " + DAY + " AS day, COUNT(*) AS n FROM enrolments"
                + " WHERE workspace_id = :workspace AND status = 'ENDED' AND end_reason = 'BY_HAND'"
                + " AND end_attempt IS NOT NULL AND end_attempt < " + Enrolments.PERSISTENCE
                + " GROUP BY COALESCE(ended_by, 0), ended_at / " + DAY);
    }

    private List<DailyCount> daily(String sql) {
        return jdbc.sql(sql).param("workspace", workspace())
                .query((rs, n) -> new DailyCount(rs.getLong("user_id"), LocalDate.ofEpochDay(rs.getLong("day")),
                        rs.getLong("n")))
                .list();
    }

    /** The account's touches since {@code since} (one range of the account's touch index). */
    public AccountTouches accountTouches(AccountId account, Instant since) {
        Long insight = reasons.byCode(BusinessReasons.Code.INSIGHT) == null ? null
                : reasons.byCode(BusinessReasons.Code.INSIGHT).value();
        return jdbc.sql("""
                SELECT COUNT(*) AS touches,
                       COALESCE(SUM(CASE WHEN t.value_adding THEN 1 ELSE 0 END), 0) AS value_adding,
                       COALESCE(SUM(CASE WHEN t.reason_id = :insight THEN 1 ELSE 0 END), 0) AS insights,
                       MAX(CASE WHEN t.reason_id = :insight THEN t.occurred_at END) AS last_insight
                FROM touch_subjects s JOIN touches t ON t.workspace_id = s.workspace_id AND t.id = s.touch_id
                WHERE s.workspace_id = :workspace AND s.subject_type = 'account' AND s.subject_id = :account
                  AND s.occurred_at >= :since
                """).param("insight", insight == null ? -1L : insight).param("workspace", workspace())
                .param("account", account.value()).param("since", since.toEpochMilli())
                .query((rs, n) -> new AccountTouches(rs.getLong("touches"), rs.getLong("value_adding"),
                        rs.getLong("insights"), Rows.nullableInstant(rs, "last_insight")))
                .single();
    }

    /** Open follow-ups due before {@code today} of these assignees (all when null). */
    public Map<Long, Long> overdueByAssignee(Collection<Long> assignees, LocalDate today) {
        Map<Long, Long> counts = new HashMap<>();
        if (assignees != null && assignees.isEmpty()) {
            return counts;
        }
        jdbc.sql("SELECT assignee_id, COUNT(*) FROM follow_ups WHERE workspace_id = :workspace AND status = 'OPEN'"
                + " AND due_date < :today" + (assignees == null ? "" : " AND assignee_id IN (:assignees)")
                + " GROUP BY assignee_id").param("workspace", workspace()).param("today", today.toString())
                .params(assignees == null ? Map.of() : Map.of("assignees", assignees))
                .query(rs -> {
                    counts.put(rs.getLong(1), rs.getLong(2));
                });
        return counts;
    }

    /** Deal id to the attempt of the chase at which it was won, for deals won from {@code from} up to (not including) {@code to}. */
    public Map<Long, Integer> winningAttempts(Instant from, Instant to) {
        Map<Long, Integer> attempts = new HashMap<>();
        jdbc.sql("""
                SELECT deal_id, attempt FROM deal_closings
                WHERE workspace_id = :workspace AND won = TRUE AND closed_at >= :from AND closed_at < :to
                """).param("workspace", workspace()).param("from", from.toEpochMilli()).param("to", to.toEpochMilli())
                .query(rs -> {
                    attempts.put(rs.getLong(1), rs.getInt(2));
                });
        return attempts;
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
