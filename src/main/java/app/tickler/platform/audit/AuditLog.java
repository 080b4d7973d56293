package app.tickler.platform.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import app.tickler.platform.Cursor;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who changed what, when, from where, with the before/after of every changed field. Written in the
 * same transaction as the change it describes; never updated or deleted.
 */
@Component
public class AuditLog {

    private static final TypeReference<Map<String, Change>> CHANGES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final Clock clock;
    private final JsonMapper json;

    AuditLog(JdbcClient jdbc, IdGenerator ids, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.json = json;
    }

    public record Filter(String entityType, Long entityId, Long actorId, String action) {
        public static Filter none() {
            return new Filter(null, null, null, null);
        }
    }

    public void record(String entityType, long entityId, String action, Map<String, Change> changes) {
        Actor actor = Actors.current();
        jdbc.sql("""
                INSERT INTO audit_events (workspace_id, id, occurred_at, actor_id, actor_name, client_address,
                                          entity_type, entity_id, action, changes)
                VALUES (:workspace, :id, :at, :actorId, :actorName, :address, :type, :entityId, :action, :changes)
                """)
                .param("workspace", actor.workspaceId())
                .param("id", ids.next())
                .param("at", clock.millis())
                .param("actorId", actor.isSystem() ? null : actor.userId())
                .param("actorName", actor.displayName())
                .param("address", clientAddress())
                .param("type", entityType)
                .param("entityId", entityId)
                .param("action", action)
                .param("changes", json.writeValueAsString(changes))
                .update();
    }

    /** Newest first, in the caller's workspace. */
    public Page<AuditEvent> list(Filter filter, Paging paging) {
        Actor actor = Actors.current();
        StringBuilder sql = new StringBuilder("""
                SELECT id, occurred_at, actor_id, actor_name, client_address, entity_type, entity_id, action, changes
                FROM audit_events WHERE workspace_id = :workspace
                """);
        List<String> conditions = new ArrayList<>();
        Map<String, Object> statement = new HashMap<>();
        statement.put("workspace", actor.workspaceId());
        if (filter.entityType() != null) {
            conditions.add("entity_type = :type");
            statement.put("type", filter.entityType());
        }
        if (filter.entityId() != null) {
            conditions.add("entity_id = :entityId");
            statement.put("entityId", filter.entityId());
        }
        if (filter.actorId() != null) {
            conditions.add("actor_id = :actorId");
            statement.put("actorId", filter.actorId());
        }
        if (filter.action() != null) {
            conditions.add("action = :action");
            statement.put("action", filter.action());
        }
        if (paging.hasCursor()) {
            conditions.add("id < :after");
            statement.put("after", paging.after(1).longKey(0));
        }
        conditions.forEach(c -> sql.append(" AND ").append(c));
        sql.append(" ORDER BY id DESC LIMIT :limit");
        statement.put("limit", paging.fetchSize());
        List<AuditEvent> rows = jdbc.sql(sql.toString()).params(statement)
                .query((rs, n) -> new AuditEvent(rs.getLong("id"), Rows.instant(rs, "occurred_at"),
                        Rows.nullableLong(rs, "actor_id"), rs.getString("actor_name"),
                        rs.getString("client_address"), rs.getString("entity_type"), rs.getLong("entity_id"),
                        rs.getString("action"), json.readValue(rs.getString("changes"), CHANGES)))
                .list();
        return Page.of(rows, paging, e -> Cursor.of(e.id()));
    }

    private static String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getRemoteAddr();
        }
        return null;
    }
}
