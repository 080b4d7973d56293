package app.tickler.insight;

import java.time.LocalDate;
import java.util.Locale;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import app.tickler.identity.TeamId;
import app.tickler.identity.UserId;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.security.AdminOnly;
import app.tickler.platform.security.RepOrAbove;
import io.swagger.v3.oas.annotations.tags.Tag;

/** REST API of the dashboard, its charts as CSV, and the rebuild of the daily counters. */
@RestController
@RequestMapping("/api/v1/insights")
@Tag(name = "Insight")
class DashboardApi {

    /** What a refresh of the coverage snapshot did. */
    record CoverageRefresh(int owners) {
    }

    private final Dashboard dashboard;
    private final CounterRebuild rebuild;
    private final CoverageSnapshots coverage;

    DashboardApi(Dashboard dashboard, CounterRebuild rebuild, CoverageSnapshots coverage) {
        this.dashboard = dashboard;
        this.rebuild = rebuild;
        this.coverage = coverage;
    }

    /** Recomputes today's ICKR coverage snapshot now, instead of waiting for the night. */
    @AdminOnly
    @PostMapping("/coverage/refresh")
    CoverageRefresh refreshCoverage() {
        return new CoverageRefresh(coverage.refresh());
    }

    @RepOrAbove
    @GetMapping("/dashboard")
    DashboardView dashboard(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
            @RequestParam(required = false) TeamId teamId, @RequestParam(required = false) UserId userId, Locale locale) {
        return dashboard.view(dashboard.filter(from, to, teamId, userId), locale);
    }

    @RepOrAbove
    @GetMapping(value = "/dashboard/charts/{chartId}.csv", produces = "text/csv")
    ResponseEntity<String> chartCsv(@PathVariable String chartId, @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to, @RequestParam(required = false) TeamId teamId,
            @RequestParam(required = false) UserId userId, Locale locale) {
        return csv(dashboard.view(dashboard.filter(from, to, teamId, userId), locale), chartId);
    }

    static ResponseEntity<String> csv(DashboardView view, String chartId) {
        Chart chart = view.chart(chartId);
        if (chart == null) {
            throw new InvalidInput("chartId", "is not a chart of the dashboard");
        }
        return IckrApi.csv(chartId + "-" + view.from() + "-" + view.to() + ".csv", chart.csv());
    }

    /** Recomputes the workspace's daily counters from the source data (after an import or an erasure). */
    @AdminOnly
    @PostMapping("/counters/rebuild")
    CounterRebuild.Result rebuild() {
        return rebuild.rebuild();
    }
}
