package app.tickler.party;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.tickler.platform.security.Role;
import app.tickler.platform.web.NavigationItem;
import app.tickler.platform.web.SettingsTab;

@Configuration(proxyBeanMethods = false)
class PartyConfiguration {

    @Bean
    NavigationItem accountsNavigation() {
        return NavigationItem.forEveryone(30, "nav.accounts", "/accounts");
    }

    @Bean
    NavigationItem contactsNavigation() {
        return NavigationItem.forEveryone(35, "nav.contacts", "/contacts");
    }

    @Bean
    SettingsTab customFieldsTab() {
        return new SettingsTab(40, "custom-fields", "customFields.title", "/settings/custom-fields", Set.of(Role.ADMIN));
    }
}
