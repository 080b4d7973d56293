package app.tickler.insight;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.followup.FollowUpFigures;
import app.tickler.followup.Touch;
import app.tickler.followup.TouchId;
import app.tickler.party.AccountId;
import app.tickler.party.Parties;
import app.tickler.platform.Conflict;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Change;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;

/** Marking touches as insights and noting insights on accounts; reading an account's insights. */
@Service
class InsightMarks {

    static final int NOTE_MAX = 2000;

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditLog audit;
    private final Parties parties;
    private final FollowUpFigures followUps;

    InsightMarks(JdbcClient jdbc, IdGenerator ids, Clock clock, AuditLog audit, Parties parties,
            FollowUpFigures followUps) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
        this.parties = parties;
        this.followUps = followUps;
    }

    /** Marks a touch on an account the caller may see as an insight; a touch is marked once. */
    @Transactional
    InsightMark markTouch(TouchId touchId, String note) {
        if (touchId == null) {
            throw new InvalidInput("touchId", "is required");
        }
        Touch touch = followUps.touch(touchId).orElseThrow(() -> new InvalidInput("touchId", "is not a touch of this workspace"));
        if (touch.accountId() == null) {
            throw new InvalidInput("touchId", "concerns no account: an insight belongs to a customer");
        }
        parties.visibleAccount(touch.accountId());
        String text = note(note, false);
        boolean marked = jdbc.sql("SELECT 1 FROM insight_marks WHERE workspace_id = :workspace AND touch_id = :touch")
                .param("workspace", workspace()).param("touch", touchId.value()).query(Integer.class).optional().isPresent();
        if (marked) {
            throw new Conflict("This touch is already marked as an insight");
        }
        return insert(touch.accountId(), touchId, text == null ? touch.notes() : text, touch.occurredAt());
    }

    /** Notes an insight on an account the caller may see. */
    @Transactional
    InsightMark note(AccountId account, String note) {
        if (account == null) {
            throw new InvalidInput("accountId", "is required");
        }
        String text = note(note, true);
        parties.visibleAccount(account);
        return insert(account, null, text, clock.instant());
    }

    private static String note(String note, boolean required) {
        String text = note == null ? null : note.strip();
        if (text != null && text.isEmpty()) {
            text = null;
        }
        if (required && text == null) {
            throw new InvalidInput("note", "is required: what did you learn about their needs?");
        }
        if (text != null && text.length() > NOTE_MAX) {
            throw new InvalidInput("note", "must be at most " + NOTE_MAX + " characters");
        }
        return text;
    }

    private InsightMark insert(AccountId account, TouchId touch, String note, Instant learnedAt) {
        Actor actor = Actors.current();
        long id = ids.next();
        long now = clock.millis();
        String shortNote = note == null ? null : note.length() > NOTE_MAX ? note.substring(0, NOTE_MAX) : note;
        jdbc.sql("""
                INSERT INTO insight_marks (workspace_id, id, account_id, touch_id, note, learned_at, marked_by,
                                           marked_by_name, created_at)
                VALUES (:workspace, :id, :account, :touch, :note, :learned, :by, :byName, :now)
                """).param("workspace", actor.workspaceId()).param("id", id).param("account", account.value())
                .param("touch", touch == null ? null : touch.value()).param("note", shortNote)
                .param("learned", learnedAt.toEpochMilli()).param("by", actor.isSystem() ? null : actor.userId())
                .param("byName", actor.displayName()).param("now", now).update();
        audit.record("insightMark", id, "marked", Map.of("accountId", new Change(null, Long.toString(account.value())),
                "touchId", new Change(null, touch == null ? null : Long.toString(touch.value()))));
        return new InsightMark(new InsightMarkId(id), account, touch, shortNote, learnedAt, actor.displayName(),
                Instant.ofEpochMilli(now));
    }

    /** The account's insights, newest first (at most {@code limit}). */
    List<InsightMark> of(AccountId account, int limit) {
        return jdbc.sql("""
                SELECT * FROM insight_marks WHERE workspace_id = :workspace AND account_id = :account
                ORDER BY learned_at DESC, id DESC LIMIT :limit
                """).param("workspace", workspace()).param("account", account.value()).param("limit", limit)
                .query((rs, n) -> new InsightMark(new InsightMarkId(rs.getLong("id")), new AccountId(rs.getLong("account_id")),
                        Rows.nullableLong(rs, "touch_id") == null ? null : new TouchId(rs.getLong("touch_id")),
                        rs.getString("note"), Rows.instant(rs, "learned_at"), rs.getString("marked_by_name"),
                        Rows.instant(rs, "created_at")))
                .list();
    }

    /** How many insights were learned on the account since a moment, and the latest (any time). */
    record Summary(long since, Instant latest) {
    }

    Summary summary(AccountId account, Instant since) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(CASE WHEN learned_at >= :since THEN 1 ELSE 0 END), 0) AS recent,
                       MAX(learned_at) AS latest
                FROM insight_marks WHERE workspace_id = :workspace AND account_id = :account
                """).param("since", since.toEpochMilli()).param("workspace", workspace()).param("account", account.value())
                .query((rs, n) -> new Summary(rs.getLong("recent"), Rows.nullableInstant(rs, "latest"))).single();
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
