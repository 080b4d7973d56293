package app.tickler.dataio;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;

/**
 * Backups from the command line, then exit:
 * {@code --tickler.backup.workspace=<id> --tickler.backup.file=<zip>} writes a workspace backup;
 * {@code --tickler.restore.file=<zip>} restores one into this (empty) installation;
 * {@code --tickler.backup.database=<file>} copies the SQLite database online ({@code VACUUM INTO}).
 */
@Component
@Order(90)
class BackupCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BackupCommand.class);

    private final Backups backups;
    private final DatabaseBackups database;
    private final ApplicationContext context;
    private final String workspace;
    private final String backupFile;
    private final String restoreFile;
    private final String databaseFile;
    private final boolean exit;

    BackupCommand(Backups backups, DatabaseBackups database, ApplicationContext context,
            @Value("${tickler.backup.workspace:}") String workspace, @Value("${tickler.backup.file:}") String backupFile,
            @Value("${tickler.restore.file:}") String restoreFile,
            @Value("${tickler.backup.database:}") String databaseFile,
            @Value("${tickler.backup.exit:true}") boolean exit) {
        this.backups = backups;
        this.database = database;
        this.context = context;
        this.workspace = workspace;
        this.backupFile = backupFile;
        this.restoreFile = restoreFile;
        this.databaseFile = databaseFile;
        this.exit = exit;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        boolean ran = false;
        int status = 0;
        try {
            if (!backupFile.isBlank()) {
                ran = true;
                long id = Long.parseLong(workspace.strip());
                Path file = Path.of(backupFile);
                try (OutputStream out = Files.newOutputStream(file)) {
                    backups.backup(id, out);
                }
                log.info("workspace {} backed up to {}", id, file.toAbsolutePath());
            }
            if (!restoreFile.isBlank()) {
                ran = true;
                long id = backups.restore(Path.of(restoreFile));
                Actors.runAs(Actor.system(id, ZoneOffset.UTC), backups::reindex);
                log.info("workspace {} restored from {}", id, restoreFile);
            }
            if (!databaseFile.isBlank()) {
                ran = true;
                log.info("database copied to {}", database.copy(Path.of(databaseFile)));
            }
        } catch (RuntimeException e) {
            log.error("backup command failed: {}", e.getMessage());
            status = 1;
            if (!exit) {
                throw e;
            }
        }
        if (ran && exit) {
            int code = status;
            System.exit(SpringApplication.exit(context, () -> code));
        }
    }
}
