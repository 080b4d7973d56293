package app.tickler.dataio;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.tickler.platform.security.Role;
import app.tickler.platform.web.NavigationItem;

/** What data in and out adds to the UI: the Import entry of the main navigation. */
@Configuration(proxyBeanMethods = false)
class DataioWeb {

    static final Set<Role> SELLERS = Set.of(Role.ADMIN, Role.MANAGER, Role.REP);

    @Bean
    NavigationItem importNavigation() {
        return new NavigationItem(80, "nav.imports", "/imports", SELLERS);
    }
}
