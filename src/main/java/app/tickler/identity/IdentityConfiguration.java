package app.tickler.identity;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.tickler.platform.security.Role;
import app.tickler.platform.web.NavigationItem;
import app.tickler.platform.web.SettingsTab;

@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    @Bean
    NavigationItem settingsNavigation() {
        return new NavigationItem(90, "nav.settings", "/settings", Set.of(Role.ADMIN, Role.MANAGER));
    }

    @Bean
    SettingsTab usersTab() {
        return new SettingsTab(10, "users", "settings.users", "/settings/users", Set.of(Role.ADMIN));
    }

    @Bean
    SettingsTab teamsTab() {
        return new SettingsTab(20, "teams", "settings.teams", "/settings/teams", Set.of(Role.ADMIN));
    }

    @Bean
    SettingsTab workspaceTab() {
        return new SettingsTab(30, "workspace", "settings.workspace", "/settings/workspace", Set.of(Role.ADMIN));
    }

    @Bean
    SettingsTab auditTab() {
        return new SettingsTab(100, "audit", "settings.audit", "/settings/audit", Set.of(Role.ADMIN));
    }
}
