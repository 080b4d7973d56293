package app.tickler.sales;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.identity.Directory;
import app.tickler.identity.UserId;
import app.tickler.identity.UserSummary;
import app.tickler.party.CustomFields;
import app.tickler.party.Parties;
import app.tickler.platform.Conflict;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Change;
import app.tickler.platform.audit.Changes;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;
import app.tickler.platform.timeline.Timeline;
import app.tickler.platform.timeline.TimelineEntry.Subject;

/**
 * Leads and the lead pool: capture (form, API, referral by any colleague), changes, the atomic claim
 * with its per-person limit, release, the qualification checklist, disqualification, round-robin
 * assignment, and the idle leads' return to the pool. Conversion is in {@link LeadConversion}.
 */
@Service
class Leads {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^[+()0-9 ./-]{3,50}$");
    private static final String[] NOT_AUDITED = {"lastActivityAt", "checked"};

    private final LeadRepository leads;
    private final Qualification qualification;
    private final SalesSettings settings;
    private final Parties parties;
    private final CustomFields customFields;
    private final Directory directory;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditLog audit;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final ClaimsInFlight claims;

    Leads(LeadRepository leads, Qualification qualification, SalesSettings settings, Parties parties,
            CustomFields customFields, Directory directory, IdGenerator ids, Clock clock, AuditLog audit,
            Timeline timeline, ApplicationEventPublisher events,
            org.springframework.transaction.support.TransactionTemplate transactions, ClaimsInFlight claims) {
        this.transactions = transactions;
        this.claims = claims;
        this.leads = leads;
        this.qualification = qualification;
        this.settings = settings;
        this.parties = parties;
        this.customFields = customFields;
        this.directory = directory;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
        this.timeline = timeline;
        this.events = events;
    }

    // --- reading ----------------------------------------------------------------------------

    /** A lead the caller may see: in the pool, or owned by them or their team (reps); 404 otherwise. */
    Lead visible(LeadId id) {
        Lead lead = get(id);
        if (!Actors.current().canRead(lead.owner())) {
            throw new LeadNotFound(id.value());
        }
        return lead;
    }

    /** A lead the caller may change; one they may only read answers 403. */
    Lead writable(LeadId id) {
        Lead lead = visible(id);
        if (!Actors.current().canWrite(lead.owner())) {
            throw new AccessDeniedException("not yours to change");
        }
        return lead;
    }

    Lead get(LeadId id) {
        return leads.find(id.value()).orElseThrow(() -> new LeadNotFound(id.value()));
    }

    // --- capture and changes ----------------------------------------------------------------

    /**
     * Captures a lead. Staff refer leads (attributed to them) into the pool; sellers may keep one. An
     * unowned lead goes to the pool, or to the next person of the round-robin team when that is on.
     */
    @Transactional
    Lead create(LeadInput input) {
        return create(input, null);
    }

