package app.tickler.sales;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.tickler.platform.security.Role;
import app.tickler.platform.web.NavigationItem;
import app.tickler.platform.web.RecordAction;
import app.tickler.platform.web.SettingsTab;

/** The sales module's places in the navigation, the settings and other modules' record pages. */
@Configuration(proxyBeanMethods = false)
class SalesConfiguration {

    private static final Set<Role> MANAGERS = Set.of(Role.ADMIN, Role.MANAGER);
    private static final Set<Role> SELLERS = Set.of(Role.ADMIN, Role.MANAGER, Role.REP);

    @Bean
    NavigationItem pipelineNavigation() {
        return NavigationItem.forEveryone(20, "nav.pipeline", "/pipeline");
    }

    @Bean
    NavigationItem leadsNavigation() {
        return NavigationItem.forEveryone(40, "nav.leads", "/leads");
    }

    @Bean
    SettingsTab pipelinesTab() {
        return new SettingsTab(40, "pipelines", "settings.pipelines", "/settings/pipelines", MANAGERS);
    }

    @Bean
    SettingsTab lostReasonsTab() {
        return new SettingsTab(41, "lost-reasons", "settings.lostReasons", "/settings/lost-reasons", MANAGERS);
    }

    @Bean
    SettingsTab qualificationTab() {
        return new SettingsTab(42, "qualification", "settings.qualification", "/settings/qualification", MANAGERS);
    }

    @Bean
    SettingsTab leadPoolTab() {
        return new SettingsTab(43, "lead-pool", "settings.leadPool", "/settings/lead-pool", MANAGERS);
    }

    /** "Repeat proposal" on an account page: a REPEAT deal entering at the proposal stage (seed 000). */
    @Bean
    RecordAction repeatProposalAction() {
        return new RecordAction("account", 20, "deals.repeat", "/deals/repeat?accountId={id}", true, SELLERS);
    }

    @Bean
    RecordAction newDealAction() {
        return new RecordAction("account", 21, "deals.new", "/deals/new?accountId={id}", false, SELLERS);
    }
}
