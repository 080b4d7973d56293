package app.tickler.platform.database;

import java.sql.Statement;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Keeps SQLite's query planner informed: without statistics it may pick an index that scans a whole
 * workspace. {@code PRAGMA optimize} gathers them where they are missing or stale, cheaply, every hour;
 * after bulk writes (imports, generated data) a sampled ANALYZE refreshes them at once. PostgreSQL's
 * autovacuum keeps them by itself, and is helped along after bulk writes.
 */
@Component
public class DatabaseMaintenance {

    /** Rows SQLite's ANALYZE reads per index: approximate statistics in milliseconds, not a pass over every table. */
    static final int SQLITE_ANALYSIS_LIMIT = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Dialect dialect;

    DatabaseMaintenance(JdbcClient jdbc, JdbcTemplate template, Dialect dialect) {
        this.jdbc = jdbc;
        this.template = template;
        this.dialect = dialect;
    }

    @Scheduled(fixedDelayString = "${tickler.jobs.optimize-delay:PT1H}", initialDelayString = "PT2M")
    @SchedulerLock(name = "platform.optimize")
    public void optimize() {
        if (dialect == Dialect.SQLITE) {
            jdbc.sql("PRAGMA optimize=0x10002").update();
        }
    }

    /**
     * After a bulk write: statistics for every table, so that the next queries plan well. On SQLite from a
     * sample of each index: a full ANALYZE reads every row of every table while it holds the one write lock,
     * seconds at a million contacts in which nobody else could save anything.
     */
    public void afterBulkWrite() {
        if (dialect == Dialect.SQLITE) {
            // the limit is the connection's own setting: both statements on one connection
            template.execute((ConnectionCallback<Void>) connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA analysis_limit = " + SQLITE_ANALYSIS_LIMIT);
                    statement.execute("ANALYZE");
                    statement.execute("PRAGMA analysis_limit = 0");
                }
                return null;
            });
        } else {
            jdbc.sql("ANALYZE").update();
        }
    }
}
