package app.tickler.journal;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.tickler.platform.security.Role;
import app.tickler.platform.web.NavigationItem;
import app.tickler.platform.web.SettingsTab;

/** The journal's navigation entry and its settings tab. */
@Configuration(proxyBeanMethods = false)
class JournalWeb {

    @Bean
    NavigationItem journalNavigation() {
        return new NavigationItem(60, "nav.journal", "/journal", Set.of(Role.ADMIN, Role.MANAGER, Role.REP));
    }

    @Bean
    SettingsTab journalTab() {
        return new SettingsTab(50, "journal", "settings.journal", "/settings/journal", Set.of(Role.ADMIN, Role.MANAGER));
    }
}
