package app.tickler.party;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
class AccountRepository {

    static final String SELECT = "SELECT a.* FROM accounts a WHERE a.workspace_id = :workspace";

    private final JdbcClient jdbc;
    private final CustomFields customFields;
    private final Dialect dialect;
    private final PartySearch search;

    AccountRepository(JdbcClient jdbc, CustomFields customFields, Dialect dialect, PartySearch search) {
        this.search = search;
        this.jdbc = jdbc;
        this.customFields = customFields;
        this.dialect = dialect;
    }

    Optional<Account> find(long id) {
        List<Account> found = findAll(List.of(id));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The accounts with these ids, live or in the trash, in no particular order. */
    List<Account> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Account> rows = jdbc.sql(SELECT + " AND a.id IN (:ids)").param("workspace", workspace()).param("ids", ids)
                .query((rs, n) -> map(rs)).list();
        return withTags(rows);
    }

    /** One page of a list built by {@link PartyQueries}. */
    Page<Account> list(ListQuery query, PartyList.Sort sort, Paging paging) {
        Page<Account> page = query.page(jdbc, (rs, n) -> map(rs), sort.on("a"), "a.id", paging,
                account -> sortKey(account, sort), account -> account.id().value());
        return new Page<>(withTags(page.items()), page.nextCursor());
    }

    void insert(Account account, long now) {
        jdbc.sql("""
                INSERT INTO accounts (workspace_id, id, name, sort_name, name_key, website, domain, industry, size, phone,
                                      phone_key, street, city, postal_code, region, country, description, owner_id, level,
                                      level_assessed_on, stage, do_not_contact, do_not_contact_reason, do_not_contact_since,
                                      parent_id, custom, version, created_at, updated_at""" + searchColumn() + """
                )
                VALUES (:workspace, :id, :name, :sortName, :nameKey, :website, :domain, :industry, :size, :phone, :phoneKey,
                        :street, :city, :postalCode, :region, :country, :description, :owner, :level, :assessed, :stage,
                        :dnc, :dncReason, :dncSince, :parent, :custom, 0, :now, :now""" + searchValue() + """
                )
                """).params(columns(account)).param("now", now).update();
        replaceTags(account.id().value(), account.tags());
    }

    /** Writes every field if the stored version is still {@code account.version()}. */
    void update(Account account, long now) {
        int updated = jdbc.sql("""
                UPDATE accounts SET name = :name, sort_name = :sortName, name_key = :nameKey, website = :website,
                       domain = :domain, industry = :industry, size = :size, phone = :phone, phone_key = :phoneKey,
                       street = :street, city = :city, postal_code = :postalCode, region = :region, country = :country,
                       description = :description, owner_id = :owner, level = :level, level_assessed_on = :assessed,
                       stage = :stage, do_not_contact = :dnc, do_not_contact_reason = :dncReason,
                       do_not_contact_since = :dncSince, parent_id = :parent, custom = :custom, version = version + 1,
                       updated_at = :now""" + searchAssignment() + """
                WHERE workspace_id = :workspace AND id = :id AND version = :version
                """).params(columns(account)).param("now", now).param("version", account.version())
                .update();
        if (updated == 0) {
            throw new StaleVersion("The account", find(account.id().value()).map(Account::version).orElse(0L));
        }
        replaceTags(account.id().value(), account.tags());
    }

    void reparentChildren(long from, long into) {
        jdbc.sql("UPDATE accounts SET parent_id = :into WHERE workspace_id = :workspace AND parent_id = :from AND id <> :into")
                .param("into", into).param("workspace", workspace()).param("from", from).update();
    }

    void moveToTrash(long id, Long deletedAt, long now) {
        jdbc.sql("""
                UPDATE accounts SET deleted_at = :deletedAt, version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id
                """).param("deletedAt", deletedAt).param("now", now).param("workspace", workspace()).param("id", id).update();
    }

    void delete(long id) {
        jdbc.sql("UPDATE accounts SET parent_id = NULL WHERE workspace_id = :workspace AND parent_id = :id")
                .param("workspace", workspace()).param("id", id).update();
        jdbc.sql("DELETE FROM accounts WHERE workspace_id = :workspace AND id = :id")
                .param("workspace", workspace()).param("id", id).update();
    }

