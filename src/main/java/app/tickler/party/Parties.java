package app.tickler.party;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.security.Actors;

/**
 * The party module's API for the other modules: read accounts and contacts, create them (lead
 * conversion, imports), place people in a buying centre, set levels and relationship stages, record
 * interactions, and — above all — refuse to plan anything for whoever asked not to be contacted.
 */
@Service
public class Parties {

    private final AccountRepository accountRows;
    private final ContactRepository contactRows;
    private final Accounts accounts;
    private final Contacts contacts;
    private final BuyingCentre buyingCentre;
    private final Duplicates duplicates;
    private final PartySearch search;
    private final LastTouches lastTouches;

    Parties(AccountRepository accountRows, ContactRepository contactRows, Accounts accounts, Contacts contacts,
            BuyingCentre buyingCentre, Duplicates duplicates, PartySearch search, LastTouches lastTouches) {
        this.search = search;
        this.lastTouches = lastTouches;
        this.accountRows = accountRows;
        this.contactRows = contactRows;
        this.accounts = accounts;
        this.contacts = contacts;
        this.buyingCentre = buyingCentre;
        this.duplicates = duplicates;
    }

    // --- reading ----------------------------------------------------------------------------

    /** A live (not trashed) account of the caller's workspace, whoever owns it. */
    public Optional<Account> account(AccountId id) {
        return accountRows.find(id.value()).filter(a -> !a.inTrash());
    }

    public Map<AccountId, Account> accounts(Collection<AccountId> ids) {
        return accountRows.findAll(ids.stream().map(AccountId::value).distinct().toList()).stream()
                .filter(a -> !a.inTrash()).collect(Collectors.toMap(Account::id, Function.identity()));
    }

    public Optional<Contact> contact(ContactId id) {
        return contactRows.find(id.value()).filter(c -> !c.inTrash());
    }

    public Map<ContactId, Contact> contacts(Collection<ContactId> ids) {
        return contactRows.findAll(ids.stream().map(ContactId::value).distinct().toList()).stream()
                .filter(c -> !c.inTrash()).collect(Collectors.toMap(Contact::id, Function.identity()));
    }

    /** The account if the caller may see it (its owner is visible to them); 404 otherwise. */
    public Account visibleAccount(AccountId id) {
        return accounts.visible(id.value());
    }

    public Contact visibleContact(ContactId id) {
        return contacts.visible(id.value());
    }

    public List<BuyingCentreMember> buyingCentre(AccountId account) {
        return buyingCentre.of(account);
    }

    public List<ContactId> members(AccountId account) {
        return buyingCentre.members(account);
    }

    // --- do-not-contact ---------------------------------------------------------------------

    /**
     * Refuses, with {@link DoNotContact}, any plan to reach an account or any of the people when
     * one of them — or an organisation a person belongs to — asked not to be contacted.
     */
    public void requireContactable(AccountId account, Collection<ContactId> people) {
        if (account != null) {
            Account found = account(account).orElse(null);
            if (found != null && found.doNotContact()) {
                throw new DoNotContact(found.name(), found.doNotContactReason());
            }
        }
        for (Contact person : contacts(people).values()) {
            if (person.doNotContact()) {
                throw new DoNotContact(person.name(), person.doNotContactReason());
            }
            for (Contact.Membership membership : person.accounts()) {
                Account organisation = account(membership.accountId()).orElse(null);
                if (organisation != null && organisation.doNotContact()) {
                    throw new DoNotContact(organisation.name() + " (" + person.name() + ")",
                            organisation.doNotContactReason());
                }
            }
        }
    }

    public boolean mayContact(AccountId account, Collection<ContactId> people) {
        try {
            requireContactable(account, people);
            return true;
        } catch (DoNotContact refused) {
            return false;
        }
    }

    public Contact markDoNotContact(ContactId contact, String reason) {
        return contacts.markDoNotContact(contact.value(), reason);
    }

    public Account markDoNotContact(AccountId account, String reason) {
        return accounts.markDoNotContact(account.value(), reason);
    }

