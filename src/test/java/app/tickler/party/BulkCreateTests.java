package app.tickler.party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.Paging;
import app.tickler.platform.audit.AuditEvent;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.database.Dialect;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;
import app.tickler.platform.timeline.Timeline;
import app.tickler.platform.timeline.TimelineEntry;
import app.tickler.platform.timeline.TimelineEntry.Subject;

/** The bulk path of {@link Parties#createContacts} writes what {@link Parties#createContact} writes, row for row. */
@TicklerTest
class BulkCreateTests {

    @Autowired
    Fixtures fixtures;
    @Autowired
    Parties parties;
    @Autowired
    CustomFields customFields;
    @Autowired
    PartySearch search;
    @Autowired
    Timeline timeline;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Dialect dialect;

    private static ContactInput person(String first, String last, String email, AccountId account, boolean dnc) {
        return new ContactInput(first, last, "Head of Buying",
                List.of(new Contact.Email(email, "work", false), new Contact.Email("private." + email, "home", false)),
                List.of(new Contact.Phone("+49 (30) 123-4567", "office", false)),
                new Address("Main St 1", "Berlin", "10115", null, "Germany"), java.time.LocalDate.of(1980, 5, 17),
                Channel.EMAIL, null, dnc, dnc ? "asked by phone" : null, null, null, Map.of("nickname", "Annie"),
                List.of("VIP", " Trade fair "), account, BuyingRole.INFLUENCER, true);
    }

