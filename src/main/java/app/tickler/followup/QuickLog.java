package app.tickler.followup;

import java.time.LocalDate;
import java.time.LocalTime;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.identity.UserId;
import app.tickler.party.Channel;
import app.tickler.platform.InvalidInput;

/**
 * A touch with what it leads to, in one transaction: the next step planned right there and a promise
 * made in it. Either everything is written, or — with every bad field named — nothing.
 */
@Service
class QuickLog {

    record NextStep(LocalDate dueDate, LocalTime dueTime, String timeZone, Channel channel, BusinessReasonId reasonId,
            String instructions, UserId assigneeId, Priority priority) {
    }

    record Promise(CommitmentKind kind, String description, LocalDate dueDate, UserId ownerId) {
    }

    record Result(Touch touch, boolean needsNextStep, FollowUp nextStep, Commitment commitment) {
    }

    private final TouchLog touches;
    private final Planner planner;
    private final Commitments commitments;

    QuickLog(TouchLog touches, Planner planner, Commitments commitments) {
        this.touches = touches;
        this.planner = planner;
        this.commitments = commitments;
    }

    @Transactional
    Result log(NewTouch touch, NextStep next, Promise promise) {
        return after(touches.log(touch), touch, next, promise);
    }

    @Transactional
    Result complete(FollowUpId id, long version, NewTouch touch, NextStep next, Promise promise) {
        return after(touches.complete(id, version, touch), touch, next, promise);
    }

    private Result after(TouchLog.Logged logged, NewTouch request, NextStep next, Promise promise) {
        Touch touch = logged.touch();
        FollowUp planned = null;
        if (next != null) {
            try {
                planned = planner.plan(new NewFollowUp(next.assigneeId(), next.dueDate(), next.dueTime(), next.timeZone(),
                        next.channel(), next.reasonId(), next.instructions(), touch.accountId(),
                        touch.contactIds().isEmpty() ? null : touch.contactIds().get(0), touch.leadId(), touch.dealId(),
                        FollowUpOrigin.MANUAL, next.priority()));
            } catch (InvalidInput e) {
                throw prefixed("nextStep.", e);
            }
        }
        Commitment made = null;
        if (promise != null) {
            try {
                made = commitments.make(new Commitments.Request(promise.kind(), promise.description(), promise.dueDate(),
                        promise.ownerId(), touch.accountId(), touch.contactIds().isEmpty() ? null : touch.contactIds().get(0),
                        touch.leadId(), touch.dealId(), touch.id()));
            } catch (InvalidInput e) {
                throw prefixed("commitment.", e);
            }
        }
        boolean needs = logged.needsNextStep() && planned == null && made == null;
        return new Result(touch, needs, planned, made);
    }

    private static InvalidInput prefixed(String prefix, InvalidInput e) {
        return new InvalidInput(e.problems().stream()
                .map(p -> new InvalidInput.FieldProblem(prefix + p.field(), p.message())).toList());
    }
}
