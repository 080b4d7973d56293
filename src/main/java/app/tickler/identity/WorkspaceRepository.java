package app.tickler.identity;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tickler.platform.StaleVersion;
import app.tickler.platform.database.Dialect;

@Repository
class WorkspaceRepository {

    private static final RowMapper<WorkspaceSummary> ROW = (rs, n) -> new WorkspaceSummary(
            new WorkspaceId(rs.getLong("workspace_id")), rs.getString("name"), ZoneId.of(rs.getString("time_zone")),
            rs.getString("currency"), rs.getBoolean("open_visibility"), rs.getLong("version"));

    private final JdbcClient jdbc;
    private final Dialect dialect;

    WorkspaceRepository(JdbcClient jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /**
     * Holds the workspace's row until the transaction ends, so that checks about the whole workspace
     * ("is there another active admin?") and the writes based on them cannot interleave with another
     * transaction doing the same. SQLite transactions are IMMEDIATE and so already one at a time.
     */
    void lockForUpdate(long workspaceId) {
        if (dialect == Dialect.POSTGRESQL) {
            jdbc.sql("SELECT workspace_id FROM workspaces WHERE workspace_id = :id FOR UPDATE")
                    .param("id", workspaceId).query(Long.class).optional();
        }
    }

    /** Blocks the creation of workspaces by other transactions until this one ends: for the one-time set-up. */
    void lockAgainstNewWorkspaces() {
        if (dialect == Dialect.POSTGRESQL) {
            jdbc.sql("LOCK TABLE workspaces IN SHARE ROW EXCLUSIVE MODE").update();
        }
    }

    boolean anyExists() {
        return jdbc.sql("SELECT 1 FROM workspaces LIMIT 1").query(Integer.class).optional().isPresent();
    }

    Optional<WorkspaceSummary> find(long workspaceId) {
        return jdbc.sql("SELECT * FROM workspaces WHERE workspace_id = :id").param("id", workspaceId).query(ROW).optional();
    }

    /** Every workspace, for jobs that visit each in turn. */
    List<WorkspaceSummary> all() {
        return jdbc.sql("SELECT * FROM workspaces ORDER BY workspace_id").query(ROW).list();
    }

    void insert(long id, String name, ZoneId zone, String currency, long now) {
        jdbc.sql("""
                INSERT INTO workspaces (workspace_id, name, time_zone, currency, open_visibility, version, created_at, updated_at)
                VALUES (:id, :name, :zone, :currency, FALSE, 0, :now, :now)
                """)
                .param("id", id).param("name", name).param("zone", zone.getId()).param("currency", currency)
                .param("now", now).update();
    }

    void update(WorkspaceSummary changed, long expectedVersion, long now) {
        int updated = jdbc.sql("""
                UPDATE workspaces SET name = :name, time_zone = :zone, currency = :currency,
                       open_visibility = :open, version = version + 1, updated_at = :now
                WHERE workspace_id = :id AND version = :version
                """)
                .param("name", changed.name()).param("zone", changed.zone().getId()).param("currency", changed.currency())
                .param("open", changed.openVisibility()).param("now", now).param("id", changed.id().value())
                .param("version", expectedVersion).update();
        if (updated == 0) {
            throw new StaleVersion("The workspace", find(changed.id().value()).map(WorkspaceSummary::version).orElse(0L));
        }
    }
}
