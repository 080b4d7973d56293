package app.tickler.journal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tickler.identity.TeamId;
import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.platform.Cursor;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actors;

/** The journal's SQL: lines, entries, comments, settings and reminders, always in the caller's workspace. */
@Repository
class JournalRepository {

    private static final String ENTRY = """
            SELECT e.*, u.display_name AS user_name, r.display_name AS reviewer_name FROM journal_entries e
            LEFT JOIN users u ON u.workspace_id = e.workspace_id AND u.id = e.user_id
            LEFT JOIN users r ON r.workspace_id = e.workspace_id AND r.id = e.reviewed_by
            WHERE e.workspace_id = :workspace
            """;

    private final JdbcClient jdbc;

    JournalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- lines ------------------------------------------------------------------------------------

    void addItem(long id, long user, LocalDate day, JournalItemKind kind, long occurredAt, String summary, String link,
            Long account, Long ref) {
        jdbc.sql("""
                INSERT INTO journal_items (workspace_id, user_id, day, id, kind, occurred_at, summary, link, account_id, ref_id)
                VALUES (:workspace, :user, :day, :id, :kind, :at, :summary, :link, :account, :ref)
                """).param("workspace", workspace()).param("user", user).param("day", day.toString()).param("id", id)
                .param("kind", kind.name()).param("at", occurredAt)
                .param("summary", summary.length() > 500 ? summary.substring(0, 499) + "…" : summary).param("link", link)
                .param("account", account).param("ref", ref).update();
        jdbc.sql("""
                UPDATE journal_entries SET item_count = item_count + 1
                WHERE workspace_id = :workspace AND user_id = :user AND day = :day
                """).param("workspace", workspace()).param("user", user).param("day", day.toString()).update();
    }

    /** A rep's day: one range of the primary key. */
    List<JournalItem> items(long user, LocalDate day) {
        return jdbc.sql("""
                SELECT * FROM journal_items WHERE workspace_id = :workspace AND user_id = :user AND day = :day
                ORDER BY id LIMIT 2000
                """).param("workspace", workspace()).param("user", user).param("day", day.toString())
                .query((rs, n) -> new JournalItem(rs.getLong("id"), JournalItemKind.valueOf(rs.getString("kind")),
                        Rows.instant(rs, "occurred_at"), rs.getString("summary"), rs.getString("link"),
                        accountId(Rows.nullableLong(rs, "account_id")), Rows.nullableLong(rs, "ref_id")))
                .list();
    }

    int countItems(long user, LocalDate day) {
        return jdbc.sql("SELECT COUNT(*) FROM journal_items WHERE workspace_id = :workspace AND user_id = :user AND day = :day")
                .param("workspace", workspace()).param("user", user).param("day", day.toString()).query(Integer.class)
                .single();
    }

    // --- entries ----------------------------------------------------------------------------------

    Optional<JournalEntry> entry(long id) {
        return jdbc.sql(ENTRY + " AND e.id = :id").param("workspace", workspace()).param("id", id)
                .query((rs, n) -> map(rs)).optional();
    }

    Optional<JournalEntry> entryOf(long user, LocalDate day) {
        return jdbc.sql(ENTRY + " AND e.user_id = :user AND e.day = :day").param("workspace", workspace())
                .param("user", user).param("day", day.toString()).query((rs, n) -> map(rs)).optional();
    }

    void insertEntry(long id, long user, LocalDate day, Long team, String plan, String reflection, int items, long now) {
        jdbc.sql("""
                INSERT INTO journal_entries (workspace_id, id, user_id, day, team_id, plan, reflection, status, item_count,
                                             version, created_at, updated_at)
                VALUES (:workspace, :id, :user, :day, :team, :plan, :reflection, 'DRAFT', :items, 0, :now, :now)
                """).param("workspace", workspace()).param("id", id).param("user", user).param("day", day.toString())
                .param("team", team).param("plan", plan).param("reflection", reflection).param("items", items)
                .param("now", now).update();
    }

    /** Updates a draft; false when it is no longer a draft (or the version moved on). */
    boolean updateDraft(long id, String plan, String reflection, Long expectedVersion, long now) {
        String sql = """
                UPDATE journal_entries SET plan = :plan, reflection = :reflection, version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND status = 'DRAFT'
                """ + (expectedVersion == null ? "" : " AND version = :version");
        var statement = jdbc.sql(sql).param("workspace", workspace()).param("id", id).param("plan", plan)
                .param("reflection", reflection).param("now", now);
        if (expectedVersion != null) {
            statement = statement.param("version", expectedVersion);
        }
        return statement.update() == 1;
    }

