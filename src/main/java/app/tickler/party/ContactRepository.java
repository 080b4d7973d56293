package app.tickler.party;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tickler.identity.UserId;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.database.Dialect;
import app.tickler.platform.database.ListQuery;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actors;

@Repository
class ContactRepository {

    static final String SELECT = "SELECT c.* FROM contacts c WHERE c.workspace_id = :workspace";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private final CustomFields customFields;
    private final Dialect dialect;
    private final PartySearch search;

    ContactRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batches, CustomFields customFields, Dialect dialect,
            PartySearch search) {
        this.batches = batches;
        this.search = search;
        this.jdbc = jdbc;
        this.customFields = customFields;
        this.dialect = dialect;
    }

    Optional<Contact> find(long id) {
        List<Contact> found = findAll(List.of(id));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The contacts with these ids, live or in the trash, in no particular order, complete. */
    List<Contact> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return complete(jdbc.sql(SELECT + " AND c.id IN (:ids)").param("workspace", workspace()).param("ids", ids)
                .query((rs, n) -> map(rs)).list());
    }

    Page<Contact> list(ListQuery query, PartyList.Sort sort, Paging paging) {
        Page<Contact> page = query.page(jdbc, (rs, n) -> map(rs), sort.on("c"), "c.id", paging,
                contact -> sortKey(contact, sort), contact -> contact.id().value());
        return new Page<>(complete(page.items()), page.nextCursor());
    }

    void insert(Contact contact, long now) {
        jdbc.sql(INSERT.formatted(searchColumn(), searchValue())).params(columns(contact)).param("now", now).update();
        replaceDetails(contact);
    }

    private static final String INSERT = """
            INSERT INTO contacts (workspace_id, id, first_name, last_name, sort_name, name_key, title, email, phone,
                                  street, city, postal_code, region, country, birthday, preferred_channel, owner_id,
                                  do_not_contact, do_not_contact_reason, do_not_contact_since, referred_by_contact_id,
                                  referred_by_user_id, custom, version, created_at, updated_at%s)
            VALUES (:workspace, :id, :first, :last, :sortName, :nameKey, :title, :email, :phone, :street, :city,
                    :postalCode, :region, :country, :birthday, :channel, :owner, :dnc, :dncReason, :dncSince,
                    :referredByContact, :referredByUser, :custom, 0, :now, :now%s)
            """;

    /**
     * New contacts with their emails, phones and tags, as {@link #insert} writes each, in one batch
     * statement per table. The values are bound by position with typed setters: for an import's
     * batches, named parameters (a map per row, the value's type looked up per cell) cost more time
     * than the database's own work on the rows.
     */
    void insertAll(List<Contact> contacts, long now) {
        if (contacts.isEmpty()) {
            return;
        }
        long workspace = workspace();
        boolean inline = search.inline();
        List<Object[]> emails = new ArrayList<>();
        List<Object[]> phones = new ArrayList<>();
        List<Object[]> tags = new ArrayList<>();
        for (Contact contact : contacts) {
            long id = contact.id().value();
            int position = 0;
            for (Contact.Email email : contact.emails()) {
                emails.add(new Object[] {id, position++, email.address(), PartyNames.emailKey(email.address()), email.label()});
            }
            position = 0;
            for (Contact.Phone phone : contact.phones()) {
                String key = PartyNames.phoneKey(phone.number());
                phones.add(new Object[] {id, position++, phone.number(), key == null ? "" : key, phone.label()});
            }
            for (String tag : contact.tags()) {
                tags.add(new Object[] {id, tag});
            }
        }
        JdbcTemplate template = batches.getJdbcTemplate();
        template.batchUpdate("""
                INSERT INTO contacts (workspace_id, id, first_name, last_name, sort_name, name_key, title, email, phone,
                                      street, city, postal_code, region, country, birthday, preferred_channel, owner_id,
                                      do_not_contact, do_not_contact_reason, do_not_contact_since, referred_by_contact_id,
                                      referred_by_user_id, custom, version, created_at, updated_at%s)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?%s)
                """.formatted(inline ? ", search_text" : "", inline ? ", ?" : ""), contacts, contacts.size(),
                (ps, c) -> {
                    ps.setLong(1, workspace);
                    ps.setLong(2, c.id().value());
                    text(ps, 3, c.firstName());
                    text(ps, 4, c.lastName());
                    ps.setString(5, PartyNames.contactSortKey(c.firstName(), c.lastName()));
                    ps.setString(6, PartyNames.matchKey(c.name(), false));
                    text(ps, 7, c.title());
                    text(ps, 8, c.primaryEmail());
                    text(ps, 9, c.primaryPhone());
                    text(ps, 10, c.address().street());
                    text(ps, 11, c.address().city());
                    text(ps, 12, c.address().postalCode());
                    text(ps, 13, c.address().region());
                    text(ps, 14, c.address().country());
                    text(ps, 15, Rows.date(c.birthday()));
                    text(ps, 16, c.preferredChannel() == null ? null : c.preferredChannel().name());
                    number(ps, 17, c.ownerId() == null ? null : c.ownerId().value());
                    ps.setBoolean(18, c.doNotContact());
                    text(ps, 19, c.doNotContactReason());
                    number(ps, 20, Rows.millis(c.doNotContactSince()));
                    number(ps, 21, c.referredByContactId() == null ? null : c.referredByContactId().value());
                    number(ps, 22, c.referredByUserId() == null ? null : c.referredByUserId().value());
                    ps.setString(23, customFields.write(c.custom()));
                    ps.setLong(24, now);
                    ps.setLong(25, now);
                    if (inline) {
                        ps.setString(26, search.terms(c));
                    }
                });
        if (!emails.isEmpty()) {
            template.batchUpdate("""
                    INSERT INTO contact_emails (workspace_id, contact_id, position, email, email_key, label)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, emails, emails.size(), (ps, row) -> detail(ps, workspace, row));
        }
        if (!phones.isEmpty()) {
            template.batchUpdate("""
                    INSERT INTO contact_phones (workspace_id, contact_id, position, phone, phone_key, label)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, phones, phones.size(), (ps, row) -> detail(ps, workspace, row));
        }
        if (!tags.isEmpty()) {
            template.batchUpdate("INSERT INTO contact_tags (workspace_id, contact_id, tag) VALUES (?, ?, ?)", tags,
                    tags.size(), (ps, row) -> {
                        ps.setLong(1, workspace);
                        ps.setLong(2, (Long) row[0]);
                        ps.setString(3, (String) row[1]);
                    });
        }
    }

    /** An email or phone row: contact, position, value, key, label. */
    private static void detail(PreparedStatement ps, long workspace, Object[] row) throws SQLException {
        ps.setLong(1, workspace);
        ps.setLong(2, (Long) row[0]);
        ps.setInt(3, (Integer) row[1]);
        ps.setString(4, (String) row[2]);
        ps.setString(5, (String) row[3]);
        text(ps, 6, (String) row[4]);
    }

    private static void text(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    private static void number(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    void update(Contact contact, long now) {
        int updated = jdbc.sql("""
                UPDATE contacts SET first_name = :first, last_name = :last, sort_name = :sortName, name_key = :nameKey,
                       title = :title, email = :email, phone = :phone, street = :street, city = :city,
                       postal_code = :postalCode, region = :region, country = :country, birthday = :birthday,
                       preferred_channel = :channel, owner_id = :owner, do_not_contact = :dnc,
                       do_not_contact_reason = :dncReason, do_not_contact_since = :dncSince,
                       referred_by_contact_id = :referredByContact, referred_by_user_id = :referredByUser,
                       custom = :custom, version = version + 1, updated_at = :now""" + searchAssignment() + """
                WHERE workspace_id = :workspace AND id = :id AND version = :version
                """).params(columns(contact)).param("now", now).param("version", contact.version()).update();
        if (updated == 0) {
            throw new StaleVersion("The contact", find(contact.id().value()).map(Contact::version).orElse(0L));
        }
        replaceDetails(contact);
    }

    void repointReferrals(long from, long into) {
        jdbc.sql("""
                UPDATE contacts SET referred_by_contact_id = :into
                WHERE workspace_id = :workspace AND referred_by_contact_id = :from AND id <> :into
                """).param("into", into).param("workspace", workspace()).param("from", from).update();
    }

    void moveToTrash(long id, Long deletedAt, long now) {
        jdbc.sql("""
                UPDATE contacts SET deleted_at = :deletedAt, version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id
                """).param("deletedAt", deletedAt).param("now", now).param("workspace", workspace()).param("id", id).update();
    }

    /** Removes the person with every detail: emails, phones, tags and buying-centre links cascade. */
    void delete(long id) {
        jdbc.sql("UPDATE contacts SET referred_by_contact_id = NULL WHERE workspace_id = :workspace AND referred_by_contact_id = :id")
                .param("workspace", workspace()).param("id", id).update();
        jdbc.sql("DELETE FROM contacts WHERE workspace_id = :workspace AND id = :id")
                .param("workspace", workspace()).param("id", id).update();
    }

    List<Long> trashedBefore(long workspaceId, long cutoff, int max) {
        return jdbc.sql("""
                SELECT id FROM contacts WHERE workspace_id = :workspace AND deleted_at IS NOT NULL AND deleted_at < :cutoff
                ORDER BY deleted_at, id LIMIT :max
                """).param("workspace", workspaceId).param("cutoff", cutoff).param("max", max).query(Long.class).list();
    }

    /** Ids of live records after the given one, in id order: for walking a whole workspace. */
    List<Long> liveIdsAfter(long after, int limit) {
        return jdbc.sql("SELECT id FROM contacts WHERE workspace_id = :workspace AND id > :after AND deleted_at IS NULL"
                        + " ORDER BY id LIMIT :limit")
                .param("workspace", workspace()).param("after", after).param("limit", limit).query(Long.class).list();
    }

    void touched(Collection<Long> ids, long at) {
        if (!ids.isEmpty()) {
            jdbc.sql("""
                    UPDATE contacts SET last_touch_at = :at
                    WHERE workspace_id = :workspace AND id IN (:ids) AND last_touch_at < :at
                    """).param("at", at).param("workspace", workspace()).param("ids", ids).update();
        }
    }

    /** Live contacts sharing an email, a phone or the normal form of the name: one indexed lookup each, united. */
    List<Contact> sameAs(long exceptId, Collection<String> emailKeys, Collection<String> phoneKeys, String nameKey) {
        List<String> lookups = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        params.put("workspace", workspace());
        params.put("except", exceptId);
        if (nameKey != null && !nameKey.isEmpty()) {
            lookups.add("SELECT id FROM contacts WHERE workspace_id = :workspace AND name_key = :nameKey");
            params.put("nameKey", nameKey);
        }
        if (!emailKeys.isEmpty()) {
            lookups.add("SELECT contact_id AS id FROM contact_emails WHERE workspace_id = :workspace AND email_key IN (:emails)");
            params.put("emails", emailKeys);
        }
        if (!phoneKeys.isEmpty()) {
            lookups.add("SELECT contact_id AS id FROM contact_phones WHERE workspace_id = :workspace AND phone_key IN (:phones)");
            params.put("phones", phoneKeys);
        }
        if (lookups.isEmpty()) {
            return List.of();
        }
        List<Long> ids = jdbc.sql("SELECT id FROM (" + String.join(" UNION ", lookups) + ") suspects WHERE id <> :except LIMIT 20")
                .params(params).query(Long.class).list();
        return findAll(ids).stream().filter(c -> !c.inTrash()).toList();
    }

    /** Live contacts with an email, for matching on import and duplicate checks. */
    List<Long> withEmail(String emailKey) {
        return jdbc.sql("""
                SELECT e.contact_id FROM contact_emails e JOIN contacts c ON c.workspace_id = e.workspace_id AND c.id = e.contact_id
                WHERE e.workspace_id = :workspace AND e.email_key = :key AND c.deleted_at IS NULL
                """).param("workspace", workspace()).param("key", emailKey).query(Long.class).list();
    }

    /** Live contacts having any of these emails (their keys), in one query: email key to the contact ids. */
    Map<String, List<Long>> withEmails(Collection<String> emailKeys) {
        Map<String, List<Long>> found = new HashMap<>();
        if (emailKeys.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                SELECT e.email_key, e.contact_id FROM contact_emails e
                JOIN contacts c ON c.workspace_id = e.workspace_id AND c.id = e.contact_id
                WHERE e.workspace_id = :workspace AND e.email_key IN (:keys) AND c.deleted_at IS NULL
                """).param("workspace", workspace()).param("keys", emailKeys).query(rs -> {
                    found.computeIfAbsent(rs.getString("email_key"), k -> new ArrayList<>()).add(rs.getLong("contact_id"));
                });
        // sorted here: asked to sort, SQLite walks the workspace's emails in contact order instead of the key index
        found.values().forEach(ids -> ids.sort(null));
        return found;
    }

    List<Contact> namedLike(long exceptId, String nameKeyPrefix) {
        List<Long> ids = jdbc.sql("""
                SELECT id FROM contacts WHERE workspace_id = :workspace AND id <> :except AND deleted_at IS NULL
                  AND """ + " " + dialect.startsWith("name_key", "prefix") + " LIMIT 50")
                .param("workspace", workspace()).param("except", exceptId)
                .params(dialect.startsWithValue("prefix", nameKeyPrefix)).query(Long.class).list();
        return findAll(ids);
    }

    private void replaceDetails(Contact contact) {
        long id = contact.id().value();
        for (String table : List.of("contact_emails", "contact_phones", "contact_tags")) {
            jdbc.sql("DELETE FROM " + table + " WHERE workspace_id = :workspace AND contact_id = :id")
                    .param("workspace", workspace()).param("id", id).update();
        }
        int position = 0;
        for (Contact.Email email : contact.emails()) {
            jdbc.sql("""
                    INSERT INTO contact_emails (workspace_id, contact_id, position, email, email_key, label)
                    VALUES (:workspace, :id, :position, :email, :key, :label)
                    """).param("workspace", workspace()).param("id", id).param("position", position++)
                    .param("email", email.address()).param("key", PartyNames.emailKey(email.address()))
                    .param("label", email.label()).update();
        }
        position = 0;
        for (Contact.Phone phone : contact.phones()) {
            String key = PartyNames.phoneKey(phone.number());
            jdbc.sql("""
                    INSERT INTO contact_phones (workspace_id, contact_id, position, phone, phone_key, label)
                    VALUES (:workspace, :id, :position, :phone, :key, :label)
                    """).param("workspace", workspace()).param("id", id).param("position", position++)
                    .param("phone", phone.number()).param("key", key == null ? "" : key).param("label", phone.label())
                    .update();
        }
        for (String tag : contact.tags()) {
            jdbc.sql("INSERT INTO contact_tags (workspace_id, contact_id, tag) VALUES (:workspace, :id, :tag)")
                    .param("workspace", workspace()).param("id", id).param("tag", tag).update();
        }
    }

    /** Adds emails, phones, tags and memberships to contacts read from the contacts table, in four queries. */
    private List<Contact> complete(List<Contact> contacts) {
        if (contacts.isEmpty()) {
            return contacts;
        }
        List<Long> ids = contacts.stream().map(c -> c.id().value()).toList();
        Map<Long, List<Contact.Email>> emails = new HashMap<>();
        jdbc.sql("""
                SELECT contact_id, position, email, label FROM contact_emails
                WHERE workspace_id = :workspace AND contact_id IN (:ids) ORDER BY contact_id, position
                """).param("workspace", workspace()).param("ids", ids).query(rs -> {
                    emails.computeIfAbsent(rs.getLong("contact_id"), k -> new ArrayList<>())
                            .add(new Contact.Email(rs.getString("email"), rs.getString("label"), rs.getInt("position") == 0));
                });
        Map<Long, List<Contact.Phone>> phones = new HashMap<>();
        jdbc.sql("""
                SELECT contact_id, position, phone, label FROM contact_phones
                WHERE workspace_id = :workspace AND contact_id IN (:ids) ORDER BY contact_id, position
                """).param("workspace", workspace()).param("ids", ids).query(rs -> {
                    phones.computeIfAbsent(rs.getLong("contact_id"), k -> new ArrayList<>())
                            .add(new Contact.Phone(rs.getString("phone"), rs.getString("label"), rs.getInt("position") == 0));
                });
        Map<Long, List<String>> tags = new HashMap<>();
        jdbc.sql("SELECT contact_id, tag FROM contact_tags WHERE workspace_id = :workspace AND contact_id IN (:ids) ORDER BY tag")
                .param("workspace", workspace()).param("ids", ids).query(rs -> {
                    tags.computeIfAbsent(rs.getLong("contact_id"), k -> new ArrayList<>()).add(rs.getString("tag"));
                });
        Map<Long, List<Contact.Membership>> memberships = new HashMap<>();
        jdbc.sql("""
                SELECT m.contact_id, m.account_id, a.name, m.role, m.key_person FROM account_contacts m
                JOIN accounts a ON a.workspace_id = m.workspace_id AND a.id = m.account_id
                WHERE m.workspace_id = :workspace AND m.contact_id IN (:ids) ORDER BY a.sort_name
                """).param("workspace", workspace()).param("ids", ids).query(rs -> {
                    memberships.computeIfAbsent(rs.getLong("contact_id"), k -> new ArrayList<>()).add(new Contact.Membership(
                            new AccountId(rs.getLong("account_id")), rs.getString("name"),
                            BuyingRole.valueOf(rs.getString("role")), rs.getBoolean("key_person")));
                });
        return contacts.stream().map(c -> {
            long id = c.id().value();
            return new Contact(c.id(), c.firstName(), c.lastName(), c.title(), emails.getOrDefault(id, List.of()),
                    phones.getOrDefault(id, List.of()), c.address(), c.birthday(), c.preferredChannel(), c.ownerId(),
                    c.doNotContact(), c.doNotContactReason(), c.doNotContactSince(), c.referredByContactId(),
                    c.referredByUserId(), c.custom(), tags.getOrDefault(id, List.of()), memberships.getOrDefault(id, List.of()),
                    c.lastTouchAt(), c.version(), c.createdAt(), c.updatedAt(), c.deletedAt());
        }).toList();
    }

    private Contact map(ResultSet rs) throws SQLException {
        Long owner = Rows.nullableLong(rs, "owner_id");
        Long referredByContact = Rows.nullableLong(rs, "referred_by_contact_id");
        Long referredByUser = Rows.nullableLong(rs, "referred_by_user_id");
        String channel = rs.getString("preferred_channel");
        long lastTouch = rs.getLong("last_touch_at");
        return new Contact(new ContactId(rs.getLong("id")), rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("title"), List.of(), List.of(),
                new Address(rs.getString("street"), rs.getString("city"), rs.getString("postal_code"),
                        rs.getString("region"), rs.getString("country")),
                Rows.nullableDate(rs, "birthday"), channel == null ? null : Channel.valueOf(channel),
                owner == null ? null : new UserId(owner), rs.getBoolean("do_not_contact"),
                rs.getString("do_not_contact_reason"), Rows.nullableInstant(rs, "do_not_contact_since"),
                referredByContact == null ? null : new ContactId(referredByContact),
                referredByUser == null ? null : new UserId(referredByUser), customFields.read(rs.getString("custom")),
                List.of(), List.of(), lastTouch == 0 ? null : Instant.ofEpochMilli(lastTouch), rs.getLong("version"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"), Rows.nullableInstant(rs, "deleted_at"));
    }

    private Map<String, Object> columns(Contact c) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("workspace", workspace());
        columns.put("id", c.id().value());
        columns.put("first", c.firstName());
        columns.put("last", c.lastName());
        columns.put("sortName", PartyNames.contactSortKey(c.firstName(), c.lastName()));
        columns.put("nameKey", PartyNames.matchKey(c.name(), false));
        columns.put("title", c.title());
        columns.put("email", c.primaryEmail());
        columns.put("phone", c.primaryPhone());
        columns.put("street", c.address().street());
        columns.put("city", c.address().city());
        columns.put("postalCode", c.address().postalCode());
        columns.put("region", c.address().region());
        columns.put("country", c.address().country());
        columns.put("birthday", Rows.date(c.birthday()));
        columns.put("channel", c.preferredChannel() == null ? null : c.preferredChannel().name());
        columns.put("owner", c.ownerId() == null ? null : c.ownerId().value());
        columns.put("dnc", c.doNotContact());
        columns.put("dncReason", c.doNotContactReason());
        columns.put("dncSince", Rows.millis(c.doNotContactSince()));
        columns.put("referredByContact", c.referredByContactId() == null ? null : c.referredByContactId().value());
        columns.put("referredByUser", c.referredByUserId() == null ? null : c.referredByUserId().value());
        columns.put("custom", customFields.write(c.custom()));
        if (search.inline()) {
            columns.put("searchText", search.terms(c));
        }
        return columns;
    }

    private String searchColumn() {
        return search.inline() ? ", search_text" : "";
    }

    private String searchValue() {
        return search.inline() ? ", :searchText" : "";
    }

    private String searchAssignment() {
        return search.inline() ? ", search_text = :searchText " : " ";
    }

    private static Object sortKey(Contact contact, PartyList.Sort sort) {
        return switch (sort) {
            case NAME -> PartyNames.contactSortKey(contact.firstName(), contact.lastName());
            case UPDATED -> contact.updatedAt().toEpochMilli();
            case CREATED -> contact.id().value();
            case LAST_TOUCH -> contact.lastTouchAt() == null ? 0L : contact.lastTouchAt().toEpochMilli();
        };
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
