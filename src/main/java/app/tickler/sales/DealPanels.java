package app.tickler.sales;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.tickler.party.AccountId;
import app.tickler.party.ContactId;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.web.RecordPanel;

/** The "Deals" section of account and contact pages: their deals, open first, newest first. */
@Configuration(proxyBeanMethods = false)
class DealPanels {

    static final int SHOWN = 20;

    @Bean
    RecordPanel accountDealsPanel(SalesQueries queries) {
        return new Panel("account", queries);
    }

    @Bean
    RecordPanel contactDealsPanel(SalesQueries queries) {
        return new Panel("contact", queries);
    }

    private record Panel(String subjectType, SalesQueries queries) implements RecordPanel {

        @Override
        public int order() {
            return 20;
        }

        @Override
        public String fragment() {
            return "sales/panels :: deals";
        }

        @Override
        public Map<String, Object> model(long subjectId) {
            SalesQueries.DealFilter filter = subjectType.equals("account")
                    ? new SalesQueries.DealFilter(null, null, null, null, null, new AccountId(subjectId), null, null, null)
                    : new SalesQueries.DealFilter(null, null, null, null, null, null, new ContactId(subjectId), null, null);
            Page<Deal> page = queries.deals(filter, SalesQueries.DealSort.NEWEST, Paging.first(SHOWN));
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("subjectType", subjectType);
            model.put("subjectId", subjectId);
            model.put("deals", page.items().stream().sorted((a, b) -> Boolean.compare(!a.isOpen(), !b.isOpen())).toList());
            model.put("more", page.hasNext());
            return model;
        }
    }
}
