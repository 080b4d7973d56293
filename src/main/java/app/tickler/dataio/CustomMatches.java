package app.tickler.dataio;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tickler.platform.database.Dialect;
import app.tickler.platform.security.Actors;

/**
 * Matching contacts and accounts on a text custom field ({@code MatchOn.CUSTOM}). The values live in the
 * records' JSON {@code custom} column, which no index covers: an import reads them all once, when it
 * starts or resumes, into {@code import_match_keys} with one INSERT … SELECT, then looks each batch's
 * values up there in one indexed query, and adds the records it creates. The lookup holds every live
 * record, visible or not: the caller's visibility is applied when a line is matched, as for the other
 * matches. The preview reads the few values of its lines from the records themselves.
 *
 * <p>A value is compared trimmed and in lower case, every letter folded as Java folds it. The database's
 * {@code lower()} folds only A–Z on SQLite (and follows the database's locale on PostgreSQL), so the keys
 * it computes for values with other characters are computed again here — few values have any.
 */
@Repository
class CustomMatches {

    /** Longer values are not matched on (a line with one is an error): the key must fit an index entry. */
    static final int MAX_KEY = 500;

    private static final int CHUNK = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final Dialect dialect;

    CustomMatches(JdbcClient jdbc, JdbcTemplate batches, Dialect dialect) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.dialect = dialect;
    }

    /** The value as compared: trimmed, in lower case. */
    String key(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    /** A condition true for a text holding anything but printable ASCII, whose database key may differ from {@link #key}. */
    private String beyondAscii(String column) {
        return dialect == Dialect.POSTGRESQL ? column + " ~ '[^ -~]'" : column + " GLOB '*[^ -~]*'";
    }

    /**
     * Fills the import's lookup afresh from the workspace's live records, in one statement. {@code fieldKey}
     * is the key of a defined custom field ({@code custom.} left off) — it is spliced into the statement.
     */
    void fill(long importId, ImportEntity entity, String fieldKey) {
        clear(importId);
        String value = "LOWER(TRIM(" + dialect.jsonValue("custom", fieldKey) + "))";
        jdbc.sql("""
                INSERT INTO import_match_keys (workspace_id, import_id, value_key, record_id)
                SELECT workspace_id, :import, %1$s, id FROM %2$s
                WHERE workspace_id = :workspace AND deleted_at IS NULL AND %1$s <> '' AND LENGTH(%1$s) <= %3$d
                """.formatted(value, table(entity), MAX_KEY))
                .param("import", importId).param("workspace", workspace()).update();
        // the keys the database folded differently, folded again as the lines' keys are
        List<Object[]> refolded = new ArrayList<>();
        jdbc.sql("SELECT value_key, record_id FROM import_match_keys WHERE workspace_id = :workspace"
                        + " AND import_id = :import AND " + beyondAscii("value_key"))
                .param("workspace", workspace()).param("import", importId)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                .forEach(row -> {
                    String key = key(row.getKey());
                    if (!key.equals(row.getKey())) {
                        refolded.add(new Object[] {key, workspace(), importId, row.getKey(), row.getValue()});
                    }
                });
        if (!refolded.isEmpty()) {
            batches.batchUpdate("""
                    UPDATE import_match_keys SET value_key = ?
                    WHERE workspace_id = ? AND import_id = ? AND value_key = ? AND record_id = ?
                    """, refolded);
        }
    }

    /** The records of the import's lookup having these keys, by key, in one query per 500 keys. */
    Map<String, List<Long>> lookup(long importId, Collection<String> keys) {
        Map<String, List<Long>> found = new HashMap<>();
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        for (int i = 0; i < distinct.size(); i += CHUNK) {
            jdbc.sql("""
                    SELECT value_key, record_id FROM import_match_keys
                    WHERE workspace_id = :workspace AND import_id = :import AND value_key IN (:keys)
                    ORDER BY record_id
                    """).param("workspace", workspace()).param("import", importId)
                    .param("keys", distinct.subList(i, Math.min(distinct.size(), i + CHUNK)))
                    .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                    .forEach(e -> found.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        }
        return found;
    }

    /**
     * The live records having these keys, read from the records themselves: for the preview's few lines,
     * which have no lookup. Same keys as {@link #fill}: the values beyond ASCII are compared here.
     */
    Map<String, List<Long>> find(ImportEntity entity, String fieldKey, Collection<String> keys) {
        Map<String, List<Long>> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        String value = "TRIM(" + dialect.jsonValue("custom", fieldKey) + ")";
        java.util.Set<String> wanted = new LinkedHashSet<>(keys);
        jdbc.sql("""
                SELECT %1$s, id FROM %2$s
                WHERE workspace_id = :workspace AND deleted_at IS NULL AND (LOWER(%1$s) IN (:keys) OR %3$s)
                ORDER BY id
                """.formatted(value, table(entity), beyondAscii(value)))
                .param("workspace", workspace()).param("keys", List.copyOf(wanted))
                .query((rs, n) -> Map.entry(key(rs.getString(1)), rs.getLong(2))).list().stream()
                .filter(e -> wanted.contains(e.getKey()))
                .forEach(e -> found.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return found;
    }

    /** Records the import wrote, so that later lines of the file match them. */
    void add(long importId, Map<Long, String> keyByRecord) {
        if (keyByRecord.isEmpty()) {
            return;
        }
        long workspace = workspace();
        List<Object[]> rows = new ArrayList<>();
        keyByRecord.forEach((record, key) -> rows.add(new Object[] {workspace, importId, key, record}));
        batches.batchUpdate("""
                INSERT INTO import_match_keys (workspace_id, import_id, value_key, record_id) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """, rows);
    }

    /** Empties the import's lookup: when it ends, however it ends, and before it is filled again. */
    void clear(long importId) {
        jdbc.sql("DELETE FROM import_match_keys WHERE workspace_id = :workspace AND import_id = :import")
                .param("workspace", workspace()).param("import", importId).update();
    }

    private static String table(ImportEntity entity) {
        return switch (entity) {
            case CONTACT -> "contacts";
            case ACCOUNT -> "accounts";
            default -> throw new IllegalArgumentException(entity + " is not matched on custom fields");
        };
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
