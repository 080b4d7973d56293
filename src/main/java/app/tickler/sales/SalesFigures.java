package app.tickler.sales;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actors;

/**
 * Read-only figures of the sales cycle for reports (the insight module): per-day totals recomputed
 * from leads, stage history and payments, closed and open deals for win rates, cycle lengths,
 * customer retention and the forecasts, open invoices by month. Scoped to the caller's workspace;
 * {@code owners} (deal owners) narrows to a team or a rep, null meaning everybody. Days are UTC days.
 */
@Service
public class SalesFigures {

    private static final long DAY = 86_400_000L;

    // A total of one user (0: nobody) on one UTC day, for a key (a stage id, or 0) and a currency (or empty).
    public record DailyTotal(long userId, LocalDate day, long key, String currency, long count, long amountMinor) {
    }

    // A won or lost deal.
    public record ClosedDeal(DealId id, AccountId accountId, UserId ownerId, DealOrigin origin, boolean won,
            long amountMinor, String currency, Instant createdAt, Instant closedAt) {
    }

    // Open deals expected to close in a month (null: no date): sums of amount × probability (percent) and of amounts.
    public record PipelineMonth(String month, String currency, long weightedTimes100, long amountMinor) {
    }

    // Open deals expected to close on a day with the same payment terms: the sum of amount × probability (percent).
    public record ExpectedClose(LocalDate expectedCloseDate, int paymentTermsDays, String currency, long weightedTimes100) {
    }

    // An amount due in a month ({@code YYYY-MM}).
    public record MonthlyAmount(String month, String currency, long amountMinor) {
    }

    // Customers and their purchases around a period: {@code customersAtStart} had won before it,
    // {@code retained} of those won again (not their first win) in the year up to its end; {@code buyersInPeriod} won in
    // it, {@code repeatBuyers} of those had won before.
    public record Customers(long customersAtStart, long retained, long buyersInPeriod, long repeatBuyers) {
    }

    private final JdbcClient jdbc;

    SalesFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Leads created per day (all on user 0: a lead's first owner is not kept). */
    public List<DailyTotal> leadsPerDay() {
        return daily("SELECT 0 AS user_id, created_at / " + DAY + " AS day, 0 AS k, '' AS currency, COUNT(*) AS n,"
                + " 0 AS amount FROM leads WHERE workspace_id = :workspace GROUP BY created_at / " + DAY);
    }

    /** Deals entering each stage per day, by who moved them (the creation of a deal enters its first stage). */
    public List<DailyTotal> stageEntriesPerDay() {
        return daily("SELECT COALESCE(actor_id, 0) AS user_id, moved_at / " + DAY + " AS day, to_stage_id AS k,"
                + " '' AS currency, COUNT(*) AS n, 0 AS amount FROM deal_stage_changes WHERE workspace_id = :workspace"
                + " GROUP BY COALESCE(actor_id, 0), moved_at / " + DAY + ", to_stage_id");
    }

    /** Deals moved forward out of each stage per day, by who moved them. */
    public List<DailyTotal> stageProgressionsPerDay() {
        return daily("SELECT COALESCE(actor_id, 0) AS user_id, moved_at / " + DAY + " AS day, from_stage_id AS k,"
                + " '' AS currency, COUNT(*) AS n, 0 AS amount FROM deal_stage_changes WHERE workspace_id = :workspace"
                + " AND movement = 'PROGRESSED' AND from_stage_id IS NOT NULL"
                + " GROUP BY COALESCE(actor_id, 0), moved_at / " + DAY + ", from_stage_id");
    }

    /** Payments received per day they were paid and currency (user 0: cash is the company's). */
    public List<DailyTotal> paymentsPerDay() {
        return jdbc.sql("""
                SELECT paid_on, currency, COUNT(*) AS n, SUM(amount_minor) AS amount FROM payments
                WHERE workspace_id = :workspace AND paid_on IS NOT NULL GROUP BY paid_on, currency
                """).param("workspace", workspace())
                .query((rs, n) -> new DailyTotal(0, LocalDate.parse(rs.getString("paid_on")), 0, rs.getString("currency"),
                        rs.getLong("n"), rs.getLong("amount")))
                .list();
    }

    private List<DailyTotal> daily(String sql) {
        return jdbc.sql(sql).param("workspace", workspace())
                .query((rs, n) -> new DailyTotal(rs.getLong("user_id"), LocalDate.ofEpochDay(rs.getLong("day")),
                        rs.getLong("k"), rs.getString("currency"), rs.getLong("n"), rs.getLong("amount")))
                .list();
    }

    /** Deals won or lost from {@code from} up to (not including) {@code to} of these owners. */
    public List<ClosedDeal> closedDeals(Instant from, Instant to, Collection<Long> owners) {
        if (owners != null && owners.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT id, account_id, owner_id, origin, status, amount_minor, currency, created_at, closed_at FROM deals
                WHERE workspace_id = :workspace
                  AND pipeline_id IN (SELECT p.id FROM pipelines p WHERE p.workspace_id = :workspace)
                  AND status IN ('WON', 'LOST') AND closed_at >= :from AND closed_at < :to
                """ + (owners == null ? "" : " AND owner_id IN (:owners)")).param("workspace", workspace())
                .param("from", from.toEpochMilli()).param("to", to.toEpochMilli())
                .params(owners == null ? Map.of() : Map.of("owners", owners))
                .query((rs, n) -> new ClosedDeal(new DealId(rs.getLong("id")), new AccountId(rs.getLong("account_id")),
                        new UserId(rs.getLong("owner_id")), DealOrigin.valueOf(rs.getString("origin")),
                        "WON".equals(rs.getString("status")), rs.getLong("amount_minor"), rs.getString("currency"),
                        Rows.instant(rs, "created_at"), Rows.instant(rs, "closed_at")))
                .list();
    }

    /**
     * Open deals of these owners expected to close by {@code until} (or without a date) by month of
     * expected close ({@code month} null: no date) and currency: the sum of amount × probability
     * (percent, so divide by 100) and of the amounts.
     */
    public List<PipelineMonth> pipelineByMonth(LocalDate until, Collection<Long> owners) {
        if (owners != null && owners.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT substr(expected_close_on, 1, 7) AS month, currency, SUM(amount_minor * probability) AS weighted,
                       SUM(amount_minor) AS amount
                FROM deals WHERE workspace_id = :workspace AND status = 'OPEN'
                  AND (expected_close_on IS NULL OR expected_close_on <= :until)
                """ + (owners == null ? "" : " AND owner_id IN (:owners)")
                + " GROUP BY substr(expected_close_on, 1, 7), currency").param("workspace", workspace())
                .param("until", until.toString()).params(owners == null ? Map.of() : Map.of("owners", owners))
                .query((rs, n) -> new PipelineMonth(rs.getString("month"), rs.getString("currency"),
                        rs.getLong("weighted"), rs.getLong("amount")))
                .list();
    }

    /**
     * Open deals of everybody with an expected close date by {@code until}, grouped by that date, their
     * payment terms and currency: the sum of amount × probability (percent). The cash they bring comes
     * the terms after the close.
     */
    public List<ExpectedClose> expectedCloses(LocalDate until) {
        return jdbc.sql("""
                SELECT expected_close_on, payment_terms_days, currency, SUM(amount_minor * probability) AS weighted
                FROM deals WHERE workspace_id = :workspace AND status = 'OPEN' AND expected_close_on IS NOT NULL
                  AND expected_close_on <= :until
                GROUP BY expected_close_on, payment_terms_days, currency
                """).param("workspace", workspace()).param("until", until.toString())
                .query((rs, n) -> new ExpectedClose(LocalDate.parse(rs.getString("expected_close_on")),
                        rs.getInt("payment_terms_days"), rs.getString("currency"), rs.getLong("weighted")))
                .list();
    }

    /** Unpaid invoices by the month they are due, up to {@code until}; overdue ones count in their own month. */
    public List<MonthlyAmount> openInvoicesByMonth(LocalDate until) {
        return jdbc.sql("""
                SELECT substr(due_on, 1, 7) AS month, currency, SUM(amount_minor) AS amount FROM payments
                WHERE workspace_id = :workspace AND paid_on IS NULL AND due_on <= :until
                GROUP BY substr(due_on, 1, 7), currency ORDER BY 1, 2
                """).param("workspace", workspace()).param("until", until.toString())
                .query((rs, n) -> new MonthlyAmount(rs.getString("month"), rs.getString("currency"), rs.getLong("amount")))
                .list();
    }

    /**
     * Retention and repeat purchases around the period from {@code from} up to {@code to}; {@code owners} are the deals' owners.
     * Reads the index {@code deals_won_by_owner} only (owner, closing time, account). Grouping by the expression
     * {@code account_id + 0} keeps SQLite from walking the workspace's deals in account order instead (the index
     * {@code deals_by_account} would spare it the sort, at the price of reading every deal's row).
     */
    public Customers customers(Instant from, Instant to, Collection<Long> owners) {
        if (owners != null && owners.isEmpty()) {
            return new Customers(0, 0, 0, 0);
        }
        long yearBeforeEnd = to.toEpochMilli() - 365 * DAY;
        return jdbc.sql("""
                SELECT COALESCE(SUM(CASE WHEN first_win < :from THEN 1 ELSE 0 END), 0) AS at_start,
                       COALESCE(SUM(CASE WHEN first_win < :from AND wins_in_year > 0 THEN 1 ELSE 0 END), 0) AS retained,
                       COALESCE(SUM(CASE WHEN wins_in_period > 0 THEN 1 ELSE 0 END), 0) AS buyers,
                       COALESCE(SUM(CASE WHEN wins_in_period > 0 AND first_win < :from THEN 1 ELSE 0 END), 0) AS repeat_buyers
                FROM (SELECT MIN(closed_at) AS first_win,
                             SUM(CASE WHEN closed_at >= :from AND closed_at < :to THEN 1 ELSE 0 END) AS wins_in_period,
                             SUM(CASE WHEN closed_at >= :yearStart THEN 1 ELSE 0 END)
                               - (CASE WHEN MIN(closed_at) >= :yearStart THEN 1 ELSE 0 END) AS wins_in_year
                      FROM deals WHERE workspace_id = :workspace AND status = 'WON' AND closed_at < :to
                """ + (owners == null ? "" : " AND owner_id IN (:owners)") + " GROUP BY account_id + 0) w")
                .param("workspace", workspace()).param("from", from.toEpochMilli()).param("to", to.toEpochMilli())
                .param("yearStart", yearBeforeEnd).params(owners == null ? Map.of() : Map.of("owners", owners))
                .query((rs, n) -> new Customers(rs.getLong("at_start"), rs.getLong("retained"), rs.getLong("buyers"),
                        rs.getLong("repeat_buyers")))
                .single();
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
