package app.tickler.followup;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import app.tickler.platform.Cursor;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Visibility;
import app.tickler.sales.DealId;
import app.tickler.sales.DealSummary;
import app.tickler.sales.LeadId;
import app.tickler.sales.LeadSummary;
import app.tickler.sales.SalesCycle;
import app.tickler.sales.StageSummary;

/**
 * The follow-up engine wired to the sales cycle: the engine depends on sales, never the other way.
 * Outgoing, it answers {@link SalesHooks.Sales} over the {@link SalesCycle} facade; incoming, it
 * listens to the sales events — a won or lost deal ends its chase and its plans, a closed lead
 * likewise — and tells sales when a touch concerned a lead or a deal, so that neither goes idle.
 */
@Component
class SalesWiring implements SalesHooks.Sales {

    private final SalesCycle sales;
    private final JdbcClient jdbc;

    SalesWiring(SalesCycle sales, JdbcClient jdbc) {
        this.sales = sales;
        this.jdbc = jdbc;
    }

    @Override
    public boolean leadExists(long leadId) {
        return visibleLead(leadId) != null;
    }

    @Override
    public boolean dealExists(long dealId) {
        return visibleDeal(dealId) != null;
    }

    @Override
    public Long dealAmount(long dealId) {
        return sales.deal(new DealId(dealId)).map(DealSummary::amountMinor).orElse(null);
    }

    @Override
    public void readyToBuy(Long leadId, Long dealId) {
        if (leadId != null) {
            sales.advanceLead(new LeadId(leadId), "ready to buy");
        }
        if (dealId != null) {
            sales.advance(new DealId(dealId), "ready to buy");
        }
    }

    /** The stage is named by its id or its name (any case), within the deal's pipeline. */
    @Override
    public void moveStage(long dealId, String stage) {
        DealSummary deal = visibleDeal(dealId);
        if (deal == null) {
            throw new InvalidInput("dealId", "is not a deal you can see");
        }
        List<StageSummary> stages = sales.stages(deal.pipelineId()).stream().filter(s -> !s.retired()).toList();
        String wanted = stage.strip();
        StageSummary target = stages.stream()
                .filter(s -> Long.toString(s.id().value()).equals(wanted) || s.name().equalsIgnoreCase(wanted))
                .findFirst()
                .orElseThrow(() -> new InvalidInput("stage", "is not a stage of the deal's pipeline (one of "
                        + stages.stream().map(StageSummary::name).toList() + ")"));
        if (!target.id().equals(deal.stageId())) {
            sales.moveDeal(deal.id(), target.id(), "touch outcome");
        }
    }

    /**
     * Open leads (new or being worked) or open deals with no open follow-up, by name; a read model
     * joining the sales tables with the engine's follow-ups, each side by its own indexes.
     */
    @Override
    public Page<NoNextStep> openWithoutNextStep(String type, Paging paging) {
        Actor actor = Actors.current();
        boolean leads = "lead".equals(type);
        String alias = leads ? "l" : "d";
        Visibility visibility = Visibility.of(actor, alias + ".owner_id", leads);
        Map<String, Object> params = new HashMap<>(visibility.parameters());
        params.put("workspace", actor.workspaceId());
        params.put("limit", paging.fetchSize());
        String keyset = "";
        if (paging.hasCursor()) {
            Cursor after = paging.after(2);
            keyset = " AND (" + alias + ".sort_name, " + alias + ".id) > (:afterName, :afterId)";
            params.put("afterName", after.key(0));
            params.put("afterId", after.longKey(1));
        }
        String sql = leads ? """
                SELECT l.id, l.sort_name, TRIM(COALESCE(l.first_name, '') || ' ' || COALESCE(l.last_name, '')) AS name,
                       l.company AS detail, u.display_name, l.last_activity_at
                FROM leads l LEFT JOIN users u ON u.workspace_id = l.workspace_id AND u.id = l.owner_id
                WHERE l.workspace_id = :workspace AND l.status IN ('NEW', 'WORKING')
                  AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.workspace_id = l.workspace_id AND f.lead_id = l.id
                                  AND f.status = 'OPEN')
                """ : """
                SELECT d.id, d.sort_name, d.name, s.name AS detail, u.display_name, d.last_activity_at
                FROM deals d
                JOIN pipeline_stages s ON s.workspace_id = d.workspace_id AND s.id = d.stage_id
                LEFT JOIN users u ON u.workspace_id = d.workspace_id AND u.id = d.owner_id
                WHERE d.workspace_id = :workspace AND d.status = 'OPEN'
                  AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.workspace_id = d.workspace_id AND f.deal_id = d.id
                                  AND f.status = 'OPEN')
                """;
        record Row(NoNextStep item, String sortName) {
        }
        List<Row> rows = jdbc.sql(sql + " AND " + visibility.sql() + keyset + " ORDER BY " + alias + ".sort_name, "
                        + alias + ".id LIMIT :limit")
                .params(params)
                .query((rs, n) -> {
                    long id = rs.getLong("id");
                    String name = rs.getString("name");
                    return new Row(new NoNextStep(type, id, name == null || name.isBlank() ? rs.getString("detail") : name,
                            rs.getString("detail"), rs.getString("display_name"),
                            Instant.ofEpochMilli(rs.getLong("last_activity_at")), "/" + type + "s/" + id),
                            rs.getString("sort_name"));
                })
                .list();
        return Page.of(rows, paging, r -> Cursor.of(r.sortName(), r.item().id())).map(Row::item);
    }

    /** The lead if the caller may see it, else null. */
    LeadSummary visibleLead(long leadId) {
        return sales.lead(new LeadId(leadId))
                .filter(lead -> Actors.current().canRead(lead.ownerId() == null ? null : lead.ownerId().value()))
                .orElse(null);
    }

    /** The deal if the caller may see it, else null. */
    DealSummary visibleDeal(long dealId) {
        return sales.deal(new DealId(dealId))
                .filter(deal -> Actors.current().canRead(deal.ownerId() == null ? null : deal.ownerId().value()))
                .orElse(null);
    }

}
