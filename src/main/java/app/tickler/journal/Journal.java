package app.tickler.journal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.followup.FollowUps;
import app.tickler.identity.Directory;
import app.tickler.identity.TeamId;
import app.tickler.identity.UserId;
import app.tickler.identity.UserSummary;
import app.tickler.platform.Conflict;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.NotFound;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Change;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;

/**
 * The daily journal: a rep's day (lines written by the system, plan, reflection), submitting it, the
 * managers' review queue and comments, history and search.
 *
 * <p>Who may see and comment a journal: its rep; an admin; a manager of the rep's team (the team the
 * rep was in when the entry was written), or — for a manager without a team — any. Anyone else is
 * refused (403), nothing written.
 */
@Service
public class Journal {

    static final int MAX_TEXT = 4000;

    static final class JournalEntryNotFound extends NotFound {
        JournalEntryNotFound(long id) {
            super("Journal entry", id);
        }
    }

    private final JournalRepository repository;
    private final Directory directory;
    private final FollowUps followUps;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditLog audit;

    Journal(JournalRepository repository, Directory directory, FollowUps followUps, IdGenerator ids, Clock clock,
            AuditLog audit) {
        this.repository = repository;
        this.directory = directory;
        this.followUps = followUps;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
    }

    /** A user's day (the caller's own when {@code user} is null). */
    public JournalDay day(UserId user, LocalDate day) {
        Actor actor = Actors.current();
        UserSummary rep = person(user == null ? new UserId(actor.userId()) : user);
        Optional<JournalEntry> entry = repository.entryOf(rep.id().value(), day);
        TeamId team = entry.map(JournalEntry::teamId).orElse(rep.teamId());
        boolean own = rep.id().value() == actor.userId();
        if (!own && !mayReview(actor, team)) {
            throw new AccessDeniedException("this journal belongs to another team");
        }
        List<JournalComment> comments = entry.map(e -> repository.comments(e.id().value())).orElse(List.of());
        boolean editable = own && entry.map(e -> !e.submitted()).orElse(true) && !day.isAfter(today(rep));
        boolean reviewable = entry.map(JournalEntry::submitted).orElse(false) && (own || mayReview(actor, team));
        return new JournalDay(rep.id(), rep.displayName(), day, repository.items(rep.id().value(), day), entry.orElse(null),
                comments, editable, reviewable);
    }

    /** The caller's today, in their time zone. */
    public LocalDate today() {
        return Actors.current().today(clock);
    }

    public JournalEntry entry(JournalEntryId id) {
        JournalEntry entry = repository.entry(id.value()).orElseThrow(() -> new JournalEntryNotFound(id.value()));
        Actor actor = Actors.current();
        if (entry.userId().value() != actor.userId() && !mayReview(actor, entry.teamId())) {
            throw new AccessDeniedException("this journal belongs to another team");
        }
        return entry;
    }

    /** Saves the caller's plan and reflection for a day as a draft. */
    @Transactional
    public JournalEntry save(LocalDate day, String plan, String reflection, Long version) {
        Actor actor = Actors.current();
        UserSummary rep = person(new UserId(actor.userId()));
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String cleanPlan = text(problems, "plan", plan);
        String cleanReflection = text(problems, "reflection", reflection);
        checkDay(problems, day, rep);
        problems.throwIfAny();
        Optional<JournalEntry> existing = repository.entryOf(actor.userId(), day);
        long now = clock.millis();
        if (existing.isEmpty()) {
            long id = ids.next();
            repository.insertEntry(id, actor.userId(), day, teamOf(rep), cleanPlan, cleanReflection,
                    repository.countItems(actor.userId(), day), now);
            return repository.entry(id).orElseThrow();
        }
        JournalEntry entry = existing.get();
        if (entry.submitted()) {
            throw alreadySubmitted(day);
        }
        if (!repository.updateDraft(entry.id().value(), cleanPlan, cleanReflection, version, now)) {
            throw new StaleVersion("Journal entry", entry.version());
        }
        return repository.entry(entry.id().value()).orElseThrow();
    }

