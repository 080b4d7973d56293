package app.tickler.identity;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tickler.platform.StaleVersion;
import app.tickler.platform.security.Actors;

@Repository
class TeamRepository {

    private static final RowMapper<TeamSummary> ROW = (rs, n) -> new TeamSummary(new TeamId(rs.getLong("id")),
            rs.getString("name"), rs.getInt("members"), rs.getInt("deactivated_members"), rs.getLong("version"));

    private static final String SELECT = """
            SELECT t.id, t.name, t.version,
                   (SELECT COUNT(*) FROM users u
                    WHERE u.workspace_id = t.workspace_id AND u.team_id = t.id AND u.active = TRUE) AS members,
                   (SELECT COUNT(*) FROM users u
                    WHERE u.workspace_id = t.workspace_id AND u.team_id = t.id AND u.active = FALSE) AS deactivated_members
            FROM teams t
            """;

    private final JdbcClient jdbc;

    TeamRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Teams are few per workspace (tens), so the list is not paginated beyond a generous cap. */
    List<TeamSummary> all() {
        return jdbc.sql(SELECT + " WHERE t.workspace_id = :workspace ORDER BY t.name, t.id LIMIT 1000")
                .param("workspace", workspace()).query(ROW).list();
    }

    Optional<TeamSummary> find(long id) {
        return jdbc.sql(SELECT + " WHERE t.workspace_id = :workspace AND t.id = :id")
                .param("workspace", workspace()).param("id", id).query(ROW).optional();
    }

    boolean nameTaken(String name, Long exceptId) {
        return jdbc.sql("SELECT 1 FROM teams WHERE workspace_id = :workspace AND lower(name) = lower(:name) AND id <> :except")
                .param("workspace", workspace()).param("name", name).param("except", exceptId == null ? 0L : exceptId)
                .query(Integer.class).optional().isPresent();
    }

    void insert(long id, String name, long now) {
        jdbc.sql("""
                INSERT INTO teams (workspace_id, id, name, version, created_at, updated_at)
                VALUES (:workspace, :id, :name, 0, :now, :now)
                """).param("workspace", workspace()).param("id", id).param("name", name).param("now", now).update();
    }

    void rename(long id, String name, long expectedVersion, long now) {
        int updated = jdbc.sql("""
                UPDATE teams SET name = :name, version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND version = :version
                """).param("name", name).param("now", now).param("workspace", workspace()).param("id", id)
                .param("version", expectedVersion).update();
        if (updated == 0) {
            throw new StaleVersion("The team", find(id).map(TeamSummary::version).orElse(0L));
        }
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM teams WHERE workspace_id = :workspace AND id = :id")
                .param("workspace", workspace()).param("id", id).update();
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
