package app.tickler.identity;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tickler.platform.Cursor;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;

@Repository
class UserRepository {

    private static final RowMapper<User> USER = (rs, n) -> new User(rs.getLong("workspace_id"), rs.getLong("id"),
            rs.getString("email"), rs.getString("display_name"), Role.valueOf(rs.getString("role")),
            Rows.nullableLong(rs, "team_id"), rs.getString("time_zone"), rs.getBoolean("active"),
            rs.getString("password_hash"), rs.getLong("security_stamp"), rs.getLong("version"));

    private static final RowMapper<UserSummary> SUMMARY = (rs, n) -> {
        Long team = Rows.nullableLong(rs, "team_id");
        return new UserSummary(new UserId(rs.getLong("id")), rs.getString("email"), rs.getString("display_name"),
                Role.valueOf(rs.getString("role")), team == null ? null : new TeamId(team), rs.getString("team_name"),
                rs.getString("time_zone"), rs.getBoolean("active"), rs.getLong("version"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    };

    private static final String SELECT_SUMMARY = """
            SELECT u.id, u.email, u.display_name, u.role, u.team_id, t.name AS team_name, u.time_zone, u.active,
                   u.version, u.created_at, u.updated_at
            FROM users u LEFT JOIN teams t ON t.workspace_id = u.workspace_id AND t.id = u.team_id
            WHERE u.workspace_id = :workspace
            """;

    record Filter(Role role, Long teamId, Boolean active, String query) {
        static Filter none() {
            return new Filter(null, null, null, null);
        }
    }

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Sign-in looks a user up by email alone, before any workspace is known. */
    Optional<User> findForSignIn(String email) {
        return jdbc.sql("SELECT * FROM users WHERE email_key = :key").param("key", emailKey(email)).query(USER).optional();
    }

    /** Resolving a session or token: the workspace comes from the authenticated principal. */
    Optional<User> findIn(long workspaceId, long id) {
        return jdbc.sql("SELECT * FROM users WHERE workspace_id = :workspace AND id = :id")
                .param("workspace", workspaceId).param("id", id).query(USER).optional();
    }

    Optional<User> find(long id) {
        return findIn(workspace(), id);
    }

    Optional<UserSummary> summary(long id) {
        return jdbc.sql(SELECT_SUMMARY + " AND u.id = :id").param("workspace", workspace()).param("id", id)
                .query(SUMMARY).optional();
    }

    List<UserSummary> summaries(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT_SUMMARY + " AND u.id IN (:ids)").param("workspace", workspace()).param("ids", ids)
                .query(SUMMARY).list();
    }

    Page<UserSummary> list(Filter filter, Paging paging) {
        StringBuilder sql = new StringBuilder(SELECT_SUMMARY);
        Map<String, Object> params = new HashMap<>();
        params.put("workspace", workspace());
        if (filter.role() != null) {
            sql.append(" AND u.role = :role");
            params.put("role", filter.role().name());
        }
        if (filter.teamId() != null) {
            sql.append(" AND u.team_id = :team");
            params.put("team", filter.teamId());
        }
        if (filter.active() != null) {
            sql.append(" AND u.active = :active");
            params.put("active", filter.active());
        }
        if (filter.query() != null && !filter.query().isBlank()) {
            sql.append(" AND (lower(u.display_name) LIKE :q OR u.email_key LIKE :q)");
            params.put("q", "%" + filter.query().trim().toLowerCase().replace("%", "").replace("_", "") + "%");
        }
        if (paging.hasCursor()) {
            Cursor after = paging.after(2);
            sql.append(" AND (u.display_name, u.id) > (:afterName, :afterId)");
            params.put("afterName", after.key(0));
            params.put("afterId", after.longKey(1));
        }
        sql.append(" ORDER BY u.display_name, u.id LIMIT :limit");
        params.put("limit", paging.fetchSize());
        List<UserSummary> rows = jdbc.sql(sql.toString()).params(params).query(SUMMARY).list();
        return Page.of(rows, paging, u -> Cursor.of(u.displayName(), u.id().value()));
    }

    /** Active users of the workspace, by name; a workspace has hundreds at most. */
    List<UserSummary> active() {
        return jdbc.sql(SELECT_SUMMARY + " AND u.active = TRUE ORDER BY u.display_name, u.id LIMIT 5000")
                .param("workspace", workspace()).query(SUMMARY).list();
    }

    /** Every user, deactivated ones included, by name: for filters over past activity. */
    List<UserSummary> everyone() {
        return jdbc.sql(SELECT_SUMMARY + " ORDER BY u.display_name, u.id LIMIT 5000")
                .param("workspace", workspace()).query(SUMMARY).list();
    }

    List<Long> teamMemberIds(long workspaceId, long teamId) {
        return jdbc.sql("SELECT id FROM users WHERE workspace_id = :workspace AND team_id = :team")
                .param("workspace", workspaceId).param("team", teamId).query(Long.class).list();
    }

    boolean emailTaken(String email, long exceptId) {
        return jdbc.sql("SELECT 1 FROM users WHERE email_key = :key AND id <> :except")
                .param("key", emailKey(email)).param("except", exceptId).query(Integer.class).optional().isPresent();
    }

    void insert(User user, long now) {
        jdbc.sql("""
                INSERT INTO users (workspace_id, id, email, email_key, display_name, role, team_id, time_zone, active,
                                   password_hash, security_stamp, version, created_at, updated_at)
                VALUES (:workspace, :id, :email, :key, :name, :role, :team, :zone, :active, :hash, :stamp, 0, :now, :now)
                """)
                .param("workspace", user.workspaceId()).param("id", user.id()).param("email", user.email())
                .param("key", emailKey(user.email())).param("name", user.displayName()).param("role", user.role().name())
                .param("team", user.teamId()).param("zone", user.timeZone()).param("active", user.active())
                .param("hash", user.passwordHash()).param("stamp", user.securityStamp()).param("now", now).update();
    }

    /** Writes every field of the user if it is still at {@code user.version()}. */
    void update(User user, long now) {
        int updated = jdbc.sql("""
                UPDATE users SET email = :email, email_key = :key, display_name = :name, role = :role, team_id = :team,
                       time_zone = :zone, active = :active, password_hash = :hash, security_stamp = :stamp,
                       version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND version = :version
                """)
                .param("email", user.email()).param("key", emailKey(user.email())).param("name", user.displayName())
                .param("role", user.role().name()).param("team", user.teamId()).param("zone", user.timeZone())
                .param("active", user.active()).param("hash", user.passwordHash()).param("stamp", user.securityStamp())
                .param("now", now).param("workspace", user.workspaceId()).param("id", user.id())
                .param("version", user.version()).update();
        if (updated == 0) {
            throw new StaleVersion("The user", findIn(user.workspaceId(), user.id()).map(User::version).orElse(0L));
        }
    }

    long countActiveAdmins() {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE workspace_id = :workspace AND role = 'ADMIN' AND active = TRUE")
                .param("workspace", workspace()).query(Long.class).single();
    }

    static String emailKey(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
