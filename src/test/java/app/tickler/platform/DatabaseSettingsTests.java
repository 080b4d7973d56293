package app.tickler.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.tickler.TicklerTest;
import app.tickler.platform.database.Dialect;

@TicklerTest
class DatabaseSettingsTests {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Dialect dialect;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactionManager;

    @Test
    void theEmbeddedDatabaseIsSetUpForSafeConcurrentUse() {
        assumeTrue(dialect == Dialect.SQLITE, "only for SQLite");
        assertThat(jdbc.sql("PRAGMA journal_mode").query(String.class).single()).isEqualToIgnoringCase("wal");
        assertThat(jdbc.sql("PRAGMA foreign_keys").query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("PRAGMA synchronous").query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("PRAGMA busy_timeout").query(Integer.class).single()).isGreaterThanOrEqualTo(10_000);
    }

    @Test
    void onPostgresqlBatchedInsertsGoAsMultiRowStatementsAndSqliteWritersQueueInTheServer() throws Exception {
        if (dialect == Dialect.POSTGRESQL) {
            try (java.sql.Connection connection = dataSource.getConnection()) {
                assertThat(connection.unwrap(org.postgresql.core.BaseConnection.class).getQueryExecutor()
                        .isReWriteBatchedInsertsEnabled()).isTrue();
            }
            assertThat(transactionManager.getClass().getSimpleName()).isEqualTo("JdbcTransactionManager");
        } else {
            assertThat(transactionManager.getClass().getSimpleName()).isEqualTo("SqliteWriterQueue");
        }
    }

    @Test
    void everyTablesPrimaryKeyStartsWithTheWorkspace() {
        // infrastructure tables are exempt: Flyway's history, ShedLock's job locks, SQLite's search index
        String sql = dialect == Dialect.SQLITE
                ? """
                  SELECT m.name AS table_name, p.name AS column_name FROM sqlite_master m, pragma_table_info(m.name) p
                  WHERE m.type = 'table' AND p.pk = 1 AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE 'flyway_%'
                    AND m.name <> 'shedlock' AND m.name NOT LIKE 'party_search%'
                  """
                : """
                  SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc
                  JOIN information_schema.key_column_usage kcu
                    ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
                  WHERE tc.constraint_type = 'PRIMARY KEY' AND kcu.ordinal_position = 1
                    AND tc.table_schema = current_schema() AND tc.table_name NOT LIKE 'flyway_%'
                    AND tc.table_name <> 'shedlock'
                  """;
        var firstKeyColumns = jdbc.sql(sql).query((rs, n) -> rs.getString("table_name") + "." + rs.getString("column_name")).list();
        assertThat(firstKeyColumns).isNotEmpty().allSatisfy(column -> assertThat(column).endsWith(".workspace_id"));
    }
}
