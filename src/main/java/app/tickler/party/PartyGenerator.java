package app.tickler.party;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import app.tickler.identity.UserId;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.database.DatabaseMaintenance;
import app.tickler.platform.database.Dialect;
import app.tickler.platform.security.Actors;

/**
 * Fills a workspace with realistic accounts and contacts at benchmark scale (200,000 and
 * 1,000,000) through batched inserts, with every derived column and the search index exactly as the
 * services write them, so that the benchmarks measure the real queries on real-looking data.
 */
@Component
public class PartyGenerator {

    private static final Logger log = LoggerFactory.getLogger(PartyGenerator.class);
    private static final int BATCH = 2_000;

    /** The ids made, for the generators of other modules to attach their records to. */
    public record Generated(List<Long> accountIds, List<Long> contactIds) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final IdGenerator ids;
    private final Dialect dialect;
    private final DatabaseMaintenance maintenance;

    PartyGenerator(JdbcTemplate jdbc, TransactionTemplate transactions, IdGenerator ids, Dialect dialect,
            DatabaseMaintenance maintenance) {
        this.maintenance = maintenance;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.ids = ids;
        this.dialect = dialect;
    }

    /** Runs as an actor of the target workspace; {@code owners} are its reps. */
    public Generated generate(int accountCount, int contactCount, List<UserId> owners, long seed) {
        long workspace = Actors.current().workspaceId();
        Random random = new Random(seed);
        long started = System.nanoTime();
        List<Long> accountIds = new ArrayList<>(accountCount);
        List<String> domains = new ArrayList<>(accountCount);
        List<String> names = new ArrayList<>(accountCount);
        for (int from = 0; from < accountCount; from += BATCH) {
            int to = Math.min(accountCount, from + BATCH);
            List<Object[]> accounts = new ArrayList<>();
            List<Object[]> tags = new ArrayList<>();
            List<Object[]> search = new ArrayList<>();
            for (int i = from; i < to; i++) {
                long id = ids.next();
                String name = SampleNames.company(random) + " " + i;
                String domain = SampleNames.slug(name) + ".example";
                String city = SampleNames.pick(random, SampleNames.CITIES);
                String phone = "+49 30 " + (1_000_000 + random.nextInt(8_999_999));
                CustomerLevel level = SampleNames.level(random);
                long owner = owners.get(random.nextInt(owners.size())).value();
                long now = System.currentTimeMillis();
                long lastTouch = random.nextInt(10) < 7 ? now - random.nextInt(200) * 86_400_000L : 0;
                accounts.add(new Object[] {workspace, id, name, PartyNames.sortKey(name), PartyNames.matchKey(name, true),
                        "https://" + domain, domain, SampleNames.pick(random, SampleNames.INDUSTRIES),
                        SampleNames.pick(random, SampleNames.SIZES), phone, PartyNames.phoneKey(phone), city, owner,
                        level == null ? null : level.name(), lastTouch, now, now});
                if (random.nextInt(4) == 0) {
                    tags.add(new Object[] {workspace, id, SampleNames.pick(random, SampleNames.TAGS)});
                }
                search.add(new Object[] {id, String.join(" ", name.toLowerCase(), domain, phone, PartyNames.phoneKey(phone),
                        city.toLowerCase())});
                accountIds.add(id);
                domains.add(domain);
                names.add(name);
            }
            transactions.executeWithoutResult(status -> {
                jdbc.batchUpdate("""
                        INSERT INTO accounts (workspace_id, id, name, sort_name, name_key, website, domain, industry, size,
                                              phone, phone_key, city, owner_id, level, last_touch_at, created_at, updated_at,
                                              custom, version""" + searchColumn() + """
                        ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', 0""" + searchValue() + ")",
                        withSearchText(accounts, search));
                jdbc.batchUpdate("INSERT INTO account_tags (workspace_id, account_id, tag) VALUES (?, ?, ?)", tags);
                index(workspace, search);
            });
        }
        log.info("generated {} accounts in {} s", accountCount, (System.nanoTime() - started) / 1_000_000_000);

        List<Long> contactIds = new ArrayList<>(contactCount);
        BuyingRole[] roles = BuyingRole.values();
        for (int from = 0; from < contactCount; from += BATCH) {
            int to = Math.min(contactCount, from + BATCH);
            List<Object[]> contacts = new ArrayList<>();
            List<Object[]> emails = new ArrayList<>();
            List<Object[]> phones = new ArrayList<>();
            List<Object[]> members = new ArrayList<>();
            List<Object[]> search = new ArrayList<>();
            for (int i = from; i < to; i++) {
                long id = ids.next();
                int account = accountCount == 0 ? -1 : (int) ((long) i * accountCount / Math.max(contactCount, 1));
                String first = SampleNames.pick(random, SampleNames.FIRST);
                String last = SampleNames.pick(random, SampleNames.LAST);
                String domain = account < 0 ? "mail.example" : domains.get(account);
                String email = (first + "." + last + "." + i).toLowerCase().replaceAll("[^a-z0-9.]", "") + "@" + domain;
                String phone = "+49 151 " + (10_000_000 + random.nextInt(89_999_999));
                String title = SampleNames.pick(random, SampleNames.TITLES);
                long owner = owners.get(random.nextInt(owners.size())).value();
                long now = System.currentTimeMillis();
                String name = PartyNames.fullName(first, last);
                contacts.add(new Object[] {workspace, id, first, last, PartyNames.contactSortKey(first, last),
                        PartyNames.matchKey(name, false), title, email, phone, owner, now, now});
                emails.add(new Object[] {workspace, id, 0, email, email, "work"});
                phones.add(new Object[] {workspace, id, 0, phone, PartyNames.phoneKey(phone), "mobile"});
                if (account >= 0) {
                    boolean first0 = i == 0 || (int) ((long) (i - 1) * accountCount / Math.max(contactCount, 1)) != account;
                    members.add(new Object[] {workspace, accountIds.get(account), id,
                            first0 ? BuyingRole.DECISION_MAKER.name() : roles[random.nextInt(roles.length)].name(),
                            first0, now});
                }
                search.add(new Object[] {id, String.join(" ", first.toLowerCase(), last.toLowerCase(), title.toLowerCase(),
                        email, email.replace('@', ' '), phone, PartyNames.phoneKey(phone),
                        account < 0 ? "" : names.get(account).toLowerCase())});
                contactIds.add(id);
            }
            transactions.executeWithoutResult(status -> {
                jdbc.batchUpdate("""
                        INSERT INTO contacts (workspace_id, id, first_name, last_name, sort_name, name_key, title, email,
                                              phone, owner_id, created_at, updated_at, custom, version""" + searchColumn() + """
                        ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', 0""" + searchValue() + ")",
                        withSearchText(contacts, search));
                jdbc.batchUpdate("""
                        INSERT INTO contact_emails (workspace_id, contact_id, position, email, email_key, label)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """, emails);
                jdbc.batchUpdate("""
                        INSERT INTO contact_phones (workspace_id, contact_id, position, phone, phone_key, label)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """, phones);
                jdbc.batchUpdate("""
                        INSERT INTO account_contacts (workspace_id, account_id, contact_id, role, key_person, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """, members);
                index(workspace, search);
            });
            if (to % 100_000 == 0) {
                log.info("generated {} contacts", to);
            }
        }
        maintenance.afterBulkWrite();
        log.info("generated {} accounts and {} contacts in {} s", accountCount, contactCount,
                (System.nanoTime() - started) / 1_000_000_000);
        return new Generated(accountIds, contactIds);
    }

    /** SQLite: the FTS5 index rows; PostgreSQL wrote the search text with the rows themselves. */
    private void index(long workspace, List<Object[]> rows) {
        if (dialect == Dialect.SQLITE) {
            jdbc.batchUpdate("INSERT INTO party_search (rowid, terms) VALUES (?, ?)", rows.stream()
                    .map(r -> new Object[] {r[0], "w" + workspace + " " + r[1]}).toList());
        }
    }

    private String searchColumn() {
        return dialect == Dialect.POSTGRESQL ? ", search_text" : "";
    }

    private String searchValue() {
        return dialect == Dialect.POSTGRESQL ? ", ?" : "";
    }

    /** On PostgreSQL each row carries its search text (the second element of the matching search row). */
    private List<Object[]> withSearchText(List<Object[]> rows, List<Object[]> search) {
        if (dialect != Dialect.POSTGRESQL) {
            return rows;
        }
        List<Object[]> complete = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = java.util.Arrays.copyOf(rows.get(i), rows.get(i).length + 1);
            row[row.length - 1] = search.get(i)[1];
            complete.add(row);
        }
        return complete;
    }

}