    /** Submits a draft; false when somebody submitted it first. */
    boolean submit(long id, String plan, String reflection, long now) {
        return jdbc.sql("""
                UPDATE journal_entries SET plan = :plan, reflection = :reflection, status = 'SUBMITTED', submitted_at = :now,
                       version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND status = 'DRAFT'
                """).param("workspace", workspace()).param("id", id).param("plan", plan).param("reflection", reflection)
                .param("now", now).update() == 1;
    }

    boolean markReviewed(long id, long reviewer, long now) {
        return jdbc.sql("""
                UPDATE journal_entries SET status = 'REVIEWED', reviewed_at = :now, reviewed_by = :reviewer,
                       version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND status = 'SUBMITTED'
                """).param("workspace", workspace()).param("id", id).param("reviewer", reviewer).param("now", now)
                .update() == 1;
    }

    /** Submitted entries not yet reviewed, oldest first; {@code team} null: every team. */
    Page<JournalEntry> toReview(Long team, Paging paging) {
        StringBuilder sql = new StringBuilder(ENTRY).append(" AND e.status = 'SUBMITTED'");
        Map<String, Object> params = new HashMap<>();
        params.put("workspace", workspace());
        if (team != null) {
            sql.append(" AND e.team_id = :team");
            params.put("team", team);
        }
        if (paging.hasCursor()) {
            Cursor after = paging.after(2);
            sql.append(" AND (e.submitted_at > :afterAt OR (e.submitted_at = :afterAt AND e.id > :afterId))");
            params.put("afterAt", after.longKey(0));
            params.put("afterId", after.longKey(1));
        }
        sql.append(" ORDER BY e.submitted_at, e.id LIMIT :limit");
        params.put("limit", paging.fetchSize());
        List<JournalEntry> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> map(rs)).list();
        return Page.of(rows, paging, e -> Cursor.of(e.submittedAt().toEpochMilli(), e.id().value()));
    }

    record HistoryQuery(Long scopeUser, Long scopeTeam, Long user, LocalDate from, LocalDate to, JournalStatus status,
            String text) {
    }

    /** Entries newest day first. The scope is the caller's: a rep's own, a team manager's team (and own). */
    Page<JournalEntry> history(HistoryQuery query, Paging paging) {
        StringBuilder sql = new StringBuilder(ENTRY);
        Map<String, Object> params = new HashMap<>();
        params.put("workspace", workspace());
        if (query.scopeUser() != null && query.scopeTeam() != null) {
            sql.append(" AND (e.user_id = :scopeUser OR e.team_id = :scopeTeam)");
            params.put("scopeUser", query.scopeUser());
            params.put("scopeTeam", query.scopeTeam());
        } else if (query.scopeUser() != null) {
            sql.append(" AND e.user_id = :scopeUser");
            params.put("scopeUser", query.scopeUser());
        }
        if (query.user() != null) {
            sql.append(" AND e.user_id = :user");
            params.put("user", query.user());
        }
        if (query.from() != null) {
            sql.append(" AND e.day >= :from");
            params.put("from", query.from().toString());
        }
        if (query.to() != null) {
            sql.append(" AND e.day <= :to");
            params.put("to", query.to().toString());
        }
        if (query.status() != null) {
            sql.append(" AND e.status = :status");
            params.put("status", query.status().name());
        }
        if (query.text() != null) {
            sql.append(" AND (LOWER(COALESCE(e.plan, '')) LIKE :text ESCAPE '\\' OR LOWER(COALESCE(e.reflection, '')) LIKE :text ESCAPE '\\')");
            params.put("text", "%" + query.text().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (paging.hasCursor()) {
            Cursor after = paging.after(2);
            sql.append(" AND (e.day < :afterDay OR (e.day = :afterDay AND e.id < :afterId))");
            params.put("afterDay", after.key(0));
            params.put("afterId", after.longKey(1));
        }
        sql.append(" ORDER BY e.day DESC, e.id DESC LIMIT :limit");
        params.put("limit", paging.fetchSize());
        List<JournalEntry> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> map(rs)).list();
        return Page.of(rows, paging, e -> Cursor.of(e.day(), e.id().value()));
    }

    // --- comments ---------------------------------------------------------------------------------

    void addComment(long id, long entry, long author, String body, long now) {
        jdbc.sql("""
                INSERT INTO journal_comments (workspace_id, id, entry_id, author_id, body, created_at)
                VALUES (:workspace, :id, :entry, :author, :body, :now)
                """).param("workspace", workspace()).param("id", id).param("entry", entry).param("author", author)
                .param("body", body).param("now", now).update();
    }

    List<JournalComment> comments(long entry) {
        return jdbc.sql("""
                SELECT c.*, u.display_name AS author_name FROM journal_comments c
                LEFT JOIN users u ON u.workspace_id = c.workspace_id AND u.id = c.author_id
                WHERE c.workspace_id = :workspace AND c.entry_id = :entry ORDER BY c.id LIMIT 500
                """).param("workspace", workspace()).param("entry", entry)
                .query((rs, n) -> new JournalComment(rs.getLong("id"), new JournalEntryId(rs.getLong("entry_id")),
                        new UserId(rs.getLong("author_id")), rs.getString("author_name"), rs.getString("body"),
                        Rows.instant(rs, "created_at")))
                .list();
    }

    // --- settings and reminders -------------------------------------------------------------------

    JournalSettings settings() {
        return jdbc.sql("SELECT * FROM journal_settings WHERE workspace_id = :workspace").param("workspace", workspace())
                .query((rs, n) -> new JournalSettings(LocalTime.parse(rs.getString("reminder_time")),
                        rs.getBoolean("reminders_on"), rs.getLong("version")))
                .optional().orElse(new JournalSettings(LocalTime.of(17, 0), true, 0));
    }

    boolean saveSettings(JournalSettings settings, Long expectedVersion) {
        var statement = jdbc.sql("""
                UPDATE journal_settings SET reminder_time = :time, reminders_on = :on, version = version + 1
                WHERE workspace_id = :workspace
                """ + (expectedVersion == null ? "" : " AND version = :version")).param("workspace", workspace())
                .param("time", settings.reminderTime().toString()).param("on", settings.remindersOn());
        if (expectedVersion != null) {
            statement = statement.param("version", expectedVersion);
        }
        int updated = statement.update();
        if (updated == 1) {
            return true;
        }
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM journal_settings WHERE workspace_id = :workspace")
                .param("workspace", workspace()).query(Integer.class).single() > 0;
        if (exists) {
            return false;
        }
        jdbc.sql("""
                INSERT INTO journal_settings (workspace_id, reminder_time, reminders_on, version) VALUES (:workspace, :time, :on, 1)
                """).param("workspace", workspace()).param("time", settings.reminderTime().toString())
                .param("on", settings.remindersOn()).update();
        return true;
    }

    record Rep(long id, String zone) {
    }

    /** Active reps without a submitted journal for the day in their zone is decided by the caller. */
    List<Rep> activeReps() {
        return jdbc.sql("""
                SELECT u.id, COALESCE(u.time_zone, w.time_zone) AS zone FROM users u
                JOIN workspaces w ON w.workspace_id = u.workspace_id
                WHERE u.workspace_id = :workspace AND u.active = TRUE AND u.role = 'REP' ORDER BY u.id
                """).param("workspace", workspace()).query((rs, n) -> new Rep(rs.getLong(1), rs.getString(2))).list();
    }

    /** Records the reminder of a rep's day; false when one was sent already (by this or another instance). */
    boolean recordReminder(long user, LocalDate day, long now) {
        return jdbc.sql("""
                INSERT INTO journal_reminders (workspace_id, user_id, day, sent_at) VALUES (:workspace, :user, :day, :now)
                ON CONFLICT DO NOTHING
                """).param("workspace", workspace()).param("user", user).param("day", day.toString()).param("now", now)
                .update() == 1;
    }

    private static JournalEntry map(ResultSet rs) throws SQLException {
        Long team = Rows.nullableLong(rs, "team_id");
        Long reviewer = Rows.nullableLong(rs, "reviewed_by");
        return new JournalEntry(new JournalEntryId(rs.getLong("id")), new UserId(rs.getLong("user_id")),
                rs.getString("user_name"), LocalDate.parse(rs.getString("day")), team == null ? null : new TeamId(team),
                rs.getString("plan"), rs.getString("reflection"), JournalStatus.valueOf(rs.getString("status")),
                rs.getInt("item_count"), Rows.nullableInstant(rs, "submitted_at"), Rows.nullableInstant(rs, "reviewed_at"),
                reviewer == null ? null : new UserId(reviewer), rs.getString("reviewer_name"), rs.getLong("version"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }

    private static AccountId accountId(Long id) {
        return id == null ? null : new AccountId(id);
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