    /**
     * Submits the caller's journal of a day, with its plan and reflection (null keeps what was saved).
     * Submitting again is refused and changes nothing.
     */
    @Transactional
    public JournalEntry submit(LocalDate day, String plan, String reflection) {
        Actor actor = Actors.current();
        UserSummary rep = person(new UserId(actor.userId()));
        Optional<JournalEntry> existing = repository.entryOf(actor.userId(), day);
        if (existing.isPresent() && existing.get().submitted()) {
            throw alreadySubmitted(day);
        }
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String cleanPlan = plan == null ? existing.map(JournalEntry::plan).orElse(null) : text(problems, "plan", plan);
        String cleanReflection = reflection == null ? existing.map(JournalEntry::reflection).orElse(null)
                : text(problems, "reflection", reflection);
        checkDay(problems, day, rep);
        if (cleanPlan == null && !problems.has("plan")) {
            problems.add("plan", "is required: what is the plan for tomorrow?");
        }
        problems.throwIfAny();
        long now = clock.millis();
        long id;
        if (existing.isEmpty()) {
            id = ids.next();
            repository.insertEntry(id, actor.userId(), day, teamOf(rep), cleanPlan, cleanReflection,
                    repository.countItems(actor.userId(), day), now);
        } else {
            id = existing.get().id().value();
        }
        if (!repository.submit(id, cleanPlan, cleanReflection, now)) {
            throw alreadySubmitted(day);
        }
        JournalEntry submitted = repository.entry(id).orElseThrow();
        audit.record("journal_entry", id, "submitted", java.util.Map.of("status", new Change("DRAFT", "SUBMITTED")));
        return submitted;
    }

    /** Comments on a submitted entry (a manager's coaching, or the rep's answer); a manager may mark it reviewed. */
    @Transactional
    public JournalComment comment(JournalEntryId id, String body, boolean markReviewed) {
        Actor actor = Actors.current();
        JournalEntry entry = repository.entry(id.value()).orElseThrow(() -> new JournalEntryNotFound(id.value()));
        boolean own = entry.userId().value() == actor.userId();
        if (!own && !mayReview(actor, entry.teamId())) {
            throw new AccessDeniedException("you may not comment on a journal of another team");
        }
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String text = text(problems, "body", body);
        if (text == null && !problems.has("body")) {
            problems.add("body", "is required");
        }
        problems.throwIfAny();
        if (!entry.submitted()) {
            throw new Conflict("The journal of " + entry.day() + " has not been submitted yet");
        }
        long commentId = ids.next();
        long now = clock.millis();
        repository.addComment(commentId, id.value(), actor.userId(), text, now);
        if (markReviewed && !own && entry.status() == JournalStatus.SUBMITTED) {
            repository.markReviewed(id.value(), actor.userId(), now);
        }
        if (!own) {
            followUps.notify(entry.userId(), "journal.comment", actor.displayName() + " commented on your journal of "
                    + entry.day(), link(entry));
        }
        audit.record("journal_entry", id.value(), "commented", java.util.Map.of());
        return repository.comments(id.value()).stream().filter(c -> c.id() == commentId).findFirst().orElseThrow();
    }

    /** Marks a submitted entry reviewed without a comment. */
    @Transactional
    public JournalEntry markReviewed(JournalEntryId id) {
        Actor actor = Actors.current();
        JournalEntry entry = repository.entry(id.value()).orElseThrow(() -> new JournalEntryNotFound(id.value()));
        if (entry.userId().value() == actor.userId() || !mayReview(actor, entry.teamId())) {
            throw new AccessDeniedException("only a manager of the rep's team reviews a journal");
        }
        if (entry.status() != JournalStatus.SUBMITTED) {
            throw new Conflict(entry.status() == JournalStatus.DRAFT ? "The journal has not been submitted yet"
                    : "The journal was already reviewed");
        }
        if (!repository.markReviewed(id.value(), actor.userId(), clock.millis())) {
            throw new Conflict("The journal was already reviewed"); // by another manager a moment ago
        }
        audit.record("journal_entry", id.value(), "reviewed", java.util.Map.of("status", new Change("SUBMITTED", "REVIEWED")));
        return repository.entry(id.value()).orElseThrow();
    }

