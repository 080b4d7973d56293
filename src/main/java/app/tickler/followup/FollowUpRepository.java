package app.tickler.followup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collection;
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
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actors;

/**
 * Follow-ups. Reads join the names of the account, contact, assignee and reason (read-only use of the
 * party and identity tables, as list read models may) so that a queue is one query.
 */
@Repository
class FollowUpRepository {

    static final String SELECT = """
            SELECT f.*, a.name AS account_name, a.level AS account_level, c.first_name, c.last_name,
                   u.display_name AS assignee_name, r.name AS reason_name
            FROM follow_ups f
            LEFT JOIN accounts a ON a.workspace_id = f.workspace_id AND a.id = f.account_id
            LEFT JOIN contacts c ON c.workspace_id = f.workspace_id AND c.id = f.contact_id
            LEFT JOIN users u ON u.workspace_id = f.workspace_id AND u.id = f.assignee_id
            LEFT JOIN business_reasons r ON r.workspace_id = f.workspace_id AND r.id = f.reason_id
            WHERE f.workspace_id = :workspace
            """;


    private final JdbcClient jdbc;

    FollowUpRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(long id, long assignee, LocalDate dueDate, LocalTime dueTime, ZoneId zone, long dueAt, Channel channel,
            Long reasonId, String instructions, Long accountId, Long contactId, Long leadId, Long dealId,
            Long dealAmount, FollowUpOrigin origin, Priority priority, Long enrolmentId, Integer stepPosition,
            Long commitmentId, Long createdBy, CustomerLevel level) {
    }

    void insert(Row row, long now) {
        jdbc.sql("""
                INSERT INTO follow_ups (workspace_id, id, assignee_id, due_date, due_time, zone, due_at, channel, reason_id,
                                        instructions, account_id, contact_id, lead_id, deal_id, deal_amount, queue_rank,
                                        amount_key, origin, priority, status, enrolment_id, step_position, commitment_id,
                                        snoozes, created_by, version, created_at, updated_at)
                VALUES (:workspace, :id, :assignee, :dueDate, :dueTime, :zone, :dueAt, :channel, :reason, :instructions,
                        :account, :contact, :lead, :deal, :amount, :rank, :amountKey, :origin, :priority, 'OPEN', :enrolment,
                        :step, :commitment, 0, :createdBy, 0, :now, :now)
                """).params(columns(row)).param("now", now).update();
    }

