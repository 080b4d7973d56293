package app.tickler.platform.timeline;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import app.tickler.platform.Cursor;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.NotFound;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.timeline.TimelineEntry.Subject;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The timelines of all records. Modules append entries in the transaction of the change they
 * describe; an entry about several records (a touch with an account and two contacts) is written once
 * per subject so that each timeline is one index range. Readers check that the caller may see the
 * subject before asking for its timeline.
 */
@Component
public class Timeline {

    private static final TypeReference<Map<String, app.tickler.platform.audit.Change>> CHANGES = new TypeReference<>() {
    };

    /** What to append: the same entry for each of {@code subjects}. */
    public record Append(Collection<Subject> subjects, String kind, Instant occurredAt, String title, String body,
            Map<String, app.tickler.platform.audit.Change> changes, String link, Subject source) {
    }

    static final class NoteNotFound extends NotFound {
        NoteNotFound(long id) {
            super("Note", id);
        }
    }

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final Clock clock;
    private final JsonMapper json;
    private final RowMapper<TimelineEntry> row;

    private final org.springframework.jdbc.core.JdbcTemplate batches;

    Timeline(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batches, IdGenerator ids, Clock clock,
            JsonMapper json) {
        this.batches = batches;
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.json = json;
        this.row = (rs, n) -> {
            String changes = rs.getString("changes");
            String sourceType = rs.getString("source_type");
            return new TimelineEntry(rs.getLong("id"), new Subject(rs.getString("subject_type"), rs.getLong("subject_id")),
                    rs.getString("kind"), Rows.instant(rs, "occurred_at"), Rows.nullableLong(rs, "actor_id"),
                    rs.getString("actor_name"), rs.getString("title"), rs.getString("body"),
                    changes == null ? Map.of() : json.readValue(changes, CHANGES), rs.getString("link"),
                    sourceType == null ? null : new Subject(sourceType, rs.getLong("source_id")), rs.getLong("version"));
        };
    }

    /** One row per subject, in one batch statement. */
    public void append(Append entry) {
        Actor actor = Actors.current();
        String changes = entry.changes() == null || entry.changes().isEmpty() ? null : json.writeValueAsString(entry.changes());
        long at = (entry.occurredAt() == null ? clock.instant() : entry.occurredAt()).toEpochMilli();
        String title = truncate(entry.title(), 500);
        List<Object[]> rows = new java.util.ArrayList<>(entry.subjects().size());
        for (Subject subject : entry.subjects()) {
            rows.add(new Object[] {actor.workspaceId(), ids.next(), subject.type(), subject.id(), entry.kind(), at,
                    actor.isSystem() ? null : actor.userId(), actor.displayName(), title, entry.body(), changes,
                    entry.link(), entry.source() == null ? null : entry.source().type(),
                    entry.source() == null ? null : entry.source().id()});
        }
        if (rows.isEmpty()) {
            return;
        }
        String insert = """
                INSERT INTO timeline_entries (workspace_id, id, subject_type, subject_id, kind, occurred_at, actor_id,
                                              actor_name, title, body, changes, link, source_type, source_id, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
                """;
        if (rows.size() == 1) {
            batches.update(insert, rows.get(0));
        } else {
            // bound by position with typed setters: an import appends thousands at once, and looking up each
            // value's type cost more than the insert itself
            batches.batchUpdate(insert, rows, rows.size(), (ps, row) -> {
                for (int i = 0; i < row.length; i++) {
                    Object value = row[i];
                    if (value instanceof Long number) {
                        ps.setLong(i + 1, number);
                    } else if (value instanceof String text) {
                        ps.setString(i + 1, text);
                    } else if (value == null) {
                        ps.setNull(i + 1, COLUMN_TYPES[i]);
                    } else {
                        ps.setObject(i + 1, value);
                    }
                }
            });
        }
    }

    /** The SQL types of the values of {@link #append}'s rows, for their nulls. */
    private static final int[] COLUMN_TYPES = {java.sql.Types.BIGINT, java.sql.Types.BIGINT, java.sql.Types.VARCHAR,
            java.sql.Types.BIGINT, java.sql.Types.VARCHAR, java.sql.Types.BIGINT, java.sql.Types.BIGINT,
            java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR,
            java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.BIGINT};

    /** A record change with its field diff, on the record's own timeline. */
    public void recordChange(Subject subject, String kind, String title, Map<String, app.tickler.platform.audit.Change> changes) {
        append(new Append(List.of(subject), kind, null, title, null, changes, null, null));
    }

