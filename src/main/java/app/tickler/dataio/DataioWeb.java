package app.tickler.dataio;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.tickler.platform.security.Role;
import app.tickler.platform.web.NavigationItem;
import app.tickler.platform.web.SettingsTab;

/** What data in and out adds to the UI: the Import entry of the main navigation and the admins' Backup settings tab. */
@Configuration(proxyBeanMethods = false)
class DataioWeb {

    static final Set<Role> SELLERS = Set.of(Role.ADMIN, Role.MANAGER, Role.REP);

    @Bean
    NavigationItem importNavigation() {
        return new NavigationItem(80, "nav.imports", "/imports", SELLERS);
    }

    @Bean
    SettingsTab backupTab() {
        return new SettingsTab(90, "backup", "backup.title", "/settings/backup", Set.of(Role.ADMIN));
    }
}
