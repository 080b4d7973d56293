package app.tickler.followup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.ContactId;
import app.tickler.party.PartyNames;
import app.tickler.platform.Cursor;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actors;

@Repository
class EnrolmentRepository {

    private static final String SELECT = """
            SELECT e.*, k.name AS cadence_name, c.first_name, c.last_name, u.display_name AS owner_name,
                   (SELECT COUNT(*) FROM cadence_steps s WHERE s.workspace_id = e.workspace_id AND s.cadence_id = e.cadence_id) AS steps
            FROM enrolments e
            JOIN cadences k ON k.workspace_id = e.workspace_id AND k.id = e.cadence_id
            LEFT JOIN contacts c ON c.workspace_id = e.workspace_id AND c.id = e.contact_id
            LEFT JOIN users u ON u.workspace_id = e.workspace_id AND u.id = e.owner_id
            WHERE e.workspace_id = :workspace
            """;

    private final JdbcClient jdbc;

    EnrolmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long id, long cadence, Long contact, Long lead, Long deal, Long account, long owner, LocalDate start, long now) {
        jdbc.sql("""
                INSERT INTO enrolments (workspace_id, id, cadence_id, contact_id, lead_id, deal_id, account_id, owner_id,
                                        status, started_on, step_position, version, created_at, updated_at)
                VALUES (:workspace, :id, :cadence, :contact, :lead, :deal, :account, :owner, 'ACTIVE', :start, 0, 0, :now, :now)
                """).param("workspace", workspace()).param("id", id).param("cadence", cadence).param("contact", contact)
                .param("lead", lead).param("deal", deal).param("account", account).param("owner", owner)
                .param("start", Rows.date(start)).param("now", now).update();
    }

    Optional<Enrolment> find(long id) {
        return jdbc.sql(SELECT + " AND e.id = :id").param("workspace", workspace()).param("id", id)
                .query((rs, n) -> map(rs)).optional();
    }

    List<Enrolment> where(String condition, Map<String, Object> params) {
        return jdbc.sql(SELECT + " AND " + condition + " ORDER BY e.id DESC LIMIT 1000").param("workspace", workspace())
                .params(params).query((rs, n) -> map(rs)).list();
    }

    /** A page, newest first. */
    Page<Enrolment> page(String condition, Map<String, Object> params, Paging paging) {
        Map<String, Object> all = new HashMap<>(params);
        String keyset = "";
        if (paging.hasCursor()) {
            keyset = " AND e.id < :afterId";
            all.put("afterId", paging.after(1).longKey(0));
        }
        all.put("limit", paging.fetchSize());
        List<Enrolment> rows = jdbc.sql(SELECT + " AND " + condition + keyset + " ORDER BY e.id DESC LIMIT :limit")
                .param("workspace", workspace()).params(all).query((rs, n) -> map(rs)).list();
        return Page.of(rows, paging, e -> Cursor.of(e.id().value()));
    }

    boolean advance(long id, int position, long now) {
        return jdbc.sql("""
                UPDATE enrolments SET step_position = :position, version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND status = 'ACTIVE'
                """).param("position", position).param("now", now).param("workspace", workspace()).param("id", id)
                .update() == 1;
    }

    boolean end(long id, Long version, EnrolmentEndReason reason, String note, Integer attempt, Long by, long now) {
        return jdbc.sql("""
                UPDATE enrolments SET status = 'ENDED', end_reason = :reason, end_note = :note, end_attempt = :attempt,
                       ended_by = :by, ended_at = :now, version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND status = 'ACTIVE'
                """ + (version == null ? "" : " AND version = :version"))
                .param("reason", reason.name()).param("note", note).param("attempt", attempt).param("by", by)
                .param("now", now).param("workspace", workspace()).param("id", id)
                .param("version", version == null ? 0L : version).update() == 1;
    }

    void repoint(String column, long from, Long into) {
        jdbc.sql("UPDATE enrolments SET " + column + " = :into WHERE workspace_id = :workspace AND " + column + " = :from")
                .param("into", into).param("workspace", workspace()).param("from", from).update();
    }

    void deleteWhere(String column, long id) {
        jdbc.sql("DELETE FROM enrolments WHERE workspace_id = :workspace AND " + column + " = :id")
                .param("workspace", workspace()).param("id", id).update();
    }

    private static Enrolment map(ResultSet rs) throws SQLException {
        Long contact = Rows.nullableLong(rs, "contact_id");
        Long account = Rows.nullableLong(rs, "account_id");
        Long endedBy = Rows.nullableLong(rs, "ended_by");
        String reason = rs.getString("end_reason");
        String first = rs.getString("first_name");
        String last = rs.getString("last_name");
        return new Enrolment(new EnrolmentId(rs.getLong("id")), new CadenceId(rs.getLong("cadence_id")),
                rs.getString("cadence_name"), contact == null ? null : new ContactId(contact),
                first == null && last == null ? null : PartyNames.fullName(first, last), Rows.nullableLong(rs, "lead_id"),
                Rows.nullableLong(rs, "deal_id"), account == null ? null : new AccountId(account),
                new UserId(rs.getLong("owner_id")), rs.getString("owner_name"),
                EnrolmentStatus.valueOf(rs.getString("status")), LocalDate.parse(rs.getString("started_on")),
                rs.getInt("step_position"), rs.getInt("steps"), reason == null ? null : EnrolmentEndReason.valueOf(reason),
                rs.getString("end_note"), Rows.nullableInt(rs, "end_attempt"), endedBy == null ? null : new UserId(endedBy),
                Rows.nullableInstant(rs, "ended_at"), rs.getLong("version"), Rows.instant(rs, "created_at"));
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