    /** Newest first. The caller has checked that the subject is visible. */
    public Page<TimelineEntry> of(Subject subject, Paging paging) {
        return of(List.of(subject), paging);
    }

    /** The merged timeline of several subjects (an account and its people, for instance), newest first. */
    public Page<TimelineEntry> of(Collection<Subject> subjects, Paging paging) {
        List<TimelineEntry> rows = new ArrayList<>();
        long workspace = Actors.current().workspaceId();
        Cursor after = paging.hasCursor() ? paging.after(2) : null;
        // one index range per subject, merged in Java: fast however long each timeline is
        for (Subject subject : subjects) {
            var query = jdbc.sql("""
                    SELECT * FROM timeline_entries
                    WHERE workspace_id = :workspace AND subject_type = :type AND subject_id = :id
                    """ + (after == null ? "" : " AND (occurred_at, id) < (:afterAt, :afterId)") + """
                     ORDER BY occurred_at DESC, id DESC LIMIT :limit
                    """)
                    .param("workspace", workspace).param("type", subject.type()).param("id", subject.id())
                    .param("limit", paging.fetchSize());
            if (after != null) {
                query = query.param("afterAt", after.longKey(0)).param("afterId", after.longKey(1));
            }
            rows.addAll(query.query(row).list());
        }
        rows.sort((a, b) -> a.occurredAt().equals(b.occurredAt()) ? Long.compare(b.id(), a.id())
                : b.occurredAt().compareTo(a.occurredAt()));
        List<TimelineEntry> page = rows.size() > paging.fetchSize() ? rows.subList(0, paging.fetchSize()) : rows;
        return Page.of(page, paging, e -> Cursor.of(e.occurredAt().toEpochMilli(), e.id()));
    }

    /** Adds a note (Markdown) to the timelines of the given records. */
    public void addNote(Collection<Subject> subjects, String markdown, Subject source) {
        append(new Append(subjects, "note", null, "Note", markdown, Map.of(), null, source));
    }

    public TimelineEntry note(long id) {
        return jdbc.sql("SELECT * FROM timeline_entries WHERE workspace_id = :workspace AND id = :id AND kind = 'note'")
                .param("workspace", Actors.current().workspaceId()).param("id", id).query(row).optional()
                .orElseThrow(() -> new NoteNotFound(id));
    }

    /** Changes a note's text; the caller checks that the actor may (its author, or a manager). */
    public void editNote(long id, String markdown, long version) {
        int updated = jdbc.sql("""
                UPDATE timeline_entries SET body = :body, version = version + 1
                WHERE workspace_id = :workspace AND id = :id AND kind = 'note' AND version = :version
                """).param("body", markdown).param("workspace", Actors.current().workspaceId()).param("id", id)
                .param("version", version).update();
        if (updated == 0) {
            throw new StaleVersion("The note", note(id).version());
        }
    }

    public void deleteNote(long id) {
        jdbc.sql("DELETE FROM timeline_entries WHERE workspace_id = :workspace AND id = :id AND kind = 'note'")
                .param("workspace", Actors.current().workspaceId()).param("id", id).update();
    }

    /** Moves every entry of one record to another (merging duplicates). */
    public void moveSubject(Subject from, Subject to) {
        jdbc.sql("""
                UPDATE timeline_entries SET subject_type = :toType, subject_id = :toId
                WHERE workspace_id = :workspace AND subject_type = :fromType AND subject_id = :fromId
                """).param("toType", to.type()).param("toId", to.id()).param("workspace", Actors.current().workspaceId())
                .param("fromType", from.type()).param("fromId", from.id()).update();
    }

    /** Removes a record's whole timeline (erasing a person). */
    public void erase(Subject subject) {
        jdbc.sql("DELETE FROM timeline_entries WHERE workspace_id = :workspace AND subject_type = :type AND subject_id = :id")
                .param("workspace", Actors.current().workspaceId()).param("type", subject.type()).param("id", subject.id())
                .update();
    }

    /**
     * Removes a record removed for good from every timeline: its own, and the entries it left on other
     * records' timelines ("deal created" on its account and people), which would link to nothing.
     */
    public void eraseRecord(Subject record) {
        erase(record);
        // a statement of its own rather than an OR, so that each is one range of its own index
        jdbc.sql("DELETE FROM timeline_entries WHERE workspace_id = :workspace AND source_type = :type AND source_id = :id")
                .param("workspace", Actors.current().workspaceId()).param("type", record.type()).param("id", record.id())
                .update();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