    static Map<String, Object> columns(Row row) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("workspace", workspace());
        columns.put("id", row.id());
        columns.put("assignee", row.assignee());
        columns.put("dueDate", Rows.date(row.dueDate()));
        columns.put("dueTime", row.dueTime() == null ? null : row.dueTime().toString());
        columns.put("zone", row.zone().getId());
        columns.put("dueAt", row.dueAt());
        columns.put("channel", row.channel().name());
        columns.put("reason", row.reasonId());
        columns.put("instructions", row.instructions());
        columns.put("account", row.accountId());
        columns.put("contact", row.contactId());
        columns.put("lead", row.leadId());
        columns.put("deal", row.dealId());
        columns.put("amount", row.dealAmount());
        columns.put("rank", QueueOrder.rank(row.priority(), row.level()));
        columns.put("amountKey", QueueOrder.amountKey(row.dealAmount()));
        columns.put("origin", row.origin().name());
        columns.put("priority", row.priority().name());
        columns.put("enrolment", row.enrolmentId());
        columns.put("step", row.stepPosition());
        columns.put("commitment", row.commitmentId());
        columns.put("createdBy", row.createdBy());
        return columns;
    }

    Optional<FollowUp> find(long id) {
        return jdbc.sql(SELECT + " AND f.id = :id").param("workspace", workspace()).param("id", id)
                .query((rs, n) -> map(rs)).optional();
    }

    List<FollowUp> query(String where, Map<String, Object> params, String orderAndLimit) {
        return jdbc.sql(SELECT + " AND " + where + " " + orderAndLimit).param("workspace", workspace()).params(params)
                .query((rs, n) -> map(rs)).list();
    }

    long count(String where, Map<String, Object> params) {
        return jdbc.sql("SELECT COUNT(*) FROM follow_ups f WHERE f.workspace_id = :workspace AND " + where)
                .param("workspace", workspace()).params(params).query(Long.class).single();
    }

    /** Changes the plan of an open follow-up; false when its version moved on. */
    boolean replan(long id, long version, Row row, boolean snooze, long now) {
        Map<String, Object> columns = columns(row);
        columns.put("version", version);
        columns.put("now", now);
        columns.put("snooze", snooze ? 1 : 0);
        return jdbc.sql("""
                UPDATE follow_ups SET assignee_id = :assignee, due_date = :dueDate, due_time = :dueTime, zone = :zone,
                       due_at = :dueAt, channel = :channel, reason_id = :reason, instructions = :instructions,
                       priority = :priority, snoozes = snoozes + :snooze,
                       queue_rank = CASE :priority WHEN 'HIGH' THEN 0 WHEN 'NORMAL' THEN 5 ELSE 10 END + (queue_rank % 5),
                       missed_at = CASE WHEN :dueAt > :now THEN NULL ELSE missed_at END,
                       version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND version = :version AND status = 'OPEN'
                """).params(columns).update() == 1;
    }

    /** Closes an open follow-up; false when it was not open at this version. */
    boolean close(long id, Long version, FollowUpStatus status, String note, Long touchId, Long closedBy, long now) {
        return jdbc.sql("""
                UPDATE follow_ups SET status = :status, closed_note = :note, touch_id = :touch, closed_at = :now,
                       closed_by = :closedBy, version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND status = 'OPEN'
                """ + (version == null ? "" : " AND version = :version"))
                .param("status", status.name()).param("note", note).param("touch", touchId).param("now", now)
                .param("closedBy", closedBy).param("workspace", workspace()).param("id", id)
                .param("version", version == null ? 0L : version).update() == 1;
    }

    /** Cancels every open follow-up matching a condition (stop rules, do-not-contact); returns their ids. */
    List<Long> cancelWhere(String where, Map<String, Object> params, String note, long now) {
        List<Long> ids = jdbc.sql("SELECT f.id FROM follow_ups f WHERE f.workspace_id = :workspace AND f.status = 'OPEN' AND "
                + where).param("workspace", workspace()).params(params).query(Long.class).list();
        if (!ids.isEmpty()) {
            jdbc.sql("""
                    UPDATE follow_ups SET status = 'CANCELLED', closed_note = :note, closed_at = :now,
                           version = version + 1, updated_at = :now
                    WHERE workspace_id = :workspace AND id IN (:ids) AND status = 'OPEN'
                    """).param("note", note).param("now", now).param("workspace", workspace()).param("ids", ids).update();
        }
        return ids;
    }

    void setDealAmount(long dealId, Long amount) {
        jdbc.sql("UPDATE follow_ups SET deal_amount = :amount, amount_key = :amountKey WHERE workspace_id = :workspace"
                + " AND deal_id = :deal").param("amount", amount).param("amountKey", QueueOrder.amountKey(amount))
                .param("workspace", workspace()).param("deal", dealId).update();
    }

    /** An account's customer level changed: its open follow-ups move in the queues. */
    void rerank(long account, CustomerLevel level) {
        jdbc.sql(QueueOrder.rerankSql()).param("levelRank", QueueOrder.levelRank(level)).param("workspace", workspace())
                .param("account", account).update();
    }

    void markMissed(Collection<Long> ids, long now) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE follow_ups SET missed_at = :now WHERE workspace_id = :workspace AND id IN (:ids)")
                    .param("now", now).param("workspace", workspace()).param("ids", ids).update();
        }
    }

    /** Points every follow-up of a merged-away record at the record it was merged into. */
    void repoint(String column, long from, long into) {
        jdbc.sql("UPDATE follow_ups SET " + column + " = :into WHERE workspace_id = :workspace AND " + column + " = :from")
                .param("into", into).param("workspace", workspace()).param("from", from).update();
    }

    /** An account is gone: its own follow-ups go, those with one of its people (or a lead or deal) stay without it. */
    void detachAccount(long account) {
        jdbc.sql("""
                DELETE FROM follow_ups WHERE workspace_id = :workspace AND account_id = :account
                  AND contact_id IS NULL AND lead_id IS NULL AND deal_id IS NULL
                """).param("workspace", workspace()).param("account", account).update();
        jdbc.sql("UPDATE follow_ups SET account_id = NULL WHERE workspace_id = :workspace AND account_id = :account")
                .param("workspace", workspace()).param("account", account).update();
    }

    void deleteWhere(String column, long id) {
        jdbc.sql("DELETE FROM follow_ups WHERE workspace_id = :workspace AND " + column + " = :id")
                .param("workspace", workspace()).param("id", id).update();
    }

    static FollowUp map(ResultSet rs) throws SQLException {
        String time = rs.getString("due_time");
        String level = rs.getString("account_level");
        Long reason = Rows.nullableLong(rs, "reason_id");
        Long account = Rows.nullableLong(rs, "account_id");
        Long contact = Rows.nullableLong(rs, "contact_id");
        Long enrolment = Rows.nullableLong(rs, "enrolment_id");
        Long commitment = Rows.nullableLong(rs, "commitment_id");
        Long touch = Rows.nullableLong(rs, "touch_id");
        String first = rs.getString("first_name");
        String last = rs.getString("last_name");
        return new FollowUp(new FollowUpId(rs.getLong("id")), new UserId(rs.getLong("assignee_id")),
                rs.getString("assignee_name"), LocalDate.parse(rs.getString("due_date")),
                time == null ? null : LocalTime.parse(time), ZoneId.of(rs.getString("zone")), Rows.instant(rs, "due_at"),
                Channel.valueOf(rs.getString("channel")), reason == null ? null : new BusinessReasonId(reason),
                rs.getString("reason_name"), rs.getString("instructions"), account == null ? null : new AccountId(account),
                rs.getString("account_name"), level == null ? null : CustomerLevel.valueOf(level),
                contact == null ? null : new ContactId(contact),
                first == null && last == null ? null : PartyNames.fullName(first, last),
                Rows.nullableLong(rs, "lead_id"), Rows.nullableLong(rs, "deal_id"), Rows.nullableLong(rs, "deal_amount"),
                FollowUpOrigin.valueOf(rs.getString("origin")), Priority.valueOf(rs.getString("priority")),
                FollowUpStatus.valueOf(rs.getString("status")), enrolment == null ? null : new EnrolmentId(enrolment),
                Rows.nullableInt(rs, "step_position"), commitment == null ? null : new CommitmentId(commitment),
                touch == null ? null : new TouchId(touch), rs.getString("closed_note"),
                Rows.nullableInstant(rs, "closed_at"), rs.getInt("snoozes"), rs.getLong("version"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }

    static long workspace() {
        return Actors.current().workspaceId();
    }
}
