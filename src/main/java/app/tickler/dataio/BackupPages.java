package app.tickler.dataio;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import app.tickler.platform.security.AdminOnly;

/** The admins' Backup tab of the settings. */
@Controller
class BackupPages {

    @AdminOnly
    @GetMapping("/settings/backup")
    String page() {
        return "dataio/backup";
    }
}
