package app.tickler.followup;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.party.AccountId;
import app.tickler.party.ContactId;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.timeline.TimelineEntry.Subject;

/**
 * The follow-up engine's API for the other modules: log a touch, plan a follow-up (a renewal, for
 * instance), enrol someone in a cadence (the onboarding plan after a win), read a record's touches,
 * open follow-ups and current attempt number. Every call runs as the current actor.
 */
@Service
public class FollowUps {

    private final TouchLog touchLog;
    private final TouchRepository touches;
    private final Planner planner;
    private final FollowUpRepository followUps;
    private final Enrolments enrolments;
    private final Cadences cadences;
    private final Attempts attempts;
    private final DealClosings closings;
    private final Notifications notifications;
    private final TouchImports touchImports;

    FollowUps(TouchLog touchLog, TouchRepository touches, Planner planner, FollowUpRepository followUps,
            Enrolments enrolments, Cadences cadences, Attempts attempts, DealClosings closings,
            Notifications notifications, TouchImports touchImports) {
        this.touchImports = touchImports;
        this.closings = closings;
        this.notifications = notifications;
        this.touchLog = touchLog;
        this.touches = touches;
        this.planner = planner;
        this.followUps = followUps;
        this.enrolments = enrolments;
        this.cadences = cadences;
        this.attempts = attempts;
    }

    @Transactional
    public Touch logTouch(NewTouch touch) {
        return touchLog.log(touch).touch();
    }

    /**
     * Checks a touch of an imported history as {@link #importTouches} would, without writing (the rules
     * that need no database: channel, moment, notes, someone touched, who may be named as its author).
     */
    public void checkImportedTouch(ImportedTouch touch) {
        touchImports.check(touch);
    }

    /**
     * Records touches of an activity history brought from another system, in one batch: at their own
     * time, by the colleague named (or the caller). They count in their records' touch history, last
     * touch and attempt numbers, and in the daily touch counts, but change nothing as a touch logged now
     * would (no follow-up completed or cancelled, no email, level, stage, journal line or timeline entry):
     * see docs/modules/followup.md. The caller has checked that it may see the records.
     */
    @Transactional
    public List<TouchId> importTouches(List<ImportedTouch> touches) {
        return touchImports.importTouches(touches);
    }

    /**
     * Removes imported touches (an undone import) with what they derived: attempt numbers and last touches
     * recomputed from what is left, daily counts decreased. Touches logged in Tickler are never removed
     * here. Returns how many were removed.
     */
    @Transactional
    public int removeImportedTouches(java.util.Collection<TouchId> touches) {
        return touchImports.remove(touches);
    }

    /** Which of these touches still exist. */
    public java.util.Set<TouchId> existingTouches(java.util.Collection<TouchId> touches) {
        return touchImports.existing(touches);
    }

    @Transactional
    public FollowUp plan(NewFollowUp followUp) {
        return planner.plan(followUp);
    }

    /** Enrols a contact in a cadence; {@code template} names a shipped one ({@code onboarding}, {@code new-prospect}). */
    @Transactional
    public Enrolment enrol(ContactId contact, String template) {
        Cadence cadence = cadences.all(false).stream().filter(c -> template.equals(c.template())).findFirst()
                .orElseThrow(() -> new app.tickler.platform.InvalidInput("template", "is not a cadence of this workspace"));
        return enrolments.enrol(new Enrolments.Request(cadence.id(), contact, null, null, null, null));
    }

    /** Touches of a record (account, contact, lead, deal), newest first; the caller has checked visibility. */
    public Page<Touch> touchesOf(Subject subject, Paging paging) {
        return touches.of(subject, paging);
    }

    /** Attempts made on a record since the customer last responded. */
    /** The attempt of the chase at which a deal was won or lost; null while it is open. */
    public Integer closingAttempt(app.tickler.sales.DealId deal) {
        return closings.attemptOf(deal.value());
    }

    public int currentAttempt(Subject subject) {
        return attempts.current(subject);
    }

    /** Open follow-ups of an account or contact, soonest first (at most 200). */
    public List<FollowUp> openFollowUps(AccountId account, ContactId contact) {
        String where = account != null ? "f.account_id = :id" : "f.contact_id = :id";
        long id = account != null ? account.value() : contact.value();
        return followUps.query(where + " AND f.status = 'OPEN'", Map.of("id", id), "ORDER BY f.due_date, f.id LIMIT 200");
    }

    /**
     * Puts a notification under a user's bell (other modules' alerts: a missing journal, a comment on
     * it, a customer at risk). {@code kind} is a short code (at most 30 characters), {@code link} a path.
     */
    @Transactional
    public void notify(app.tickler.identity.UserId user, String kind, String title, String link) {
        notifications.notify(user.value(), kind, title, link);
    }

    /**
     * Cancels a follow-up another module planned, if it is still open (a renewal follow-up whose
     * installed product was removed); a done, skipped or cancelled one is left as it is.
     */
    @Transactional
    public void cancel(FollowUpId id, String note) {
        planner.cancel("f.id = :id", Map.of("id", id.value()), note);
    }

    /** The workspace's cadences in use (not archived), for pickers in other modules' settings. */
    public List<Cadence> cadences() {
        return cadences.all(false);
    }

    /**
     * Enrols contacts in a cadence (the onboarding plan after a win); whoever cannot be enrolled —
     * already in a cadence, do-not-contact — is left out, the others are enrolled.
     */
    @Transactional
    public List<Enrolment> enrolAll(CadenceId cadence, List<ContactId> contacts, app.tickler.identity.UserId owner) {
        return enrolments.enrolAll(cadence, contacts, owner, null).enrolled();
    }
}