    // --- writing ----------------------------------------------------------------------------

    @Transactional
    public Account createAccount(AccountInput input) {
        return accounts.create(input);
    }

    @Transactional
    public Contact createContact(ContactInput input) {
        return contacts.create(input);
    }

    /**
     * Creates many contacts in one go (an import's batch): each input validated as {@link #createContact}
     * validates it — a problem is named {@code contacts[i].field} and nothing is written — then written with
     * batch inserts, with the same rows, search index, buying-centre places and timeline entries; the
     * audit log records the batch once ({@code source} says what it came from, e.g. the import).
     * Returns the new ids in the order of the inputs.
     */
    @Transactional
    public List<ContactId> createContacts(List<ContactInput> inputs, String source) {
        return contacts.createAll(inputs, source);
    }

    /**
     * {@link #createContacts} for contacts that {@link #contactChecker()} checked in this transaction, which
     * are not checked again; a buying-centre account that is gone is named {@code contacts[i].accountId}.
     */
    @Transactional
    public List<ContactId> createCheckedContacts(List<CheckedContact> checked, String source) {
        return contacts.createChecked(checked, source);
    }

    @Transactional
    public void link(AccountId account, ContactId contact, BuyingRole role, boolean key) {
        buyingCentre.link(account, contact, role, key, true);
        contacts.reindex(contact);
    }

    /** Sets the customer level (a reassessment when unchanged), dated today. */
    public Account setLevel(AccountId account, CustomerLevel level, String reason) {
        return accounts.setLevel(account.value(), level, reason);
    }

    public Account setStage(AccountId account, RelationshipStage stage, String reason) {
        return accounts.setStage(account.value(), stage, reason);
    }

    /** Notes that someone in the workspace interacted with these records (keeps "last touch" current). */
    @Transactional
    public void recordTouch(Collection<AccountId> touchedAccounts, Collection<ContactId> touchedContacts, Instant at) {
        Actors.current();
        accountRows.touched(touchedAccounts.stream().map(AccountId::value).toList(), at.toEpochMilli());
        contactRows.touched(touchedContacts.stream().map(ContactId::value).toList(), at.toEpochMilli());
    }

