package app.tickler.aftersale;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import app.tickler.followup.FollowUp;
import app.tickler.followup.FollowUpOrigin;
import app.tickler.followup.FollowUps;
import app.tickler.followup.NewFollowUp;
import app.tickler.identity.Directory;
import app.tickler.identity.UserId;
import app.tickler.identity.UserSummary;
import app.tickler.party.AccountId;
import app.tickler.party.Channel;
import app.tickler.party.Parties;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;
import app.tickler.sales.DealSummary;
import app.tickler.sales.SalesCycle;

/**
 * Renewals (seed 002 phase 5): the set number of days before a warranty, a service contract or a
 * product's life ends, a follow-up for the account's owner (origin RENEWAL) and, if the workspace
 * wants it, a REPEAT renewal deal in the default pipeline. A notice row per installed product, kind
 * and end date, written first with ON CONFLICT DO NOTHING, makes it once only — a rerun, a second
 * instance or an unchanged end never gives a second one; a changed end date is a new end.
 */
@Component
class Renewals {

    record Due(long installed, EndKind kind, LocalDate end, long account, String accountName, Long owner,
            String product, int quantity) {
    }

    private final JdbcClient jdbc;
    private final AftersaleSettingsStore settings;
    private final FollowUps followUps;
    private final SalesCycle sales;
    private final Parties parties;
    private final Directory directory;
    private final Clock clock;
    private final TransactionTemplate transactions;

    Renewals(JdbcClient jdbc, AftersaleSettingsStore settings, FollowUps followUps, SalesCycle sales, Parties parties,
            Directory directory, Clock clock, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.followUps = followUps;
        this.sales = sales;
        this.parties = parties;
        this.directory = directory;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Gives every due renewal notice of the workspace; returns how many were given. */
    int run() {
        AftersaleSettings current = settings.get();
        LocalDate today = Actors.current().today(clock);
        List<Due> due = jdbc.sql("""
                SELECT e.installed_id, e.kind, e.end_date, e.account_id, a.name AS account_name, a.owner_id,
                       p.name AS product_name, i.quantity
                FROM installed_ends e
                JOIN installed_products i ON i.workspace_id = e.workspace_id AND i.id = e.installed_id
                JOIN accounts a ON a.workspace_id = e.workspace_id AND a.id = e.account_id
                JOIN products p ON p.workspace_id = e.workspace_id AND p.id = e.product_id
                WHERE e.workspace_id = :workspace AND e.end_date >= :today AND e.end_date <= :horizon
                  AND a.deleted_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM renewal_notices n WHERE n.workspace_id = e.workspace_id
                                  AND n.installed_id = e.installed_id AND n.kind = e.kind AND n.end_date = e.end_date)
                ORDER BY e.end_date, e.kind, e.installed_id LIMIT 5000
                """).param("workspace", Actors.current().workspaceId()).param("today", today.toString())
                .param("horizon", today.plusDays(current.renewalLeadDays()).toString())
                .query((rs, n) -> new Due(rs.getLong("installed_id"), EndKind.valueOf(rs.getString("kind")),
                        LocalDate.parse(rs.getString("end_date")), rs.getLong("account_id"), rs.getString("account_name"),
                        Rows.nullableLong(rs, "owner_id"), rs.getString("product_name"), rs.getInt("quantity")))
                .list();
        int given = 0;
        for (Due renewal : due) {
            if (Boolean.TRUE.equals(transactions.execute(status -> give(renewal, current.renewalDeals())))) {
                given++;
            }
        }
        return given;
    }

    private boolean give(Due renewal, boolean withDeal) {
        long workspace = Actors.current().workspaceId();
        boolean first = jdbc.sql("""
                INSERT INTO renewal_notices (workspace_id, installed_id, kind, end_date, created_at)
                VALUES (:workspace, :installed, :kind, :end, :now) ON CONFLICT DO NOTHING
                """).param("workspace", workspace).param("installed", renewal.installed()).param("kind", renewal.kind().name())
                .param("end", renewal.end().toString()).param("now", clock.millis()).update() == 1;
        if (!first) {
            return false;
        }
        AccountId account = new AccountId(renewal.account());
        if (!parties.mayContact(account, List.of())) {
            note(renewal, null, null, "do not contact: no follow-up planned");
            return true;
        }
        UserSummary assignee = assignee(renewal.owner());
        if (assignee == null) {
            note(renewal, null, null, "nobody to give it to");
            return true;
        }
        String what = renewal.quantity() + " × " + renewal.product() + ": " + label(renewal.kind()) + " ends "
                + renewal.end();
        ZoneId zone = assignee.timeZone() != null ? ZoneId.of(assignee.timeZone()) : Actors.current().zone();
        FollowUp followUp = followUps.plan(new NewFollowUp(assignee.id(), LocalDate.now(clock.withZone(zone)), null, null,
                Channel.CALL, null, "Renewal — " + what, account, null, null, null, FollowUpOrigin.RENEWAL, null));
        Long deal = null;
        if (withDeal) {
            DealSummary created = sales.createRepeatDeal(account, "Renewal: " + renewal.product() + " ("
                    + label(renewal.kind()) + " ends " + renewal.end() + ")", assignee.id());
            deal = created.id().value();
        }
        note(renewal, followUp.id().value(), deal, null);
        return true;
    }

    private void note(Due renewal, Long followUp, Long deal, String note) {
        jdbc.sql("""
                UPDATE renewal_notices SET follow_up_id = :followUp, deal_id = :deal, note = :note
                WHERE workspace_id = :workspace AND installed_id = :installed AND kind = :kind AND end_date = :end
                """).param("followUp", followUp).param("deal", deal).param("note", note)
                .param("workspace", Actors.current().workspaceId()).param("installed", renewal.installed())
                .param("kind", renewal.kind().name()).param("end", renewal.end().toString()).update();
    }

    /** The account's owner when active, else the workspace's first admin. */
    private UserSummary assignee(Long owner) {
        List<UserSummary> active = directory.activeUsers();
        if (owner != null) {
            for (UserSummary user : active) {
                if (user.id().equals(new UserId(owner))) {
                    return user;
                }
            }
        }
        return active.stream().filter(u -> u.role() == Role.ADMIN).findFirst().orElse(null);
    }

    static String label(EndKind kind) {
        return switch (kind) {
            case WARRANTY -> "warranty";
            case SERVICE -> "service contract";
            case END_OF_LIFE -> "end of life";
        };
    }

}
