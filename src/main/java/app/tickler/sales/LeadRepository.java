package app.tickler.sales;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.ContactId;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.database.Dialect;
import app.tickler.platform.database.ListQuery;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actors;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class LeadRepository {

    static final String SELECT = "SELECT l.* FROM leads l WHERE l.workspace_id = :workspace";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Qualification qualification;
    private final Dialect dialect;
    private final ClaimsInFlight claims;

    LeadRepository(JdbcClient jdbc, JsonMapper json, Qualification qualification, Dialect dialect, ClaimsInFlight claims) {
        this.dialect = dialect;
        this.claims = claims;
        this.jdbc = jdbc;
        this.json = json;
        this.qualification = qualification;
    }

    Optional<Lead> find(long id) {
        List<Lead> found = findAll(List.of(id));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Whether a lead is in the pool and who holds it: all a claim needs to know before trying. */
    record PoolState(LeadId id, UserId ownerId, boolean active, boolean converted) {

        boolean inPool() {
            return ownerId == null && active;
        }
    }

    /** The lead's {@link PoolState}, read by primary key without the rest of the row. */
    Optional<PoolState> poolState(long id) {
        return jdbc.sql("""
                SELECT owner_id, active, converted_at FROM leads WHERE workspace_id = :workspace AND id = :id
                """).param("workspace", workspace()).param("id", id)
                .query((rs, n) -> {
                    Long owner = Rows.nullableLong(rs, "owner_id");
                    return new PoolState(new LeadId(id), owner == null ? null : new UserId(owner), rs.getBoolean("active"),
                            rs.getObject("converted_at") != null);
                }).optional();
    }

    List<Lead> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Row> rows = jdbc.sql(SELECT + " AND l.id IN (:ids)").param("workspace", workspace()).param("ids", ids)
                .query((rs, n) -> row(rs)).list();
        return withChecks(rows);
    }

    Page<Lead> list(ListQuery query, ListQuery.Sort sort, Paging paging) {
        Page<Row> page = query.page(jdbc, (rs, n) -> row(rs), sort, "l.id", paging,
                r -> sort.column().equals("l.sort_name") ? r.sortName() : r.id(), Row::id);
        return new Page<>(withChecks(page.items()), page.nextCursor());
    }

    void insert(Lead lead) {
        jdbc.sql("""
                INSERT INTO leads (workspace_id, id, first_name, last_name, sort_name, title, company, email, email_key, phone,
                                   source, source_detail, referred_by_user_id, referred_by_contact_id, notes, status, active,
                                   owner_id, score, claimed_at, last_activity_at, custom, version, created_at, updated_at)
                VALUES (:workspace, :id, :firstName, :lastName, :sortName, :title, :company, :email, :emailKey, :phone,
                        :source, :sourceDetail, :referredByUser, :referredByContact, :notes, :status, TRUE,
                        :owner, 0, :claimedAt, :lastActivity, :custom, 0, :now, :now)
                """).params(fields(lead)).param("workspace", workspace()).param("id", lead.id().value())
                .param("status", lead.status().name()).param("owner", id(lead.ownerId()))
                .param("claimedAt", Rows.millis(lead.claimedAt())).param("lastActivity", lead.lastActivityAt().toEpochMilli())
                .param("now", lead.createdAt().toEpochMilli()).update();
    }

    /** Writes the editable fields and state if the lead is still at {@code version}. */
    boolean update(Lead lead, long version, long now) {
        claims.forget(workspace(), lead.id().value());
        return jdbc.sql("""
                UPDATE leads SET first_name = :firstName, last_name = :lastName, sort_name = :sortName, title = :title,
                       company = :company, email = :email, email_key = :emailKey, phone = :phone, source = :source,
                       source_detail = :sourceDetail, referred_by_user_id = :referredByUser,
                       referred_by_contact_id = :referredByContact, notes = :notes, custom = :custom, status = :status,
                       active = :active, owner_id = :owner, score = :score, claimed_at = :claimedAt,
                       last_activity_at = :lastActivity, disqualified_reason = :disqualified, converted_at = :convertedAt,
                       account_id = :account, contact_id = :contact, deal_id = :deal, version = version + 1,
                       updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND version = :version
                """).params(fields(lead)).param("status", lead.status().name()).param("active", lead.active())
                .param("owner", id(lead.ownerId())).param("score", lead.score())
                .param("claimedAt", Rows.millis(lead.claimedAt())).param("lastActivity", lead.lastActivityAt().toEpochMilli())
                .param("disqualified", lead.disqualifiedReason()).param("convertedAt", Rows.millis(lead.convertedAt()))
                .param("account", id(lead.accountId())).param("contact", id(lead.contactId()))
                .param("deal", id(lead.dealId())).param("now", now).param("workspace", workspace())
                .param("id", lead.id().value()).param("version", version).update() == 1;
    }

    /**
     * Takes a lead from the pool for {@code owner}: one conditional UPDATE, so of two people claiming
     * at once exactly one changes the row and the other sees 0 rows affected.
     */
    boolean claim(long lead, long owner, long now) {
        // PostgreSQL: a lead another transaction is claiming right now is skipped, not waited for, so
        // that a crowd clicking the same lead is answered at once instead of queueing behind the winner
        String free = dialect == Dialect.SQLITE ? "owner_id IS NULL AND active" : """
                id IN (SELECT id FROM leads WHERE workspace_id = :workspace AND id = :id AND owner_id IS NULL
                       AND active FOR UPDATE SKIP LOCKED)""";
        return jdbc.sql("""
                UPDATE leads SET owner_id = :owner, claimed_at = :now, last_activity_at = :now,
                       status = CASE WHEN status = 'NEW' THEN 'WORKING' ELSE status END,
                       version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND
                """ + free).param("owner", owner).param("now", now).param("workspace", workspace()).param("id", lead)
                .update() == 1;
    }

    /** Puts an owned open lead back in the pool; false if it was not owned by {@code owner} any more. */
    boolean release(long lead, long owner, long now) {
        claims.forget(workspace(), lead);
        return jdbc.sql("""
                UPDATE leads SET owner_id = NULL, claimed_at = NULL, last_activity_at = :now, version = version + 1,
                       updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND owner_id = :owner AND active
                """).param("now", now).param("workspace", workspace()).param("id", lead).param("owner", owner)
                .update() == 1;
    }

    /** Resets the idle clock (a touch, a claim); never moves it back. */
    boolean activity(long lead, long at) {
        return jdbc.sql("""
                UPDATE leads SET last_activity_at = CASE WHEN last_activity_at < :at THEN :at ELSE last_activity_at END,
                       status = CASE WHEN status = 'NEW' AND owner_id IS NOT NULL THEN 'WORKING' ELSE status END
                WHERE workspace_id = :workspace AND id = :id
                """).param("at", at).param("workspace", workspace()).param("id", lead).update() == 1;
    }

    /** How many open leads someone holds and how many the workspace allows, for a claim. */
    record Holding(int leads, int limit) {
    }

    /** The claimer's {@link Holding} in one statement: the count and the workspace's limit. */
    Holding holding(long owner) {
        return jdbc.sql("""
                SELECT (SELECT COUNT(*) FROM leads WHERE workspace_id = :workspace AND owner_id = :owner AND active) AS held,
                       s.claim_limit
                FROM sales_settings s WHERE s.workspace_id = :workspace
                """).param("workspace", workspace()).param("owner", owner)
                .query((rs, n) -> new Holding(rs.getInt("held"), rs.getInt("claim_limit"))).single();
    }

    /** The number of open leads someone holds, for the claim limit. */
    int openOwnedBy(long owner) {
        return jdbc.sql("SELECT COUNT(*) FROM leads WHERE workspace_id = :workspace AND owner_id = :owner AND active")
                .param("workspace", workspace()).param("owner", owner).query(Integer.class).single();
    }

    /**
     * Locks the claimer's row until the transaction ends, so that two claims by the same person are
     * counted one after the other (PostgreSQL row lock; SQLite transactions are serial anyway).
     */
    void lockClaimer(long user) {
        if (dialect == Dialect.SQLITE) {
            return; // IMMEDIATE transactions already run one at a time
        }
        jdbc.sql("""
                INSERT INTO lead_claimers (workspace_id, user_id, claims) VALUES (:workspace, :user, 1)
                ON CONFLICT (workspace_id, user_id) DO UPDATE SET claims = lead_claimers.claims + 1
                """).param("workspace", workspace()).param("user", user).update();
    }

    /** Owned open leads whose idle clock stopped before {@code cutoff}, oldest first. */
    List<Long> idleSince(long cutoff, int max) {
        return jdbc.sql("""
                SELECT id FROM leads WHERE workspace_id = :workspace AND active AND owner_id IS NOT NULL
                  AND last_activity_at < :cutoff ORDER BY last_activity_at LIMIT :max
                """).param("workspace", workspace()).param("cutoff", cutoff).param("max", max).query(Long.class).list();
    }

    /**
     * The leads having any of these email keys (lower case), in one query per 900 keys: each key to the
     * ids of its leads, oldest first; keys no lead has are left out.
     */
    Map<String, List<Long>> withEmails(List<String> keys) {
        Map<String, List<Long>> found = new java.util.HashMap<>();
        for (int from = 0; from < keys.size(); from += 900) {
            jdbc.sql("""
                    SELECT email_key, id FROM leads WHERE workspace_id = :workspace AND email_key IN (:keys) ORDER BY id
                    """).param("workspace", workspace()).param("keys", keys.subList(from, Math.min(keys.size(), from + 900)))
                    .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                    .forEach(e -> found.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue()));
        }
        return found;
    }

    void delete(long id) {
        claims.forget(workspace(), id);
        jdbc.sql("DELETE FROM leads WHERE workspace_id = :workspace AND id = :id").param("workspace", workspace())
                .param("id", id).update();
    }

    // --- referrals --------------------------------------------------------------------------

    record ReferralCount(long userId, long referred, long converted) {
    }

    record ReferralRevenue(long userId, String currency, long amountMinor) {
    }

    List<ReferralCount> referralCounts(Long since) {
        return jdbc.sql("""
                SELECT referred_by_user_id, COUNT(*) AS referred,
                       SUM(CASE WHEN converted_at IS NOT NULL THEN 1 ELSE 0 END) AS converted
                FROM leads WHERE workspace_id = :workspace AND referred_by_user_id IS NOT NULL AND created_at >= :since
                GROUP BY referred_by_user_id
                """).param("workspace", workspace()).param("since", since == null ? 0L : since)
                .query((rs, n) -> new ReferralCount(rs.getLong(1), rs.getLong(2), rs.getLong(3))).list();
    }

    List<ReferralRevenue> referralRevenue(Long since) {
        return jdbc.sql("""
                SELECT l.referred_by_user_id, d.currency, SUM(d.amount_minor)
                FROM leads l JOIN deals d ON d.workspace_id = l.workspace_id AND d.source_lead_id = l.id
                WHERE l.workspace_id = :workspace AND l.referred_by_user_id IS NOT NULL AND l.created_at >= :since
                  AND d.status = 'WON'
                GROUP BY l.referred_by_user_id, d.currency
                """).param("workspace", workspace()).param("since", since == null ? 0L : since)
                .query((rs, n) -> new ReferralRevenue(rs.getLong(1), rs.getString(2), rs.getLong(3))).list();
    }

    // --- parties merged or removed ----------------------------------------------------------

    void repointAccount(AccountId from, AccountId into) {
        jdbc.sql("UPDATE leads SET account_id = :into WHERE workspace_id = :workspace AND account_id = :from")
                .param("into", into.value()).param("workspace", workspace()).param("from", from.value()).update();
    }

    void repointContact(ContactId from, ContactId into) {
        jdbc.sql("UPDATE leads SET contact_id = :into WHERE workspace_id = :workspace AND contact_id = :from")
                .param("into", into.value()).param("workspace", workspace()).param("from", from.value()).update();
        jdbc.sql("UPDATE leads SET referred_by_contact_id = :into WHERE workspace_id = :workspace AND referred_by_contact_id = :from")
                .param("into", into.value()).param("workspace", workspace()).param("from", from.value()).update();
    }

    void forgetAccount(AccountId account) {
        jdbc.sql("UPDATE leads SET account_id = NULL WHERE workspace_id = :workspace AND account_id = :account")
                .param("workspace", workspace()).param("account", account.value()).update();
    }

    void forgetContact(ContactId contact) {
        jdbc.sql("UPDATE leads SET contact_id = NULL WHERE workspace_id = :workspace AND contact_id = :contact")
                .param("workspace", workspace()).param("contact", contact.value()).update();
        jdbc.sql("UPDATE leads SET referred_by_contact_id = NULL WHERE workspace_id = :workspace AND referred_by_contact_id = :contact")
                .param("workspace", workspace()).param("contact", contact.value()).update();
    }

    // --- mapping ----------------------------------------------------------------------------

    /** A row before its checked criteria are attached. */
    private record Row(long id, String sortName, Lead lead) {
    }

    private Row row(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        Lead lead = new Lead(new LeadId(id), rs.getString("first_name"), rs.getString("last_name"), rs.getString("title"),
                rs.getString("company"), rs.getString("email"), rs.getString("phone"),
                LeadSource.valueOf(rs.getString("source")), rs.getString("source_detail"),
                userId(Rows.nullableLong(rs, "referred_by_user_id")),
                contactId(Rows.nullableLong(rs, "referred_by_contact_id")), rs.getString("notes"),
                LeadStatus.valueOf(rs.getString("status")), rs.getBoolean("active"),
                userId(Rows.nullableLong(rs, "owner_id")), rs.getInt("score"), List.of(),
                Rows.nullableInstant(rs, "claimed_at"), Rows.instant(rs, "last_activity_at"),
                rs.getString("disqualified_reason"), Rows.nullableInstant(rs, "converted_at"),
                accountId(Rows.nullableLong(rs, "account_id")), contactId(Rows.nullableLong(rs, "contact_id")),
                dealId(Rows.nullableLong(rs, "deal_id")), custom(rs.getString("custom")), rs.getLong("version"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
        return new Row(id, rs.getString("sort_name"), lead);
    }

    private List<Lead> withChecks(List<Row> rows) {
        Map<Long, Set<CriterionId>> checked = qualification.checked(rows.stream().map(Row::id).toList());
        return rows.stream().map(r -> {
            Lead l = r.lead();
            List<CriterionId> ids = checked.getOrDefault(r.id(), Set.of()).stream()
                    .sorted(java.util.Comparator.comparingLong(CriterionId::value)).toList();
            return new Lead(l.id(), l.firstName(), l.lastName(), l.title(), l.company(), l.email(), l.phone(), l.source(),
                    l.sourceDetail(), l.referredByUserId(), l.referredByContactId(), l.notes(), l.status(), l.active(),
                    l.ownerId(), l.score(), ids, l.claimedAt(), l.lastActivityAt(), l.disqualifiedReason(), l.convertedAt(),
                    l.accountId(), l.contactId(), l.dealId(), l.custom(), l.version(), l.createdAt(), l.updatedAt());
        }).toList();
    }

    private Map<String, Object> fields(Lead lead) {
        Map<String, Object> values = new java.util.HashMap<>();
        values.put("firstName", lead.firstName());
        values.put("lastName", lead.lastName());
        values.put("sortName", sortName(lead));
        values.put("title", lead.title());
        values.put("company", lead.company());
        values.put("email", lead.email());
        values.put("emailKey", lead.email() == null ? null : lead.email().toLowerCase(Locale.ROOT));
        values.put("phone", lead.phone());
        values.put("source", lead.source().name());
        values.put("sourceDetail", lead.sourceDetail());
        values.put("referredByUser", id(lead.referredByUserId()));
        values.put("referredByContact", id(lead.referredByContactId()));
        values.put("notes", lead.notes());
        values.put("custom", json.writeValueAsString(lead.custom() == null ? Map.of() : lead.custom()));
        return values;
    }

    static String sortName(Lead lead) {
        return lead.displayName().toLowerCase(Locale.ROOT);
    }

    private Map<String, Object> custom(String text) {
        return text == null || text.isBlank() ? Map.of()
                : json.readValue(text, new TypeReference<java.util.LinkedHashMap<String, Object>>() {
                });
    }

    private static Long id(app.tickler.platform.EntityId id) {
        return id == null ? null : id.value();
    }

    private static UserId userId(Long value) {
        return value == null ? null : new UserId(value);
    }

    private static ContactId contactId(Long value) {
        return value == null ? null : new ContactId(value);
    }

    private static AccountId accountId(Long value) {
        return value == null ? null : new AccountId(value);
    }

    private static DealId dealId(Long value) {
        return value == null ? null : new DealId(value);
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
