package app.tickler.insight;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.tickler.followup.FollowUps;
import app.tickler.party.AccountId;
import app.tickler.platform.Paging;
import app.tickler.platform.security.Role;
import app.tickler.platform.timeline.TimelineEntry.Subject;
import app.tickler.platform.web.NavigationItem;
import app.tickler.platform.web.RecordPanel;

/** What the module contributes to the rest of the UI: the Insights entry and the ICKR panel on account pages. */
@Configuration(proxyBeanMethods = false)
class InsightWeb {

    /** Managers and admins see everyone's numbers, reps their own. */
    @Bean
    NavigationItem insightsNavigation() {
        return new NavigationItem(70, "nav.insights", "/insights", Set.of(Role.ADMIN, Role.MANAGER, Role.REP));
    }

    @Bean
    RecordPanel accountIckr(Ickr ickr, InsightMarks marks, FollowUps followUps) {
        return new RecordPanel() {
            @Override
            public String subjectType() {
                return "account";
            }

            @Override
            public int order() {
                return 15;
            }

            @Override
            public String fragment() {
                return "insight/panels :: ickr";
            }

            @Override
            public Map<String, Object> model(long subjectId) {
                AccountId account = new AccountId(subjectId);
                Map<String, Object> model = new LinkedHashMap<>();
                model.put("card", ickr.scorecard(account));
                model.put("insights", marks.of(account, 5));
                model.put("touches", followUps.touchesOf(new Subject("account", subjectId), Paging.first(5)).items());
                model.put("accountId", subjectId);
                return model;
            }
        };
    }
}
