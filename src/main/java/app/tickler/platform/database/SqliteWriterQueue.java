package app.tickler.platform.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.sqlite.SQLiteConfig.TransactionMode;
import org.sqlite.SQLiteConnection;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.TransactionDefinition;

/**
 * SQLite lets one transaction write at a time, and Tickler's transactions are IMMEDIATE (they take
 * the write lock when they begin). Left to SQLite, a transaction that finds the lock taken sleeps
 * in its busy handler in growing steps (1, 2, 5, 10 … 100 ms) and tries again, so under a crowd of
 * writers a short transaction can sleep far longer than the one it waits for, and not in arrival
 * order. This transaction manager queues them in the JVM instead: a fair lock taken before the
 * transaction begins and released when its connection is handed back, so each waiter starts the
 * moment the previous one is done, first come first served. SQLite's lock still guards the file
 * against other processes (a command-line backup), with its busy timeout. The queue is held until
 * the connection is handed back, after-commit callbacks included: those must not start a
 * transaction of their own on another thread and wait for it. A read-only transaction is a snapshot
 * instead: it leaves the queue as soon as it has begun (see {@link #prepareTransactionalConnection}).
 */
final class SqliteWriterQueue extends JdbcTransactionManager {

    /** As long as SQLite's own busy timeout ({@link DataDirectory#SQLITE_OPTIONS}). */
    static final Duration WAIT = Duration.ofSeconds(15);

    private final ReentrantLock writer = new ReentrantLock(true);
    private final Duration wait;
    /** The read-only transactions open now: snapshots that gave their place in the queue back at once. */
    private final Set<Object> snapshots = ConcurrentHashMap.newKeySet();

    SqliteWriterQueue(DataSource dataSource, Duration wait) {
        super(dataSource);
        this.wait = wait;
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        if (writer.isHeldByCurrentThread()) {
            // a new transaction beside one this thread has open (REQUIRES_NEW) would wait for SQLite's
            // lock held by the outer one until the busy timeout: say so at once
            throw new IllegalTransactionStateException("a second transaction beside an open one cannot write on SQLite");
        }
        acquire();
        try {
            super.doBegin(transaction, definition);
        } catch (RuntimeException | Error e) {
            writer.unlock();
            throw e;
        }
        if (definition.isReadOnly()) {
            // begun as a writer, turned into a snapshot read (prepareTransactionalConnection): WAL readers
            // wait for nobody, so a long read (a workspace backup) lets the writers go on
            snapshots.add(transaction);
            writer.unlock();
        }
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        if (definition.isReadOnly()) {
            // the driver began an IMMEDIATE transaction; its commit begins the next one in the mode set now
            connection.unwrap(SQLiteConnection.class).getConnectionConfig().setTransactionMode(TransactionMode.DEFERRED);
            connection.commit();
        }
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        if (snapshots.remove(transaction)) {
            restoreImmediate(transaction);
            super.doCleanupAfterCompletion(transaction);
            return;
        }
        // the SQLite driver opens the next IMMEDIATE transaction right after a commit and holds it
        // until the connection returns to auto-commit here, so the queue moves on only now
        try {
            super.doCleanupAfterCompletion(transaction);
        } finally {
            writer.unlock();
        }
    }

    /** The pooled connection goes back as every other: its next transaction begins IMMEDIATE. */
    private static void restoreImmediate(Object transaction) {
        try {
            ((JdbcTransactionObjectSupport) transaction).getConnectionHolder().getConnection()
                    .unwrap(SQLiteConnection.class).getConnectionConfig().setTransactionMode(TransactionMode.IMMEDIATE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the connection back to IMMEDIATE transactions", e);
        }
    }

    private void acquire() {
        boolean acquired;
        try {
            acquired = writer.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseBusy("interrupted while waiting for the database", e);
        }
        if (!acquired) {
            throw new DatabaseBusy("the database stayed busy for " + wait.toSeconds()
                    + " s: another change is still being written");
        }
    }

    /** For tests: whether a transaction of this thread or another holds the queue now. */
    boolean busy() {
        return writer.isLocked();
    }
}
