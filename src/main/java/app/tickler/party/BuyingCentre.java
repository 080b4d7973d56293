package app.tickler.party;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Change;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actors;
import app.tickler.platform.timeline.Timeline;
import app.tickler.platform.timeline.TimelineEntry.Subject;

/** Who belongs to which organisation's buying centre, in which role, key or not. */
@Component
class BuyingCentre {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;
    private final Timeline timeline;

    private final org.springframework.jdbc.core.JdbcTemplate batches;

    BuyingCentre(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batches, Clock clock, AuditLog audit,
            Timeline timeline) {
        this.batches = batches;
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.timeline = timeline;
    }

    boolean accountExists(AccountId account) {
        return jdbc.sql("SELECT 1 FROM accounts WHERE workspace_id = :workspace AND id = :id AND deleted_at IS NULL")
                .param("workspace", workspace()).param("id", account.value()).query(Integer.class).optional().isPresent();
    }

    /** Adds the person to the account's buying centre, or changes their role there. */
    void link(AccountId account, ContactId contact, BuyingRole role, boolean key, boolean recordOnTimelines) {
        boolean existing = isMember(account, contact);
        if (!existing) {
            jdbc.sql("""
                    INSERT INTO account_contacts (workspace_id, account_id, contact_id, role, key_person, created_at)
                    VALUES (:workspace, :account, :contact, :role, :key, :now)
                    """).param("workspace", workspace()).param("account", account.value())
                    .param("contact", contact.value()).param("role", role.name()).param("key", key)
                    .param("now", clock.millis()).update();
        } else {
            jdbc.sql("""
                    UPDATE account_contacts SET role = :role, key_person = :key
                    WHERE workspace_id = :workspace AND account_id = :account AND contact_id = :contact
                    """).param("role", role.name()).param("key", key).param("workspace", workspace())
                    .param("account", account.value()).param("contact", contact.value()).update();
        }
        Map<String, Change> changes = Map.of("role", new Change(null, role), "key", new Change(null, key));
        audit.record("buyingCentre", account.value(), existing ? "member changed" : "member added",
                Map.of("contactId", new Change(null, Long.toString(contact.value())), "role", new Change(null, role),
                        "key", new Change(null, key)));
        if (recordOnTimelines) {
            timeline.recordChange(new Subject("account", account.value()), "buyingCentre.changed",
                    "Buying centre: " + role.name().toLowerCase().replace('_', ' ') + (key ? " (key)" : ""), changes);
        }
    }

    /** A new person's place in a buying centre, for {@link #linkAll}. */
    record Link(AccountId account, ContactId contact, BuyingRole role, boolean key) {
    }

