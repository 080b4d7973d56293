package app.tickler.followup;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.followup.BusinessReasons.Code;
import app.tickler.party.Channel;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.NotFound;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Changes;

/**
 * Cadences: designed by managers, seeded for every workspace with the plans of seed 004 — a
 * new-prospect plan (a thank-you note on day 0, an email with pertinent information a week later, a
 * seasonal card, calls and a visit over a ~90-day cycle) and a post-sale onboarding plan.
 */
@Service
class Cadences {

    static final class CadenceNotFound extends NotFound {
        CadenceNotFound(long id) {
            super("Cadence", id);
        }
    }

    record StepInput(Integer dayOffset, Channel channel, BusinessReasonId reasonId, String instructions,
            String emailSubject, String emailBody) {
    }

    record Input(String name, String description, Integer nurtureDays, Channel nurtureChannel,
            BusinessReasonId nurtureReasonId, Boolean archived, List<StepInput> steps) {
    }

    static final int DEFAULT_NURTURE_DAYS = 30;
    static final int MAX_STEPS = 50;

    private final CadenceRepository cadences;
    private final BusinessReasons reasons;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditLog audit;

    Cadences(CadenceRepository cadences, BusinessReasons reasons, IdGenerator ids, Clock clock, AuditLog audit) {
        this.cadences = cadences;
        this.reasons = reasons;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
    }

    List<Cadence> all(boolean includeArchived) {
        return cadences.all(includeArchived ? "1 = 1" : "c.archived = FALSE", Map.of());
    }

    Cadence get(CadenceId id) {
        return cadences.find(id.value()).orElseThrow(() -> new CadenceNotFound(id.value()));
    }

    @Transactional
    Cadence create(Input input) {
        Cadence cadence = validated(new CadenceId(ids.next()), input, null, null);
        cadences.insert(cadence, clock.millis());
        Cadence created = get(cadence.id());
        audit.record("cadence", created.id().value(), "created", Changes.between(null, created));
        return created;
    }

    @Transactional
    Cadence update(CadenceId id, Input input, long version) {
        Cadence before = get(id);
        if (before.version() != version) {
            throw new StaleVersion("The cadence", before.version());
        }
        Cadence cadence = validated(id, input, before, before.template());
        if (!cadences.update(cadence, version, clock.millis())) {
            throw new StaleVersion("The cadence", get(id).version());
        }
        Cadence after = get(id);
        audit.record("cadence", id.value(), "updated", Changes.between(before, after));
        return after;
    }

    /** The shipped plans, for a new workspace (in its creating transaction). */
    void seed() {
        BusinessReasonId thanks = reasons.byCode(Code.THANK_YOU);
        BusinessReasonId insight = reasons.byCode(Code.INSIGHT);
        BusinessReasonId seasonal = reasons.byCode(Code.SEASONAL);
        BusinessReasonId pricing = reasons.byCode(Code.PRICING_UPDATE);
        BusinessReasonId product = reasons.byCode(Code.NEW_PRODUCT);
        BusinessReasonId service = reasons.byCode(Code.SERVICE);
        BusinessReasonId onboarding = reasons.byCode(Code.ONBOARDING);
        long now = clock.millis();
        cadences.insert(new Cadence(new CadenceId(ids.next()), "New prospect",
                "Seed 004: start sooner than later, then mix notes, emails, cards, calls and a visit over the cycle "
                        + "until the prospect tells you to stop or that they are ready to buy.",
                "new-prospect", DEFAULT_NURTURE_DAYS, Channel.CALL, insight, false, List.of(
                        new Cadence.Step(0, 0, Channel.HANDWRITTEN_NOTE, thanks,
                                "A handwritten note (or a voicemail) saying how you appreciate their interest, and that "
                                        + "you plan to stay in touch.", null, null),
                        new Cadence.Step(1, 7, Channel.EMAIL, insight,
                                "An email with pertinent information about something that interests them.",
                                "Something you may find useful, {{contact.firstName}}",
                                """
                                Dear {{contact.firstName}},

                                thank you again for your interest. I came across something I thought would be useful \
                                to you at {{account.name}}, and wanted to share it.

                                I will be in touch again soon; if you have any questions in the meantime, simply reply.

                                Best regards,
                                {{sender.name}}
                                {{workspace.name}}"""),
                        new Cadence.Step(2, 21, Channel.CALL, insight,
                                "Call: ask what they thought of the information, and listen for their timing.", null, null),
                        new Cadence.Step(3, 35, Channel.CARD, seasonal,
                                "A seasonal or \"just thinking of you\" card — or, if appropriate, a small gift.", null, null),
                        new Cadence.Step(4, 49, Channel.EMAIL, pricing,
                                "An email with a pricing update or news that matters to them.",
                                "An update for {{account.name}}",
                                """
                                Dear {{contact.firstName}},

                                a short update I did not want you to miss: our prices and offers have changed, and \
                                I believe this is relevant for {{account.name}}.

                                Shall we have a quick call about it?

                                Best regards,
                                {{sender.name}}"""),
                        new Cadence.Step(5, 63, Channel.VISIT, service,
                                "Visit in person if appropriate; bring something pertinent, not just \"are you ready?\".",
                                null, null),
                        new Cadence.Step(6, 84, Channel.CALL, product,
                                "Call about a new product or an insight; ask whether the timing is right.", null, null)),
                0, clockInstant(now), clockInstant(now)), now);
        cadences.insert(new Cadence(new CadenceId(ids.next()), "Post-sale onboarding",
                "After a win: thank, help them get started, check the value they get, and keep in touch so that "
                        + "nobody signs with a competitor because nobody called (seed 003).",
                "onboarding", DEFAULT_NURTURE_DAYS, Channel.CALL, service, false, List.of(
                        new Cadence.Step(0, 0, Channel.CALL, thanks,
                                "Thank-you call: confirm the delivery and who to call for service.", null, null),
                        new Cadence.Step(1, 1, Channel.HANDWRITTEN_NOTE, thanks, "A handwritten thank-you note.", null, null),
                        new Cadence.Step(2, 7, Channel.CALL, onboarding,
                                "Check they got started well; answer questions before they become complaints.", null, null),
                        new Cadence.Step(3, 14, Channel.EMAIL, onboarding, "Tips to get the most out of their purchase.",
                                "Getting the most out of your purchase, {{contact.firstName}}",
                                """
                                Dear {{contact.firstName}},

                                now that you have had a little time with it, here are a few tips our customers find \
                                most useful. If anything does not work as you expected, reply and I will help.

                                Best regards,
                                {{sender.name}}"""),
                        new Cadence.Step(4, 30, Channel.VISIT, service,
                                "First-month visit: is the value realised? Listen for disillusionment early.", null, null),
                        new Cadence.Step(5, 60, Channel.CALL, service, "Service check-in call.", null, null),
                        new Cadence.Step(6, 90, Channel.MEETING, insight,
                                "Quarterly review: results so far, new needs, and reassess the customer level.", null, null)),
                0, clockInstant(now), clockInstant(now)), now);
    }

