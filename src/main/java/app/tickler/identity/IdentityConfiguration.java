package app.tickler.identity;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.tickler.platform.security.Role;
import app.tickler.platform.web.NavigationItem;

@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    @Bean
    NavigationItem settingsNavigation() {
        return new NavigationItem(90, "nav.settings", "/settings/users", Set.of(Role.ADMIN));
    }
}
