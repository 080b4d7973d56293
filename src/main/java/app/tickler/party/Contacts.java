package app.tickler.party;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.identity.UserId;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.NotFound;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Change;
import app.tickler.platform.audit.Changes;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.timeline.Timeline;
import app.tickler.platform.timeline.TimelineEntry.Subject;

/** Creating, changing, trashing, restoring and erasing contacts, each in one transaction. */
@Service
class Contacts {

    static final class ContactNotFound extends NotFound {
        ContactNotFound(long id) {
            super("Contact", id);
        }
    }

    private static final String[] NOT_TIMELINED = {"lastTouchAt", "deletedAt", "accounts"};
    static final int MAX_EMAILS = 10;

    private final ContactRepository contacts;
    private final PartyQueries queries;
    private final BuyingCentre buyingCentre;
    private final PartyChecks checks;
    private final CustomFields customFields;
    private final PartySearch search;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditLog audit;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;

    Contacts(ContactRepository contacts, PartyQueries queries, BuyingCentre buyingCentre, PartyChecks checks,
            CustomFields customFields, PartySearch search, IdGenerator ids, Clock clock, AuditLog audit,
            Timeline timeline, ApplicationEventPublisher events) {
        this.contacts = contacts;
        this.queries = queries;
        this.buyingCentre = buyingCentre;
        this.checks = checks;
        this.customFields = customFields;
        this.search = search;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
        this.timeline = timeline;
        this.events = events;
    }

    Page<Contact> list(PartyList.Filter filter, PartyList.Sort sort, Paging paging) {
        return contacts.list(queries.contacts(filter), sort, paging);
    }

    /** Reassigns or tags the chosen contacts, each audited, all in one transaction. */
    @Transactional
    int bulk(PartyList.BulkChange change) {
        if (change.ids().size() > PartyList.MAX_BULK) {
            throw new InvalidInput("ids", "must be at most " + PartyList.MAX_BULK + " per change");
        }
        if (change.newLevel() != null) {
            throw new InvalidInput("level", "belongs to accounts; set it on the account");
        }
        int changed = 0;
        for (Long id : change.ids()) {
            Contact before = writable(id);
            ContactInput input = ContactInput.of(before);
            List<String> tags = new ArrayList<>(input.tags());
            if (change.addTag() != null && !change.addTag().isBlank()) {
                tags.add(change.addTag());
            }
            ContactInput next = new ContactInput(input.firstName(), input.lastName(), input.title(), input.emails(),
                    input.phones(), input.address(), input.birthday(), input.preferredChannel(),
                    change.newOwner() == null ? input.ownerId() : change.newOwner(), input.doNotContact(),
                    input.doNotContactReason(), input.referredByContactId(), input.referredByUserId(), Map.of(), tags,
                    null, null, null);
            update(id, next, before.version());
            changed++;
        }
        return changed;
    }

    static final java.util.Set<String> MERGEABLE = java.util.Set.of("firstName", "lastName", "title", "address",
            "birthday", "preferredChannel", "ownerId", "referredBy", "custom");

