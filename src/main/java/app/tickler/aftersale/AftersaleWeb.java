package app.tickler.aftersale;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.tickler.party.AccountId;
import app.tickler.party.Parties;
import app.tickler.platform.Paging;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;
import app.tickler.platform.web.NavigationItem;
import app.tickler.platform.web.RecordPanel;
import app.tickler.platform.web.SettingsTab;

/**
 * What the after-sale module puts on other pages: the installed base in the navigation, its settings
 * tabs, and the "Relationship" and "Installed products" panels on account pages.
 */
@Configuration(proxyBeanMethods = false)
class AftersaleWeb {

    private static final Set<Role> MANAGERS = Set.of(Role.ADMIN, Role.MANAGER);

    @Bean
    NavigationItem installedBaseNavigation() {
        return NavigationItem.forEveryone(70, "nav.installedBase", "/installed-base");
    }

    @Bean
    SettingsTab aftersaleTab() {
        return new SettingsTab(51, "aftersale", "settings.aftersale", "/settings/aftersale", MANAGERS);
    }

    @Bean
    SettingsTab productsTab() {
        return new SettingsTab(52, "products", "settings.products", "/products", MANAGERS);
    }

    @Bean
    RecordPanel relationshipPanel(RelationshipCycle cycle, Parties parties) {
        return panel(20, "aftersale/panels :: relationship", id -> {
            Map<String, Object> model = new LinkedHashMap<>();
            var account = parties.visibleAccount(new AccountId(id));
            model.put("accountId", id);
            model.put("stage", account.stage());
            model.put("history", cycle.history(account.id(), Paging.first(10)).items());
            model.put("suggestions", cycle.suggestions(account.id(), Paging.first(20)).items());
            model.put("mayChange", Actors.current().canWrite(account.ownerId() == null ? null : account.ownerId().value())
                    && !Actors.current().is(Role.STAFF));
            return model;
        });
    }

    @Bean
    RecordPanel installedProductsPanel(InstalledBase base) {
        return panel(21, "aftersale/panels :: installed", id -> {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("accountId", id);
            model.put("installed", base.installedProducts(new AccountId(id), null, Paging.first(50)).items());
            model.put("mayAdd", !Actors.current().is(Role.STAFF));
            return model;
        });
    }

    private static RecordPanel panel(int order, String fragment, java.util.function.LongFunction<Map<String, Object>> model) {
        return new RecordPanel() {
            @Override
            public String subjectType() {
                return "account";
            }

            @Override
            public int order() {
                return order;
            }

            @Override
            public String fragment() {
                return fragment;
            }

            @Override
            public Map<String, Object> model(long subjectId) {
                return model.apply(subjectId);
            }
        };
    }
}
