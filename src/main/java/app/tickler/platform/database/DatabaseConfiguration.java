package app.tickler.platform.database;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;

@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean
    static PostgresBatchInserts postgresBatchInserts() {
        return new PostgresBatchInserts();
    }

    @Bean
    Dialect dialect(DataSource dataSource) {
        return Dialect.of(dataSource);
    }

    /**
     * Spring Boot's JDBC transaction manager; on SQLite one that queues writers in the JVM (see
     * {@link SqliteWriterQueue}).
     */
    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource, Dialect dialect,
            ObjectProvider<TransactionManagerCustomizers> customizers) {
        JdbcTransactionManager manager = dialect == Dialect.SQLITE
                ? new SqliteWriterQueue(dataSource, SqliteWriterQueue.WAIT)
                : new JdbcTransactionManager(dataSource);
        customizers.ifAvailable(c -> c.customize(manager));
        return manager;
    }
}
