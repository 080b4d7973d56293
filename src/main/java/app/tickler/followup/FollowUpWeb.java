package app.tickler.followup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.tickler.party.ContactId;
import app.tickler.platform.Paging;
import app.tickler.platform.security.Role;
import app.tickler.platform.timeline.TimelineEntry.Subject;
import app.tickler.platform.web.NavigationItem;
import app.tickler.platform.web.RecordAction;
import app.tickler.platform.web.RecordPanel;
import app.tickler.platform.web.SettingsTab;
import app.tickler.platform.web.TopbarWidget;

/**
 * What the engine contributes to the rest of the UI: navigation entries (Today, Calendar), settings
 * tabs for managers, the bell in the top bar, the "Next steps" and "Touches" panels with their
 * buttons on account and contact pages, and the "Touches" panel and "Log a touch" on deal and lead pages.
 */
@Configuration(proxyBeanMethods = false)
class FollowUpWeb {

    private static final Set<Role> MANAGERS = Set.of(Role.ADMIN, Role.MANAGER);
    private static final Set<Role> SELLERS = Set.of(Role.ADMIN, Role.MANAGER, Role.REP);

    @Bean
    NavigationItem todayNavigation() {
        return NavigationItem.forEveryone(10, "nav.today", "/today");
    }

    @Bean
    NavigationItem calendarNavigation() {
        return NavigationItem.forEveryone(50, "nav.calendar", "/calendar");
    }

    @Bean
    SettingsTab reasonsTab() {
        return new SettingsTab(40, "reasons", "settings.reasons", "/settings/reasons", MANAGERS);
    }

    @Bean
    SettingsTab cadencesTab() {
        return new SettingsTab(41, "cadences", "settings.cadences", "/cadences", MANAGERS);
    }

    @Bean
    SettingsTab policiesTab() {
        return new SettingsTab(42, "policies", "settings.policies", "/settings/level-policies", MANAGERS);
    }

    @Bean
    SettingsTab emailTab() {
        return new SettingsTab(43, "email", "settings.email", "/settings/email", MANAGERS);
    }

    @Bean
    TopbarWidget notificationBell() {
        return new TopbarWidget(10, "/notifications/bell");
    }

    @Bean
    RecordAction logTouchOnAccount() {
        return new RecordAction("account", 10, "touch.quickLog", "/touches/new?accountId={id}", false, Set.of(Role.values()));
    }

    @Bean
    RecordAction planOnAccount() {
        return new RecordAction("account", 11, "followup.new", "/follow-ups/new?accountId={id}", false, SELLERS);
    }

    @Bean
    RecordAction logTouchOnContact() {
        return new RecordAction("contact", 10, "touch.quickLog", "/touches/new?contactId={id}", false, Set.of(Role.values()));
    }

    @Bean
    RecordAction planOnContact() {
        return new RecordAction("contact", 11, "followup.new", "/follow-ups/new?contactId={id}", false, SELLERS);
    }

    @Bean
    RecordAction enrolContact() {
        return new RecordAction("contact", 12, "cadence.enrol", "/cadences/enrol?contactId={id}", false, SELLERS);
    }

    @Bean
    RecordAction logTouchOnDeal() {
        return new RecordAction("deal", 10, "touch.quickLog", "/touches/new?dealId={id}", false, Set.of(Role.values()));
    }

    @Bean
    RecordAction logTouchOnLead() {
        return new RecordAction("lead", 10, "touch.quickLog", "/touches/new?leadId={id}", false, Set.of(Role.values()));
    }

    @Bean
    RecordPanel accountNextSteps(FollowUps followUps) {
        return panel("account", 10, "followup/panels :: nextSteps", id -> {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("followUps", followUps.openFollowUps(new app.tickler.party.AccountId(id), null));
            model.put("newPath", "/follow-ups/new?accountId=" + id);
            model.put("enrolments", List.of());
            return model;
        });
    }

    @Bean
    RecordPanel accountTouches(FollowUps followUps) {
        return panel("account", 11, "followup/panels :: touches", id -> touches(followUps, new Subject("account", id),
                "/touches/new?accountId=" + id));
    }

    @Bean
    RecordPanel contactNextSteps(FollowUps followUps, Enrolments enrolments) {
        return panel("contact", 10, "followup/panels :: nextSteps", id -> {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("followUps", followUps.openFollowUps(null, new ContactId(id)));
            model.put("newPath", "/follow-ups/new?contactId=" + id);
            model.put("enrolments", enrolments.activeOf("contact_id", id));
            return model;
        });
    }

    @Bean
    RecordPanel contactTouches(FollowUps followUps) {
        return panel("contact", 11, "followup/panels :: touches", id -> touches(followUps, new Subject("contact", id),
                "/touches/new?contactId=" + id));
    }

    @Bean
    RecordPanel dealTouches(FollowUps followUps) {
        return panel("deal", 11, "followup/panels :: touches", id -> touches(followUps, new Subject("deal", id),
                "/touches/new?dealId=" + id));
    }

    @Bean
    RecordPanel leadTouches(FollowUps followUps) {
        return panel("lead", 11, "followup/panels :: touches", id -> touches(followUps, new Subject("lead", id),
                "/touches/new?leadId=" + id));
    }

    private static Map<String, Object> touches(FollowUps followUps, Subject subject, String logPath) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("touches", followUps.touchesOf(subject, Paging.first(10)).items());
        model.put("attempts", followUps.currentAttempt(subject));
        model.put("logPath", logPath);
        return model;
    }

    private static RecordPanel panel(String type, int order, String fragment,
            java.util.function.LongFunction<Map<String, Object>> model) {
        return new RecordPanel() {
            @Override
            public String subjectType() {
                return type;
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
