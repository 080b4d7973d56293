package app.tickler.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import app.tickler.followup.Attempts.Past;
import app.tickler.identity.UserId;
import app.tickler.party.Channel;
import app.tickler.party.CustomerLevel;
import app.tickler.platform.InvalidInput;

/** The engine's rules, without a database. */
class FollowUpRulesTests {

    private static final Past OUT = new Past(true, false);
    private static final Past REACHED = new Past(true, true);
    private static final Past IN = new Past(false, true);

    @Test
    void anAttemptCountsTheOutboundTouchesSinceTheCustomerLastResponded() {
        assertThat(Attempts.numberOf(Direction.OUTBOUND, List.of())).as("the first touch").isEqualTo(1);
        assertThat(Attempts.numberOf(Direction.OUTBOUND, List.of(OUT, OUT, OUT, OUT))).as("persistence").isEqualTo(5);
        assertThat(Attempts.numberOf(Direction.OUTBOUND, List.of(OUT, IN, OUT, OUT))).as("newest first; a reply resets")
                .isEqualTo(2);
        assertThat(Attempts.numberOf(Direction.OUTBOUND, List.of(REACHED, OUT, OUT))).as("a call that got through resets")
                .isEqualTo(1);
        assertThat(Attempts.numberOf(Direction.INBOUND, List.of(OUT, OUT))).as("the customer calling is no attempt")
                .isZero();
        assertThat(Attempts.attemptsSoFar(List.of(OUT, OUT, IN, OUT))).isEqualTo(2);
    }

    @Test
    void renumberingGivesEachTouchTheNumberItWouldHaveHadLoggedInTimeOrder() {
        app.tickler.platform.timeline.TimelineEntry.Subject ann = new app.tickler.platform.timeline.TimelineEntry.Subject(
                "contact", 1);
        app.tickler.platform.timeline.TimelineEntry.Subject bob = new app.tickler.platform.timeline.TimelineEntry.Subject(
                "contact", 2);
        // Ann: imported unanswered calls 10 and 11, a live call 12, her reply 13, a call 14; Bob: call 12 too
        java.util.Map<app.tickler.platform.timeline.TimelineEntry.Subject, List<Attempts.Entry>> histories = java.util.Map.of(
                ann, List.of(new Attempts.Entry(10, 100, true, false), new Attempts.Entry(11, 200, true, false),
                        new Attempts.Entry(12, 300, true, false), new Attempts.Entry(13, 400, false, true),
                        new Attempts.Entry(14, 500, true, false)),
                bob, List.of(new Attempts.Entry(12, 300, true, false)));
        java.util.Map<Long, Integer> numbers = Attempts.numbers(histories, List.of(
                new Attempts.Numbered(10, true, List.of(ann), 0), new Attempts.Numbered(11, true, List.of(ann), 0),
                new Attempts.Numbered(12, true, List.of(ann, bob), 1), new Attempts.Numbered(13, false, List.of(ann), 0),
                new Attempts.Numbered(14, true, List.of(ann), 1)));
        assertThat(numbers).containsEntry(10L, 1).containsEntry(11L, 2)
                .as("the highest of its contacts' chases").containsEntry(12L, 3)
                .as("the customer responding is no attempt").containsEntry(13L, 0)
                .as("a response ends the chase").containsEntry(14L, 1);
    }

    @Test
    void aResponseIsAnInboundTouchOrOneThatReachedTheCustomer() {
        assertThat(Attempts.isResponse(Direction.INBOUND, false)).isTrue();
        assertThat(Attempts.isResponse(Direction.OUTBOUND, true)).isTrue();
        assertThat(Attempts.isResponse(Direction.OUTBOUND, false)).as("a voicemail left, an email sent").isFalse();
    }