    /** The names of these live accounts, in one query. */
    Map<Long, String> accountNames(java.util.Collection<Long> ids) {
        Map<Long, String> names = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT id, name FROM accounts WHERE workspace_id = :workspace AND id IN (:ids)")
                    .param("workspace", workspace()).param("ids", ids)
                    .query(rs -> {
                        names.put(rs.getLong("id"), rs.getString("name"));
                    });
        }
        return names;
    }

    /**
     * Places new people (not yet members anywhere) in buying centres in one batch statement; one audit
     * entry per account for the batch, and the change on each account's timeline as {@link #link} writes it.
     */
    void linkAll(List<Link> links, String source) {
        if (links.isEmpty()) {
            return;
        }
        long now = clock.millis();
        long workspace = workspace();
        batches.batchUpdate("""
                INSERT INTO account_contacts (workspace_id, account_id, contact_id, role, key_person, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, links.stream().map(l -> new Object[] {workspace, l.account().value(), l.contact().value(),
                        l.role().name(), l.key(), now}).toList());
        Map<AccountId, List<Link>> byAccount = new java.util.LinkedHashMap<>();
        links.forEach(l -> byAccount.computeIfAbsent(l.account(), a -> new java.util.ArrayList<>()).add(l));
        byAccount.forEach((account, added) -> {
            Map<String, Change> changes = new java.util.LinkedHashMap<>();
            changes.put("count", new Change(null, added.size()));
            changes.put("contactIds", new Change(null, String.join(",", added.stream().limit(100)
                    .map(l -> Long.toString(l.contact().value())).toList())));
            if (source != null) {
                changes.put("source", new Change(null, source));
            }
            audit.record("buyingCentre", account.value(), "members added", changes);
        });
        Map<String, List<Link>> byRole = new java.util.LinkedHashMap<>();
        links.forEach(l -> byRole.computeIfAbsent(l.role().name() + "/" + l.key(), k -> new java.util.ArrayList<>()).add(l));
        byRole.values().forEach(same -> {
            BuyingRole role = same.get(0).role();
            boolean key = same.get(0).key();
            timeline.append(new Timeline.Append(same.stream().map(l -> new Subject("account", l.account().value())).toList(),
                    "buyingCentre.changed", null,
                    "Buying centre: " + role.name().toLowerCase().replace('_', ' ') + (key ? " (key)" : ""), null,
                    Map.of("role", new Change(null, role), "key", new Change(null, key)), null, null));
        });
    }

    boolean isMember(AccountId account, ContactId contact) {
        return jdbc.sql("""
                SELECT 1 FROM account_contacts WHERE workspace_id = :workspace AND account_id = :account AND contact_id = :contact
                """).param("workspace", workspace()).param("account", account.value()).param("contact", contact.value())
                .query(Integer.class).optional().isPresent();
    }

    void unlink(AccountId account, ContactId contact) {
        jdbc.sql("DELETE FROM account_contacts WHERE workspace_id = :workspace AND account_id = :account AND contact_id = :contact")
                .param("workspace", workspace()).param("account", account.value()).param("contact", contact.value())
                .update();
        audit.record("buyingCentre", account.value(), "member removed",
                Map.of("contactId", new Change(Long.toString(contact.value()), null)));
    }

    /** The account's people, key people first, each with their last touch; gaps show at a glance. */
    List<BuyingCentreMember> of(AccountId account) {
        return jdbc.sql("""
                SELECT c.id, c.first_name, c.last_name, c.title, c.email, c.phone, c.do_not_contact, c.last_touch_at,
                       m.role, m.key_person
                FROM account_contacts m JOIN contacts c ON c.workspace_id = m.workspace_id AND c.id = m.contact_id
                WHERE m.workspace_id = :workspace AND m.account_id = :account AND c.deleted_at IS NULL
                ORDER BY m.key_person DESC, c.sort_name, c.id
                LIMIT 1000
                """).param("workspace", workspace()).param("account", account.value())
                .query((rs, n) -> new BuyingCentreMember(new ContactId(rs.getLong("id")),
                        PartyNames.fullName(rs.getString("first_name"), rs.getString("last_name")), rs.getString("title"),
                        rs.getString("email"), rs.getString("phone"), BuyingRole.valueOf(rs.getString("role")),
                        rs.getBoolean("key_person"), rs.getBoolean("do_not_contact"),
                        rs.getLong("last_touch_at") == 0 ? null : Rows.instant(rs, "last_touch_at")))
                .list();
    }

    /** Moves every membership of one contact to another (merging duplicate people). */
    void moveContact(ContactId from, ContactId into) {
        jdbc.sql("""
                INSERT INTO account_contacts (workspace_id, account_id, contact_id, role, key_person, created_at)
                SELECT workspace_id, account_id, :into, role, key_person, created_at FROM account_contacts m
                WHERE m.workspace_id = :workspace AND m.contact_id = :from
                  AND NOT EXISTS (SELECT 1 FROM account_contacts x WHERE x.workspace_id = m.workspace_id
                                  AND x.account_id = m.account_id AND x.contact_id = :into)
                """).param("workspace", workspace()).param("from", from.value()).param("into", into.value()).update();
        jdbc.sql("DELETE FROM account_contacts WHERE workspace_id = :workspace AND contact_id = :from")
                .param("workspace", workspace()).param("from", from.value()).update();
    }

    /** Moves every membership of one account to another (merging duplicate organisations). */
    void moveAccount(AccountId from, AccountId into) {
        jdbc.sql("""
                INSERT INTO account_contacts (workspace_id, account_id, contact_id, role, key_person, created_at)
                SELECT workspace_id, :into, contact_id, role, key_person, created_at FROM account_contacts m
                WHERE m.workspace_id = :workspace AND m.account_id = :from
                  AND NOT EXISTS (SELECT 1 FROM account_contacts x WHERE x.workspace_id = m.workspace_id
                                  AND x.account_id = :into AND x.contact_id = m.contact_id)
                """).param("workspace", workspace()).param("from", from.value()).param("into", into.value()).update();
        jdbc.sql("DELETE FROM account_contacts WHERE workspace_id = :workspace AND account_id = :from")
                .param("workspace", workspace()).param("from", from.value()).update();
    }

    List<ContactId> members(AccountId account) {
        return jdbc.sql("SELECT contact_id FROM account_contacts WHERE workspace_id = :workspace AND account_id = :account")
                .param("workspace", workspace()).param("account", account.value()).query(Long.class).list().stream()
                .map(ContactId::new).toList();
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