    @Test
    void bulkCreatedContactsHaveTheRowsOfContactsCreatedOneByOne() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        acme.admin().run(() -> customFields.define(new CustomFields.Definition("contact", "nickname", "Nickname",
                CustomFieldType.TEXT, null, false, null)));
        rep.run(() -> {
            Account roofs = parties.createAccount(AccountInput.named("Roofs Ltd"));
            Contact single = parties.createContact(person("Ann", "Baker", "ann@roofs.example", roofs.id(), true));
            List<ContactId> bulk = parties.createContacts(List.of(
                    person("Ann", "Baker", "ann@roofs.example", roofs.id(), true),
                    person("Bob", "Cole", "bob@roofs.example", null, false)), "import 1");
            assertThat(bulk).hasSize(2);
            ContactId twin = bulk.get(0);

            for (String table : List.of("contacts", "contact_emails", "contact_phones", "contact_tags")) {
                String idColumn = table.equals("contacts") ? "id" : "contact_id";
                assertThat(row(table, idColumn, twin.value())).as(table).isEqualTo(row(table, idColumn, single.id().value()));
            }
            assertThat(row("account_contacts", "contact_id", twin.value()))
                    .isEqualTo(row("account_contacts", "contact_id", single.id().value()));
            assertIndexedAlike(twin.value(), single.id().value(), parties.contact(single.id()).orElseThrow());

            Contact read = parties.contact(twin).orElseThrow();
            Contact expected = parties.contact(single.id()).orElseThrow();
            assertThat(read.emails()).isEqualTo(expected.emails());
            assertThat(read.tags()).containsExactly("trade fair", "vip");
            assertThat(read.ownerId()).as("a rep owns what they create").isEqualTo(expected.ownerId());
            assertThat(read.doNotContact()).isTrue();
            assertThat(read.doNotContactSince()).isNotNull();
            assertThat(read.custom()).isEqualTo(Map.of("nickname", "Annie"));
            assertThat(read.accounts()).singleElement().satisfies(m -> {
                assertThat(m.accountName()).isEqualTo("Roofs Ltd");
                assertThat(m.role()).isEqualTo(BuyingRole.INFLUENCER);
                assertThat(m.key()).isTrue();
            });

            assertThat(search.search("bob cole", 10)).extracting(SearchHit::id).contains(Long.toString(bulk.get(1).value()));
            assertThat(search.search("bob@roofs", 10)).extracting(SearchHit::id).contains(Long.toString(bulk.get(1).value()));
            assertThat(search.search("roofs ltd", 10)).extracting(SearchHit::id)
                    .contains(Long.toString(twin.value()), Long.toString(single.id().value()));
            assertThat(parties.contactDuplicates(ContactInput.named("Bobby", "Colex")).isEmpty()).isTrue();
            ContactInput again = new ContactInput("Robert", "Other", null,
                    List.of(new Contact.Email("BOB@roofs.example", null, false)), null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null);
            assertThat(parties.contactDuplicates(again)).extracting(Duplicates.Suspect::id)
                    .contains(Long.toString(bulk.get(1).value()));
            assertThat(parties.contactsWithEmails(List.of("Bob@Roofs.example", "nobody@roofs.example")))
                    .containsOnlyKeys("Bob@Roofs.example").containsEntry("Bob@Roofs.example", List.of(bulk.get(1)));

            List<TimelineEntry> entries = timeline.of(new Subject("contact", bulk.get(1).value()), Paging.first(10)).items();
            assertThat(entries).extracting(TimelineEntry::kind).contains("record.created");
            assertThat(entries).extracting(TimelineEntry::title).contains("Contact created by import 1");
            assertThat(timeline.of(new Subject("account", roofs.id().value()), Paging.first(10)).items())
                    .extracting(TimelineEntry::kind).contains("buyingCentre.changed");
        });
        acme.admin().run(() -> {
            List<AuditEvent> events = audit.list(new AuditLog.Filter("contact", null, null, "imported"), Paging.first(10))
                    .items();
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.changes().get("count").after()).isEqualTo(2);
                assertThat(e.changes().get("source").after()).isEqualTo("import 1");
            });
        });
    }

    @Test
    void oneBadInputNamesItsIndexAndFieldAndNothingIsWritten() {
        TestWorkspace acme = fixtures.workspace();
        acme.admin().run(() -> {
            List<ContactInput> inputs = new ArrayList<>();
            inputs.add(ContactInput.named("Ann", "Baker"));
            inputs.add(new ContactInput("", "", null, List.of(new Contact.Email("not-an-email", null, false)), null,
                    null, null, null, null, null, null, null, null, Map.of("nope", "x"), null, null, null, null));
            assertThatThrownBy(() -> parties.createContacts(inputs, "import 2")).isInstanceOfSatisfying(InvalidInput.class,
                    e -> assertThat(e.problems()).extracting(InvalidInput.FieldProblem::field)
                            .containsExactlyInAnyOrder("contacts[1].lastName", "contacts[1].emails[0].address",
                                    "contacts[1].custom.nope"));
            assertThat(parties.contactList(Map.of(), Paging.first(10)).items()).isEmpty();
            assertThat(parties.createContacts(List.of(), "import 2")).isEmpty();
        });
    }

    @Test
    void checkedContactsAreWrittenAsCheckedAndPlacedInTheirAccount() {
        TestWorkspace acme = fixtures.workspace();
        acme.admin().run(() -> customFields.define(new CustomFields.Definition("contact", "nickname", "Nickname",
                CustomFieldType.TEXT, null, false, null)));
        acme.user(Role.REP).run(() -> {
            Account roofs = parties.createAccount(AccountInput.named("Roofs Ltd"));
            var checker = parties.contactChecker();
            CheckedContact ann = checker.apply(person("Ann", "Baker", "ann@roofs.example", null, false))
                    .inAccount(roofs.id(), BuyingRole.DECISION_MAKER, true);
            assertThat(ann.emails()).extracting(Contact.Email::address).containsExactly("ann@roofs.example",
                    "private.ann@roofs.example");
            assertThat(ann.custom()).isEqualTo(Map.of("nickname", "Annie"));
            List<ContactId> created = parties.createCheckedContacts(List.of(ann), "import 3");
            Contact read = parties.contact(created.get(0)).orElseThrow();
            assertThat(read.ownerId()).as("a rep owns what they create").isNotNull();
            assertThat(read.accounts()).singleElement().satisfies(m -> {
                assertThat(m.accountId()).isEqualTo(roofs.id());
                assertThat(m.role()).isEqualTo(BuyingRole.DECISION_MAKER);
                assertThat(m.key()).isTrue();
            });
            assertThatThrownBy(() -> checker.apply(new ContactInput("", "", null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null))).isInstanceOfSatisfying(InvalidInput.class,
                    e -> assertThat(e.problems()).extracting(InvalidInput.FieldProblem::field).containsExactly("lastName"));
        });
    }

    @Test
    void aCheckedContactWhoseAccountIsGoneIsRefusedAndNothingIsWritten() {
        TestWorkspace acme = fixtures.workspace();
        acme.admin().run(() -> {
            var checker = parties.contactChecker();
            List<CheckedContact> batch = List.of(checker.apply(ContactInput.named("Ann", "Baker")),
                    checker.apply(ContactInput.named("Bob", "Cole")).inAccount(new AccountId(42), BuyingRole.OTHER, false));
            assertThatThrownBy(() -> parties.createCheckedContacts(batch, "import 4")).isInstanceOfSatisfying(
                    InvalidInput.class, e -> assertThat(e.problems()).extracting(InvalidInput.FieldProblem::field)
                            .containsExactly("contacts[1].accountId"));
            assertThat(parties.contactList(Map.of(), Paging.first(10)).items()).isEmpty();
        });
    }

    /** A row without its id, timestamps and (contacts) the do-not-contact date, which differ between any two creates. */
    private Map<String, Object> row(String table, String idColumn, long id) {
        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM " + table + " WHERE " + idColumn + " = :id ORDER BY 1, 2, 3")
                .param("id", id).query().listOfRows();
        Map<String, Object> all = new java.util.TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            for (Map.Entry<String, Object> cell : rows.get(i).entrySet()) {
                String column = cell.getKey().toLowerCase();
                if (!List.of("id", "contact_id", "created_at", "updated_at", "do_not_contact_since", "search_vector")
                        .contains(column)) {
                    all.put(i + "." + column, cell.getValue() == null ? null : cell.getValue().toString());
                }
            }
        }
        assertThat(all).as(table + " has rows").isNotEmpty();
        return all;
    }

    /** The same search text (PostgreSQL's column), or every word of it finding both (SQLite's FTS5 index, which keeps no text). */
    private void assertIndexedAlike(long bulk, long single, Contact contact) {
        if (dialect == Dialect.POSTGRESQL) {
            String text = jdbc.sql("SELECT search_text FROM contacts WHERE id = :id").param("id", single)
                    .query(String.class).single();
            assertThat(jdbc.sql("SELECT search_text FROM contacts WHERE id = :id").param("id", bulk).query(String.class)
                    .single()).isNotBlank().isEqualTo(text);
            return;
        }
        String terms = search.terms(contact);
        assertThat(terms).contains("roofs ltd");
        for (String word : terms.split("[^\\p{L}\\p{N}]+")) {
            if (!word.isBlank()) {
                assertThat(jdbc.sql("SELECT rowid FROM party_search WHERE party_search MATCH :match")
                        .param("match", "w" + Actors.current().workspaceId() + " AND \"" + word + "\"")
                        .query(Long.class).list()).as(word).contains(bulk, single);
            }
        }
    }
}
