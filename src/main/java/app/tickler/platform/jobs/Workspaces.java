package app.tickler.platform.jobs;

import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;

/**
 * Runs a job's work for every workspace in turn, as that workspace's system actor, so that the
 * module code it calls is scoped exactly as for a user. A failure in one workspace is logged and
 * does not stop the others.
 */
@Component
public class Workspaces {

    private static final Logger log = LoggerFactory.getLogger(Workspaces.class);

    private final JdbcClient jdbc;

    Workspaces(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void forEach(String job, Consumer<Actor> work) {
        record Row(long id, String zone) {
        }
        // the workspaces table belongs to identity; jobs only need ids and zones, read-only
        List<Row> workspaces = jdbc.sql("SELECT workspace_id, time_zone FROM workspaces ORDER BY workspace_id")
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2))).list();
        for (Row workspace : workspaces) {
            Actor system = Actor.system(workspace.id(), ZoneId.of(workspace.zone()));
            try {
                Actors.runAs(system, () -> work.accept(system));
            } catch (RuntimeException e) {
                log.error("job {} failed in workspace {}", job, workspace.id(), e);
            }
        }
    }
}
