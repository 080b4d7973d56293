package app.tickler.dataio;

import java.io.IOException;
import java.time.LocalDate;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import app.tickler.platform.security.Actors;
import app.tickler.platform.security.AdminOnly;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The workspace backup for its admins: a ZIP streamed as it is written (also the settings page's
 * download). It never holds credentials — no password, API-token or calendar-feed secret or hash of a
 * colleague; only the operator's command-line backup may. Restoring needs an installation without the workspace, so it is done from the command
 * line (docs/operations.md).
 */
@RestController
@Tag(name = "Backup")
class BackupApi {

    private final Backups backups;

    BackupApi(Backups backups) {
        this.backups = backups;
    }

    @AdminOnly
    @GetMapping({"/api/v1/backup", "/settings/backup/download"})
    void backup(HttpServletResponse response) throws IOException {
        long workspace = Actors.current().workspaceId();
        ImportDownloads.download(response, "tickler-workspace-" + workspace + "-" + LocalDate.now() + ".zip",
                "application/zip", out -> backups.backup(workspace, out, false));
    }
}
