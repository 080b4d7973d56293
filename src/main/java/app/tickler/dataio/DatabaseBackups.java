package app.tickler.dataio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import app.tickler.platform.Conflict;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.database.Dialect;

/**
 * A consistent online copy of the embedded SQLite database with {@code VACUUM INTO}: one statement,
 * a snapshot at a single point in time, while the application keeps running. PostgreSQL has its own
 * tools (pg_dump), see docs/operations.md.
 */
@Service
class DatabaseBackups {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final JdbcTemplate jdbc;
    private final Dialect dialect;
    private final Clock clock;
    private final Path dataDir;

    DatabaseBackups(JdbcTemplate jdbc, Dialect dialect, Clock clock, @Value("${tickler.data-dir}") String dataDir) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.clock = clock;
        this.dataDir = Path.of(dataDir);
    }

    /** Copies the database to the file, which must not exist yet; null: a dated file in the data directory's backups/. */
    Path copy(Path target) throws java.io.IOException {
        if (dialect != Dialect.SQLITE) {
            throw new Conflict("The online database copy is for the embedded SQLite database; back up PostgreSQL"
                    + " with pg_dump (docs/operations.md)");
        }
        Path file = target != null ? target.toAbsolutePath()
                : dataDir.resolve("backups").resolve("tickler-" + STAMP.format(clock.instant()) + ".db").toAbsolutePath();
        if (Files.exists(file)) {
            throw new InvalidInput("file", "exists already: choose a new file");
        }
        Files.createDirectories(file.getParent());
        String path = file.toString();
        if (path.indexOf('\'') >= 0) {
            throw new InvalidInput("file", "must not contain an apostrophe");
        }
        jdbc.execute("VACUUM INTO '" + path + "'");
        return file;
    }
}
