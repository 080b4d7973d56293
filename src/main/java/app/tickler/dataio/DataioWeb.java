package app.tickler.dataio;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.tickler.platform.security.Role;
import app.tickler.platform.web.SettingsTab;

/**
 * What data in and out adds to the UI: the admins' Backup settings tab. Imports are reached from the account and
 * contact lists (beside their exports), which keeps the main navigation to the product's own entries.
 */
@Configuration(proxyBeanMethods = false)
class DataioWeb {

    @Bean
    SettingsTab backupTab() {
        return new SettingsTab(90, "backup", "backup.title", "/settings/backup", Set.of(Role.ADMIN));
    }
}
