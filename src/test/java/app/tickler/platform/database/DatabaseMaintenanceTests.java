package app.tickler.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import app.tickler.Fixtures;
import app.tickler.TicklerTest;

@TicklerTest
class DatabaseMaintenanceTests {

    @Autowired
    DatabaseMaintenance maintenance;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Dialect dialect;
    @Autowired
    Fixtures fixtures;

    @Test
    void after_a_bulk_write_the_planner_has_statistics_of_the_written_tables() {
        fixtures.workspace();
        maintenance.afterBulkWrite();
        if (dialect == Dialect.SQLITE) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'users'", Integer.class))
                    .isPositive();
        } else {
            assertThat(jdbc.queryForObject("SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables"
                    + " WHERE relname = 'users' AND schemaname = current_schema()", Boolean.class)).isTrue();
        }
    }

    @Test
    void on_sqlite_the_sampling_limit_does_not_stay_on_the_pooled_connection() {
        if (dialect != Dialect.SQLITE) {
            return;
        }
        for (int i = 0; i < 20; i++) {
            maintenance.afterBulkWrite();
            assertThat(jdbc.execute((ConnectionCallback<Integer>) connection -> {
                try (var statement = connection.createStatement(); var rows = statement.executeQuery("PRAGMA analysis_limit")) {
                    rows.next();
                    return rows.getInt(1);
                }
            })).isZero();
        }
    }
}