    /**
     * Captures a lead as {@link #create(LeadInput)} does, with the open status a file gives it: WORKING
     * when it is being worked already (in the pool, too, like a lead released by the one who worked it);
     * NEW or null when not — a lead with an owner is being worked whatever is asked, as one typed in.
     */
    @Transactional
    Lead create(LeadInput input, LeadStatus status) {
        Actor actor = Actors.current();
        LeadInput request = input;
        if (actor.role() == Role.STAFF && !actor.isSystem()) {
            if (input.ownerId() != null) {
                throw new InvalidInput("ownerId", "cannot be set by staff: a referred lead goes to the pool");
            }
            request = new LeadInput(input.firstName(), input.lastName(), input.title(), input.company(), input.email(),
                    input.phone(), input.source() == null ? LeadSource.REFERRAL : input.source(), input.sourceDetail(),
                    input.referredByUserId() == null ? new UserId(actor.userId()) : input.referredByUserId(),
                    input.referredByContactId(), input.notes(), null, input.custom());
        } else if (input.source() == LeadSource.REFERRAL && input.referredByUserId() == null
                && input.referredByContactId() == null && !actor.isSystem()) {
            request = new LeadInput(input.firstName(), input.lastName(), input.title(), input.company(), input.email(),
                    input.phone(), input.source(), input.sourceDetail(), new UserId(actor.userId()), null, input.notes(),
                    input.ownerId(), input.custom());
        }
        Instant now = clock.instant();
        Lead checked = validated(new LeadId(ids.next()), request, status, null, now);
        UserId owner = checked.ownerId();
        boolean roundRobin = false;
        if (owner == null) {
            owner = nextRoundRobin();
            roundRobin = owner != null;
        }
        Lead lead = withOwner(checked, owner, owner == null ? null : now,
                owner == null && status != LeadStatus.WORKING ? LeadStatus.NEW : LeadStatus.WORKING);
        leads.insert(lead);
        Lead created = get(lead.id());
        Map<String, Change> changes = Changes.between(null, created, NOT_AUDITED);
        audit.record("lead", created.id().value(), "created", changes);
        String how = created.referredByUserId() != null
                ? "referred by " + directory.user(created.referredByUserId()).map(UserSummary::displayName).orElse("a colleague")
                : "from " + created.source().name().toLowerCase().replace('_', ' ');
        timeline.append(new Timeline.Append(List.of(subject(created)), "lead.created", now, "Lead captured " + how,
                null, changes, link(created), null));
        events.publishEvent(new LeadCreated(created.id(), created.source(), created.ownerId(), created.referredByUserId()));
        if (roundRobin) {
            timeline.append(new Timeline.Append(List.of(subject(created)), "lead.assigned", now,
                    "Assigned by round-robin to " + name(owner), null, Map.of(), link(created), null));
            events.publishEvent(new LeadClaimed(created.id(), owner, now));
        }
        return created;
    }

    @Transactional
    Lead update(LeadId id, LeadInput input, long version) {
        return update(id, input, null, version);
    }

    /**
     * Changes a lead as {@link #update(LeadId, LeadInput, long)} does, and sets its open status (NEW or
     * WORKING; null keeps it). A new lead that gets an owner, or is asked to be new while it has one, is
     * being worked.
     */
    @Transactional
    Lead update(LeadId id, LeadInput input, LeadStatus status, long version) {
        Lead before = writable(id);
        requireVersion(before, version);
        Instant now = clock.instant();
        Lead checked = validated(id, input, status, before, now);
        boolean ownerChanged = !Objects.equals(before.ownerId(), checked.ownerId());
        LeadStatus next = status != null ? status : before.status();
        if (next == LeadStatus.NEW && checked.ownerId() != null && (ownerChanged || status != null)) {
            next = LeadStatus.WORKING;
        }
        Lead after = withOwner(checked, checked.ownerId(),
                ownerChanged ? (checked.ownerId() == null ? null : now) : before.claimedAt(), next);
        write(after, version, now);
        Lead saved = get(id);
        Map<String, Change> changes = Changes.between(before, saved, NOT_AUDITED);
        if (!changes.isEmpty()) {
            audit.record("lead", id.value(), "updated", changes);
            timeline.append(new Timeline.Append(List.of(subject(saved)), "record.updated", now, "Lead updated", null,
                    changes, link(saved), null));
        }
        if (ownerChanged && saved.ownerId() != null) {
            events.publishEvent(new LeadClaimed(id, saved.ownerId(), now));
        } else if (ownerChanged) {
            events.publishEvent(new LeadReleased(id, before.ownerId(), false, now));
        }
        return saved;
    }

    /**
     * Checks a lead to create (no {@code existing}) or the change of one, with the status asked for, as
     * create and update would, writing nothing.
     */
    void check(LeadId existing, LeadInput input, LeadStatus status) {
        Lead before = existing == null ? null : get(existing);
        validated(existing == null ? new LeadId(0) : existing, input, status, before, clock.instant());
    }

