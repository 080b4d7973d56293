package app.tickler.followup;

import java.util.List;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import app.tickler.identity.WorkspaceCreated;
import app.tickler.party.AccountsMerged;
import app.tickler.party.ContactId;
import app.tickler.party.ContactsMerged;
import app.tickler.party.CustomerLevelChanged;
import app.tickler.party.DoNotContactMarked;
import app.tickler.party.Parties;
import app.tickler.party.PartyRemoved;
import app.tickler.platform.security.Actors;
import app.tickler.platform.timeline.TimelineEntry.Subject;

/**
 * What the engine does when the parties change, in the same transaction as the change: a new
 * workspace gets its reasons, cadences and policies; do-not-contact ends every plan at once; merges
 * carry plans and history over; removed records take their plans with them, and their touches as far as
 * they were theirs alone.
 */
@Component
class PartyReactions {

    private final BusinessReasons reasons;
    private final Cadences cadences;
    private final LevelPolicies policies;
    private final Planner planner;
    private final Enrolments enrolments;
    private final Commitments commitments;
    private final FollowUpRepository followUps;
    private final EnrolmentRepository enrolmentRows;
    private final TouchRepository touches;
    private final TouchImports touchHistory;
    private final Parties parties;
    private final JdbcClient jdbc;

    PartyReactions(BusinessReasons reasons, Cadences cadences, LevelPolicies policies, Planner planner,
            Enrolments enrolments, Commitments commitments, FollowUpRepository followUps, EnrolmentRepository enrolmentRows,
            TouchRepository touches, TouchImports touchHistory, Parties parties, JdbcClient jdbc) {
        this.reasons = reasons;
        this.cadences = cadences;
        this.policies = policies;
        this.planner = planner;
        this.enrolments = enrolments;
        this.commitments = commitments;
        this.followUps = followUps;
        this.enrolmentRows = enrolmentRows;
        this.touches = touches;
        this.touchHistory = touchHistory;
        this.parties = parties;
        this.jdbc = jdbc;
    }

    @EventListener
    void on(WorkspaceCreated created) {
        reasons.seed();
        cadences.seed();
        policies.seed();
    }

    /** Do-not-contact is absolute: every open follow-up, commitment and enrolment for them ends now. */
    @EventListener
    void on(DoNotContactMarked marked) {
        String note = "do-not-contact" + (marked.reason() == null ? "" : ": " + marked.reason());
        if (marked.contact() != null) {
            long contact = marked.contact().value();
            enrolments.endFor("contact_id", contact, EnrolmentEndReason.DO_NOT_CONTACT, note);
            commitments.cancelWhere("m.contact_id = :contact", Map.of("contact", contact), note);
            planner.cancel("f.contact_id = :contact", Map.of("contact", contact), note);
        }
        if (marked.account() != null) {
            long account = marked.account().value();
            List<Long> people = parties.members(marked.account()).stream().map(ContactId::value).toList();
            enrolments.endFor("account_id", account, EnrolmentEndReason.DO_NOT_CONTACT, note);
            for (Long person : people) {
                enrolments.endFor("contact_id", person, EnrolmentEndReason.DO_NOT_CONTACT, note);
            }
            commitments.cancelWhere("m.account_id = :account", Map.of("account", account), note);
            planner.cancel("f.account_id = :account", Map.of("account", account), note);
            if (!people.isEmpty()) {
                commitments.cancelWhere("m.contact_id IN (:people)", Map.of("people", people), note);
                planner.cancel("f.contact_id IN (:people)", Map.of("people", people), note);
            }
        }
    }

    /** A reassessment is done when the level is set (or confirmed). */
    @EventListener
    void on(CustomerLevelChanged changed) {
        followUps.rerank(changed.account().value(), changed.to());
        planner.cancel("f.account_id = :account AND f.origin = 'REASSESSMENT'",
                Map.of("account", changed.account().value()), "the level was reassessed");
    }

    @EventListener
    void on(AccountsMerged merged) {
        long from = merged.from().value();
        long into = merged.into().value();
        // the survivor keeps its own policy follow-ups; the daily job plans anew where needed
        planner.cancel("f.account_id = :from AND f.origin IN ('LEVEL_POLICY', 'REASSESSMENT')", Map.of("from", from),
                "merged into another account");
        followUps.repoint("account_id", from, into);
        enrolmentRows.repoint("account_id", from, into);
        commitments.repoint("account_id", from, into);
        touches.repoint("account", from, into);
    }

    @EventListener
    void on(ContactsMerged merged) {
        long from = merged.from().value();
        long into = merged.into().value();
        if (!enrolments.activeOf("contact_id", into).isEmpty()) {
            // one active enrolment per person: the survivor's goes on
            enrolments.endFor("contact_id", from, EnrolmentEndReason.REMOVED, "merged into another contact");
        }
        followUps.repoint("contact_id", from, into);
        enrolmentRows.repoint("contact_id", from, into);
        commitments.repoint("contact_id", from, into);
        touches.repoint("contact", from, into);
    }

    @EventListener
    void on(PartyRemoved removed) {
        if (removed.account() != null) {
            long account = removed.account().value();
            // plans with one of its people stay theirs; what was only about the organisation goes
            followUps.detachAccount(account);
            enrolmentRows.repoint("account_id", account, null);
            commitments.detachAccount(account);
            touchHistory.forget(new Subject("account", account));
        } else {
            long contact = removed.contact().value();
            followUps.deleteWhere("contact_id", contact);
            enrolmentRows.deleteWhere("contact_id", contact);
            commitments.deleteWhere("contact_id", contact);
            touchHistory.forget(new Subject("contact", contact));
        }
        long id = removed.account() != null ? removed.account().value() : removed.contact().value();
        jdbc.sql("DELETE FROM notifications WHERE workspace_id = :workspace AND link LIKE :link")
                .param("workspace", Actors.current().workspaceId())
                .param("link", (removed.account() != null ? "/accounts/" : "/contacts/") + id + "%").update();
    }
}
