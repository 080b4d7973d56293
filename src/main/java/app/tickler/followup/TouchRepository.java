package app.tickler.followup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.Channel;
import app.tickler.party.ContactId;
import app.tickler.party.CustomerLevel;
import app.tickler.party.PartyNames;
import app.tickler.platform.Cursor;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Visibility;
import app.tickler.platform.timeline.TimelineEntry.Subject;

/** Touches and the index of the records each concerns. */
@Repository
class TouchRepository {

    private static final String SELECT = """
            SELECT t.*, a.name AS account_name, r.name AS reason_name FROM touches t
            LEFT JOIN accounts a ON a.workspace_id = t.workspace_id AND a.id = t.account_id
            LEFT JOIN business_reasons r ON r.workspace_id = t.workspace_id AND r.id = t.reason_id
            """;

    private final JdbcClient jdbc;

    TouchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(long id, long occurredAt, Channel channel, Direction direction, Long accountId, Long leadId, Long dealId,
            Long reasonId, boolean valueAdding, String notes, boolean reached, boolean responded, Outcome outcome,
            CustomerLevel levelSet, int attempt, Long loggedBy, String loggedByName, Long followUpId, Long enrolmentId) {
    }

    void insert(Row row, List<Subject> subjects, long now) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("workspace", workspace());
        columns.put("id", row.id());
        columns.put("at", row.occurredAt());
        columns.put("channel", row.channel().name());
        columns.put("direction", row.direction().name());
        columns.put("account", row.accountId());
        columns.put("lead", row.leadId());
        columns.put("deal", row.dealId());
        columns.put("reason", row.reasonId());
        columns.put("valueAdding", row.valueAdding());
        columns.put("notes", row.notes());
        columns.put("reached", row.reached());
        columns.put("responded", row.responded());
        columns.put("outcome", row.outcome() == null ? null : row.outcome().name());
        columns.put("levelSet", row.levelSet() == null ? null : row.levelSet().name());
        columns.put("attempt", row.attempt());
        columns.put("loggedBy", row.loggedBy());
        columns.put("loggedByName", row.loggedByName());
        columns.put("followUp", row.followUpId());
        columns.put("enrolment", row.enrolmentId());
        columns.put("now", now);
        jdbc.sql("""
                INSERT INTO touches (workspace_id, id, occurred_at, channel, direction, account_id, lead_id, deal_id,
                                     reason_id, value_adding, notes, reached, responded, outcome, level_set, attempt,
                                     logged_by, logged_by_name, follow_up_id, enrolment_id, created_at)
                VALUES (:workspace, :id, :at, :channel, :direction, :account, :lead, :deal, :reason, :valueAdding, :notes,
                        :reached, :responded, :outcome, :levelSet, :attempt, :loggedBy, :loggedByName, :followUp,
                        :enrolment, :now)
                """).params(columns).update();
        for (Subject subject : subjects) {
            jdbc.sql("""
                    INSERT INTO touch_subjects (workspace_id, subject_type, subject_id, occurred_at, touch_id, outbound, responded)
                    VALUES (:workspace, :type, :subject, :at, :touch, :outbound, :responded)
                    """).param("workspace", workspace()).param("type", subject.type()).param("subject", subject.id())
                    .param("at", row.occurredAt()).param("touch", row.id())
                    .param("outbound", row.direction() == Direction.OUTBOUND).param("responded", row.responded()).update();
        }
    }

    Optional<Touch> find(long id) {
        List<Touch> found = complete(jdbc.sql(SELECT + " WHERE t.workspace_id = :workspace AND t.id = :id")
                .param("workspace", workspace()).param("id", id).query((rs, n) -> map(rs)).list());
        return found.stream().findFirst();
    }

    /** The touches on a record, newest first. The caller has checked that the record is visible. */
    Page<Touch> of(Subject subject, Paging paging) {
        StringBuilder sql = new StringBuilder(SELECT).append("""
                 JOIN touch_subjects s ON s.workspace_id = t.workspace_id AND s.touch_id = t.id
                 WHERE s.workspace_id = :workspace AND s.subject_type = :type AND s.subject_id = :subject
                """);
        Map<String, Object> params = new HashMap<>(Map.of("workspace", workspace(), "type", subject.type(),
                "subject", subject.id(), "limit", paging.fetchSize()));
        if (paging.hasCursor()) {
            Cursor after = paging.after(2);
            sql.append(" AND (s.occurred_at, s.touch_id) < (:afterAt, :afterId)");
            params.put("afterAt", after.longKey(0));
            params.put("afterId", after.longKey(1));
        }
        sql.append(" ORDER BY s.occurred_at DESC, s.touch_id DESC LIMIT :limit");
        List<Touch> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> map(rs)).list();
        Page<Touch> page = Page.of(rows, paging, t -> Cursor.of(t.occurredAt().toEpochMilli(), t.id().value()));
        return new Page<>(complete(page.items()), page.nextCursor());
    }

    /** Touches in a time range, newest first, optionally by one author; reps see their team's. */
    Page<Touch> list(Long loggedBy, Long from, Long to, Paging paging) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE t.workspace_id = :workspace");
        Map<String, Object> params = new HashMap<>();
        params.put("workspace", workspace());
        Visibility visibility = Visibility.of(Actors.current(), "t.logged_by", true);
        sql.append(" AND ").append(visibility.sql());
        params.putAll(visibility.parameters());
        if (loggedBy != null) {
            sql.append(" AND t.logged_by = :loggedBy");
            params.put("loggedBy", loggedBy);
        }
        if (from != null) {
            sql.append(" AND t.occurred_at >= :from");
            params.put("from", from);
        }
        if (to != null) {
            sql.append(" AND t.occurred_at < :to");
            params.put("to", to);
        }
        if (paging.hasCursor()) {
            Cursor after = paging.after(2);
            sql.append(" AND (t.occurred_at, t.id) < (:afterAt, :afterId)");
            params.put("afterAt", after.longKey(0));
            params.put("afterId", after.longKey(1));
        }
        sql.append(" ORDER BY t.occurred_at DESC, t.id DESC LIMIT :limit");
        params.put("limit", paging.fetchSize());
        List<Touch> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> map(rs)).list();
        Page<Touch> page = Page.of(rows, paging, t -> Cursor.of(t.occurredAt().toEpochMilli(), t.id().value()));
        return new Page<>(complete(page.items()), page.nextCursor());
    }

    /** Moves the touches of a merged-away record to the record it was merged into. */
    void repoint(String type, long from, long into) {
        // the surviving record may already share a touch with the merged one: keep one row
        jdbc.sql("""
                DELETE FROM touch_subjects WHERE workspace_id = :workspace AND subject_type = :type AND subject_id = :from
                  AND touch_id IN (SELECT touch_id FROM touch_subjects WHERE workspace_id = :workspace
                                   AND subject_type = :type AND subject_id = :into)
                """).param("workspace", workspace()).param("type", type).param("from", from).param("into", into).update();
        jdbc.sql("UPDATE touch_subjects SET subject_id = :into WHERE workspace_id = :workspace AND subject_type = :type AND subject_id = :from")
                .param("into", into).param("workspace", workspace()).param("type", type).param("from", from).update();
        if (type.equals("account")) {
            jdbc.sql("UPDATE touches SET account_id = :into WHERE workspace_id = :workspace AND account_id = :from")
                    .param("into", into).param("workspace", workspace()).param("from", from).update();
        }
    }

    /** Adds the contacts of each touch, with one query per page. */
    private List<Touch> complete(List<Touch> touches) {
        if (touches.isEmpty()) {
            return touches;
        }
        Map<Long, List<Touch.ContactRef>> contacts = new HashMap<>();
        jdbc.sql("""
                SELECT s.touch_id, c.id, c.first_name, c.last_name FROM touch_subjects s
                JOIN contacts c ON c.workspace_id = s.workspace_id AND c.id = s.subject_id
                WHERE s.workspace_id = :workspace AND s.subject_type = 'contact' AND s.touch_id IN (:ids)
                ORDER BY c.sort_name, c.id
                """).param("workspace", workspace()).param("ids", touches.stream().map(t -> t.id().value()).toList())
                .query(rs -> {
                    contacts.computeIfAbsent(rs.getLong("touch_id"), k -> new ArrayList<>()).add(new Touch.ContactRef(
                            new ContactId(rs.getLong("id")), PartyNames.fullName(rs.getString("first_name"), rs.getString("last_name"))));
                });
        return touches.stream().map(t -> new Touch(t.id(), t.occurredAt(), t.channel(), t.direction(), t.accountId(),
                t.accountName(), contacts.getOrDefault(t.id().value(), List.of()), t.leadId(), t.dealId(), t.reasonId(),
                t.reasonName(), t.valueAdding(), t.notes(), t.reached(), t.response(), t.outcome(), t.levelSet(),
                t.attempt(), t.loggedById(), t.loggedByName(), t.followUpId(), t.enrolmentId(), t.createdAt(), t.imported()))
                .toList();
    }

    private static Touch map(ResultSet rs) throws SQLException {
        Long account = Rows.nullableLong(rs, "account_id");
        Long reason = Rows.nullableLong(rs, "reason_id");
        Long loggedBy = Rows.nullableLong(rs, "logged_by");
        Long followUp = Rows.nullableLong(rs, "follow_up_id");
        Long enrolment = Rows.nullableLong(rs, "enrolment_id");
        String outcome = rs.getString("outcome");
        String level = rs.getString("level_set");
        return new Touch(new TouchId(rs.getLong("id")), Rows.instant(rs, "occurred_at"),
                Channel.valueOf(rs.getString("channel")), Direction.valueOf(rs.getString("direction")),
                account == null ? null : new AccountId(account), rs.getString("account_name"), List.of(),
                Rows.nullableLong(rs, "lead_id"), Rows.nullableLong(rs, "deal_id"),
                reason == null ? null : new BusinessReasonId(reason), rs.getString("reason_name"),
                rs.getBoolean("value_adding"), rs.getString("notes"), rs.getBoolean("reached"), rs.getBoolean("responded"),
                outcome == null ? null : Outcome.valueOf(outcome), level == null ? null : CustomerLevel.valueOf(level),
                rs.getInt("attempt"), loggedBy == null ? null : new UserId(loggedBy), rs.getString("logged_by_name"),
                followUp == null ? null : new FollowUpId(followUp), enrolment == null ? null : new EnrolmentId(enrolment),
                Rows.instant(rs, "created_at"), rs.getBoolean("imported"));
    }

    static long workspace() {
        return Actors.current().workspaceId();
    }
}