    /**
     * Removes a lead for good (an import undone): its checklist and timeline go with it, and other modules
     * drop what they planned for it. A converted lead became an account, a contact and maybe a deal, and is
     * kept.
     */
    @Transactional
    void remove(LeadId id) {
        Lead lead = writable(id);
        if (lead.converted()) {
            throw new Conflict("This lead was converted and is kept");
        }
        events.publishEvent(new LeadRemoved(id, lead.createdAt()));
        timeline.eraseRecord(subject(lead));
        leads.delete(id.value());
        audit.record("lead", id.value(), "removed", Map.of());
    }

    // --- the pool ---------------------------------------------------------------------------

    /**
     * Takes a lead from the pool. Atomic on both databases: one conditional UPDATE, checked by its
     * row count; only then are the claimer's open leads counted, in the same transaction and with the
     * claimer's row locked so that two tabs of one person cannot pass the limit together (over the
     * limit, the claim is rolled back). Everyone else is answered without waiting for the database's
     * write lock (SQLite has one writer at a time): a lead already gone from the pool is refused
     * after one read, naming who has it; a lead this instance is claiming for someone at that moment,
     * or claimed less than a second ago, is refused from memory ({@link ClaimsInFlight}) with the same
     * answer; and on PostgreSQL a lead another instance is claiming is skipped, not waited for. So
     * someone who loses the race writes nothing.
     */
    Lead claim(LeadId id) {
        Actor actor = Actors.current();
        if (actor.role() == Role.STAFF || actor.isSystem()) {
            throw new AccessDeniedException("only sellers claim leads");
        }
        long workspace = actor.workspaceId();
        ClaimsInFlight.Taken taken = claims.taken(workspace, id.value());
        if (taken != null) {
            // answered as the database would, a moment after the claim commits
            throw !taken.writing() ? claimedBy(new UserId(taken.claimer()), actor)
                    : taken.claimer() == actor.userId() ? new Conflict("Your claim of this lead is being saved")
                    : claimedMeanwhile();
        }
        LeadRepository.PoolState seen = leads.poolState(id.value()).orElseThrow(() -> new LeadNotFound(id.value()));
        if (!seen.inPool()) {
            throw notClaimable(seen, actor);
        }
        if (!claims.start(workspace, id.value(), actor.userId())) {
            throw claimedMeanwhile();
        }
        boolean committed = false;
        try {
            transactions.executeWithoutResult(status -> claimInTransaction(id, actor));
            committed = true;
        } finally {
            claims.end(workspace, id.value(), committed);
        }
        return get(id);
    }

    private void claimInTransaction(LeadId id, Actor actor) {
        long now = clock.millis();
        if (!leads.claim(id.value(), actor.userId(), now)) {
            // it was in the pool a moment ago: another claim came first, committed or not yet
            throw claimedMeanwhile();
        }
        leads.lockClaimer(actor.userId());
        LeadRepository.Holding held = leads.holding(actor.userId());
        int limit = held.limit();
        int holding = held.leads() - 1; // the one just claimed is counted already
        if (holding >= limit) {
            throw new Conflict("You already hold " + holding + " open leads, the limit of this workspace ("
                    + limit + "). Convert, disqualify or release some before claiming more.");
        }
        Instant at = Instant.ofEpochMilli(now);
        UserId owner = new UserId(actor.userId());
        audit.record("lead", id.value(), "claimed", Map.of("ownerId", new Change(null, owner)));
        timeline.append(new Timeline.Append(List.of(subject(id)), "lead.claimed", at, "Claimed by " + actor.displayName(),
                null, Map.of(), link(id), null));
        events.publishEvent(new LeadClaimed(id, owner, at));
    }

    private static Conflict claimedMeanwhile() {
        return new Conflict("A colleague has just claimed this lead or is claiming it at this moment;"
                + " it is no longer in the pool");
    }

