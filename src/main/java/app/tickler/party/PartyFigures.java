package app.tickler.party;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import app.tickler.identity.UserId;
import app.tickler.platform.Cursor;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Visibility;

/**
 * Read-only figures of accounts and buying centres for reports (the insight module): accounts whose
 * influencers or key people nobody touched lately, the relationship-stage mix, and how much of the
 * customers' buying centres was touched. Scoped to the caller's workspace; {@code owners} (account
 * owners) narrows to a team or a rep, null meaning everybody.
 */
@Service
public class PartyFigures {

    /** People an account's sellers should reach: influencers and key people. */
    static final String INFLUENCER = "(m.role = 'INFLUENCER' OR m.key_person = TRUE)";

    // An account with the influencers and key people nobody touched since the cut-off.
    public record UncoveredAccount(AccountId id, String name, UserId ownerId, List<BuyingCentreMember> uncovered) {

        public UncoveredAccount {
            uncovered = List.copyOf(uncovered);
        }
    }

    // People in the buying centres of one owner's customers (accounts with a level; owner 0: none), and how many
    // of them, and of their influencers and key people, were touched since a moment.
    public record Coverage(long ownerId, long people, long touched, long influencers, long influencersTouched) {
    }

    private final JdbcClient jdbc;

    PartyFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Accounts the caller may see with an influencer or key person untouched since {@code cutoff}, by id. */
    public Page<UncoveredAccount> uncoveredInfluencers(Instant cutoff, Paging paging) {
        Actor actor = Actors.current();
        Visibility visibility = Visibility.of(actor, "a.owner_id", true);
        long after = paging.hasCursor() ? paging.after(1).longKey(0) : Long.MIN_VALUE;
        List<Object[]> accounts = jdbc.sql("""
                SELECT a.id, a.name, a.owner_id FROM accounts a
                WHERE a.workspace_id = :workspace AND a.deleted_at IS NULL AND a.id > :after AND """ + " "
                + visibility.sql() + " " + """
                  AND EXISTS (SELECT 1 FROM account_contacts m
                              JOIN contacts c ON c.workspace_id = m.workspace_id AND c.id = m.contact_id
                              WHERE m.workspace_id = a.workspace_id AND m.account_id = a.id AND c.deleted_at IS NULL
                                AND c.do_not_contact = FALSE AND c.last_touch_at < :cutoff AND """ + " " + INFLUENCER + " " + """
                             )
                ORDER BY a.id LIMIT :limit
                """).param("workspace", actor.workspaceId()).param("after", after).param("cutoff", cutoff.toEpochMilli())
                .params(visibility.parameters()).param("limit", paging.fetchSize())
                .query((rs, n) -> new Object[] {rs.getLong("id"), rs.getString("name"), Rows.nullableLong(rs, "owner_id")})
                .list();
        Map<Long, List<BuyingCentreMember>> people = new LinkedHashMap<>();
        if (!accounts.isEmpty()) {
            jdbc.sql("""
                    SELECT m.account_id, c.id, c.first_name, c.last_name, c.title, c.email, c.phone, c.do_not_contact,
                           c.last_touch_at, m.role, m.key_person
                    FROM account_contacts m JOIN contacts c ON c.workspace_id = m.workspace_id AND c.id = m.contact_id
                    WHERE m.workspace_id = :workspace AND m.account_id IN (:accounts) AND c.deleted_at IS NULL
                      AND c.do_not_contact = FALSE AND c.last_touch_at < :cutoff AND """ + " " + INFLUENCER + " " + """
                    ORDER BY m.account_id, m.key_person DESC, c.sort_name, c.id
                    """).param("workspace", actor.workspaceId())
                    .param("accounts", accounts.stream().map(a -> (Long) a[0]).toList())
                    .param("cutoff", cutoff.toEpochMilli())
                    .query(rs -> {
                        people.computeIfAbsent(rs.getLong("account_id"), k -> new ArrayList<>()).add(new BuyingCentreMember(
                                new ContactId(rs.getLong("id")),
                                PartyNames.fullName(rs.getString("first_name"), rs.getString("last_name")),
                                rs.getString("title"), rs.getString("email"), rs.getString("phone"),
                                BuyingRole.valueOf(rs.getString("role")), rs.getBoolean("key_person"),
                                rs.getBoolean("do_not_contact"),
                                rs.getLong("last_touch_at") == 0 ? null : Rows.instant(rs, "last_touch_at")));
                    });
        }
        List<UncoveredAccount> rows = accounts.stream().map(a -> new UncoveredAccount(new AccountId((Long) a[0]),
                (String) a[1], a[2] == null ? null : new UserId((Long) a[2]), people.getOrDefault((Long) a[0], List.of())))
                .toList();
        return Page.of(rows, paging, a -> Cursor.of(a.id().value()));
    }

    /** Accounts per relationship stage (those without a stage left out). */
    public Map<RelationshipStage, Long> stageMix(Collection<Long> owners) {
        Map<RelationshipStage, Long> mix = new EnumMap<>(RelationshipStage.class);
        if (owners != null && owners.isEmpty()) {
            return mix;
        }
        jdbc.sql("SELECT stage, COUNT(*) FROM accounts WHERE workspace_id = :workspace AND deleted_at IS NULL"
                + " AND stage IS NOT NULL" + (owners == null ? "" : " AND owner_id IN (:owners)") + " GROUP BY stage")
                .param("workspace", Actors.current().workspaceId())
                .params(owners == null ? Map.of() : Map.of("owners", owners))
                .query(rs -> {
                    mix.put(RelationshipStage.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return mix;
    }

    /**
     * The buying centres of customers (accounts with a level, not do-not-contact) per account owner:
     * people and those touched since a moment. One scan of the customers' people: a nightly figure.
     */
    public List<Coverage> coverageByOwner(Instant since) {
        return jdbc.sql("""
                SELECT COALESCE(a.owner_id, 0) AS owner_id, COUNT(*) AS people,
                       COALESCE(SUM(CASE WHEN c.last_touch_at >= :since THEN 1 ELSE 0 END), 0) AS touched,
                       COALESCE(SUM(CASE WHEN""" + " " + INFLUENCER + " " + """
                        THEN 1 ELSE 0 END), 0) AS influencers,
                       COALESCE(SUM(CASE WHEN""" + " " + INFLUENCER + " " + """
                        AND c.last_touch_at >= :since THEN 1 ELSE 0 END), 0) AS influencers_touched
                FROM accounts a
                JOIN account_contacts m ON m.workspace_id = a.workspace_id AND m.account_id = a.id
                JOIN contacts c ON c.workspace_id = m.workspace_id AND c.id = m.contact_id
                WHERE a.workspace_id = :workspace AND a.deleted_at IS NULL AND a.level IS NOT NULL
                  AND a.do_not_contact = FALSE AND c.deleted_at IS NULL AND c.do_not_contact = FALSE
                GROUP BY COALESCE(a.owner_id, 0)
                """).param("since", since.toEpochMilli()).param("workspace", Actors.current().workspaceId())
                .query((rs, n) -> new Coverage(rs.getLong("owner_id"), rs.getLong("people"), rs.getLong("touched"),
                        rs.getLong("influencers"), rs.getLong("influencers_touched")))
                .list();
    }
}
