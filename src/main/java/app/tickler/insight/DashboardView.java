package app.tickler.insight;

import java.time.LocalDate;
import java.util.List;

import app.tickler.identity.TeamId;
import app.tickler.identity.UserId;

/**
 * The dashboard for a period and a team or rep ({@code teamId} and {@code userId} null: everybody):
 * headline figures and the charts, short term, long term, persistence and forecast.
 */
public record DashboardView(LocalDate from, LocalDate to, TeamId teamId, UserId userId, String scope, List<Kpi> kpis,
        List<Chart> charts, long millis) {

    public DashboardView {
        kpis = List.copyOf(kpis);
        charts = List.copyOf(charts);
    }

    /** A headline figure; {@code value} is formatted, null when there is nothing to measure. */
    public record Kpi(String id, String label, String value, String section) {
    }

    public Chart chart(String id) {
        return charts.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
    }

    public List<Chart> section(String prefix) {
        return charts.stream().filter(c -> c.id().startsWith(prefix)).toList();
    }

    public List<Kpi> kpis(String section) {
        return kpis.stream().filter(k -> k.section().equals(section)).toList();
    }
}