    private static java.time.Instant clockInstant(long millis) {
        return java.time.Instant.ofEpochMilli(millis);
    }

    private Cadence validated(CadenceId id, Input input, Cadence before, String template) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String name = Planner.text(problems, "name", input.name(), 100);
        if (name == null && !problems.has("name")) {
            problems.add("name", "is required");
        } else if (name != null && cadences.nameTaken(name, id.value())) {
            problems.add("name", "is already the name of a cadence");
        }
        String description = Planner.text(problems, "description", input.description(), 1000);
        int nurtureDays = input.nurtureDays() == null ? DEFAULT_NURTURE_DAYS : input.nurtureDays();
        problems.check(nurtureDays >= 1 && nurtureDays <= 365, "nurtureDays", "must be between 1 and 365: the "
                + "enrolment never just ends, it nurtures every so many days");
        reasons.check(problems, "nurtureReasonId", input.nurtureReasonId());
        List<StepInput> steps = input.steps() == null ? List.of() : input.steps();
        problems.check(!steps.isEmpty(), "steps", "must have at least one step");
        problems.check(steps.size() <= MAX_STEPS, "steps", "must be at most " + MAX_STEPS);
        CadenceSchedule.checkOffsets(problems, steps.stream().map(s -> s == null ? null : s.dayOffset()).toList());
        List<Cadence.Step> clean = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            StepInput step = steps.get(i);
            String field = "steps[" + i + "]";
            if (step == null) {
                problems.add(field, "is required");
                continue;
            }
            problems.check(step.channel() != null, field + ".channel", "is required");
            reasons.check(problems, field + ".reasonId", step.reasonId());
            String instructions = Planner.text(problems, field + ".instructions", step.instructions(), 2000);
            String subject = Planner.text(problems, field + ".emailSubject", step.emailSubject(), 300);
            String body = Planner.text(problems, field + ".emailBody", step.emailBody(), 20_000);
            if ((subject != null || body != null) && step.channel() != Channel.EMAIL) {
                problems.add(field + ".emailBody", "is only for email steps");
            }
            if (body != null && subject == null) {
                problems.add(field + ".emailSubject", "is required with an email template");
            }
            MergeFields.check(problems, field + ".emailSubject", subject);
            MergeFields.check(problems, field + ".emailBody", body);
            clean.add(new Cadence.Step(i, step.dayOffset() == null ? 0 : step.dayOffset(), step.channel(),
                    step.reasonId(), instructions, subject, body));
        }
        problems.throwIfAny();
        return new Cadence(id, name, description, template, nurtureDays,
                input.nurtureChannel() == null ? Channel.CALL : input.nurtureChannel(), input.nurtureReasonId(),
                Boolean.TRUE.equals(input.archived()), clean, before == null ? 0 : before.version(),
                before == null ? clock.instant() : before.createdAt(), clock.instant());
    }
}