    /**
     * Merges a duplicate person into this one: chosen fields come from the duplicate; emails, phones,
     * tags, custom values and buying-centre places are combined; the timeline and every other
     * module's records move over; the duplicate is removed.
     */
    @Transactional
    Contact merge(long intoId, long duplicateId, java.util.Set<String> takeFromDuplicate) {
        if (intoId == duplicateId) {
            throw new InvalidInput("duplicateId", "is the contact itself: choose another contact to merge");
        }
        Contact into = writable(intoId);
        Contact duplicate;
        try {
            duplicate = writable(duplicateId);
        } catch (ContactNotFound e) {
            throw new InvalidInput("duplicateId", "is not a contact of this workspace");
        }
        for (String field : takeFromDuplicate) {
            if (!MERGEABLE.contains(field)) {
                throw new InvalidInput("takeFromDuplicate", "'" + field + "' is not a field that can be merged");
            }
        }
        ContactInput a = ContactInput.of(into);
        ContactInput b = ContactInput.of(duplicate);
        java.util.function.Predicate<String> pick = takeFromDuplicate::contains;
        List<Contact.Email> emails = new ArrayList<>(a.emails());
        b.emails().stream().filter(e -> emails.stream().noneMatch(x -> x.address().equalsIgnoreCase(e.address())))
                .map(e -> new Contact.Email(e.address(), e.label(), false)).forEach(emails::add);
        List<Contact.Phone> phones = new ArrayList<>(a.phones());
        b.phones().stream().filter(p -> phones.stream().noneMatch(x -> java.util.Objects.equals(
                        PartyNames.phoneKey(x.number()), PartyNames.phoneKey(p.number()))))
                .map(p -> new Contact.Phone(p.number(), p.label(), false)).forEach(phones::add);
        List<String> tags = new ArrayList<>(a.tags());
        b.tags().stream().filter(t -> !tags.contains(t)).forEach(tags::add);
        Map<String, Object> custom = new java.util.LinkedHashMap<>(b.custom());
        custom.putAll(a.custom());
        if (pick.test("custom")) {
            custom.putAll(b.custom());
        }
        boolean referrer = pick.test("referredBy");
        ContactInput merged = new ContactInput(pick.test("firstName") ? b.firstName() : a.firstName(),
                pick.test("lastName") ? b.lastName() : a.lastName(), pick.test("title") ? b.title() : a.title(), emails,
                phones, pick.test("address") ? b.address() : a.address(), pick.test("birthday") ? b.birthday() : a.birthday(),
                pick.test("preferredChannel") ? b.preferredChannel() : a.preferredChannel(),
                pick.test("ownerId") ? b.ownerId() : a.ownerId(), a.doNotContact() || b.doNotContact(),
                a.doNotContact() ? a.doNotContactReason() : b.doNotContactReason(),
                referrer ? b.referredByContactId() : a.referredByContactId(),
                referrer ? b.referredByUserId() : a.referredByUserId(), custom, tags, null, null, null);
        if (merged.referredByContactId() != null && merged.referredByContactId().value() == intoId) {
            merged = new ContactInput(merged.firstName(), merged.lastName(), merged.title(), merged.emails(),
                    merged.phones(), merged.address(), merged.birthday(), merged.preferredChannel(), merged.ownerId(),
                    merged.doNotContact(), merged.doNotContactReason(), null, merged.referredByUserId(), merged.custom(),
                    merged.tags(), null, null, null);
        }
        Contact changed = validated(into.id(), merged, into);
        contacts.update(changed, clock.millis());
        buyingCentre.moveContact(duplicate.id(), into.id());
        contacts.repointReferrals(duplicateId, intoId);
        timeline.moveSubject(subject(duplicate), subject(into));
        events.publishEvent(new ContactsMerged(duplicate.id(), into.id()));
        search.remove(duplicateId);
        contacts.delete(duplicateId);
        Contact after = contacts.find(intoId).orElseThrow();
        search.written(after);
        Map<String, Change> changes = new java.util.LinkedHashMap<>(Changes.between(into, after, NOT_TIMELINED));
        changes.put("mergedFrom", new Change(Long.toString(duplicateId), duplicate.name()));
        audit.record("contact", intoId, "merged", changes);
        audit.record("contact", duplicateId, "merged into", Map.of("into", new Change(null, Long.toString(intoId))));
        timeline.recordChange(subject(after), "record.merged", "Merged with the duplicate " + duplicate.name(), changes);
        if (after.doNotContact() && !into.doNotContact()) {
            events.publishEvent(new DoNotContactMarked(null, after.id(), after.doNotContactReason()));
        }
        return after;
    }

    /** Any live contact, whoever owns it: for names of related people (a referrer). */
    java.util.Optional<Contact> find(long id) {
        return contacts.find(id).filter(c -> !c.inTrash());
    }

    Contact visible(long id) {
        Contact contact = contacts.find(id).filter(c -> !c.inTrash()).orElseThrow(() -> new ContactNotFound(id));
        if (!Actors.current().canRead(owner(contact))) {
            throw new ContactNotFound(id);
        }
        return contact;
    }

    Contact writable(long id) {
        Contact contact = visible(id);
        requireWrite(contact);
        return contact;
    }

