package app.tickler.party;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.platform.IdGenerator;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.NotFound;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;

/** Each user's saved list views; private to the user. */
@Service
public class SavedViews {

    static final Set<String> ENTITIES = Set.of("account", "contact", "lead", "deal");

    static final class SavedViewNotFound extends NotFound {
        SavedViewNotFound(long id) {
            super("Saved view", id);
        }
    }

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final Clock clock;

    SavedViews(JdbcClient jdbc, IdGenerator ids, Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    public List<SavedView> mine(String entity) {
        Actor actor = Actors.current();
        return jdbc.sql("""
                SELECT id, entity, name, query FROM saved_views
                WHERE workspace_id = :workspace AND user_id = :user AND entity = :entity ORDER BY name, id LIMIT 200
                """).param("workspace", actor.workspaceId()).param("user", actor.userId()).param("entity", entity)
                .query((rs, n) -> new SavedView(new SavedViewId(rs.getLong("id")), rs.getString("entity"),
                        rs.getString("name"), rs.getString("query"))).list();
    }

    @Transactional
    public SavedView save(String entity, String name, String query) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        problems.check(entity != null && ENTITIES.contains(entity), "entity", "must be one of " + ENTITIES);
        String cleanName = name == null ? "" : name.strip();
        problems.check(!cleanName.isEmpty() && cleanName.length() <= 100, "name", "is required (at most 100 characters)");
        String cleanQuery = query == null ? "" : query.strip();
        if (cleanQuery.startsWith("?")) {
            cleanQuery = cleanQuery.substring(1);
        }
        problems.check(cleanQuery.length() <= 2000, "query", "must be at most 2000 characters");
        problems.check(!cleanQuery.contains("cursor="), "query", "must not contain a page cursor");
        problems.throwIfAny();
        Actor actor = Actors.current();
        long id = ids.next();
        jdbc.sql("""
                INSERT INTO saved_views (workspace_id, id, user_id, entity, name, query, created_at)
                VALUES (:workspace, :id, :user, :entity, :name, :query, :now)
                """).param("workspace", actor.workspaceId()).param("id", id).param("user", actor.userId())
                .param("entity", entity).param("name", cleanName).param("query", cleanQuery).param("now", clock.millis())
                .update();
        return new SavedView(new SavedViewId(id), entity, cleanName, cleanQuery);
    }

    @Transactional
    public void delete(long id) {
        Actor actor = Actors.current();
        int deleted = jdbc.sql("DELETE FROM saved_views WHERE workspace_id = :workspace AND id = :id AND user_id = :user")
                .param("workspace", actor.workspaceId()).param("id", id).param("user", actor.userId()).update();
        if (deleted == 0) {
            throw new SavedViewNotFound(id);
        }
    }
}
