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

import app.tickler.identity.Provisioning;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;

/**
 * Backups from the command line, then exit:
 * {@code --tickler.backup.workspace=<id> --tickler.backup.file=<zip>} writes a workspace backup, with the
 * users' password hashes and the API-token, calendar-feed and SMTP secrets only when
 * {@code --tickler.backup.credentials=true} is added;
 * {@code --tickler.restore.file=<zip>} restores one into this (empty) installation, and
 * {@code --tickler.restore.admin-email=<email> --tickler.restore.admin-password=<password>} gives that
 * user of the restored workspace a password (a backup without credentials restores nobody's);
 * {@code --tickler.backup.database=<file>} copies the SQLite database online ({@code VACUUM INTO}).
 */
@Component
@Order(90)
class BackupCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BackupCommand.class);

    private final Backups backups;
    private final DatabaseBackups database;
    private final Provisioning provisioning;
    private final ApplicationContext context;
    private final String workspace;
    private final String backupFile;
    private final boolean credentials;
    private final String restoreFile;
    private final String adminEmail;
    private final String adminPassword;
    private final String databaseFile;
    private final boolean exit;

    BackupCommand(Backups backups, DatabaseBackups database, Provisioning provisioning, ApplicationContext context,
            @Value("${tickler.backup.workspace:}") String workspace, @Value("${tickler.backup.file:}") String backupFile,
            @Value("${tickler.backup.credentials:false}") boolean credentials,
            @Value("${tickler.restore.file:}") String restoreFile,
            @Value("${tickler.restore.admin-email:}") String adminEmail,
            @Value("${tickler.restore.admin-password:}") String adminPassword,
            @Value("${tickler.backup.database:}") String databaseFile,
            @Value("${tickler.backup.exit:true}") boolean exit) {
        this.backups = backups;
        this.database = database;
        this.provisioning = provisioning;
        this.context = context;
        this.workspace = workspace;
        this.backupFile = backupFile;
        this.credentials = credentials;
        this.restoreFile = restoreFile;
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
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
                    backups.backup(id, out, credentials);
                }
                log.info("workspace {} backed up to {}{}", id, file.toAbsolutePath(),
                        credentials ? " with its credentials" : " without credentials");
            }
            if (!restoreFile.isBlank()) {
                ran = true;
                if (adminEmail.isBlank() != adminPassword.isBlank()) {
                    throw new InvalidInput("tickler.restore.admin-password",
                            "goes with tickler.restore.admin-email: give both or neither");
                }
                // the admin's password is set in the restore's transaction: a refused one restores nothing
                long id = backups.restore(Path.of(restoreFile), restored -> {
                    if (!adminEmail.isBlank()) {
                        Actors.runAs(Actor.system(restored, ZoneOffset.UTC),
                                () -> provisioning.setPassword(adminEmail.strip(), adminPassword));
                    }
                });
                Actors.runAs(Actor.system(id, ZoneOffset.UTC), backups::reindex);
                log.info("workspace {} restored from {}{}", id, restoreFile,
                        adminEmail.isBlank() ? "" : "; " + adminEmail.strip() + " has the new password");
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
