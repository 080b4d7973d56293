package app.tickler.platform.database;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Keeps SQLite's query planner informed: without statistics it may pick an index that scans a whole
 * workspace. {@code PRAGMA optimize} gathers them where they are missing or stale, cheaply; it runs
 * hourly and after bulk writes (imports, generated data). PostgreSQL's autovacuum does this itself.
 */
@Component
public class DatabaseMaintenance {

    private final JdbcClient jdbc;
    private final Dialect dialect;

    DatabaseMaintenance(JdbcClient jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    @Scheduled(fixedDelayString = "${tickler.jobs.optimize-delay:PT1H}", initialDelayString = "PT2M")
    @SchedulerLock(name = "platform.optimize")
    public void optimize() {
        if (dialect == Dialect.SQLITE) {
            jdbc.sql("PRAGMA optimize=0x10002").update();
        }
    }

    /** After a bulk write: statistics for every table, so that the next queries plan well. */
    public void afterBulkWrite() {
        jdbc.sql("ANALYZE").update();
    }
}
