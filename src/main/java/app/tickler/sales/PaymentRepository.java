package app.tickler.sales;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tickler.party.AccountId;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.database.ListQuery;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actors;

@Repository
class PaymentRepository {

    static final String SELECT = """
            SELECT p.* FROM payments p JOIN deals d ON d.workspace_id = p.workspace_id AND d.id = p.deal_id
            WHERE p.workspace_id = :workspace""";

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final java.time.Clock clock;

    PaymentRepository(JdbcClient jdbc, IdGenerator ids, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    Optional<Payment> find(PaymentId id) {
        return jdbc.sql(SELECT + " AND p.id = :id").param("workspace", workspace()).param("id", id.value())
                .query((rs, n) -> map(rs)).optional();
    }

    List<Payment> ofDeal(DealId deal) {
        return jdbc.sql(SELECT + " AND p.deal_id = :deal ORDER BY p.due_on, p.id").param("workspace", workspace())
                .param("deal", deal.value()).query((rs, n) -> map(rs)).list();
    }

    Page<Payment> list(ListQuery query, Paging paging) {
        return query.page(jdbc, (rs, n) -> map(rs), ListQuery.Sort.ascending("p.due_on"), "p.id", paging,
                p -> p.dueOn().toString(), p -> p.id().value());
    }

    Payment schedule(Deal deal, PaymentSchedule.Installment installment) {
        return insert(deal, installment, null);
    }

    /** An invoice paid on {@code paidOn} already (null: open), as a deal that closed before it came to Tickler had. */
    Payment insert(Deal deal, PaymentSchedule.Installment installment, LocalDate paidOn) {
        long id = ids.next();
        long now = clock.millis();
        jdbc.sql("""
                INSERT INTO payments (workspace_id, id, deal_id, account_id, amount_minor, currency, due_on, paid_on,
                                      paid_at, reference, version, created_at, updated_at)
                VALUES (:workspace, :id, :deal, :account, :amount, :currency, :due, :paid, :paidAt, :reference, 0, :now,
                        :now)
                """).param("workspace", workspace()).param("id", id).param("deal", deal.id().value())
                .param("account", deal.accountId().value()).param("amount", installment.amountMinor())
                .param("currency", deal.currency()).param("due", installment.dueOn().toString())
                .param("paid", Rows.date(paidOn)).param("paidAt", paidOn == null ? null : now)
                .param("reference", installment.reference()).param("now", now).update();
        return find(new PaymentId(id)).orElseThrow();
    }

    boolean update(Payment payment, long version, long now) {
        return jdbc.sql("""
                UPDATE payments SET amount_minor = :amount, due_on = :due, paid_on = :paid, paid_at = :paidAt,
                       reference = :reference, version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND version = :version
                """).param("amount", payment.amountMinor()).param("due", payment.dueOn().toString())
                .param("paid", Rows.date(payment.paidOn())).param("paidAt", payment.paid() ? now : null)
                .param("reference", payment.reference()).param("now", now).param("workspace", workspace())
                .param("id", payment.id().value()).param("version", version).update() == 1;
    }

    boolean delete(PaymentId id, long version) {
        return jdbc.sql("DELETE FROM payments WHERE workspace_id = :workspace AND id = :id AND version = :version AND paid_on IS NULL")
                .param("workspace", workspace()).param("id", id.value()).param("version", version).update() == 1;
    }

    void deleteUnpaid(DealId deal) {
        jdbc.sql("DELETE FROM payments WHERE workspace_id = :workspace AND deal_id = :deal AND paid_on IS NULL")
                .param("workspace", workspace()).param("deal", deal.value()).update();
    }

    private static Payment map(ResultSet rs) throws SQLException {
        return new Payment(new PaymentId(rs.getLong("id")), new DealId(rs.getLong("deal_id")),
                new AccountId(rs.getLong("account_id")), rs.getLong("amount_minor"), rs.getString("currency"),
                LocalDate.parse(rs.getString("due_on")), Rows.nullableDate(rs, "paid_on"), rs.getString("reference"),
                rs.getLong("version"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
