package app.tickler.sales;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.BuyingRole;
import app.tickler.party.ContactId;
import app.tickler.platform.Cursor;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.database.ListQuery;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actors;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class DealRepository {

    static final String SELECT = """
            SELECT d.*, s.name AS stage_name, r.label AS lost_reason_label
            FROM deals d
            JOIN pipeline_stages s ON s.workspace_id = d.workspace_id AND s.id = d.stage_id
            LEFT JOIN lost_reasons r ON r.workspace_id = d.workspace_id AND r.id = d.lost_reason_id
            WHERE d.workspace_id = :workspace""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DealRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Deal> find(long id) {
        List<Deal> found = findAll(List.of(id));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    List<Deal> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Deal> rows = jdbc.sql(SELECT + " AND d.id IN (:ids)").param("workspace", workspace()).param("ids", ids)
                .query((rs, n) -> map(rs)).list();
        return withContacts(rows);
    }

    Page<Deal> list(ListQuery query, ListQuery.Sort sort, Paging paging) {
        Page<Deal> page = query.page(jdbc, (rs, n) -> map(rs), sort, "d.id", paging, d -> sortKey(d, sort),
                d -> d.id().value());
        return new Page<>(withContacts(page.items()), page.nextCursor());
    }

    private static Object sortKey(Deal deal, ListQuery.Sort sort) {
        return switch (sort.column()) {
            case "d.sort_name" -> deal.name().toLowerCase(Locale.ROOT);
            case "d.updated_at" -> deal.updatedAt().toEpochMilli();
            case "d.amount_minor" -> deal.amountMinor();
            default -> deal.id().value();
        };
    }

    void insert(Deal deal) {
        jdbc.sql("""
                INSERT INTO deals (workspace_id, id, name, sort_name, account_id, amount_minor, currency, probability,
                                   probability_set, expected_close_on, payment_terms_days, owner_id, origin, source_lead_id,
                                   status, pipeline_id, stage_id, stage_entered_at, last_activity_at, closed_at, closed_on,
                                   lost_reason_id, lost_note, payment_collected_at, notes, custom, version, created_at,
                                   updated_at)
                VALUES (:workspace, :id, :name, :sortName, :account, :amount, :currency, :probability, :probabilitySet,
                        :expectedClose, :terms, :owner, :origin, :lead, :status, :pipeline, :stage, :entered, :activity,
                        :closedAt, :closedOn, :lostReason, :lostNote, :collected, :notes, :custom, 0, :created, :updated)
                """).params(fields(deal)).param("workspace", workspace()).param("id", deal.id().value())
                .param("origin", deal.origin().name())
                .param("lead", deal.sourceLeadId() == null ? null : deal.sourceLeadId().value())
                .param("status", deal.status().name()).param("closedAt", Rows.millis(deal.closedAt()))
                .param("closedOn", Rows.date(deal.closedOn()))
                .param("lostReason", deal.lostReasonId() == null ? null : deal.lostReasonId().value())
                .param("lostNote", deal.lostNote()).param("collected", Rows.millis(deal.paymentCollectedAt()))
                .param("entered", deal.stageEnteredAt().toEpochMilli()).param("created", deal.createdAt().toEpochMilli())
                .param("updated", deal.updatedAt().toEpochMilli()).update();
        replaceContacts(deal.id(), deal.contacts());
    }

    /** Writes every stored field if the deal is still at {@code version}. */
    boolean update(Deal deal, long version, long now) {
        boolean updated = jdbc.sql("""
                UPDATE deals SET name = :name, sort_name = :sortName, account_id = :account, amount_minor = :amount,
                       currency = :currency, probability = :probability, probability_set = :probabilitySet,
                       expected_close_on = :expectedClose, payment_terms_days = :terms, owner_id = :owner,
                       pipeline_id = :pipeline, stage_id = :stage, stage_entered_at = :entered,
                       last_activity_at = :activity, status = :status, closed_at = :closedAt, closed_on = :closedOn,
                       lost_reason_id = :lostReason, lost_note = :lostNote, payment_collected_at = :collected,
                       notes = :notes, custom = :custom, version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND version = :version
                """).params(fields(deal)).param("entered", deal.stageEnteredAt().toEpochMilli())
                .param("status", deal.status().name()).param("closedAt", Rows.millis(deal.closedAt()))
                .param("closedOn", Rows.date(deal.closedOn()))
                .param("lostReason", deal.lostReasonId() == null ? null : deal.lostReasonId().value())
                .param("lostNote", deal.lostNote()).param("collected", Rows.millis(deal.paymentCollectedAt()))
                .param("now", now).param("workspace", workspace()).param("id", deal.id().value())
                .param("version", version).update() == 1;
        if (updated) {
            replaceContacts(deal.id(), deal.contacts());
        }
        return updated;
    }

    /** Resets the board's idle clock (a touch, a call); never moves it back. */
    void activity(long deal, long at) {
        jdbc.sql("""
                UPDATE deals SET last_activity_at = CASE WHEN last_activity_at < :at THEN :at ELSE last_activity_at END
                WHERE workspace_id = :workspace AND id = :id
                """).param("at", at).param("workspace", workspace()).param("id", deal).update();
    }

    List<Long> openInStage(StageId stage) {
        return jdbc.sql("SELECT id FROM deals WHERE workspace_id = :workspace AND stage_id = :stage AND status = 'OPEN' ORDER BY id")
                .param("workspace", workspace()).param("stage", stage.value()).query(Long.class).list();
    }

    List<Long> ofAccount(AccountId account) {
        return jdbc.sql("SELECT id FROM deals WHERE workspace_id = :workspace AND account_id = :account ORDER BY id")
                .param("workspace", workspace()).param("account", account.value()).query(Long.class).list();
    }

    List<Long> ofContact(ContactId contact) {
        return jdbc.sql("SELECT deal_id FROM deal_contacts WHERE workspace_id = :workspace AND contact_id = :contact ORDER BY deal_id")
                .param("workspace", workspace()).param("contact", contact.value()).query(Long.class).list();
    }

    // --- the board --------------------------------------------------------------------------

    /** A card of the board: what a column shows of a deal. */
    record Card(DealId id, String name, AccountId accountId, long amountMinor, String currency, int probability,
            java.time.LocalDate expectedCloseDate, UserId ownerId, Instant lastActivityAt, long version) {
    }

    /** Count and sum per stage and currency of the open deals of a pipeline, from the covering index. */
    record Total(StageId stage, String currency, long count, long amountMinor) {
    }

    /**
     * One page of a column, least recently worked first. {@code owners} null: everybody's;
     * otherwise only those owners' deals.
     */
    Page<Card> column(StageId stage, Collection<Long> owners, Paging paging) {
        StringBuilder sql = new StringBuilder("""
                SELECT d.id, d.name, d.account_id, d.amount_minor, d.currency, d.probability, d.expected_close_on,
                       d.owner_id, d.last_activity_at, d.version
                FROM deals d WHERE d.workspace_id = :workspace AND d.stage_id = :stage AND d.status = 'OPEN'
                """);
        Map<String, Object> params = new HashMap<>();
        params.put("workspace", workspace());
        params.put("stage", stage.value());
        if (owners != null) {
            sql.append(" AND d.owner_id IN (:owners)");
            params.put("owners", owners.isEmpty() ? List.of(-1L) : owners);
        }
        if (paging.hasCursor()) {
            Cursor after = paging.after(2);
            sql.append(" AND (d.last_activity_at, d.id) > (:afterAt, :afterId)");
            params.put("afterAt", after.longKey(0));
            params.put("afterId", after.longKey(1));
        }
        sql.append(" ORDER BY d.last_activity_at, d.id LIMIT :limit");
        params.put("limit", paging.fetchSize());
        List<Card> cards = jdbc.sql(sql.toString()).params(params).query((rs, n) -> new Card(new DealId(rs.getLong("id")),
                rs.getString("name"), new AccountId(rs.getLong("account_id")), rs.getLong("amount_minor"),
                rs.getString("currency"), rs.getInt("probability"), Rows.nullableDate(rs, "expected_close_on"),
                new UserId(rs.getLong("owner_id")), Rows.instant(rs, "last_activity_at"), rs.getLong("version"))).list();
        return Page.of(cards, paging, c -> Cursor.of(c.lastActivityAt().toEpochMilli(), c.id().value()));
    }

    List<Total> totals(PipelineId pipeline, Collection<Long> owners) {
        String sql = """
                SELECT d.stage_id, d.currency, COUNT(*) AS deals, SUM(d.amount_minor) AS amount
                FROM deals d WHERE d.workspace_id = :workspace AND d.pipeline_id = :pipeline AND d.status = 'OPEN'
                """ + (owners == null ? "" : " AND d.owner_id IN (:owners)") + " GROUP BY d.stage_id, d.currency";
        var query = jdbc.sql(sql).param("workspace", workspace()).param("pipeline", pipeline.value());
        if (owners != null) {
            query = query.param("owners", owners.isEmpty() ? List.of(-1L) : owners);
        }
        return query.query((rs, n) -> new Total(new StageId(rs.getLong(1)), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    // --- statistics -------------------------------------------------------------------------

    record Outcomes(DealStatus status, String currency, long count, long amountMinor, long totalCycleMillis) {
    }

    /** Won and lost deals of a pipeline closed since {@code since}, with the sum of their cycle lengths. */
    List<Outcomes> outcomes(PipelineId pipeline, long since) {
        return jdbc.sql("""
                SELECT status, currency, COUNT(*), SUM(amount_minor), SUM(closed_at - created_at)
                FROM deals WHERE workspace_id = :workspace AND pipeline_id = :pipeline AND status IN ('WON', 'LOST')
                  AND closed_at >= :since
                GROUP BY status, currency
                """).param("workspace", workspace()).param("pipeline", pipeline.value()).param("since", since)
                .query((rs, n) -> new Outcomes(DealStatus.valueOf(rs.getString(1)), rs.getString(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5))).list();
    }

    record LostCount(String reason, long count) {
    }

    List<LostCount> lostReasons(PipelineId pipeline, long since) {
        return jdbc.sql("""
                SELECT COALESCE(r.label, '—'), COUNT(*) FROM deals d
                LEFT JOIN lost_reasons r ON r.workspace_id = d.workspace_id AND r.id = d.lost_reason_id
                WHERE d.workspace_id = :workspace AND d.pipeline_id = :pipeline AND d.status = 'LOST' AND d.closed_at >= :since
                GROUP BY COALESCE(r.label, '—') ORDER BY 2 DESC
                """).param("workspace", workspace()).param("pipeline", pipeline.value()).param("since", since)
                .query((rs, n) -> new LostCount(rs.getString(1), rs.getLong(2))).list();
    }

    // --- parties merged or removed ----------------------------------------------------------

    void repointAccount(AccountId from, AccountId into) {
        jdbc.sql("UPDATE deals SET account_id = :into WHERE workspace_id = :workspace AND account_id = :from")
                .param("into", into.value()).param("workspace", workspace()).param("from", from.value()).update();
        jdbc.sql("UPDATE payments SET account_id = :into WHERE workspace_id = :workspace AND account_id = :from")
                .param("into", into.value()).param("workspace", workspace()).param("from", from.value()).update();
    }

    /** Points the deals of a merged-away contact at the survivor; where both were on a deal, one row stays. */
    void repointContact(ContactId from, ContactId into) {
        jdbc.sql("""
                DELETE FROM deal_contacts WHERE workspace_id = :workspace AND contact_id = :from
                  AND deal_id IN (SELECT deal_id FROM deal_contacts WHERE workspace_id = :workspace AND contact_id = :into)
                """).param("workspace", workspace()).param("from", from.value()).param("into", into.value()).update();
        jdbc.sql("UPDATE deal_contacts SET contact_id = :into WHERE workspace_id = :workspace AND contact_id = :from")
                .param("into", into.value()).param("workspace", workspace()).param("from", from.value()).update();
    }

    void removeContact(ContactId contact) {
        jdbc.sql("DELETE FROM deal_contacts WHERE workspace_id = :workspace AND contact_id = :contact")
                .param("workspace", workspace()).param("contact", contact.value()).update();
    }

    /** Deletes deals for good, with their people, history and payments (their account is gone). */
    void delete(Collection<Long> deals) {
        if (deals.isEmpty()) {
            return;
        }
        for (String table : List.of("payments", "deal_stage_changes", "deal_contacts")) {
            jdbc.sql("DELETE FROM " + table + " WHERE workspace_id = :workspace AND deal_id IN (:deals)")
                    .param("workspace", workspace()).param("deals", deals).update();
        }
        jdbc.sql("UPDATE leads SET deal_id = NULL WHERE workspace_id = :workspace AND deal_id IN (:deals)")
                .param("workspace", workspace()).param("deals", deals).update();
        jdbc.sql("DELETE FROM deals WHERE workspace_id = :workspace AND id IN (:deals)")
                .param("workspace", workspace()).param("deals", deals).update();
    }

    // --- mapping ----------------------------------------------------------------------------

    private void replaceContacts(DealId deal, List<Deal.DealContact> contacts) {
        jdbc.sql("DELETE FROM deal_contacts WHERE workspace_id = :workspace AND deal_id = :deal")
                .param("workspace", workspace()).param("deal", deal.value()).update();
        for (int i = 0; i < contacts.size(); i++) {
            Deal.DealContact contact = contacts.get(i);
            jdbc.sql("""
                    INSERT INTO deal_contacts (workspace_id, deal_id, contact_id, role, position)
                    VALUES (:workspace, :deal, :contact, :role, :position)
                    """).param("workspace", workspace()).param("deal", deal.value())
                    .param("contact", contact.contactId().value())
                    .param("role", contact.role() == null ? null : contact.role().name()).param("position", i).update();
        }
    }

    private List<Deal> withContacts(List<Deal> deals) {
        if (deals.isEmpty()) {
            return deals;
        }
        Map<Long, List<Deal.DealContact>> contacts = new HashMap<>();
        jdbc.sql("""
                SELECT deal_id, contact_id, role FROM deal_contacts WHERE workspace_id = :workspace AND deal_id IN (:deals)
                ORDER BY deal_id, position
                """).param("workspace", workspace()).param("deals", deals.stream().map(d -> d.id().value()).toList())
                .query((rs, n) -> {
                    String role = rs.getString("role");
                    return Map.entry(rs.getLong("deal_id"), new Deal.DealContact(new ContactId(rs.getLong("contact_id")),
                            role == null ? null : BuyingRole.valueOf(role)));
                }).list().forEach(e -> contacts.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        List<Deal> result = new ArrayList<>(deals.size());
        for (Deal d : deals) {
            result.add(new Deal(d.id(), d.name(), d.accountId(), contacts.getOrDefault(d.id().value(), List.of()),
                    d.amountMinor(), d.currency(), d.probability(), d.probabilitySet(), d.expectedCloseDate(),
                    d.paymentTermsDays(), d.ownerId(), d.origin(), d.sourceLeadId(), d.status(), d.pipelineId(),
                    d.stageId(), d.stageName(), d.stageEnteredAt(), d.lastActivityAt(), d.closedAt(), d.closedOn(),
                    d.lostReasonId(), d.lostReason(), d.lostNote(), d.paymentCollectedAt(), d.notes(), d.custom(),
                    d.version(), d.createdAt(), d.updatedAt()));
        }
        return result;
    }

    private Deal map(ResultSet rs) throws SQLException {
        Long lead = Rows.nullableLong(rs, "source_lead_id");
        Long lostReason = Rows.nullableLong(rs, "lost_reason_id");
        String custom = rs.getString("custom");
        return new Deal(new DealId(rs.getLong("id")), rs.getString("name"), new AccountId(rs.getLong("account_id")),
                List.of(), rs.getLong("amount_minor"), rs.getString("currency"), rs.getInt("probability"),
                rs.getBoolean("probability_set"), Rows.nullableDate(rs, "expected_close_on"),
                rs.getInt("payment_terms_days"), new UserId(rs.getLong("owner_id")),
                DealOrigin.valueOf(rs.getString("origin")), lead == null ? null : new LeadId(lead),
                DealStatus.valueOf(rs.getString("status")), new PipelineId(rs.getLong("pipeline_id")),
                new StageId(rs.getLong("stage_id")), rs.getString("stage_name"), Rows.instant(rs, "stage_entered_at"),
                Rows.instant(rs, "last_activity_at"), Rows.nullableInstant(rs, "closed_at"),
                Rows.nullableDate(rs, "closed_on"), lostReason == null ? null : new LostReasonId(lostReason),
                rs.getString("lost_reason_label"), rs.getString("lost_note"),
                Rows.nullableInstant(rs, "payment_collected_at"), rs.getString("notes"),
                custom == null || custom.isBlank() ? Map.of()
                        : json.readValue(custom, new TypeReference<LinkedHashMap<String, Object>>() {
                        }),
                rs.getLong("version"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }

    private Map<String, Object> fields(Deal deal) {
        Map<String, Object> values = new HashMap<>();
        values.put("name", deal.name());
        values.put("sortName", deal.name().toLowerCase(Locale.ROOT));
        values.put("account", deal.accountId().value());
        values.put("amount", deal.amountMinor());
        values.put("currency", deal.currency());
        values.put("probability", deal.probability());
        values.put("probabilitySet", deal.probabilitySet());
        values.put("expectedClose", Rows.date(deal.expectedCloseDate()));
        values.put("terms", deal.paymentTermsDays());
        values.put("owner", deal.ownerId().value());
        values.put("pipeline", deal.pipelineId().value());
        values.put("stage", deal.stageId().value());
        values.put("activity", deal.lastActivityAt().toEpochMilli());
        values.put("notes", deal.notes());
        values.put("custom", json.writeValueAsString(deal.custom() == null ? Map.of() : deal.custom()));
        return values;
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