    /** Ids of accounts in the trash since before the cutoff, oldest first. */
    List<Long> trashedBefore(long workspaceId, long cutoff, int max) {
        return jdbc.sql("""
                SELECT id FROM accounts WHERE workspace_id = :workspace AND deleted_at IS NOT NULL AND deleted_at < :cutoff
                ORDER BY deleted_at, id LIMIT :max
                """).param("workspace", workspaceId).param("cutoff", cutoff).param("max", max).query(Long.class).list();
    }

    /** Ids of live records after the given one, in id order: for walking a whole workspace. */
    List<Long> liveIdsAfter(long after, int limit) {
        return jdbc.sql("SELECT id FROM accounts WHERE workspace_id = :workspace AND id > :after AND deleted_at IS NULL"
                        + " ORDER BY id LIMIT :limit")
                .param("workspace", workspace()).param("after", after).param("limit", limit).query(Long.class).list();
    }

    void touched(Collection<Long> ids, long at) {
        if (!ids.isEmpty()) {
            jdbc.sql("""
                    UPDATE accounts SET last_touch_at = :at
                    WHERE workspace_id = :workspace AND id IN (:ids) AND last_touch_at < :at
                    """).param("at", at).param("workspace", workspace()).param("ids", ids).update();
        }
    }

    /**
     * Live accounts sharing a normal form with the candidate: the duplicate suspects. One indexed
     * lookup per key, united — an OR across columns would scan the workspace.
     */
    List<Account> sameAs(long exceptId, String domain, String phoneKey, String nameKey) {
        List<String> lookups = new java.util.ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        params.put("workspace", workspace());
        params.put("except", exceptId);
        if (domain != null) {
            lookups.add("SELECT id FROM accounts WHERE workspace_id = :workspace AND domain = :domain");
            params.put("domain", domain);
        }
        if (phoneKey != null) {
            lookups.add("SELECT id FROM accounts WHERE workspace_id = :workspace AND phone_key = :phoneKey");
            params.put("phoneKey", phoneKey);
        }
        if (nameKey != null && !nameKey.isEmpty()) {
            lookups.add("SELECT id FROM accounts WHERE workspace_id = :workspace AND name_key = :nameKey");
            params.put("nameKey", nameKey);
        }
        if (lookups.isEmpty()) {
            return List.of();
        }
        List<Long> ids = jdbc.sql("SELECT id FROM (" + String.join(" UNION ", lookups) + ") suspects WHERE id <> :except LIMIT 20")
                .params(params).query(Long.class).list();
        return findAll(ids).stream().filter(a -> !a.inTrash()).toList();
    }

    /** Live accounts with this match key of the name or this domain, for matching on import. */
    List<Long> withKey(String column, String key) {
        return jdbc.sql("SELECT id FROM accounts WHERE workspace_id = :workspace AND deleted_at IS NULL AND "
                        + (column.equals("domain") ? "domain" : "name_key") + " = :key ORDER BY id LIMIT 2")
                .param("workspace", workspace()).param("key", key).query(Long.class).list();
    }

    /** Live accounts whose name key starts like the candidate's, for near-identical names. */
    List<Account> namedLike(long exceptId, String nameKeyPrefix) {
        List<Long> ids = jdbc.sql("""
                SELECT id FROM accounts WHERE workspace_id = :workspace AND id <> :except AND deleted_at IS NULL
                  AND """ + " " + dialect.startsWith("name_key", "prefix") + " LIMIT 50")
                .param("workspace", workspace()).param("except", exceptId)
                .params(dialect.startsWithValue("prefix", nameKeyPrefix)).query(Long.class).list();
        return findAll(ids);
    }

    void replaceTags(long id, List<String> tags) {
        jdbc.sql("DELETE FROM account_tags WHERE workspace_id = :workspace AND account_id = :id")
                .param("workspace", workspace()).param("id", id).update();
        for (String tag : tags) {
            jdbc.sql("INSERT INTO account_tags (workspace_id, account_id, tag) VALUES (:workspace, :id, :tag)")
                    .param("workspace", workspace()).param("id", id).param("tag", tag).update();
        }
    }

    private List<Account> withTags(List<Account> accounts) {
        if (accounts.isEmpty()) {
            return accounts;
        }
        Map<Long, List<String>> tags = new HashMap<>();
        jdbc.sql("SELECT account_id, tag FROM account_tags WHERE workspace_id = :workspace AND account_id IN (:ids) ORDER BY tag")
                .param("workspace", workspace()).param("ids", accounts.stream().map(a -> a.id().value()).toList())
                .query(rs -> {
                    tags.computeIfAbsent(rs.getLong("account_id"), k -> new ArrayList<>()).add(rs.getString("tag"));
                });
        return accounts.stream().map(a -> tags.containsKey(a.id().value()) ? withTags(a, tags.get(a.id().value())) : a)
                .toList();
    }