    @Transactional
    Contact create(ContactInput input) {
        Actor actor = Actors.current();
        ContactInput withOwner = input.ownerId() == null && !actor.isManagerOrAdmin() && !actor.isSystem()
                ? withOwner(input, new UserId(actor.userId())) : input;
        Contact contact = validated(new ContactId(ids.next()), withOwner, null);
        contacts.insert(contact, clock.millis());
        if (input.accountId() != null) {
            buyingCentre.link(input.accountId(), contact.id(), input.role() == null ? BuyingRole.OTHER : input.role(),
                    Boolean.TRUE.equals(input.keyPerson()), false);
        }
        Contact created = contacts.find(contact.id().value()).orElseThrow();
        if (input.accountId() != null) {
            search.reindex(created);
        } else {
            search.written(created);
        }
        Map<String, Change> changes = Changes.between(null, created, NOT_TIMELINED);
        audit.record("contact", created.id().value(), "created", changes);
        timeline.recordChange(subject(created), "record.created", "Contact created", changes);
        if (created.doNotContact()) {
            events.publishEvent(new DoNotContactMarked(null, created.id(), created.doNotContactReason()));
        }
        return created;
    }

    /**
     * Creates many contacts at once: each validated exactly as {@link #create} does (a problem names the
     * input as {@code contacts[i].field}, and nothing is written), then written as {@link #createChecked}.
     */
    @Transactional
    List<ContactId> createAll(List<ContactInput> inputs, String source) {
        Function<ContactInput, CheckedContact> checker = checker();
        InvalidInput.Collector problems = new InvalidInput.Collector();
        List<CheckedContact> checked = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            try {
                checked.add(checker.apply(inputs.get(i)));
            } catch (InvalidInput invalid) {
                String prefix = "contacts[" + i + "].";
                invalid.problems().forEach(p -> problems.add(prefix + p.field(), p.message()));
            }
        }
        problems.throwIfAny();
        return createChecked(checked, source);
    }

    /**
     * Writes checked contacts at once (an import's batch) with batch inserts — the rows, emails, phones,
     * tags, buying-centre places and the search index as one create writes them. Each person's timeline
     * gets its "created" entry; the audit log gets one entry for the batch (how many, the first and last
     * id, the source) rather than one per person. An account a contact is placed in that does not exist
     * (any more) is named as {@code contacts[i].accountId}, and nothing is written.
     */
    @Transactional
    List<ContactId> createChecked(List<CheckedContact> checked, String source) {
        if (checked.isEmpty()) {
            return List.of();
        }
        long now = clock.millis();
        Instant at = Instant.ofEpochMilli(now);
        Map<Long, String> accountNames = buyingCentre.accountNames(checked.stream().map(c -> c.accountId)
                .filter(Objects::nonNull).map(AccountId::value).distinct().toList());
        InvalidInput.Collector problems = new InvalidInput.Collector();
        List<Contact> created = new ArrayList<>(checked.size());
        List<BuyingCentre.Link> links = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            CheckedContact one = checked.get(i);
            Contact c = one.contact;
            ContactId id = new ContactId(ids.next());
            List<Contact.Membership> memberships = List.of();
            if (one.accountId != null) {
                String accountName = accountNames.get(one.accountId.value());
                if (accountName == null) {
                    problems.add("contacts[" + i + "].accountId", "is not an account of this workspace");
                    continue;
                }
                memberships = List.of(new Contact.Membership(one.accountId, accountName, one.role, one.keyPerson));
                links.add(new BuyingCentre.Link(one.accountId, id, one.role, one.keyPerson));
            }
            created.add(new Contact(id, c.firstName(), c.lastName(), c.title(), c.emails(), c.phones(), c.address(),
                    c.birthday(), c.preferredChannel(), c.ownerId(), c.doNotContact(), c.doNotContactReason(),
                    c.doNotContact() ? at : null, c.referredByContactId(), c.referredByUserId(), c.custom(), c.tags(),
                    memberships, null, 0, at, at, null));
        }
        problems.throwIfAny();
        contacts.insertAll(created, now);
        buyingCentre.linkAll(links, source);
        search.writtenAll(created);
        List<ContactId> result = created.stream().map(Contact::id).toList();
        Map<String, Change> summary = new java.util.LinkedHashMap<>();
        summary.put("count", new Change(null, created.size()));
        summary.put("firstId", new Change(null, Long.toString(result.get(0).value())));
        summary.put("lastId", new Change(null, Long.toString(result.get(result.size() - 1).value())));
        if (source != null) {
            summary.put("source", new Change(null, source));
        }
        audit.record("contact", result.get(0).value(), "imported", summary);
        timeline.append(new Timeline.Append(created.stream().map(Contacts::subject).toList(), "record.created", at,
                source == null ? "Contact created" : "Contact created by " + source, null, null, null, null));
        for (Contact c : created) {
            if (c.doNotContact()) {
                events.publishEvent(new DoNotContactMarked(null, c.id(), c.doNotContactReason()));
            }
        }
        return result;
    }

    /** Validates a contact as {@link #create} would, writing nothing: the checks of an import before its batch. */
    void check(ContactInput input) {
        checker().apply(input);
    }

    /**
     * {@link #check} for many contacts, with the custom-field definitions read once, now: each input's
     * checked contact, for {@link #createChecked}.
     */
    Function<ContactInput, CheckedContact> checker() {
        List<CustomField> definitions = customFields.of("contact", true);
        return input -> {
            Actor actor = Actors.current();
            ContactInput withOwner = input.ownerId() == null && !actor.isManagerOrAdmin() && !actor.isSystem()
                    ? withOwner(input, new UserId(actor.userId())) : input;
            return new CheckedContact(validated(new ContactId(0), withOwner, null, definitions), input.accountId(),
                    input.role(), Boolean.TRUE.equals(input.keyPerson()));
        };
    }

    @Transactional
    Contact update(long id, ContactInput input, long version) {
        Contact before = writable(id);
        if (before.version() != version) {
            throw new StaleVersion("The contact", before.version());
        }
        return save(before, validated(before.id(), input, before), "updated", null);
    }

    @Transactional
    Contact markDoNotContact(long id, String reason) {
        Contact before = contacts.find(id).filter(c -> !c.inTrash()).orElseThrow(() -> new ContactNotFound(id));
        if (before.doNotContact()) {
            return before;
        }
        ContactInput input = ContactInput.of(before);
        ContactInput marked = new ContactInput(input.firstName(), input.lastName(), input.title(), input.emails(),
                input.phones(), input.address(), input.birthday(), input.preferredChannel(), input.ownerId(), true,
                reason, input.referredByContactId(), input.referredByUserId(), Map.of(), input.tags(), null, null, null);
        return save(before, validated(before.id(), marked, before), "do-not-contact", reason);
    }

    /** Re-indexes a contact whose memberships changed (account names are searchable on the person). */
    void reindex(ContactId id) {
        contacts.find(id.value()).filter(c -> !c.inTrash()).ifPresent(search::reindex);
    }

    @Transactional
    void moveToTrash(long id) {
        Contact contact = writable(id);
        long now = clock.millis();
        contacts.moveToTrash(id, now, now);
        search.remove(id);
        audit.record("contact", id, "trashed", Map.of("deletedAt", new Change(null, Instant.ofEpochMilli(now))));
        timeline.recordChange(subject(contact), "record.trashed", "Moved to the trash", Map.of());
    }

    @Transactional
    Contact restore(long id) {
        Contact contact = contacts.find(id).filter(Contact::inTrash).orElseThrow(() -> new ContactNotFound(id));
        requireWrite(contact);
        contacts.moveToTrash(id, null, clock.millis());
        Contact restored = contacts.find(id).orElseThrow();
        search.written(restored);
        audit.record("contact", id, "restored", Map.of("deletedAt", new Change(contact.deletedAt(), null)));
        timeline.recordChange(subject(restored), "record.restored", "Restored from the trash", Map.of());
        return restored;
    }

    /**
     * Removes a person for good: from the trash after 30 days, or at once on their request (erasure,
     * admins only). Every module drops what it holds about them; the audit keeps only that it happened.
     */
    @Transactional
    void remove(long id, boolean erasure) {
        Contact contact = contacts.find(id).orElseThrow(() -> new ContactNotFound(id));
        events.publishEvent(new PartyRemoved(null, contact.id(), erasure));
        timeline.erase(subject(contact));
        search.remove(id);
        contacts.delete(id);
        audit.record("contact", id, erasure ? "erased" : "purged", Map.of());
    }

    /** Erasure on the person's request: visible to the admin asking, removed at once, live or in the trash. */
    @Transactional
    void erase(long id) {
        contacts.find(id).orElseThrow(() -> new ContactNotFound(id));
        remove(id, true);
    }

    void requireWrite(Contact contact) {
        if (!Actors.current().canWrite(owner(contact))) {
            throw new AccessDeniedException("not yours to change");
        }
    }

    private Contact save(Contact before, Contact changed, String action, String reason) {
        contacts.update(changed, clock.millis());
        Contact after = contacts.find(before.id().value()).orElseThrow();
        search.written(after);
        Map<String, Change> changes = Changes.between(before, after, NOT_TIMELINED);
        if (!changes.isEmpty() || reason != null) {
            audit.record("contact", after.id().value(), action, changes);
            timeline.recordChange(subject(after), "record.updated",
                    reason == null ? "Contact updated" : "Contact updated: " + reason, changes);
        }
        if (after.doNotContact() && !before.doNotContact()) {
            events.publishEvent(new DoNotContactMarked(null, after.id(), after.doNotContactReason()));
        }
        return after;
    }

    private Contact validated(ContactId id, ContactInput input, Contact before) {
        return validated(id, input, before, null);
    }

    /** {@code definitions}: the contact custom fields when read once for a batch, null to read them here. */
    private Contact validated(ContactId id, ContactInput input, Contact before, List<CustomField> definitions) {
        Actor actor = Actors.current();
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String first = PartyChecks.text(problems, "firstName", input.firstName(), 100, false);
        String last = PartyChecks.text(problems, "lastName", input.lastName(), 100, false);
        if (first == null && last == null && !problems.has("firstName") && !problems.has("lastName")) {
            problems.add("lastName", "is required (or a first name)");
        }
        String title = PartyChecks.text(problems, "title", input.title(), 200, false);
        List<Contact.Email> emails = emails(problems, input.emails());
        List<Contact.Phone> phones = phones(problems, input.phones());
        Address address = PartyChecks.address(problems, input.address());
        if (input.birthday() != null && input.birthday().isAfter(actor.today(clock))) {
            problems.add("birthday", "cannot be in the future");
        }
        if (before == null || !Objects.equals(before.ownerId(), input.ownerId())) {
            checks.owner(problems, input.ownerId(), actor);
        }
        boolean doNotContact = Boolean.TRUE.equals(input.doNotContact());
        String dncReason = PartyChecks.doNotContactReason(problems, doNotContact, input.doNotContactReason());
        if (input.referredByContactId() != null && (input.referredByContactId().equals(id)
                || contacts.find(input.referredByContactId().value()).filter(c -> !c.inTrash()).isEmpty())) {
            problems.add("referredByContactId", "is not another contact of this workspace");
        }
        checks.referrer(problems, input.referredByUserId());
        if (input.accountId() != null && !buyingCentre.accountExists(input.accountId())) {
            problems.add("accountId", "is not an account of this workspace");
        }
        List<String> tags = PartyChecks.tags(problems, input.tags());
        Map<String, Object> custom;
        try {
            Map<String, Object> current = before == null ? Map.of() : before.custom();
            Map<String, Object> changes = input.custom() == null ? Map.of() : input.custom();
            custom = definitions == null ? customFields.validate("contact", current, changes, before == null)
                    : customFields.validate("contact", current, changes, before == null, definitions);
        } catch (InvalidInput e) {
            e.problems().forEach(p -> problems.add(p.field(), p.message()));
            custom = Map.of();
        }
        problems.throwIfAny();
        Instant dncSince = doNotContact ? (before != null && before.doNotContact() ? before.doNotContactSince() : clock.instant())
                : null;
        Instant now = clock.instant();
        return new Contact(id, first == null ? "" : first, last == null ? "" : last, title, emails, phones, address,
                input.birthday(), input.preferredChannel(), input.ownerId(), doNotContact, dncReason, dncSince,
                input.referredByContactId(), input.referredByUserId(), custom, tags,
                before == null ? List.of() : before.accounts(), before == null ? null : before.lastTouchAt(),
                before == null ? 0 : before.version(), before == null ? now : before.createdAt(), now, null);
    }

    /** Valid, without duplicates, and with exactly one primary (the first, unless one is marked). */
    private static List<Contact.Email> emails(InvalidInput.Collector problems, List<Contact.Email> emails) {
        List<Contact.Email> clean = new ArrayList<>();
        if (emails == null) {
            return clean;
        }
        int i = 0;
        for (Contact.Email email : emails) {
            String field = "emails[" + i++ + "]";
            String address = PartyChecks.email(problems, field + ".address", email == null ? null : email.address());
            String label = PartyChecks.text(problems, field + ".label", email == null ? null : email.label(), 40, false);
            if (address != null && clean.stream().noneMatch(e -> e.address().equalsIgnoreCase(address))) {
                clean.add(new Contact.Email(address, label, email.primary()));
            }
        }
        problems.check(clean.size() <= MAX_EMAILS, "emails", "must be at most " + MAX_EMAILS);
        problems.check(clean.stream().filter(Contact.Email::primary).count() <= 1, "emails", "can have one primary only");
        int primary = Math.max(0, indexOfPrimary(clean.stream().map(Contact.Email::primary).toList()));
        List<Contact.Email> ordered = new ArrayList<>();
        for (int p = 0; p < clean.size(); p++) {
            Contact.Email e = clean.get(p);
            Contact.Email normal = new Contact.Email(e.address(), e.label(), p == primary);
            if (p == primary) {
                ordered.add(0, normal);
            } else {
                ordered.add(normal);
            }
        }
        return ordered;
    }

    private static List<Contact.Phone> phones(InvalidInput.Collector problems, List<Contact.Phone> phones) {
        List<Contact.Phone> clean = new ArrayList<>();
        if (phones == null) {
            return clean;
        }
        int i = 0;
        for (Contact.Phone phone : phones) {
            String field = "phones[" + i++ + "]";
            String number = PartyChecks.phone(problems, field + ".number", phone == null ? null : phone.number(), true);
            String label = PartyChecks.text(problems, field + ".label", phone == null ? null : phone.label(), 40, false);
            if (number != null && clean.stream().noneMatch(p -> Objects.equals(PartyNames.phoneKey(p.number()),
                    PartyNames.phoneKey(number)))) {
                clean.add(new Contact.Phone(number, label, phone.primary()));
            }
        }
        problems.check(clean.size() <= MAX_EMAILS, "phones", "must be at most " + MAX_EMAILS);
        problems.check(clean.stream().filter(Contact.Phone::primary).count() <= 1, "phones", "can have one primary only");
        int primary = Math.max(0, indexOfPrimary(clean.stream().map(Contact.Phone::primary).toList()));
        List<Contact.Phone> ordered = new ArrayList<>();
        for (int p = 0; p < clean.size(); p++) {
            Contact.Phone ph = clean.get(p);
            Contact.Phone normal = new Contact.Phone(ph.number(), ph.label(), p == primary);
            if (p == primary) {
                ordered.add(0, normal);
            } else {
                ordered.add(normal);
            }
        }
        return ordered;
    }

    private static int indexOfPrimary(List<Boolean> flags) {
        return flags.indexOf(Boolean.TRUE);
    }

    private static ContactInput withOwner(ContactInput i, UserId owner) {
        return new ContactInput(i.firstName(), i.lastName(), i.title(), i.emails(), i.phones(), i.address(), i.birthday(),
                i.preferredChannel(), owner, i.doNotContact(), i.doNotContactReason(), i.referredByContactId(),
                i.referredByUserId(), i.custom(), i.tags(), i.accountId(), i.role(), i.keyPerson());
    }

    static Subject subject(Contact contact) {
        return new Subject("contact", contact.id().value());
    }

    static Long owner(Contact contact) {
        return contact.ownerId() == null ? null : contact.ownerId().value();
    }
}
