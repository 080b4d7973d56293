package app.tickler.followup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.followup.BusinessReasons.Code;
import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.Channel;
import app.tickler.party.ContactId;
import app.tickler.platform.Conflict;
import app.tickler.platform.Cursor;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.NotFound;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Change;
import app.tickler.platform.audit.Changes;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Visibility;
import app.tickler.platform.timeline.Timeline;

/**
 * Commitments (seed 002: keep your promises, answer the phone): a promise with a due date and an
 * owner, or a call to return due the same business day. Each is tracked by an open follow-up of its
 * owner; doing that follow-up keeps the promise. A promise still open after its day is broken: the
 * owner's managers are told, once.
 */
@Service
class Commitments {

    static final class CommitmentNotFound extends NotFound {
        CommitmentNotFound(long id) {
            super("Commitment", id);
        }
    }

    record Request(CommitmentKind kind, String description, LocalDate dueDate, UserId ownerId, AccountId accountId,
            ContactId contactId, Long leadId, Long dealId, TouchId touchId) {
    }

    private static final String SELECT = """
            SELECT m.*, u.display_name AS owner_name FROM commitments m
            LEFT JOIN users u ON u.workspace_id = m.workspace_id AND u.id = m.owner_id
            WHERE m.workspace_id = :workspace
            """;

    private final JdbcClient jdbc;
    private final Planner planner;
    private final Related related;
    private final BusinessReasons reasons;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditLog audit;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;

    Commitments(JdbcClient jdbc, Planner planner, Related related, BusinessReasons reasons, IdGenerator ids, Clock clock,
            AuditLog audit, Timeline timeline, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.planner = planner;
        this.related = related;
        this.reasons = reasons;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
        this.timeline = timeline;
        this.events = events;
    }

    /** A callback is due the same business day: today, or the next Monday at a weekend. */
    static LocalDate sameBusinessDay(LocalDate today) {
        DayOfWeek day = today.getDayOfWeek();
        return day == DayOfWeek.SATURDAY ? today.plusDays(2) : day == DayOfWeek.SUNDAY ? today.plusDays(1) : today;
    }

    Commitment visible(CommitmentId id) {
        Commitment commitment = find(id.value()).orElseThrow(() -> new CommitmentNotFound(id.value()));
        if (!Actors.current().canRead(commitment.ownerId().value())) {
            throw new CommitmentNotFound(id.value());
        }
        return commitment;
    }

    java.util.Optional<Commitment> find(long id) {
        return jdbc.sql(SELECT + " AND m.id = :id").param("workspace", workspace()).param("id", id)
                .query((rs, n) -> map(rs)).optional();
    }

