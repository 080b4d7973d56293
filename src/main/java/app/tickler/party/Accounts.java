package app.tickler.party;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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

/** Creating, changing, trashing and restoring accounts, each in one transaction with its audit and timeline. */
@Service
class Accounts {

    static final class AccountNotFound extends NotFound {
        AccountNotFound(long id) {
            super("Account", id);
        }
    }

    private static final String[] NOT_TIMELINED = {"lastTouchAt", "deletedAt"};

    private final AccountRepository accounts;
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

    Accounts(AccountRepository accounts, PartyQueries queries, BuyingCentre buyingCentre, PartyChecks checks,
            CustomFields customFields, PartySearch search, IdGenerator ids, Clock clock, AuditLog audit,
            Timeline timeline, ApplicationEventPublisher events) {
        this.accounts = accounts;
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

    Page<Account> list(PartyList.Filter filter, PartyList.Sort sort, Paging paging) {
        return accounts.list(queries.accounts(filter), sort, paging);
    }

    /** Reassigns, tags or levels the chosen accounts, each audited, all in one transaction. */
    @Transactional
    int bulk(PartyList.BulkChange change) {
        if (change.ids().size() > PartyList.MAX_BULK) {
            throw new InvalidInput("ids", "must be at most " + PartyList.MAX_BULK + " per change");
        }
        int changed = 0;
        for (Long id : change.ids()) {
            Account before = writable(id);
            AccountInput input = AccountInput.of(before);
            List<String> tags = new ArrayList<>(input.tags());
            if (change.addTag() != null && !change.addTag().isBlank()) {
                tags.add(change.addTag());
            }
            AccountInput next = new AccountInput(input.name(), input.website(), input.industry(), input.size(),
                    input.phone(), input.address(), input.description(),
                    change.newOwner() == null ? input.ownerId() : change.newOwner(),
                    change.newLevel() == null ? input.level() : change.newLevel(),
                    change.newLevel() == null ? input.levelAssessedOn() : null, input.stage(), input.doNotContact(),
                    input.doNotContactReason(), input.parentId(), Map.of(), tags);
            update(id, next, before.version());
            changed++;
        }
        return changed;
    }

    /**
     * Merges a duplicate into this account: the fields named in {@code takeFromDuplicate} come from
     * the duplicate, the others stay; tags and custom values are combined; people, child accounts,
     * the timeline and every other module's records move over; the duplicate is removed.
     */
    @Transactional
    Account merge(long intoId, long duplicateId, java.util.Set<String> takeFromDuplicate) {
        if (intoId == duplicateId) {
            throw new InvalidInput("duplicateId", "is the account itself: choose another account to merge");
        }
        Account into = writable(intoId);
        Account duplicate;
        try {
            duplicate = writable(duplicateId);
        } catch (AccountNotFound e) {
            throw new InvalidInput("duplicateId", "is not an account of this workspace");
        }
        for (String field : takeFromDuplicate) {
            if (!MERGEABLE.contains(field)) {
                throw new InvalidInput("takeFromDuplicate", "'" + field + "' is not a field that can be merged");
            }
        }
        AccountInput a = AccountInput.of(into);
        AccountInput b = AccountInput.of(duplicate);
        java.util.function.Predicate<String> pick = takeFromDuplicate::contains;
        List<String> tags = new ArrayList<>(a.tags());
        b.tags().stream().filter(t -> !tags.contains(t)).forEach(tags::add);
        Map<String, Object> custom = new java.util.LinkedHashMap<>(b.custom());
        custom.putAll(a.custom());
        if (pick.test("custom")) {
            custom.putAll(b.custom());
        }
        AccountInput merged = new AccountInput(pick.test("name") ? b.name() : a.name(),
                pick.test("website") ? b.website() : a.website(), pick.test("industry") ? b.industry() : a.industry(),
                pick.test("size") ? b.size() : a.size(), pick.test("phone") ? b.phone() : a.phone(),
                pick.test("address") ? b.address() : a.address(),
                pick.test("description") ? b.description() : a.description(),
                pick.test("ownerId") ? b.ownerId() : a.ownerId(), pick.test("level") ? b.level() : a.level(),
                pick.test("level") ? b.levelAssessedOn() : a.levelAssessedOn(), pick.test("stage") ? b.stage() : a.stage(),
                a.doNotContact() || b.doNotContact(),
                a.doNotContact() ? a.doNotContactReason() : b.doNotContactReason(),
                a.parentId() != null && a.parentId().value() == duplicateId ? b.parentId() : a.parentId(), custom, tags);
        Account changed = validated(into.id(), merged, into);
        accounts.update(changed, clock.millis());
        buyingCentre.moveAccount(duplicate.id(), into.id());
        accounts.reparentChildren(duplicateId, intoId);
        timeline.moveSubject(subject(duplicate), subject(into));
        events.publishEvent(new AccountsMerged(duplicate.id(), into.id()));
        search.remove(duplicateId);
        accounts.delete(duplicateId);
        Account after = accounts.find(intoId).orElseThrow();
        search.written(after);
        Map<String, Change> changes = new java.util.LinkedHashMap<>(Changes.between(into, after, NOT_TIMELINED));
        changes.put("mergedFrom", new Change(Long.toString(duplicateId), duplicate.name()));
        audit.record("account", intoId, "merged", changes);
        audit.record("account", duplicateId, "merged into", Map.of("into", new Change(null, Long.toString(intoId))));
        timeline.recordChange(subject(after), "record.merged", "Merged with the duplicate " + duplicate.name(), changes);
        if (after.doNotContact() && !into.doNotContact()) {
            events.publishEvent(new DoNotContactMarked(after.id(), null, after.doNotContactReason()));
        }
        return after;
    }

    static final java.util.Set<String> MERGEABLE = java.util.Set.of("name", "website", "industry", "size", "phone",
            "address", "description", "ownerId", "level", "stage", "custom");

    /** Any live account, whoever owns it: for names of related records (a parent account). */
    java.util.Optional<Account> find(long id) {
        return accounts.find(id).filter(a -> !a.inTrash());
    }

    /** A live account the caller may see; otherwise 404, exactly as if it did not exist. */
    Account visible(long id) {
        Account account = accounts.find(id).filter(a -> !a.inTrash()).orElseThrow(() -> new AccountNotFound(id));
        if (!Actors.current().canRead(owner(account))) {
            throw new AccountNotFound(id);
        }
        return account;
    }

    /** A live account the caller may change; one they may only read answers 403. */
    Account writable(long id) {
        Account account = visible(id);
        requireWrite(account);
        return account;
    }

    @Transactional
    Account create(AccountInput input) {
        Actor actor = Actors.current();
        AccountInput withOwner = input.ownerId() == null && !actor.isManagerOrAdmin() && !actor.isSystem()
                ? withOwner(input, new app.tickler.identity.UserId(actor.userId())) : input;
        Account account = validated(new AccountId(ids.next()), withOwner, null);
        accounts.insert(account, clock.millis());
        Account created = accounts.find(account.id().value()).orElseThrow();
        search.written(created);
        Map<String, Change> changes = Changes.between(null, created, NOT_TIMELINED);
        audit.record("account", created.id().value(), "created", changes);
        timeline.recordChange(subject(created), "record.created", "Account created", changes);
        if (created.doNotContact()) {
            events.publishEvent(new DoNotContactMarked(created.id(), null, created.doNotContactReason()));
        }
        if (created.level() != null) {
            events.publishEvent(new CustomerLevelChanged(created.id(), null, created.level(), CustomerLevelChanged.ON_CREATION));
        }
        return created;
    }

    /** Validates an account as {@link #create} would, writing nothing: the checks of an import before its batch. */
    void check(AccountInput input) {
        Actor actor = Actors.current();
        AccountInput withOwner = input.ownerId() == null && !actor.isManagerOrAdmin() && !actor.isSystem()
                ? withOwner(input, new app.tickler.identity.UserId(actor.userId())) : input;
        validated(new AccountId(0), withOwner, null);
    }

    @Transactional
    Account update(long id, AccountInput input, long version) {
        Account before = writable(id);
        if (before.version() != version) {
            throw new StaleVersion("The account", before.version());
        }
        Account account = validated(before.id(), input, before);
        accounts.update(account, clock.millis());
        Account after = accounts.find(id).orElseThrow();
        search.written(after);
        afterChange(before, after, "updated", null);
        return after;
    }

    /** Sets (or confirms, on a reassessment) the customer level, dated today in the caller's zone. */
    @Transactional
    Account setLevel(long id, CustomerLevel level, String reason) {
        Account before = accounts.find(id).filter(a -> !a.inTrash()).orElseThrow(() -> new AccountNotFound(id));
        AccountInput input = AccountInput.of(before);
        Account changed = validated(before.id(), new AccountInput(input.name(), input.website(), input.industry(),
                input.size(), input.phone(), input.address(), input.description(), input.ownerId(), level,
                Actors.current().today(clock), input.stage(), input.doNotContact(), input.doNotContactReason(),
                input.parentId(), Map.of(), input.tags()), before);
        accounts.update(changed, clock.millis());
        Account after = accounts.find(id).orElseThrow();
        afterChange(before, after, "level set", reason);
        if (before.level() == level) {
            events.publishEvent(new CustomerLevelChanged(after.id(), before.level(), level, reason));
        }
        return after;
    }

    @Transactional
    Account setStage(long id, RelationshipStage stage, String reason) {
        Account before = accounts.find(id).filter(a -> !a.inTrash()).orElseThrow(() -> new AccountNotFound(id));
        if (before.stage() == stage) {
            return before;
        }
        AccountInput input = AccountInput.of(before);
        Account changed = validated(before.id(), new AccountInput(input.name(), input.website(), input.industry(),
                input.size(), input.phone(), input.address(), input.description(), input.ownerId(), input.level(),
                input.levelAssessedOn(), stage, input.doNotContact(), input.doNotContactReason(), input.parentId(),
                Map.of(), input.tags()), before);
        accounts.update(changed, clock.millis());
        Account after = accounts.find(id).orElseThrow();
        afterChange(before, after, "stage set", reason);
        return after;
    }

    @Transactional
    Account markDoNotContact(long id, String reason) {
        Account before = accounts.find(id).filter(a -> !a.inTrash()).orElseThrow(() -> new AccountNotFound(id));
        if (before.doNotContact()) {
            return before;
        }
        AccountInput input = AccountInput.of(before);
        Account changed = validated(before.id(), new AccountInput(input.name(), input.website(), input.industry(),
                input.size(), input.phone(), input.address(), input.description(), input.ownerId(), input.level(),
                input.levelAssessedOn(), input.stage(), true, reason, input.parentId(), Map.of(), input.tags()), before);
        accounts.update(changed, clock.millis());
        Account after = accounts.find(id).orElseThrow();
        afterChange(before, after, "do-not-contact", reason);
        return after;
    }

    @Transactional
    void moveToTrash(long id) {
        Account account = writable(id);
        long now = clock.millis();
        accounts.moveToTrash(id, now, now);
        search.remove(id);
        audit.record("account", id, "trashed", Map.of("deletedAt", new Change(null, Instant.ofEpochMilli(now))));
        timeline.recordChange(subject(account), "record.trashed", "Moved to the trash", Map.of());
    }

    @Transactional
    Account restore(long id) {
        Account account = accounts.find(id).filter(Account::inTrash).orElseThrow(() -> new AccountNotFound(id));
        requireWrite(account);
        accounts.moveToTrash(id, null, clock.millis());
        Account restored = accounts.find(id).orElseThrow();
        search.written(restored);
        audit.record("account", id, "restored", Map.of("deletedAt", new Change(account.deletedAt(), null)));
        timeline.recordChange(subject(restored), "record.restored", "Restored from the trash", Map.of());
        return restored;
    }

    /** Removes an account for good (purge after 30 days in the trash); other modules drop their references. */
    @Transactional
    void purge(long id) {
        Account account = accounts.find(id).orElseThrow(() -> new AccountNotFound(id));
        events.publishEvent(new PartyRemoved(account.id(), null, false));
        timeline.erase(subject(account));
        search.remove(id);
        accounts.delete(id);
        audit.record("account", id, "purged", Map.of("name", new Change(account.name(), null)));
    }

    void requireWrite(Account account) {
        if (!Actors.current().canWrite(owner(account))) {
            throw new org.springframework.security.access.AccessDeniedException("not yours to change");
        }
    }

    private void afterChange(Account before, Account after, String action, String reason) {
        Map<String, Change> changes = Changes.between(before, after, NOT_TIMELINED);
        if (changes.isEmpty() && reason == null) {
            return;
        }
        audit.record("account", after.id().value(), action, changes);
        timeline.recordChange(subject(after), "record.updated",
                reason == null ? "Account updated" : "Account updated: " + reason, changes);
        if (after.doNotContact() && !before.doNotContact()) {
            events.publishEvent(new DoNotContactMarked(after.id(), null, after.doNotContactReason()));
        }
        if (after.level() != before.level()) {
            events.publishEvent(new CustomerLevelChanged(after.id(), before.level(), after.level(), reason));
        }
        if (after.stage() != before.stage()) {
            events.publishEvent(new RelationshipStageChanged(after.id(), before.stage(), after.stage(), reason));
        }
    }

    /** Checks every field, naming each bad one, and returns the account as it will be stored. */
    private Account validated(AccountId id, AccountInput input, Account before) {
        Actor actor = Actors.current();
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String name = PartyChecks.text(problems, "name", input.name(), 300, true);
        String website = PartyChecks.website(problems, input.website());
        String industry = PartyChecks.text(problems, "industry", input.industry(), 100, false);
        String size = PartyChecks.text(problems, "size", input.size(), 20, false);
        String phone = PartyChecks.phone(problems, "phone", input.phone(), false);
        Address address = PartyChecks.address(problems, input.address());
        String description = PartyChecks.text(problems, "description", input.description(), 10_000, false);
        if (before == null || !java.util.Objects.equals(before.ownerId(), input.ownerId())) {
            checks.owner(problems, input.ownerId(), actor);
        }
        boolean doNotContact = Boolean.TRUE.equals(input.doNotContact());
        String dncReason = PartyChecks.doNotContactReason(problems, doNotContact, input.doNotContactReason());
        if (input.parentId() != null) {
            checkParent(problems, id, input.parentId());
        }
        List<String> tags = PartyChecks.tags(problems, input.tags());
        Map<String, Object> custom;
        try {
            custom = customFields.validate("account", before == null ? Map.of() : before.custom(),
                    input.custom() == null ? Map.of() : input.custom(), before == null);
        } catch (InvalidInput e) {
            e.problems().forEach(p -> problems.add(p.field(), p.message()));
            custom = Map.of();
        }
        problems.throwIfAny();

        LocalDate assessed = input.levelAssessedOn();
        if (assessed == null && input.level() != null) {
            assessed = before != null && before.level() == input.level() ? before.levelAssessedOn() : actor.today(clock);
        }
        Instant dncSince = doNotContact ? (before != null && before.doNotContact() ? before.doNotContactSince() : clock.instant())
                : null;
        Instant now = clock.instant();
        return new Account(id, name, website, PartyNames.domain(website), industry, size, phone, address, description,
                input.ownerId(), input.level(), input.level() == null ? null : assessed, input.stage(), doNotContact,
                dncReason, dncSince, input.parentId(), custom, tags, before == null ? null : before.lastTouchAt(),
                before == null ? 0 : before.version(), before == null ? now : before.createdAt(), now, null);
    }

    private void checkParent(InvalidInput.Collector problems, AccountId id, AccountId parent) {
        List<Long> seen = new ArrayList<>();
        AccountId current = parent;
        while (current != null) {
            if (current.equals(id) || seen.contains(current.value())) {
                problems.add("parentId", "would make the account its own parent");
                return;
            }
            seen.add(current.value());
            Account found = accounts.find(current.value()).filter(a -> !a.inTrash()).orElse(null);
            if (found == null) {
                problems.add("parentId", "is not an account of this workspace");
                return;
            }
            current = found.parentId();
        }
    }

    private static AccountInput withOwner(AccountInput i, app.tickler.identity.UserId owner) {
        return new AccountInput(i.name(), i.website(), i.industry(), i.size(), i.phone(), i.address(), i.description(),
                owner, i.level(), i.levelAssessedOn(), i.stage(), i.doNotContact(), i.doNotContactReason(), i.parentId(),
                i.custom(), i.tags());
    }

    static Subject subject(Account account) {
        return new Subject("account", account.id().value());
    }

    static Long owner(Account account) {
        return account.ownerId() == null ? null : account.ownerId().value();
    }
}