    /** Why a lead out of the pool cannot be claimed; a lead disqualified out of sight is "not found". */
    private RuntimeException notClaimable(LeadRepository.PoolState lead, Actor actor) {
        Long owner = lead.ownerId() == null ? null : lead.ownerId().value();
        if (!lead.active()) {
            if (!actor.canRead(owner)) {
                return new LeadNotFound(lead.id().value());
            }
            return new Conflict("This lead is " + (lead.converted() ? "converted" : "disqualified")
                    + " and cannot be claimed");
        }
        return claimedBy(lead.ownerId(), actor);
    }

    /** Why an open lead owned by {@code owner} cannot be claimed by {@code actor}. */
    private Conflict claimedBy(UserId owner, Actor actor) {
        if (owner.value() == actor.userId()) {
            return new Conflict("You already own this lead");
        }
        // the owner is named only to those who may see the lead now
        String who = actor.canRead(owner.value()) ? name(owner) : "A colleague";
        return new Conflict(who + " claimed this lead first; it is no longer in the pool");
    }

    /** Puts a lead back in the pool: its owner lets go, or a manager takes it away. */
    @Transactional
    Lead release(LeadId id) {
        Lead lead = writable(id);
        if (lead.ownerId() == null) {
            throw new Conflict("This lead is already in the pool");
        }
        if (!lead.active()) {
            throw new Conflict("This lead is closed and stays with its owner");
        }
        Actor actor = Actors.current();
        if (actor.role() == Role.REP && lead.ownerId().value() != actor.userId()) {
            throw new AccessDeniedException("only the owner or a manager releases a lead");
        }
        return returnToPool(lead, false, "Released to the pool by " + actor.displayName());
    }

    private Lead returnToPool(Lead lead, boolean idle, String title) {
        long now = clock.millis();
        if (!leads.release(lead.id().value(), lead.ownerId().value(), now)) {
            throw new StaleVersion("The lead", get(lead.id()).version());
        }
        Lead released = get(lead.id());
        Instant at = Instant.ofEpochMilli(now);
        audit.record("lead", lead.id().value(), idle ? "returned idle" : "released",
                Map.of("ownerId", new Change(lead.ownerId(), null)));
        timeline.append(new Timeline.Append(List.of(subject(released)), "lead.released", at, title, null, Map.of(),
                link(released), null));
        events.publishEvent(new LeadReleased(lead.id(), lead.ownerId(), idle, at));
        return released;
    }

    /** Returns one batch of leads idle for longer than the workspace allows; the caller repeats while some return. */
    @Transactional
    int returnIdle(int batch) {
        int days = settings.current().leadIdleDays();
        long cutoff = clock.instant().minus(java.time.Duration.ofDays(days)).toEpochMilli();
        List<Long> idle = leads.idleSince(cutoff, batch);
        for (Long id : idle) {
            Lead lead = get(new LeadId(id));
            returnToPool(lead, true, "Returned to the pool: untouched by " + name(lead.ownerId()) + " for more than "
                    + days + " days");
        }
        return idle.size();
    }

    /** Someone worked on the lead (a touch): its idle clock starts again. */
    @Transactional
    void recordActivity(LeadId id, Instant at) {
        if (!leads.activity(id.value(), at.toEpochMilli())) {
            throw new LeadNotFound(id.value());
        }
    }

    /** The round-robin's next person: the team member after the last one served who is below the claim limit. */
    private UserId nextRoundRobin() {
        SalesSettings.Settings current = settings.current();
        if (!current.roundRobin() || current.roundRobinTeamId() == null) {
            return null;
        }
        Long last = settings.roundRobinLast();
        settings.roundRobinAssigned(last == null ? 0L : last); // locks the settings row: one assignment at a time
        List<UserSummary> members = directory.users(directory.teamMembers(current.roundRobinTeamId())).stream()
                .filter(u -> u.active() && u.role() != Role.STAFF)
                .sorted(java.util.Comparator.comparingLong(u -> u.id().value())).toList();
        if (members.isEmpty()) {
            return null;
        }
        int start = 0;
        for (int i = 0; i < members.size(); i++) {
            if (last != null && members.get(i).id().value() == last) {
                start = i + 1;
            }
        }
        for (int i = 0; i < members.size(); i++) {
            UserSummary candidate = members.get((start + i) % members.size());
            if (leads.openOwnedBy(candidate.id().value()) < current.claimLimit()) {
                settings.roundRobinAssigned(candidate.id().value());
                return candidate.id();
            }
        }
        return null;
    }