    private static FollowUp followUp(long id, Priority priority, CustomerLevel level, Long amount, LocalDate due) {
        return new FollowUp(new FollowUpId(id), new UserId(1), "Rosa", due, null, ZoneId.of("UTC"),
                due.plusDays(1).atStartOfDay(ZoneId.of("UTC")).toInstant(), Channel.CALL, null, null, null, null, null,
                level, null, null, null, null, amount, FollowUpOrigin.MANUAL, priority, FollowUpStatus.OPEN, null, null, null,
                null, null, null, 0, 0, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void theQueueIsOrderedByPriorityLevelDealAmountAndDaysOverdue() {
        LocalDate today = LocalDate.of(2026, 5, 4);
        FollowUp high = followUp(1, Priority.HIGH, CustomerLevel.D, null, today);
        FollowUp levelA = followUp(2, Priority.NORMAL, CustomerLevel.A, null, today);
        FollowUp levelBBigDeal = followUp(3, Priority.NORMAL, CustomerLevel.B, 500_000L, today);
        FollowUp levelBSmallDeal = followUp(4, Priority.NORMAL, CustomerLevel.B, 1_000L, today);
        FollowUp levelBLongOverdue = followUp(5, Priority.NORMAL, CustomerLevel.B, null, today.minusDays(9));
        FollowUp levelBOverdue = followUp(6, Priority.NORMAL, CustomerLevel.B, null, today.minusDays(2));
        FollowUp noLevel = followUp(7, Priority.NORMAL, null, null, today.minusDays(30));
        FollowUp low = followUp(8, Priority.LOW, CustomerLevel.A, 9_000_000L, today.minusDays(60));
        List<FollowUp> queue = new ArrayList<>(List.of(low, noLevel, levelBOverdue, levelBLongOverdue, levelBSmallDeal,
                levelBBigDeal, levelA, high));
        queue.sort(QueueOrder.COMPARATOR);
        assertThat(queue).containsExactly(high, levelA, levelBBigDeal, levelBSmallDeal, levelBLongOverdue, levelBOverdue,
                noLevel, low);
        assertThat(QueueOrder.SQL).startsWith(" ORDER BY f.queue_rank, f.amount_key");
    }

    @Test
    void aLevelPolicyPlansTheFollowUpForTheDayTheSilenceWouldBeExceeded() {
        LocalDate today = LocalDate.of(2026, 5, 4);
        LocalDate limit = LevelPolicies.silenceLimit(LocalDate.of(2026, 5, 1), 7);
        assertThat(limit).isEqualTo(LocalDate.of(2026, 5, 8));
        assertThat(LevelPolicies.needsFollowUp(limit, today)).as("within the week ahead").isTrue();
        assertThat(LevelPolicies.dueFor(limit, today)).isEqualTo(limit);
        LocalDate longAgo = LevelPolicies.silenceLimit(LocalDate.of(2026, 1, 1), 30);
        assertThat(LevelPolicies.dueFor(longAgo, today)).as("already exceeded: due today").isEqualTo(today);
        assertThat(LevelPolicies.needsFollowUp(LevelPolicies.silenceLimit(today, 90), today)).isFalse();
        assertThat(LevelPolicies.reassessmentDue(LocalDate.of(2026, 2, 3), 90, today)).isTrue();
        assertThat(LevelPolicies.reassessmentDue(LocalDate.of(2026, 2, 4), 90, today)).isFalse();
        assertThat(LevelPolicies.reassessmentDue(null, 90, today)).as("never dated").isTrue();
    }

    @Test
    void aCadenceKeepsTheDistanceBetweenStepsButNeverRunsAheadOfItsPlan() {
        LocalDate start = LocalDate.of(2026, 5, 4);
        assertThat(CadenceSchedule.firstDue(start, 0)).isEqualTo(start);
        assertThat(CadenceSchedule.nextDue(start, 0, 7, start)).as("done on time").isEqualTo(start.plusDays(7));
        assertThat(CadenceSchedule.nextDue(start, 0, 7, start.plusDays(3))).as("the note went out late: the email a week after")
                .isEqualTo(start.plusDays(10));
        assertThat(CadenceSchedule.nextDue(start, 7, 21, start.plusDays(2))).as("done early: not before its day")
                .isEqualTo(start.plusDays(21));
        assertThat(CadenceSchedule.nurtureDue(start.plusDays(84), 30)).isEqualTo(start.plusDays(114));
    }

    @Test
    void aStepOffsetThatGoesBackwardsIsRefusedByName() {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        CadenceSchedule.checkOffsets(problems, java.util.Arrays.asList(0, 7, 3, -1, null));
        assertThat(problems.has("steps[2].dayOffset")).isTrue();
        assertThat(problems.has("steps[3].dayOffset")).isTrue();
        assertThat(problems.has("steps[4].dayOffset")).isTrue();
        assertThat(problems.has("steps[1].dayOffset")).isFalse();
    }

    @Test
    void mergeFieldsAreCheckedAgainstTheKnownListAndFilledIn() {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        MergeFields.check(problems, "body", "Dear {{contact.firstName}}, about {{ account.name }}");
        assertThat(problems.isEmpty()).isTrue();
        MergeFields.check(problems, "body", "Dear {{contact.nickname}}");
        MergeFields.check(problems, "subject", "Hello {{contact.firstName");
        assertThat(problems.has("body")).isTrue();
        assertThat(problems.has("subject")).isTrue();
        assertThat(MergeFields.render("Dear {{contact.firstName}} of {{account.name}}",
                java.util.Map.of("contact.firstName", "Ann", "account.name", "Roofs $1"))).isEqualTo("Dear Ann of Roofs $1");
    }

    @Test
    void aCallbackIsDueTheSameBusinessDay() {
        assertThat(Commitments.sameBusinessDay(LocalDate.of(2026, 5, 6))).isEqualTo(LocalDate.of(2026, 5, 6));
        assertThat(Commitments.sameBusinessDay(LocalDate.of(2026, 5, 9))).as("a Saturday").isEqualTo(LocalDate.of(2026, 5, 11));
        assertThat(Commitments.sameBusinessDay(LocalDate.of(2026, 5, 10))).as("a Sunday").isEqualTo(LocalDate.of(2026, 5, 11));
    }

    @Test
    void aDueMomentIsTheTimeInTheZoneOrTheEndOfThatDayAndASkippedHourIsRefused() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(Planner.dueAt(LocalDate.of(2026, 7, 1), LocalTime.of(9, 30), berlin))
                .isEqualTo(Instant.parse("2026-07-01T07:30:00Z"));
        assertThat(Planner.dueAt(LocalDate.of(2026, 7, 1), null, berlin)).isEqualTo(Instant.parse("2026-07-01T22:00:00Z"));
        InvalidInput.Collector problems = new InvalidInput.Collector();
        Planner.checkTime(problems, LocalDate.of(2026, 3, 29), LocalTime.of(2, 30), berlin);
        assertThat(problems.has("dueTime")).isTrue();
    }
}
