package app.tickler.party;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import app.tickler.platform.database.Dialect;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Visibility;

/**
 * Search as you type over names, emails, phones and account names, behind one API for both
 * databases. Names that start with what was typed come first (a B-tree range on sort_name), then
 * records with a word starting with every typed word: FTS5 prefix queries on SQLite, full-text
 * prefix queries on PostgreSQL. Each write of an account or contact re-indexes it in the same transaction.
 */
@Component
class PartySearch {

    static final int MAX_RESULTS = 20;

    private final JdbcClient jdbc;
    private final Dialect dialect;

    private final org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate batches;
    private final TransactionTemplate customPlans;

    PartySearch(JdbcClient jdbc, org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate batches,
            Dialect dialect, PlatformTransactionManager transactions) {
        this.batches = batches;
        this.customPlans = new TransactionTemplate(transactions);
        this.customPlans.setReadOnly(true);
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    // --- indexing ---------------------------------------------------------------------------

    /** What a search finds an account by: name, website, phone, city. */
    String terms(Account account) {
        return terms(Stream.of(account.name(), account.domain(), account.website(), account.phone(),
                PartyNames.phoneKey(account.phone()), account.address().city()));
    }

    /** What a search finds a person by: names, title, every email and phone, their organisations. */
    String terms(Contact contact) {
        List<String> parts = new ArrayList<>();
        parts.add(contact.firstName());
        parts.add(contact.lastName());
        parts.add(contact.title());
        contact.emails().forEach(e -> {
            parts.add(e.address());
            // the local part and the domain as words of their own too, so that "ann@roo" finds ann@roofs.example
            parts.add(e.address().replace('@', ' '));
        });
        contact.phones().forEach(p -> {
            parts.add(p.number());
            parts.add(PartyNames.phoneKey(p.number()));
        });
        contact.accounts().forEach(m -> parts.add(m.accountName()));
        return terms(parts.stream());
    }

    /**
     * Whether the search text is a column the repositories write with the record (PostgreSQL), rather
     * than a separate index kept here (SQLite's FTS5 table).
     */
    boolean inline() {
        return dialect == Dialect.POSTGRESQL;
    }

    /** After a repository wrote the record: SQLite's index follows; PostgreSQL's column was written with it. */
    void written(Account account) {
        if (!inline()) {
            replace(account.id().value(), terms(account));
        }
    }

    void written(Contact contact) {
        if (!inline()) {
            replace(contact.id().value(), terms(contact));
        }
    }

    /** After a repository wrote many new contacts: SQLite's index rows in one batch statement. */
    void writtenAll(List<Contact> contacts) {
        if (inline() || contacts.isEmpty()) {
            return;
        }
        String workspace = "w" + Actors.current().workspaceId() + " ";
        batches.getJdbcTemplate().batchUpdate("INSERT INTO party_search (rowid, terms) VALUES (?, ?)",
                contacts.stream().map(c -> new Object[] {c.id().value(), workspace + terms(c)}).toList());
    }

    /** The account's search text or index row written anew (a restored workspace's search is rebuilt). */
    void reindex(Account account) {
        reindex("accounts", account.id().value(), terms(account));
    }

    /** After something the record's terms include changed elsewhere (a person's organisations). */
    void reindex(Contact contact) {
        reindex("contacts", contact.id().value(), terms(contact));
    }

    /** {@link #reindex(Account)} for a page of accounts, in one batch statement on PostgreSQL (a restore). */
    void reindexAccounts(List<Account> accounts) {
        reindexAll("accounts", accounts.stream().map(a -> Map.entry(a.id().value(), terms(a))).toList());
    }

    void reindexContacts(List<Contact> contacts) {
        reindexAll("contacts", contacts.stream().map(c -> Map.entry(c.id().value(), terms(c))).toList());
    }

    private void reindexAll(String table, List<Map.Entry<Long, String>> rows) {
        if (!inline()) {
            rows.forEach(row -> replace(row.getKey(), row.getValue()));
            return;
        }
        long workspace = Actors.current().workspaceId();
        batches.getJdbcTemplate().batchUpdate("UPDATE " + table + " SET search_text = ? WHERE workspace_id = ? AND id = ?",
                rows, rows.size(), (ps, row) -> {
                    ps.setString(1, row.getValue());
                    ps.setLong(2, workspace);
                    ps.setLong(3, row.getKey());
                });
    }

    private void reindex(String table, long id, String terms) {
        if (inline()) {
            jdbc.sql("UPDATE " + table + " SET search_text = :terms WHERE workspace_id = :workspace AND id = :id")
                    .param("terms", terms).param("workspace", Actors.current().workspaceId()).param("id", id).update();
        } else {
            replace(id, terms);
        }
    }

    void remove(long id) {
        if (!inline()) {
            jdbc.sql("DELETE FROM party_search WHERE rowid = :id").param("id", id).update();
        }
    }

    private void replace(long id, String terms) {
        remove(id);
        jdbc.sql("INSERT INTO party_search (rowid, terms) VALUES (:id, :terms)")
                .param("id", id).param("terms", "w" + Actors.current().workspaceId() + " " + terms).update();
    }

    static String terms(Stream<String> parts) {
        return parts.filter(p -> p != null && !p.isBlank()).map(p -> p.toLowerCase(Locale.ROOT).strip())
                .collect(Collectors.joining(" "));
    }

    // --- searching --------------------------------------------------------------------------

    private record Row(String type, long id, String title, String subtitle, String sortName, boolean doNotContact) {
    }

    private static final RowMapper<Row> ROW = (rs, n) -> new Row(rs.getString("type"), rs.getLong("id"),
            rs.getString("title"), rs.getString("subtitle"), rs.getString("sort_name"), rs.getBoolean("do_not_contact"));

    private static final String ACCOUNTS = """
            SELECT 'account' AS type, a.id, a.name AS title, COALESCE(a.domain, a.city, '') AS subtitle, a.sort_name,
                   a.do_not_contact
            FROM accounts a WHERE a.workspace_id = :workspace AND a.deleted_at IS NULL
            """;
    private static final String CONTACTS = """
            SELECT 'contact' AS type, c.id, TRIM(c.first_name || ' ' || c.last_name) AS title,
                   COALESCE(c.email, c.phone, c.title, '') AS subtitle, c.sort_name, c.do_not_contact
            FROM contacts c WHERE c.workspace_id = :workspace AND c.deleted_at IS NULL
            """;

    List<SearchHit> search(String query, int limit) {
        if (dialect != Dialect.POSTGRESQL) {
            return searchNow(query, limit);
        }
        // The typed words are parameters: after a few runs PostgreSQL may plan the prepared statements once for
        // any words, and such a generic plan cannot know how rare they are (seen: a sequential scan under the
        // LIMIT for the full-text match, which reads every row for a rare word). Plans made for the words at
        // hand pick the index that fits them.
        return customPlans.execute(status -> {
            jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
            return searchNow(query, limit);
        });
    }

    private List<SearchHit> searchNow(String query, int limit) {
        List<String> words = words(query);
        if (words.isEmpty()) {
            return List.of();
        }
        int max = Math.max(1, Math.min(limit, MAX_RESULTS));
        Actor actor = Actors.current();
        Map<String, Row> found = new LinkedHashMap<>();
        String prefix = String.join(" ", words);
        for (String select : List.of(ACCOUNTS, CONTACTS)) {
            String alias = select == ACCOUNTS ? "a" : "c";
            Visibility visibility = Visibility.of(actor, alias + ".owner_id", true);
            // the prefix and the order are one range of the bytewise name index (PostgreSQL: V70)
            add(found, jdbc.sql(select + " AND " + dialect.startsWithBytewise(alias + ".sort_name", "prefix") + " AND "
                            + visibility.sql() + " ORDER BY " + dialect.bytewise(alias + ".sort_name") + ", " + alias
                            + ".id LIMIT :limit")
                    .param("workspace", actor.workspaceId()).params(dialect.prefixRange("prefix", prefix))
                    .params(visibility.parameters()).param("limit", max)
                    .query(ROW).list());
        }
        // then people by first name (the name key is "first last" without accents), email and phone: each an
        // index range read in order, so a common beginning ("anna") reads only as many entries as are shown
        String nameKey = PartyNames.matchKey(query, false);
        if (found.size() < max && !nameKey.isEmpty()) {
            Visibility visibility = Visibility.of(actor, "c.owner_id", true);
            add(found, jdbc.sql(CONTACTS + " AND c.name_key >= :key AND c.name_key < :keyUpper AND c.name_key LIKE :keyLike"
                            + " AND " + visibility.sql() + " ORDER BY c.name_key LIMIT :limit")
                    .param("workspace", actor.workspaceId()).params(dialect.prefixRange("key", nameKey))
                    .param("keyLike", nameKey + "%").params(visibility.parameters()).param("limit", max)
                    .query(ROW).list());
        }
        if (found.size() < max && words.size() == 1 && words.get(0).length() > 1) {
            String email = words.get(0);
            Visibility visibility = Visibility.of(actor, "c.owner_id", true);
            add(found, jdbc.sql(CONTACTS.replace("FROM contacts c WHERE", """
                            FROM contact_emails e JOIN contacts c ON c.workspace_id = e.workspace_id AND c.id = e.contact_id
                            WHERE e.workspace_id = :workspace AND e.email_key >= :email AND e.email_key < :emailUpper
                              AND e.email_key LIKE :emailLike ESCAPE '!' AND""")
                            + " AND " + visibility.sql() + " ORDER BY e.email_key LIMIT :limit")
                    .param("workspace", actor.workspaceId()).params(dialect.prefixRange("email", email))
                    .param("emailLike", likePrefix(email)).params(visibility.parameters()).param("limit", max)
                    .query(ROW).list());
        }
        String phone = phonePrefix(query);
        if (found.size() < max && phone != null) {
            for (String select : List.of(ACCOUNTS, CONTACTS)) {
                String alias = select == ACCOUNTS ? "a" : "c";
                Visibility visibility = Visibility.of(actor, alias + ".owner_id", true);
                String sql = select == ACCOUNTS
                        ? ACCOUNTS + " AND a.phone_key >= :phone AND a.phone_key < :phoneUpper AND a.phone_key LIKE :phoneLike"
                                + " AND " + visibility.sql() + " ORDER BY a.phone_key LIMIT :limit"
                        : CONTACTS.replace("FROM contacts c WHERE", """
                                FROM contact_phones p JOIN contacts c ON c.workspace_id = p.workspace_id AND c.id = p.contact_id
                                WHERE p.workspace_id = :workspace AND p.phone_key >= :phone AND p.phone_key < :phoneUpper
                                  AND p.phone_key LIKE :phoneLike AND""")
                                + " AND " + visibility.sql() + " ORDER BY p.phone_key LIMIT :limit";
                add(found, jdbc.sql(sql).param("workspace", actor.workspaceId()).params(dialect.prefixRange("phone", phone))
                        .param("phoneLike", phone + "%").params(visibility.parameters()).param("limit", max)
                        .query(ROW).list());
            }
        }
        if (found.size() < max) {
            add(found, containing(words, max, actor));
        }
        return found.values().stream()
                .sorted((a, b) -> {
                    boolean aPrefix = a.sortName().startsWith(prefix);
                    boolean bPrefix = b.sortName().startsWith(prefix);
                    return aPrefix != bPrefix ? (aPrefix ? -1 : 1) : a.sortName().compareTo(b.sortName());
                })
                .limit(max)
                .map(row -> new SearchHit(row.type(), Long.toString(row.id()), row.title(), row.subtitle(),
                        "/" + row.type() + "s/" + row.id(), row.doNotContact()))
                .toList();
    }

    /**
     * Records containing every typed word as the start of one of their words: the index answers
     * with a few hundred ids at most, then those rows are read by key — asking for both in one
     * statement lets the planner walk every contact in name order looking for matches.
     */
    private List<Row> containing(List<String> words, int max, Actor actor) {
        List<Long> ids = new ArrayList<>();
        if (dialect == Dialect.SQLITE) {
            ids.addAll(jdbc.sql("SELECT rowid FROM party_search WHERE party_search MATCH :match LIMIT 500")
                    .param("match", ftsQuery(actor.workspaceId(), words)).query(Long.class).list());
        } else {
            // Only the longest word is a condition the GIN index takes; the others are checked on the rows it finds
            // ("IS TRUE" hides them from the index). A GIN index cannot stop early: it gathers every row matching its
            // condition before the first is returned, so "head of" ('head':* & 'of':*) gathered tens of thousands
            // (150 ms at 1,000,000 contacts), and the planner, estimating the words as independent, did not see it
            // coming. With one word its estimate is sound: a common word is read from the table in order until
            // enough rows match (3 ms), a rare one through the index.
            String longest = words.stream().max(java.util.Comparator.comparingInt(String::length)).orElseThrow();
            List<String> others = new ArrayList<>(words);
            others.remove(longest);
            for (String table : List.of("accounts", "contacts")) {
                ids.addAll(jdbc.sql("SELECT id FROM " + table + " WHERE workspace_id = :workspace AND deleted_at IS NULL"
                                + " AND search_vector @@ to_tsquery('simple', :query)"
                                + (others.isEmpty() ? "" : " AND (search_vector @@ to_tsquery('simple', :others)) IS TRUE")
                                + " LIMIT 250")
                        .param("workspace", actor.workspaceId()).param("query", tsQuery(List.of(longest)))
                        .param("others", tsQuery(others)).query(Long.class).list());
            }
        }
        List<Row> rows = new ArrayList<>();
        if (ids.isEmpty()) {
            return rows;
        }
        for (String select : List.of(ACCOUNTS, CONTACTS)) {
            String alias = select == ACCOUNTS ? "a" : "c";
            Visibility visibility = Visibility.of(actor, alias + ".owner_id", true);
            rows.addAll(jdbc.sql(select + " AND " + alias + ".id IN (:ids) AND " + visibility.sql())
                    .param("workspace", actor.workspaceId()).param("ids", ids).params(visibility.parameters())
                    .query(ROW).list());
        }
        rows.sort((a, b) -> a.sortName().compareTo(b.sortName()));
        return rows.size() > max ? rows.subList(0, max) : rows;
    }

    private static void add(Map<String, Row> found, List<Row> rows) {
        rows.forEach(row -> found.putIfAbsent(row.type() + row.id(), row));
    }

    /** A LIKE pattern for "starts with", its wildcards escaped with {@code !}. */
    private static String likePrefix(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /**
     * What a typed phone number's stored keys start with ({@link PartyNames#phoneKey}: digits, a leading +
     * for an international number), or null when the query is not a phone number of three digits or more.
     */
    static String phonePrefix(String query) {
        if (query == null || !query.strip().matches("[+0-9()./ -]+")) {
            return null;
        }
        String trimmed = query.strip();
        StringBuilder key = new StringBuilder();
        if (trimmed.startsWith("+")) {
            key.append('+');
        } else if (trimmed.startsWith("00")) {
            key.append('+');
            trimmed = trimmed.substring(2);
        }
        int digits = 0;
        for (char c : trimmed.toCharArray()) {
            if (c >= '0' && c <= '9') {
                key.append(c);
                digits++;
            }
        }
        return digits >= 3 ? key.toString() : null;
    }

    /** Every word as a quoted prefix lexeme: {@code 'anna':* & 'mu':*}. */
    private static String tsQuery(List<String> words) {
        List<String> terms = new ArrayList<>();
        for (String word : words) {
            String clean = word.replace("\\", "").replace("'", "''");
            if (!clean.isBlank()) {
                terms.add("'" + clean + "':*");
            }
        }
        return String.join(" & ", terms);
    }

    /** Every word as a quoted prefix, and the workspace's own token so other workspaces never fill the limit. */
    private static String ftsQuery(long workspace, List<String> words) {
        StringBuilder match = new StringBuilder("w").append(workspace);
        for (String word : words) {
            match.append(" AND \"").append(word.replace("\"", "")).append("\"*");
        }
        return match.toString();
    }

    private static List<String> words(String query) {
        if (query == null) {
            return List.of();
        }
        return Stream.of(query.toLowerCase(Locale.ROOT).strip().split("\\s+"))
                .map(w -> w.replaceAll("[\"*()^:]", ""))
                .filter(w -> !w.isBlank()).limit(6).toList();
    }
}
