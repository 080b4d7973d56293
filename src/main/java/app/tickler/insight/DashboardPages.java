package app.tickler.insight;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import app.tickler.identity.Directory;
import app.tickler.identity.TeamId;
import app.tickler.identity.UserId;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.RepOrAbove;

/** The dashboard page: filters, headline figures, charts with their tables and CSV downloads. */
@Controller
class DashboardPages {

    private final Dashboard dashboard;
    private final Directory directory;

    DashboardPages(Dashboard dashboard, Directory directory) {
        this.dashboard = dashboard;
        this.directory = directory;
    }

    @RepOrAbove
    @GetMapping("/insights")
    String dashboard(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
            @RequestParam(required = false) TeamId teamId, @RequestParam(required = false) UserId userId, Locale locale,
            Model model) {
        Dashboard.Filter filter;
        try {
            filter = dashboard.filter(from, to, teamId, userId);
        } catch (InvalidInput problems) {
            model.addAttribute("problems", problems);
            filter = dashboard.filter(null, null, null, null);
        }
        DashboardView view = dashboard.view(filter, locale);
        Map<String, String> svgs = new LinkedHashMap<>();
        view.charts().forEach(c -> svgs.put(c.id(), Svg.render(c)));
        model.addAttribute("view", view);
        model.addAttribute("svgs", svgs);
        model.addAttribute("query", query(view));
        if (Actors.current().isManagerOrAdmin()) {
            model.addAttribute("teams", directory.teams());
            model.addAttribute("users", directory.activeUsers());
        }
        return "insight/dashboard";
    }

    @RepOrAbove
    @GetMapping(value = "/insights/charts/{chartId}.csv", produces = "text/csv")
    ResponseEntity<String> chartCsv(@PathVariable String chartId, @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to, @RequestParam(required = false) TeamId teamId,
            @RequestParam(required = false) UserId userId, Locale locale) {
        return DashboardApi.csv(dashboard.view(dashboard.filter(from, to, teamId, userId), locale), chartId);
    }

    /** The filter as a query string, for the CSV links. */
    private static String query(DashboardView view) {
        StringBuilder q = new StringBuilder("from=").append(view.from()).append("&to=").append(view.to());
        if (view.teamId() != null) {
            q.append("&teamId=").append(view.teamId().value());
        }
        if (view.userId() != null && Actors.current().isManagerOrAdmin()) {
            q.append("&userId=").append(view.userId().value());
        }
        return q.toString();
    }
}