    // --- qualification ----------------------------------------------------------------------

    /** Sets the checked criteria; the score follows, and a lead with every criterion met is qualified. */
    @Transactional
    Lead qualify(LeadId id, Collection<CriterionId> checked, long version) {
        Lead before = writable(id);
        requireVersion(before, version);
        requireActive(before);
        int score = qualification.check(id.value(), checked == null ? List.of() : checked);
        LeadStatus status = score == 100 && before.status() != LeadStatus.QUALIFIED ? LeadStatus.QUALIFIED
                : before.status() == LeadStatus.NEW ? LeadStatus.WORKING : before.status();
        Instant now = clock.instant();
        Lead after = state(before, status, score, now);
        write(after, version, now);
        Lead saved = get(id);
        Map<String, Change> changes = Changes.between(before, saved, "lastActivityAt");
        audit.record("lead", id.value(), "qualification", changes);
        timeline.append(new Timeline.Append(List.of(subject(saved)), "lead.qualification", now,
                "Qualification: score " + saved.score() + (status == LeadStatus.QUALIFIED && before.status() != status
                        ? " — qualified" : ""), null, changes, link(saved), null));
        return saved;
    }

    /** Marks a lead qualified by hand, or by the "ready to buy" stop rule. */
    @Transactional
    Lead markQualified(LeadId id, Long version, String reason) {
        Lead before = version == null ? get(id) : writable(id);
        if (version != null) {
            requireVersion(before, version);
        }
        if (!before.active() || before.status() == LeadStatus.QUALIFIED) {
            return before;
        }
        Instant now = clock.instant();
        Lead after = state(before, LeadStatus.QUALIFIED, before.score(), now);
        write(after, before.version(), now);
        Lead saved = get(id);
        audit.record("lead", id.value(), "qualified", Changes.between(before, saved, "lastActivityAt"));
        timeline.append(new Timeline.Append(List.of(subject(saved)), "lead.qualified", now,
                "Lead qualified" + (reason == null || reason.isBlank() ? "" : ": " + reason), null, Map.of(), link(saved),
                null));
        return saved;
    }

    @Transactional
    Lead disqualify(LeadId id, String reason, long version) {
        Lead before = writable(id);
        requireVersion(before, version);
        requireActive(before);
        String clean = reason == null ? "" : reason.strip();
        if (clean.isEmpty() || clean.length() > 500) {
            throw new InvalidInput("reason", "is required (at most 500 characters): why is the lead ruled out?");
        }
        Instant now = clock.instant();
        Lead after = new Lead(before.id(), before.firstName(), before.lastName(), before.title(), before.company(),
                before.email(), before.phone(), before.source(), before.sourceDetail(), before.referredByUserId(),
                before.referredByContactId(), before.notes(), LeadStatus.DISQUALIFIED, false, before.ownerId(),
                before.score(), before.checked(), before.claimedAt(), now, clean, null, null, null, null,
                before.custom(), version, before.createdAt(), now);
        write(after, version, now);
        Lead saved = get(id);
        audit.record("lead", id.value(), "disqualified", Changes.between(before, saved, NOT_AUDITED));
        timeline.append(new Timeline.Append(List.of(subject(saved)), "lead.disqualified", now, "Disqualified: " + clean,
                null, Map.of(), link(saved), null));
        events.publishEvent(new LeadDisqualified(id, clean));
        return saved;
    }