    private static Account withTags(Account a, List<String> tags) {
        return new Account(a.id(), a.name(), a.website(), a.domain(), a.industry(), a.size(), a.phone(), a.address(),
                a.description(), a.ownerId(), a.level(), a.levelAssessedOn(), a.stage(), a.doNotContact(),
                a.doNotContactReason(), a.doNotContactSince(), a.parentId(), a.custom(), List.copyOf(tags), a.lastTouchAt(),
                a.version(), a.createdAt(), a.updatedAt(), a.deletedAt());
    }

    private Account map(ResultSet rs) throws SQLException {
        Long owner = Rows.nullableLong(rs, "owner_id");
        Long parent = Rows.nullableLong(rs, "parent_id");
        String level = rs.getString("level");
        String stage = rs.getString("stage");
        long lastTouch = rs.getLong("last_touch_at");
        return new Account(new AccountId(rs.getLong("id")), rs.getString("name"), rs.getString("website"),
                rs.getString("domain"), rs.getString("industry"), rs.getString("size"), rs.getString("phone"),
                new Address(rs.getString("street"), rs.getString("city"), rs.getString("postal_code"),
                        rs.getString("region"), rs.getString("country")),
                rs.getString("description"), owner == null ? null : new UserId(owner),
                level == null ? null : CustomerLevel.valueOf(level), Rows.nullableDate(rs, "level_assessed_on"),
                stage == null ? null : RelationshipStage.valueOf(stage), rs.getBoolean("do_not_contact"),
                rs.getString("do_not_contact_reason"), Rows.nullableInstant(rs, "do_not_contact_since"),
                parent == null ? null : new AccountId(parent), customFields.read(rs.getString("custom")), List.of(),
                lastTouch == 0 ? null : Instant.ofEpochMilli(lastTouch), rs.getLong("version"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"), Rows.nullableInstant(rs, "deleted_at"));
    }

    private Map<String, Object> columns(Account a) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("workspace", workspace());
        columns.put("id", a.id().value());
        columns.put("name", a.name());
        columns.put("sortName", PartyNames.sortKey(a.name()));
        columns.put("nameKey", PartyNames.matchKey(a.name(), true));
        columns.put("website", a.website());
        columns.put("domain", a.domain());
        columns.put("industry", a.industry());
        columns.put("size", a.size());
        columns.put("phone", a.phone());
        columns.put("phoneKey", PartyNames.phoneKey(a.phone()));
        columns.put("street", a.address().street());
        columns.put("city", a.address().city());
        columns.put("postalCode", a.address().postalCode());
        columns.put("region", a.address().region());
        columns.put("country", a.address().country());
        columns.put("description", a.description());
        columns.put("owner", a.ownerId() == null ? null : a.ownerId().value());
        columns.put("level", a.level() == null ? null : a.level().name());
        columns.put("assessed", Rows.date(a.levelAssessedOn()));
        columns.put("stage", a.stage() == null ? null : a.stage().name());
        columns.put("dnc", a.doNotContact());
        columns.put("dncReason", a.doNotContactReason());
        columns.put("dncSince", Rows.millis(a.doNotContactSince()));
        columns.put("parent", a.parentId() == null ? null : a.parentId().value());
        columns.put("custom", customFields.write(a.custom()));
        if (search.inline()) {
            columns.put("searchText", search.terms(a));
        }
        return columns;
    }

    // PostgreSQL keeps the search text in the row itself: written with it, one row version per write
    private String searchColumn() {
        return search.inline() ? ", search_text" : "";
    }

    private String searchValue() {
        return search.inline() ? ", :searchText" : "";
    }

    private String searchAssignment() {
        return search.inline() ? ", search_text = :searchText " : " ";
    }

    private static Object sortKey(Account account, PartyList.Sort sort) {
        return switch (sort) {
            case NAME -> PartyNames.sortKey(account.name());
            case UPDATED -> account.updatedAt().toEpochMilli();
            case CREATED -> account.id().value();
            case LAST_TOUCH -> account.lastTouchAt() == null ? 0L : account.lastTouchAt().toEpochMilli();
        };
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
