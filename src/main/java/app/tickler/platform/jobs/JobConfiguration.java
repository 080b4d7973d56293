package app.tickler.platform.jobs;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SQLExceptionTranslator;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

/**
 * Scheduled jobs are {@code @Scheduled} methods guarded by {@code @SchedulerLock}: the lock row in
 * the shared database makes sure that of several instances only one runs a job at a time.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT30M")
class JobConfiguration {

    /** SQLite's result code for a constraint violation (SQLITE_CONSTRAINT and its extended codes). */
    private static final int SQLITE_CONSTRAINT = 19;

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        // ShedLock learns that another instance created the lock row first from a DuplicateKeyException;
        // Spring does not translate SQLite's constraint error to one, so two instances racing for a new
        // lock on one SQLite file would fail instead of one of them skipping the run.
        SQLExceptionTranslator standard = template.getExceptionTranslator();
        template.setExceptionTranslator((String task, String sql, SQLException e) -> {
            if ((e.getErrorCode() & 0xff) == SQLITE_CONSTRAINT && e.getClass().getName().startsWith("org.sqlite")) {
                return new DuplicateKeyException(task + ": " + e.getMessage(), e);
            }
            DataAccessException translated = standard.translate(task, sql, e);
            return translated;
        });
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(template)
                .withTableName("shedlock")
                .build());
    }
}
