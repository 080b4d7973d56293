package app.tickler.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

class SqliteWriterQueueTests {

    @TempDir
    Path dir;

    HikariDataSource dataSource;
    JdbcTemplate jdbc;

    @BeforeEach
    void open() {
        HikariConfig config = new HikariConfig();
        // no busy timeout at all: a second writer reaching SQLite while the first holds the lock fails at once
        config.setJdbcUrl("jdbc:sqlite:" + dir.resolve("queue.db")
                + "?journal_mode=WAL&busy_timeout=0&transaction_mode=IMMEDIATE");
        config.setMaximumPoolSize(8);
        dataSource = new HikariDataSource(config);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE writes (n INTEGER NOT NULL)");
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void concurrentWritersQueueInTheJvmInsteadOfFailingOnTheDatabaseLock() throws Exception {
        TransactionTemplate transactions = new TransactionTemplate(new SqliteWriterQueue(dataSource, Duration.ofSeconds(10)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 25; i++) {
                    int n = writer * 100 + i;
                    transactions.executeWithoutResult(status -> {
                        jdbc.update("INSERT INTO writes (n) VALUES (?)", n);
                        jdbc.update("UPDATE writes SET n = n WHERE n = ?", n);
                    });
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> writer : writers) {
            writer.get(30, TimeUnit.SECONDS); // a SQLITE_BUSY would surface here
        }
        pool.shutdown();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM writes", Integer.class)).isEqualTo(200);
    }

    @Test
    void aWriterWaitingLongerThanTheLimitGetsAClearErrorAndTheQueueMovesOn() throws Exception {
        SqliteWriterQueue queue = new SqliteWriterQueue(dataSource, Duration.ofMillis(200));
        TransactionTemplate transactions = new TransactionTemplate(queue);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<?> slow = pool.submit(() -> transactions.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO writes (n) VALUES (1)");
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        holding.await();

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> jdbc.update("INSERT INTO writes (n) VALUES (2)")))
                .isInstanceOf(DatabaseBusy.class)
                .hasMessageContaining("busy");

        release.countDown();
        slow.get(10, TimeUnit.SECONDS);
        pool.shutdown();
        transactions.executeWithoutResult(status -> jdbc.update("INSERT INTO writes (n) VALUES (3)"));
        assertThat(jdbc.queryForList("SELECT n FROM writes ORDER BY n", Integer.class)).containsExactly(1, 3);
        assertThat(queue.busy()).isFalse();
    }

    @Test
    void aSecondTransactionBesideAnOpenOneOnTheSameThreadIsRefusedAtOnce() {
        TransactionTemplate outer = new TransactionTemplate(new SqliteWriterQueue(dataSource, Duration.ofSeconds(10)));
        TransactionTemplate beside = new TransactionTemplate(outer.getTransactionManager());
        beside.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        assertThatThrownBy(() -> outer.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO writes (n) VALUES (1)");
            beside.executeWithoutResult(inner -> jdbc.update("INSERT INTO writes (n) VALUES (2)"));
        })).isInstanceOf(IllegalTransactionStateException.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM writes", Integer.class)).isZero();
        outer.executeWithoutResult(status -> jdbc.update("INSERT INTO writes (n) VALUES (3)"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM writes", Integer.class)).isOne();
    }

    @Test
    void aReadOnlySnapshotLetsWritersGoOnAndSeesTheDataAsItWasWhenItBegan() throws Exception {
        SqliteWriterQueue queue = new SqliteWriterQueue(dataSource, Duration.ofSeconds(5));
        TransactionTemplate writes = new TransactionTemplate(queue);
        TransactionTemplate snapshot = new TransactionTemplate(queue);
        snapshot.setReadOnly(true);
        writes.executeWithoutResult(status -> jdbc.update("INSERT INTO writes (n) VALUES (1)"));
        ExecutorService other = Executors.newSingleThreadExecutor();
        List<Integer> seen = snapshot.execute(status -> {
            int before = jdbc.queryForObject("SELECT COUNT(*) FROM writes", Integer.class);
            try {
                // a writer on another thread while the snapshot is open: neither SQLite (busy timeout 0) nor
                // the queue keeps it waiting
                other.submit(() -> writes.executeWithoutResult(w -> jdbc.update("INSERT INTO writes (n) VALUES (2)")))
                        .get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return List.of(before, jdbc.queryForObject("SELECT COUNT(*) FROM writes", Integer.class));
        });
        other.shutdown();
        assertThat(seen).as("one snapshot from its first read to its end").containsExactly(1, 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM writes", Integer.class)).isEqualTo(2);
        assertThat(queue.busy()).isFalse();
        // the connections go back to the pool as writers: each next transaction begins IMMEDIATE
        for (int i = 0; i < 8; i++) {
            try (java.sql.Connection c = dataSource.getConnection()) {
                assertThat(c.unwrap(org.sqlite.SQLiteConnection.class).getConnectionConfig().getTransactionMode())
                        .isEqualTo(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
            }
        }
    }
}