    /** Newest due first is least useful: lists go by due date, then id. */
    Page<Commitment> list(UserId owner, CommitmentStatus status, Boolean broken, AccountId account, ContactId contact,
            Paging paging) {
        StringBuilder sql = new StringBuilder(SELECT);
        Map<String, Object> params = new HashMap<>();
        params.put("workspace", workspace());
        Visibility visibility = Visibility.of(Actors.current(), "m.owner_id", false);
        sql.append(" AND ").append(visibility.sql());
        params.putAll(visibility.parameters());
        if (owner != null) {
            sql.append(" AND m.owner_id = :owner");
            params.put("owner", owner.value());
        }
        if (status != null) {
            sql.append(" AND m.status = :status");
            params.put("status", status.name());
        }
        if (broken != null) {
            sql.append(broken ? " AND m.broken_at IS NOT NULL AND m.status = 'OPEN'" : " AND m.broken_at IS NULL");
        }
        if (account != null) {
            sql.append(" AND m.account_id = :account");
            params.put("account", account.value());
        }
        if (contact != null) {
            sql.append(" AND m.contact_id = :contact");
            params.put("contact", contact.value());
        }
        if (paging.hasCursor()) {
            Cursor after = paging.after(2);
            sql.append(" AND (m.due_date, m.id) > (:afterDate, :afterId)");
            params.put("afterDate", after.key(0));
            params.put("afterId", after.longKey(1));
        }
        sql.append(" ORDER BY m.due_date, m.id LIMIT :limit");
        params.put("limit", paging.fetchSize());
        List<Commitment> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> map(rs)).list();
        return Page.of(rows, paging, c -> Cursor.of(c.dueDate(), c.id().value()));
    }

    /** Records a promise (or a callback) and plans its follow-up for the owner; staff may too. */
    @Transactional
    Commitment make(Request request) {
        Actor actor = Actors.current();
        InvalidInput.Collector problems = new InvalidInput.Collector();
        CommitmentKind kind = request.kind() == null ? CommitmentKind.PROMISE : request.kind();
        String description = Planner.text(problems, "description", request.description(), 500);
        if (description == null && !problems.has("description")) {
            problems.add("description", "is required: what was promised?");
        }
        UserId owner = request.ownerId() != null ? request.ownerId() : new UserId(actor.userId());
        if (related.activeUser(problems, "ownerId", owner) != null && owner.value() != actor.userId()
                && !actor.canWrite(owner.value())) {
            problems.add("ownerId", "is outside your team");
        }
        ZoneId zone = related.zoneOf(owner);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate due = kind == CommitmentKind.CALLBACK && request.dueDate() == null ? sameBusinessDay(today)
                : request.dueDate();
        if (due == null) {
            problems.add("dueDate", "is required: by when was it promised?");
        } else if (due.isBefore(today)) {
            problems.add("dueDate", "is in the past");
        }
        Related.Records records = related.check(problems, request.accountId(),
                request.contactId() == null ? List.of() : List.of(request.contactId()), request.leadId(),
                request.dealId(), true);
        if (records.isEmpty() && !problems.has("accountId") && !problems.has("contactId")) {
            problems.add("contactId", "or accountId, leadId or dealId is required: a promise is made to someone");
        }
        problems.throwIfAny();
        long id = ids.next();
        long now = clock.millis();
        jdbc.sql("""
                INSERT INTO commitments (workspace_id, id, kind, description, owner_id, due_date, zone, due_at, account_id,
                                         contact_id, lead_id, deal_id, touch_id, status, created_by, version, created_at,
                                         updated_at)
                VALUES (:workspace, :id, :kind, :description, :owner, :due, :zone, :dueAt, :account, :contact, :lead, :deal,
                        :touch, 'OPEN', :createdBy, 0, :now, :now)
                """).param("workspace", workspace()).param("id", id).param("kind", kind.name())
                .param("description", description).param("owner", owner.value()).param("due", due.toString())
                .param("zone", zone.getId()).param("dueAt", Planner.dueAt(due, null, zone).toEpochMilli())
                .param("account", records.accountId() == null ? null : records.accountId().value())
                .param("contact", records.firstContact() == null ? null : records.firstContact().id().value())
                .param("lead", records.leadId()).param("deal", records.dealId())
                .param("touch", request.touchId() == null ? null : request.touchId().value())
                .param("createdBy", actor.isSystem() ? null : actor.userId()).param("now", now).update();
        FollowUp followUp = planner.create(new Planner.Spec(owner, due, null, zone,
                kind == CommitmentKind.CALLBACK ? Channel.CALL : Channel.CALL,
                reasons.byCode(kind == CommitmentKind.CALLBACK ? Code.CALLBACK : Code.PROMISE),
                (kind == CommitmentKind.CALLBACK ? "Return the call: " : "Keep the promise: ") + description, records,
                kind == CommitmentKind.CALLBACK ? FollowUpOrigin.CALLBACK : FollowUpOrigin.PROMISE,
                kind == CommitmentKind.CALLBACK ? Priority.HIGH : Priority.NORMAL, null, null, new CommitmentId(id)));
        jdbc.sql("UPDATE commitments SET follow_up_id = :followUp WHERE workspace_id = :workspace AND id = :id")
                .param("followUp", followUp.id().value()).param("workspace", workspace()).param("id", id).update();
        Commitment made = find(id).orElseThrow();
        audit.record("commitment", id, "made", Changes.between(null, made));
        timeline.append(new Timeline.Append(records.subjects(), "commitment.made", null,
                (kind == CommitmentKind.CALLBACK ? "Callback due " : "Promise due ") + due + ": " + description, null,
                Map.of(), "/follow-ups/" + followUp.id().value(), null));
        events.publishEvent(new CommitmentMade(made.id(), kind, owner, due, made.accountId(), made.contactId()));
        return made;
    }

    /** Cancels an open commitment (the customer no longer needs it), with its follow-up. */
    @Transactional
    Commitment cancel(CommitmentId id, long version) {
        Commitment before = visible(id);
        Actor actor = Actors.current();
        if (actor.userId() != before.ownerId().value() && !actor.canWrite(before.ownerId().value())) {
            throw new AccessDeniedException("not your commitment");
        }
        if (before.status() != CommitmentStatus.OPEN) {
            throw new Conflict("This commitment is already " + before.status().name().toLowerCase());
        }
        if (before.version() != version) {
            throw new StaleVersion("The commitment", before.version());
        }
        cancelWhere("m.id = :id", Map.of("id", id.value()), "cancelled");
        return find(id.value()).orElseThrow();
    }

    /** Doing the follow-up of a commitment keeps it. */
    @EventListener
    void on(FollowUpCompleted completed) {
        jdbc.sql("SELECT id FROM commitments WHERE workspace_id = :workspace AND follow_up_id = :followUp AND status = 'OPEN'")
                .param("workspace", workspace()).param("followUp", completed.followUp().value()).query(Long.class)
                .optional().ifPresent(id -> {
                    Commitment before = find(id).orElseThrow();
                    jdbc.sql("""
                            UPDATE commitments SET status = 'KEPT', kept_at = :now, version = version + 1, updated_at = :now
                            WHERE workspace_id = :workspace AND id = :id
                            """).param("now", clock.millis()).param("workspace", workspace()).param("id", id).update();
                    audit.record("commitment", id, "kept", Map.of("status", new Change(CommitmentStatus.OPEN,
                            CommitmentStatus.KEPT)));
                    events.publishEvent(new CommitmentKept(before.id(), before.ownerId(), !before.broken()));
                });
    }

    /** Open commitments past their due moment become broken, once each; returns them. */
    List<Commitment> breakOverdue() {
        long now = clock.millis();
        List<Commitment> broken = jdbc.sql(SELECT + " AND m.status = 'OPEN' AND m.broken_at IS NULL AND m.due_at <= :now LIMIT 5000")
                .param("workspace", workspace()).param("now", now).query((rs, n) -> map(rs)).list();
        for (Commitment commitment : broken) {
            jdbc.sql("UPDATE commitments SET broken_at = :now WHERE workspace_id = :workspace AND id = :id AND broken_at IS NULL")
                    .param("now", now).param("workspace", workspace()).param("id", commitment.id().value()).update();
            audit.record("commitment", commitment.id().value(), "broken", Map.of("brokenAt", new Change(null,
                    java.time.Instant.ofEpochMilli(now))));
            events.publishEvent(new CommitmentBroken(commitment.id(), commitment.ownerId(), commitment.dueDate()));
        }
        return broken;
    }

    void cancelWhere(String where, Map<String, Object> params, String note) {
        List<Long> ids = jdbc.sql("SELECT m.id FROM commitments m WHERE m.workspace_id = :workspace AND m.status = 'OPEN' AND "
                + where).param("workspace", workspace()).params(params).query(Long.class).list();
        for (Long id : ids) {
            jdbc.sql("""
                    UPDATE commitments SET status = 'CANCELLED', version = version + 1, updated_at = :now
                    WHERE workspace_id = :workspace AND id = :id
                    """).param("now", clock.millis()).param("workspace", workspace()).param("id", id).update();
            audit.record("commitment", id, "cancelled", Map.of("status", new Change(CommitmentStatus.OPEN,
                    CommitmentStatus.CANCELLED), "note", new Change(null, note)));
            planner.cancel("f.commitment_id = :commitment", Map.of("commitment", id), "commitment " + note);
        }
    }

    void repoint(String column, long from, long into) {
        jdbc.sql("UPDATE commitments SET " + column + " = :into WHERE workspace_id = :workspace AND " + column + " = :from")
                .param("into", into).param("workspace", workspace()).param("from", from).update();
    }

    /** An account is gone: promises to one of its people stay, without it; those to the organisation alone go. */
    void detachAccount(long account) {
        jdbc.sql("""
                DELETE FROM commitments WHERE workspace_id = :workspace AND account_id = :account
                  AND contact_id IS NULL AND lead_id IS NULL AND deal_id IS NULL
                """).param("workspace", workspace()).param("account", account).update();
        jdbc.sql("UPDATE commitments SET account_id = NULL WHERE workspace_id = :workspace AND account_id = :account")
                .param("workspace", workspace()).param("account", account).update();
    }

    void deleteWhere(String column, long id) {
        jdbc.sql("DELETE FROM commitments WHERE workspace_id = :workspace AND " + column + " = :id")
                .param("workspace", workspace()).param("id", id).update();
    }

    private static Commitment map(ResultSet rs) throws SQLException {
        Long account = Rows.nullableLong(rs, "account_id");
        Long contact = Rows.nullableLong(rs, "contact_id");
        Long touch = Rows.nullableLong(rs, "touch_id");
        Long followUp = Rows.nullableLong(rs, "follow_up_id");
        return new Commitment(new CommitmentId(rs.getLong("id")), CommitmentKind.valueOf(rs.getString("kind")),
                rs.getString("description"), new UserId(rs.getLong("owner_id")), rs.getString("owner_name"),
                LocalDate.parse(rs.getString("due_date")), ZoneId.of(rs.getString("zone")),
                account == null ? null : new AccountId(account), contact == null ? null : new ContactId(contact),
                Rows.nullableLong(rs, "lead_id"), Rows.nullableLong(rs, "deal_id"), touch == null ? null : new TouchId(touch),
                followUp == null ? null : new FollowUpId(followUp), CommitmentStatus.valueOf(rs.getString("status")),
                Rows.nullableLong(rs, "broken_at") != null, Rows.nullableInstant(rs, "kept_at"), rs.getLong("version"),
                Rows.instant(rs, "created_at"));
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
