package app.tickler.dataio;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tickler.identity.UserId;
import app.tickler.platform.Cursor;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actors;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Imports, what their lines did, their errors, saved mappings and external ids; scoped by the caller's workspace. */
@Repository
class ImportRepository {

    record Row(long line, ImportEntity entity, long recordId, String action, String before) {
    }

    record Error(long line, int position, String field, String reason) {
    }

    record Unfinished(long workspaceId, long id, long createdBy) {
    }

    record SavedMapping(long id, ImportEntity entity, String name, Map<String, String> mapping) {
    }

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<Integer, String>> MAPPING = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, String>> NAMED = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate batches;
    private final JsonMapper json;

    ImportRepository(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batches, JsonMapper json) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.json = json;
    }

    /** The new import with its file's SHA-256, in one statement: never a row without its hash. */
    void insert(Import i, String sha256) {
        jdbc.sql("""
                INSERT INTO imports (workspace_id, id, entity, status, file_name, file_sha256, file_size, charset, delimiter,
                                     own_export, headers, mapping, duplicates, match_on, strict, created_by, created_at)
                VALUES (:workspace, :id, :entity, :status, :fileName, :sha, :size, :charset, :delimiter, :ownExport,
                        :headers, :mapping, :duplicates, :matchOn, :strict, :createdBy, :createdAt)
                """).param("workspace", workspace()).param("id", i.id().value()).param("entity", i.entity().name())
                .param("status", i.status().name()).param("fileName", i.fileName()).param("sha", sha256)
                .param("size", i.fileSize()).param("charset", i.charset()).param("delimiter", i.delimiter())
                .param("ownExport", i.ownExport()).param("headers", json.writeValueAsString(i.headers()))
                .param("mapping", json.writeValueAsString(i.mapping())).param("duplicates", i.duplicates().name())
                .param("matchOn", i.matchOn().name()).param("strict", i.strict())
                .param("createdBy", i.createdBy().value()).param("createdAt", i.createdAt().toEpochMilli()).update();
    }

    Optional<Import> find(long id) {
        return jdbc.sql("SELECT * FROM imports WHERE workspace_id = :workspace AND id = :id")
                .param("workspace", workspace()).param("id", id).query((rs, n) -> map(rs)).optional();
    }

    /** Newest first; reps see their own imports, managers and admins everybody's. */
    Page<Import> list(Long createdBy, Paging paging) {
        String after = paging.hasCursor() ? " AND id < :after" : "";
        String mine = createdBy == null ? "" : " AND created_by = :createdBy";
        var sql = jdbc.sql("SELECT * FROM imports WHERE workspace_id = :workspace" + mine + after
                        + " ORDER BY id DESC LIMIT :limit")
                .param("workspace", workspace()).param("limit", paging.fetchSize());
        if (createdBy != null) {
            sql = sql.param("createdBy", createdBy);
        }
        if (paging.hasCursor()) {
            sql = sql.param("after", paging.after(1).longKey(0));
        }
        return Page.of(sql.query((rs, n) -> map(rs)).list(), paging, i -> Cursor.of(i.id().value()));
    }

    void settings(long id, Map<Integer, String> mapping, DuplicateMode duplicates, MatchOn matchOn, String matchField,
            boolean strict) {
        jdbc.sql("""
                UPDATE imports SET mapping = :mapping, duplicates = :duplicates, match_on = :matchOn,
                                   match_field = :matchField, strict = :strict
                WHERE workspace_id = :workspace AND id = :id
                """).param("mapping", json.writeValueAsString(mapping)).param("duplicates", duplicates.name())
                .param("matchOn", matchOn.name()).param("matchField", matchField).param("strict", strict).param("workspace", workspace()).param("id", id)
                .update();
    }

    /** Moves the import on only from the expected status; false when it was elsewhere already. */
    /**
     * Moves the import from one status to another in one statement, true if it was in {@code from}.
     * Starting to run or to undo also sets the heartbeat, so that a stopped server's work is taken over.
     */
    boolean status(long id, ImportStatus from, ImportStatus to, long now) {
        return jdbc.sql("""
                UPDATE imports SET status = :to,
                       started_at = CASE WHEN :to = 'RUNNING' AND started_at IS NULL THEN :now ELSE started_at END,
                       heartbeat_at = CASE WHEN :to IN ('RUNNING', 'UNDOING') THEN :now ELSE heartbeat_at END,
                       finished_at = CASE WHEN :to IN ('DONE', 'FAILED', 'CANCELLED', 'UNDONE') THEN :now ELSE finished_at END
                WHERE workspace_id = :workspace AND id = :id AND status = :from
                """).param("to", to.name()).param("now", now).param("workspace", workspace()).param("id", id)
                .param("from", from.name()).update() == 1;
    }

    /** Takes over an import whose server stopped: true for exactly one taker. */
    boolean claim(long id, ImportStatus status, long staleBefore, long now) {
        return jdbc.sql("UPDATE imports SET heartbeat_at = :now WHERE workspace_id = :workspace AND id = :id"
                        + " AND status = :status AND heartbeat_at < :stale")
                .param("now", now).param("workspace", workspace()).param("id", id).param("status", status.name())
                .param("stale", staleBefore).update() == 1;
    }

    void heartbeat(long id, long now) {
        jdbc.sql("UPDATE imports SET heartbeat_at = :now WHERE workspace_id = :workspace AND id = :id")
                .param("now", now).param("workspace", workspace()).param("id", id).update();
    }

    void problem(long id, String problem) {
        jdbc.sql("UPDATE imports SET problem = :problem WHERE workspace_id = :workspace AND id = :id")
                .param("problem", problem.length() > 500 ? problem.substring(0, 500) : problem)
                .param("workspace", workspace()).param("id", id).update();
    }

    void total(long id, long rows) {
        jdbc.sql("UPDATE imports SET rows_total = :rows WHERE workspace_id = :workspace AND id = :id")
                .param("rows", rows).param("workspace", workspace()).param("id", id).update();
    }

    void askCancel(long id) {
        jdbc.sql("UPDATE imports SET cancel_asked = TRUE WHERE workspace_id = :workspace AND id = :id")
                .param("workspace", workspace()).param("id", id).update();
    }

    /** The progress of one whole batch, written in the batch's transaction. */
    void progress(long id, long rows, long created, long updated, long skipped, long errors, long now) {
        jdbc.sql("""
                UPDATE imports SET rows_done = rows_done + :rows, created_count = created_count + :created,
                       updated_count = updated_count + :updated, skipped_count = skipped_count + :skipped,
                       error_count = error_count + :errors, heartbeat_at = :now
                WHERE workspace_id = :workspace AND id = :id
                """).param("rows", rows).param("created", created).param("updated", updated).param("skipped", skipped)
                .param("errors", errors).param("now", now).param("workspace", workspace()).param("id", id).update();
    }

    void resetProgress(long id) {
        jdbc.sql("""
                UPDATE imports SET rows_done = 0, created_count = 0, updated_count = 0, skipped_count = 0, error_count = 0
                WHERE workspace_id = :workspace AND id = :id
                """).param("workspace", workspace()).param("id", id).update();
    }

    /** What each line did, in one batch statement. */
    void addRows(long importId, List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        long workspace = workspace();
        // bound by position with typed setters: one row per imported line, and a type lookup per value cost
        // more than the insert
        batches.batchUpdate("""
                INSERT INTO import_rows (workspace_id, import_id, line, entity, record_id, action, before)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, rows, rows.size(), (ps, row) -> {
                    ps.setLong(1, workspace);
                    ps.setLong(2, importId);
                    ps.setLong(3, row.line());
                    ps.setString(4, row.entity().name());
                    ps.setLong(5, row.recordId());
                    ps.setString(6, row.action());
                    if (row.before() == null) {
                        ps.setNull(7, java.sql.Types.VARCHAR);
                    } else {
                        ps.setString(7, row.before());
                    }
                });
    }

    void addErrors(long importId, List<Error> errors) {
        if (errors.isEmpty()) {
            return;
        }
        long workspace = workspace();
        batches.batchUpdate("""
                INSERT INTO import_errors (workspace_id, import_id, line, position, field, reason)
                VALUES (?, ?, ?, ?, ?, ?)
                """, errors, errors.size(), (ps, error) -> {
                    ps.setLong(1, workspace);
                    ps.setLong(2, importId);
                    ps.setLong(3, error.line());
                    ps.setInt(4, error.position());
                    ps.setString(5, truncate(error.field(), 100));
                    ps.setString(6, truncate(error.reason(), 500));
                });
    }

    void clearErrors(long importId) {
        jdbc.sql("DELETE FROM import_errors WHERE workspace_id = :workspace AND import_id = :import")
                .param("workspace", workspace()).param("import", importId).update();
    }

    /** The rows written, newest line first, in pages after the given line (undo walks them backwards). */
    List<Row> rowsBefore(long importId, long beforeLine, int limit) {
        return jdbc.sql("""
                SELECT line, entity, record_id, action, before FROM import_rows
                WHERE workspace_id = :workspace AND import_id = :import AND line < :before
                ORDER BY line DESC, entity DESC LIMIT :limit
                """).param("workspace", workspace()).param("import", importId).param("before", beforeLine)
                .param("limit", limit)
                .query((rs, n) -> new Row(rs.getLong("line"), ImportEntity.valueOf(rs.getString("entity")),
                        rs.getLong("record_id"), rs.getString("action"), rs.getString("before"))).list();
    }

    void deleteRows(long importId, long fromLine) {
        jdbc.sql("DELETE FROM import_rows WHERE workspace_id = :workspace AND import_id = :import AND line >= :from")
                .param("workspace", workspace()).param("import", importId).param("from", fromLine).update();
    }

    /** Every error of the import in line order, a page at a time, to the consumer. */
    void errors(long importId, Consumer<Error> each) {
        long afterLine = -1;
        int afterPosition = -1;
        while (true) {
            List<Error> page = jdbc.sql("""
                    SELECT line, position, field, reason FROM import_errors
                    WHERE workspace_id = :workspace AND import_id = :import
                      AND (line > :line OR (line = :line AND position > :position))
                    ORDER BY line, position LIMIT 1000
                    """).param("workspace", workspace()).param("import", importId).param("line", afterLine)
                    .param("position", afterPosition)
                    .query((rs, n) -> new Error(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4))).list();
            page.forEach(each);
            if (page.size() < 1000) {
                return;
            }
            afterLine = page.get(page.size() - 1).line();
            afterPosition = page.get(page.size() - 1).position();
        }
    }

    List<Error> firstErrors(long importId, int limit) {
        return jdbc.sql("""
                SELECT line, position, field, reason FROM import_errors WHERE workspace_id = :workspace AND import_id = :import
                ORDER BY line, position LIMIT :limit
                """).param("workspace", workspace()).param("import", importId).param("limit", limit)
                .query((rs, n) -> new Error(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4))).list();
    }

    /** Imports a server was running when it stopped (no heartbeat since {@code staleBefore}), or still queued. */
    List<Unfinished> unfinished(long staleBefore) {
        return jdbc.sql("""
                SELECT workspace_id, id, created_by FROM imports
                WHERE (status IN ('RUNNING', 'UNDOING') AND heartbeat_at < :stale) OR (status = 'QUEUED' AND created_at < :stale)
                ORDER BY workspace_id, id LIMIT 100
                """).param("stale", staleBefore)
                .query((rs, n) -> new Unfinished(rs.getLong(1), rs.getLong(2), rs.getLong(3))).list();
    }

    // --- external ids ---------------------------------------------------------------------

    Optional<Long> external(ImportEntity entity, String externalId) {
        return jdbc.sql("""
                SELECT record_id FROM import_external_ids WHERE workspace_id = :workspace AND entity = :entity
                  AND external_id = :external
                """).param("workspace", workspace()).param("entity", entity.name()).param("external", externalId)
                .query(Long.class).optional();
    }

    void putExternal(ImportEntity entity, String externalId, long recordId) {
        jdbc.sql("DELETE FROM import_external_ids WHERE workspace_id = :workspace AND entity = :entity AND external_id = :external")
                .param("workspace", workspace()).param("entity", entity.name()).param("external", externalId).update();
        jdbc.sql("""
                INSERT INTO import_external_ids (workspace_id, entity, external_id, record_id)
                VALUES (:workspace, :entity, :external, :record)
                """).param("workspace", workspace()).param("entity", entity.name()).param("external", externalId)
                .param("record", recordId).update();
    }

    /** {@link #external} for many keys: one query per 500 of them. */
    Map<String, Long> externals(ImportEntity entity, java.util.Collection<String> externalIds) {
        Map<String, Long> found = new java.util.HashMap<>();
        List<String> keys = externalIds.stream().distinct().toList();
        for (int i = 0; i < keys.size(); i += 500) {
            jdbc.sql("""
                    SELECT external_id, record_id FROM import_external_ids WHERE workspace_id = :workspace
                      AND entity = :entity AND external_id IN (:keys)
                    """).param("workspace", workspace()).param("entity", entity.name())
                    .param("keys", keys.subList(i, Math.min(keys.size(), i + 500)))
                    .query(rs -> {
                        found.put(rs.getString("external_id"), rs.getLong("record_id"));
                    });
        }
        return found;
    }

    /** {@link #putExternal} for many records: a statement batch of deletes, then one of inserts. */
    void putExternals(ImportEntity entity, Map<String, Long> recordByExternalId) {
        long workspace = workspace();
        List<Object[]> deletes = new java.util.ArrayList<>();
        List<Object[]> inserts = new java.util.ArrayList<>();
        recordByExternalId.forEach((external, record) -> {
            deletes.add(new Object[] {workspace, entity.name(), external});
            inserts.add(new Object[] {workspace, entity.name(), external, record});
        });
        batches.batchUpdate("DELETE FROM import_external_ids WHERE workspace_id = ? AND entity = ? AND external_id = ?",
                deletes);
        batches.batchUpdate("INSERT INTO import_external_ids (workspace_id, entity, external_id, record_id) VALUES (?, ?, ?, ?)",
                inserts);
    }

    /** {@link #forgetExternal} for many records: one statement per 500 of them. */
    void forgetExternals(ImportEntity entity, List<Long> recordIds) {
        for (int i = 0; i < recordIds.size(); i += 500) {
            jdbc.sql("""
                    DELETE FROM import_external_ids WHERE workspace_id = :workspace AND entity = :entity
                      AND record_id IN (:records)
                    """).param("workspace", workspace()).param("entity", entity.name())
                    .param("records", recordIds.subList(i, Math.min(recordIds.size(), i + 500))).update();
        }
    }

    void forgetExternal(ImportEntity entity, long recordId) {
        jdbc.sql("DELETE FROM import_external_ids WHERE workspace_id = :workspace AND entity = :entity AND record_id = :record")
                .param("workspace", workspace()).param("entity", entity.name()).param("record", recordId).update();
    }

    // --- saved mappings --------------------------------------------------------------------

    /**
     * Saves the mapping under its name, replacing one of the same name, in one statement: a mapping is
     * never missing in between, and two saves under one name at once both succeed, the later winning.
     */
    void saveMapping(long id, ImportEntity entity, String name, Map<String, String> mapping, long userId, long now) {
        jdbc.sql("""
                INSERT INTO import_mappings (workspace_id, id, entity, name, mapping, created_by, created_at)
                VALUES (:workspace, :id, :entity, :name, :mapping, :user, :now)
                ON CONFLICT (workspace_id, entity, name) DO UPDATE SET mapping = excluded.mapping,
                       created_by = excluded.created_by, created_at = excluded.created_at
                """).param("workspace", workspace()).param("id", id).param("entity", entity.name()).param("name", name)
                .param("mapping", json.writeValueAsString(mapping)).param("user", userId).param("now", now).update();
    }

    List<SavedMapping> mappings(ImportEntity entity) {
        return jdbc.sql("""
                SELECT id, entity, name, mapping FROM import_mappings WHERE workspace_id = :workspace AND entity = :entity
                ORDER BY name LIMIT 200
                """).param("workspace", workspace()).param("entity", entity.name())
                .query((rs, n) -> new SavedMapping(rs.getLong(1), ImportEntity.valueOf(rs.getString(2)), rs.getString(3),
                        json.readValue(rs.getString(4), NAMED))).list();
    }

    Optional<SavedMapping> mapping(long id) {
        return jdbc.sql("SELECT id, entity, name, mapping FROM import_mappings WHERE workspace_id = :workspace AND id = :id")
                .param("workspace", workspace()).param("id", id)
                .query((rs, n) -> new SavedMapping(rs.getLong(1), ImportEntity.valueOf(rs.getString(2)), rs.getString(3),
                        json.readValue(rs.getString(4), NAMED))).optional();
    }

    private Import map(ResultSet rs) throws SQLException {
        return new Import(new ImportId(rs.getLong("id")), ImportEntity.valueOf(rs.getString("entity")),
                ImportStatus.valueOf(rs.getString("status")), rs.getString("file_name"), rs.getLong("file_size"),
                rs.getString("charset"), rs.getString("delimiter"), rs.getBoolean("own_export"),
                json.readValue(rs.getString("headers"), STRINGS), json.readValue(rs.getString("mapping"), MAPPING),
                DuplicateMode.valueOf(rs.getString("duplicates")), MatchOn.valueOf(rs.getString("match_on")),
                rs.getString("match_field"),
                rs.getBoolean("strict"), Rows.nullableLong(rs, "rows_total"), rs.getLong("rows_done"),
                rs.getLong("created_count"), rs.getLong("updated_count"), rs.getLong("skipped_count"),
                rs.getLong("error_count"), rs.getBoolean("cancel_asked"), rs.getString("problem"),
                new UserId(rs.getLong("created_by")), Rows.instant(rs, "created_at"),
                Rows.nullableInstant(rs, "started_at"), Rows.nullableInstant(rs, "finished_at"));
    }

    private static String truncate(String text, int max) {
        return text == null ? "" : text.length() > max ? text.substring(0, max) : text;
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