    /** Submitted, unreviewed journals of the caller's team (an admin's or a team-less manager's: all), oldest first. */
    public Page<JournalEntry> reviewQueue(Paging paging) {
        Actor actor = Actors.current();
        if (!actor.isManagerOrAdmin()) {
            throw new AccessDeniedException("managers review journals");
        }
        return repository.toReview(actor.is(Role.MANAGER) ? actor.teamId() : null, paging);
    }

    /** Journal entries, newest day first, within what the caller may read; {@code text} searches plan and reflection. */
    public Page<JournalEntry> history(UserId user, LocalDate from, LocalDate to, JournalStatus status, String text,
            Paging paging) {
        Actor actor = Actors.current();
        Long scopeUser = null;
        Long scopeTeam = null;
        if (!actor.isManagerOrAdmin()) {
            scopeUser = actor.userId();
        } else if (actor.is(Role.MANAGER) && actor.teamId() != null) {
            scopeUser = actor.userId();
            scopeTeam = actor.teamId();
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidInput("to", "is before from");
        }
        String search = text == null || text.isBlank() ? null : text.strip();
        if (search != null && search.length() > 200) {
            throw new InvalidInput("q", "is longer than 200 characters");
        }
        return repository.history(new JournalRepository.HistoryQuery(scopeUser, scopeTeam,
                user == null ? null : user.value(), from, to, status, search), paging);
    }

    public JournalSettings settings() {
        return repository.settings();
    }

    @Transactional
    public JournalSettings updateSettings(LocalTime reminderTime, Boolean remindersOn, Long version) {
        JournalSettings current = repository.settings();
        JournalSettings next = new JournalSettings(reminderTime == null ? current.reminderTime() : reminderTime,
                remindersOn == null ? current.remindersOn() : remindersOn, current.version());
        if (!repository.saveSettings(next, version)) {
            throw new StaleVersion("Journal settings", current.version());
        }
        audit.record("journal_settings", Actors.current().workspaceId(), "updated", java.util.Map.of(
                "reminderTime", new Change(current.reminderTime().toString(), next.reminderTime().toString()),
                "remindersOn", new Change(current.remindersOn(), next.remindersOn())));
        return repository.settings();
    }

    static boolean mayReview(Actor actor, TeamId team) {
        if (actor.is(Role.ADMIN) || actor.isSystem()) {
            return true;
        }
        return actor.is(Role.MANAGER) && (actor.teamId() == null || (team != null && team.value() == actor.teamId()));
    }

    static String link(JournalEntry entry) {
        return "/journal/" + entry.day() + "?userId=" + entry.userId().value();
    }

    private UserSummary person(UserId user) {
        return directory.user(user).orElseThrow(() -> new InvalidInput("userId", "is not a user of this workspace"));
    }

    private LocalDate today(UserSummary rep) {
        return LocalDate.now(clock.withZone(zoneOf(rep)));
    }

    ZoneId zoneOf(UserSummary user) {
        if (user.timeZone() != null) {
            return ZoneId.of(user.timeZone());
        }
        Actor actor = Actors.current();
        return actor.userId() == user.id().value() ? actor.zone() : directory.currentWorkspace().zone();
    }

    private void checkDay(InvalidInput.Collector problems, LocalDate day, UserSummary rep) {
        if (day == null) {
            problems.add("day", "is required");
        } else if (day.isAfter(today(rep))) {
            problems.add("day", "is in the future: a journal is written on the day or after it");
        }
    }

    private static Long teamOf(UserSummary rep) {
        return rep.teamId() == null ? null : rep.teamId().value();
    }

    private static Conflict alreadySubmitted(LocalDate day) {
        return new Conflict("The journal of " + day + " was already submitted");
    }

    private static String text(InvalidInput.Collector problems, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > MAX_TEXT) {
            problems.add(field, "is longer than " + MAX_TEXT + " characters");
            return null;
        }
        return text;
    }
}