    /**
     * {@link #recordTouch} for many records at once, each with the moment of its latest touch (an imported
     * activity history): a last touch only moves forward. One statement batch per table.
     */
    @Transactional
    public void recordTouches(Map<AccountId, Instant> accountsLatest, Map<ContactId, Instant> contactsLatest) {
        lastTouches.advance("accounts", accountsLatest.entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().value(), e -> e.getValue().toEpochMilli())));
        lastTouches.advance("contacts", contactsLatest.entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().value(), e -> e.getValue().toEpochMilli())));
    }

    /**
     * Touches of a record were removed (an undone import): the latest removed one and the latest left
     * ({@code null}: none). A record whose last touch is later than every removed touch keeps it.
     */
    public record LastTouchCorrection(long recordId, Instant removedLatest, Instant remainingLatest) {
    }

    /** Sets the last touch back where removed touches had put it, from what the records have left. */
    @Transactional
    public void correctLastTouch(List<LastTouchCorrection> accountCorrections, List<LastTouchCorrection> contactCorrections) {
        lastTouches.correct("accounts", accountCorrections);
        lastTouches.correct("contacts", contactCorrections);
    }

    // --- imports and exports ---------------------------------------------------------------

    /** Checks a contact as {@link #createContact} would, without writing; {@code InvalidInput} names each bad field. */
    public void checkContact(ContactInput input) {
        contacts.check(input);
    }

    /**
     * {@link #checkContact} for the lines of one batch: the custom-field definitions are read once, when
     * the checker is made, instead of once per contact. Each input that passes comes back checked, for
     * {@link #createCheckedContacts}. Use it within one transaction.
     */
    public java.util.function.Function<ContactInput, CheckedContact> contactChecker() {
        return contacts.checker();
    }

    public void checkAccount(AccountInput input) {
        accounts.check(input);
    }

    @Transactional
    public Contact updateContact(ContactId id, ContactInput input, long version) {
        return contacts.update(id.value(), input, version);
    }

    @Transactional
    public Account updateAccount(AccountId id, AccountInput input, long version) {
        return accounts.update(id.value(), input, version);
    }

    /** Removes a contact for good at once (an import undone); other modules drop their references. */
    @Transactional
    public void removeContact(ContactId id) {
        contacts.remove(id.value(), false);
    }

    @Transactional
    public void removeAccount(AccountId id) {
        accounts.purge(id.value());
    }

    /** Live contacts with this email (any case), whoever owns them. */
    public List<ContactId> contactsWithEmail(String email) {
        String key = PartyNames.emailKey(email);
        return key == null ? List.of() : contactRows.withEmail(key).stream().map(ContactId::new).toList();
    }

    /**
     * The live contacts having any of these emails (any case), in one query: each email as given to
     * the ids of the contacts with it, oldest first; emails no contact has are left out.
     */
    public Map<String, List<ContactId>> contactsWithEmails(Collection<String> emails) {
        Map<String, List<String>> byKey = new java.util.HashMap<>();
        for (String email : emails) {
            String key = PartyNames.emailKey(email);
            if (key != null && !key.isEmpty()) {
                byKey.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(email);
            }
        }
        Map<String, List<ContactId>> found = new java.util.HashMap<>();
        List<String> keys = List.copyOf(byKey.keySet());
        for (int from = 0; from < keys.size(); from += 900) {
            contactRows.withEmails(keys.subList(from, Math.min(keys.size(), from + 900))).forEach((key, ids) -> {
                List<ContactId> contactIds = ids.stream().map(ContactId::new).toList();
                byKey.get(key).forEach(email -> found.put(email, contactIds));
            });
        }
        return found;
    }

    /** Live accounts with this name (its match key: no case, accents or legal form), at most two. */
    public List<AccountId> accountsNamed(String name) {
        String key = PartyNames.matchKey(name, true);
        return key == null || key.isEmpty() ? List.of()
                : accountRows.withKey("name_key", key).stream().map(AccountId::new).toList();
    }

    /** Live accounts whose website has this domain, at most two. */
    public List<AccountId> accountsWithDomain(String website) {
        String domain = PartyNames.domain(website);
        return domain == null ? List.of() : accountRows.withKey("domain", domain).stream().map(AccountId::new).toList();
    }

    /** One page of the contact list as the caller sees it, with the list's filters and sort as query parameters. */
    public Page<Contact> contactList(Map<String, String> filters, Paging paging) {
        return contacts.list(ListParams.filter(filters), ListParams.sort(filters.get("sort")), paging);
    }

    public Page<Account> accountList(Map<String, String> filters, Paging paging) {
        return accounts.list(ListParams.filter(filters), ListParams.sort(filters.get("sort")), paging);
    }

    /**
     * Rebuilds the search index of the caller's workspace from its records, after a restore: SQLite
     * keeps it in a table of its own; PostgreSQL's search text is a column of the records themselves,
     * written anew too (a backup from SQLite has none).
     */
    @Transactional
    public void rebuildSearchIndex() {
        long after = 0;
        List<Long> ids;
        while (!(ids = accountRows.liveIdsAfter(after, 500)).isEmpty()) {
            search.reindexAccounts(accountRows.findAll(ids));
            after = ids.get(ids.size() - 1);
        }
        after = 0;
        while (!(ids = contactRows.liveIdsAfter(after, 500)).isEmpty()) {
            search.reindexContacts(contactRows.findAll(ids));
            after = ids.get(ids.size() - 1);
        }
    }

    // --- duplicates -------------------------------------------------------------------------

    /** Likely duplicates of a person about to be created (same email or phone, near-identical name). */
    public List<Duplicates.Suspect> contactDuplicates(ContactInput candidate) {
        return duplicates.ofContact(null, candidate);
    }

    public List<Duplicates.Suspect> accountDuplicates(AccountInput candidate) {
        return duplicates.ofAccount(null, candidate);
    }
}