    /** Records the conversion on the lead; {@link LeadConversion} made the account, contact and deal. */
    void converted(Lead before, app.tickler.party.AccountId account, app.tickler.party.ContactId contact, DealId deal) {
        Instant now = clock.instant();
        Lead after = new Lead(before.id(), before.firstName(), before.lastName(), before.title(), before.company(),
                before.email(), before.phone(), before.source(), before.sourceDetail(), before.referredByUserId(),
                before.referredByContactId(), before.notes(), LeadStatus.QUALIFIED, false, before.ownerId(),
                before.score(), before.checked(), before.claimedAt(), now, null, now, account, contact, deal,
                before.custom(), before.version(), before.createdAt(), now);
        write(after, before.version(), now);
        Lead saved = get(before.id());
        audit.record("lead", before.id().value(), "converted", Changes.between(before, saved, NOT_AUDITED));
    }

    // --- helpers ----------------------------------------------------------------------------

    /**
     * The lead as {@code input} makes it, every field checked. {@code status} is the open status asked for
     * (null: none): NEW or WORKING on an open lead; a closed lead keeps its status, and its owner.
     */
    private Lead validated(LeadId id, LeadInput input, LeadStatus status, Lead before, Instant now) {
        Actor actor = Actors.current();
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String first = text(problems, "firstName", input.firstName(), 100);
        String last = text(problems, "lastName", input.lastName(), 100);
        String title = text(problems, "title", input.title(), 200);
        String company = text(problems, "company", input.company(), 300);
        if (first == null && last == null && company == null && !problems.has("firstName") && !problems.has("lastName")
                && !problems.has("company")) {
            problems.add("lastName", "is required (or a first name, or a company)");
        }
        String email = text(problems, "email", input.email(), 254);
        if (email != null && !EMAIL.matcher(email).matches()) {
            problems.add("email", "is not a valid email address");
        }
        String phone = text(problems, "phone", input.phone(), 50);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            problems.add("phone", "is not a valid phone number");
        }
        LeadSource source = input.source() == null ? LeadSource.OTHER : input.source();
        String detail = text(problems, "sourceDetail", input.sourceDetail(), 200);
        if (input.referredByUserId() != null && (before == null
                || !input.referredByUserId().equals(before.referredByUserId()))
                && directory.user(input.referredByUserId()).isEmpty()) {
            problems.add("referredByUserId", "is not a user of this workspace");
        }
        if (input.referredByContactId() != null && (before == null
                || !input.referredByContactId().equals(before.referredByContactId()))
                && parties.contact(input.referredByContactId()).isEmpty()) {
            problems.add("referredByContactId", "is not a contact of this workspace");
        }
        String notes = text(problems, "notes", input.notes(), 20_000);
        if (status != null && (before == null || status != before.status())) {
            if (status == LeadStatus.QUALIFIED || status == LeadStatus.DISQUALIFIED) {
                problems.add("status", "is reached by qualifying, converting or disqualifying the lead");
            } else if (before != null && (!before.active() || before.status() == LeadStatus.QUALIFIED)) {
                problems.add("status", "cannot change: the lead is " + closedAs(before));
            }
        }
        UserId owner = input.ownerId();
        if (before != null && !before.active() && !Objects.equals(owner, before.ownerId())) {
            problems.add("ownerId", "cannot change: the lead is " + closedAs(before) + " and stays with its owner");
        } else if (owner != null && (before == null || !owner.equals(before.ownerId()))) {
            UserSummary user = directory.user(owner).filter(UserSummary::active).orElse(null);
            if (user == null) {
                problems.add("ownerId", "is not an active user of this workspace");
            } else if (user.role() == Role.STAFF) {
                problems.add("ownerId", "is staff; leads are worked by people who sell");
            } else if (!actor.canWrite(owner.value())) {
                problems.add("ownerId", "is outside your team: you could no longer work on the lead");
            }
        }
        if (owner == null && before != null && before.active() && before.ownerId() != null && actor.role() == Role.REP
                && before.ownerId().value() != actor.userId()) {
            problems.add("ownerId", "can only be cleared by the lead's owner or a manager");
        }
        Map<String, Object> custom = Map.of();
        try {
            custom = customFields.validate("lead", before == null ? Map.of() : before.custom(),
                    input.custom() == null ? Map.of() : input.custom(), before == null);
        } catch (InvalidInput e) {
            e.problems().forEach(p -> problems.add(p.field(), p.message()));
        }
        problems.throwIfAny();
        if (before == null) {
            return new Lead(id, first, last, title, company, email, phone, source, detail, input.referredByUserId(),
                    input.referredByContactId(), notes, LeadStatus.NEW, true, owner, 0, List.of(), null, now, null, null,
                    null, null, null, custom, 0, now, now);
        }
        return new Lead(id, first, last, title, company, email, phone, source, detail, input.referredByUserId(),
                input.referredByContactId(), notes, before.status(), before.active(), owner, before.score(),
                before.checked(), before.claimedAt(), actor.isSystem() ? before.lastActivityAt() : now,
                before.disqualifiedReason(), before.convertedAt(), before.accountId(), before.contactId(), before.dealId(),
                custom, before.version(), before.createdAt(), now);
    }

    private static String text(InvalidInput.Collector problems, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String clean = value.strip();
        if (clean.length() > max) {
            problems.add(field, "must have at most " + max + " characters");
        }
        return clean;
    }

    private static Lead withOwner(Lead l, UserId owner, Instant claimedAt, LeadStatus status) {
        return new Lead(l.id(), l.firstName(), l.lastName(), l.title(), l.company(), l.email(), l.phone(), l.source(),
                l.sourceDetail(), l.referredByUserId(), l.referredByContactId(), l.notes(), status, l.active(), owner,
                l.score(), l.checked(), claimedAt, l.lastActivityAt(), l.disqualifiedReason(), l.convertedAt(),
                l.accountId(), l.contactId(), l.dealId(), l.custom(), l.version(), l.createdAt(), l.updatedAt());
    }

    private static Lead state(Lead l, LeadStatus status, int score, Instant now) {
        return new Lead(l.id(), l.firstName(), l.lastName(), l.title(), l.company(), l.email(), l.phone(), l.source(),
                l.sourceDetail(), l.referredByUserId(), l.referredByContactId(), l.notes(), status, l.active(),
                l.ownerId(), score, l.checked(), l.claimedAt(), now, l.disqualifiedReason(), l.convertedAt(),
                l.accountId(), l.contactId(), l.dealId(), l.custom(), l.version(), l.createdAt(), now);
    }

    private void write(Lead lead, long version, Instant now) {
        if (!leads.update(lead, version, now.toEpochMilli())) {
            throw new StaleVersion("The lead", get(lead.id()).version());
        }
    }

    private static void requireVersion(Lead lead, long version) {
        if (lead.version() != version) {
            throw new StaleVersion("The lead", lead.version());
        }
    }

    private static void requireActive(Lead lead) {
        if (!lead.active()) {
            throw new Conflict("This lead is " + closedAs(lead) + " and closed");
        }
    }

    private static String closedAs(Lead lead) {
        return lead.converted() ? "converted" : lead.active() ? "qualified" : "disqualified";
    }

    private String name(UserId user) {
        return user == null ? "nobody" : directory.user(user).map(UserSummary::displayName).orElse("a colleague");
    }

    static Subject subject(Lead lead) {
        return subject(lead.id());
    }

    static Subject subject(LeadId lead) {
        return new Subject("lead", lead.value());
    }

    static String link(Lead lead) {
        return link(lead.id());
    }

    static String link(LeadId lead) {
        return "/leads/" + lead.value();
    }

    static List<Long> values(Collection<LeadId> ids) {
        return new ArrayList<>(ids.stream().map(LeadId::value).toList());
    }
}
