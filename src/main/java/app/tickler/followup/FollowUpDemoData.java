package app.tickler.followup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import app.tickler.identity.Directory;
import app.tickler.party.Channel;
import app.tickler.party.ContactId;
import app.tickler.party.DemoDataCreated;
import app.tickler.platform.security.Actors;
import app.tickler.sales.DealStatus;
import app.tickler.sales.SalesCycle;

/**
 * The follow-up part of a demo workspace: a few weeks of touches on the first demo accounts (after the
 * sales module's demo deals, so touches and follow-ups concern the open deal when there is one) and a
 * queue of follow-ups due today and in the coming weeks — all through the engine's own operations, so
 * that attempt numbers, timelines and events are real. Runs when the workspace's creation is about to commit.
 */
@Component
class FollowUpDemoData {

    private static final Channel[] CHANNELS = {Channel.CALL, Channel.CALL, Channel.EMAIL, Channel.VOICEMAIL,
        Channel.VISIT, Channel.HANDWRITTEN_NOTE, Channel.MEETING};
    private static final String[] INSTRUCTIONS = {"Ask how the first weeks went", "Send the pricing update",
        "Invite to the spring open day", "Check whether the budget was approved", "Bring the maintenance offer",
        "Thank them for the referral"};
    static final int TOUCHED_ACCOUNTS = 60;
    static final int PLANNED = 30;

    private final FollowUps followUps;
    private final BusinessReasons reasons;
    private final SalesCycle sales;
    private final Directory directory;
    private final Clock clock;

    FollowUpDemoData(FollowUps followUps, BusinessReasons reasons, SalesCycle sales, Directory directory, Clock clock) {
        this.followUps = followUps;
        this.reasons = reasons;
        this.sales = sales;
        this.directory = directory;
        this.clock = clock;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    @Order(20)
    void on(DemoDataCreated demo) {
        Actors.runAs(directory.actorFor(demo.workspace(), demo.admin()).orElseThrow(), () -> fill(demo));
    }

    private void fill(DemoDataCreated demo) {
        Random random = new Random(demo.workspace().value() + 30);
        List<BusinessReason> all = reasons.all(false);
        Instant now = clock.instant();
        LocalDate today = Actors.current().today(clock);
        int touched = Math.min(TOUCHED_ACCOUNTS, demo.accounts().size());
        for (int i = 0; i < touched; i++) {
            DemoDataCreated.DemoAccount account = demo.accounts().get(i);
            if (account.contacts().isEmpty()) {
                continue;
            }
            ContactId person = account.contacts().get(0);
            Long deal = sales.dealsOf(account.id()).stream().filter(d -> d.status() == DealStatus.OPEN)
                    .map(d -> d.id().value()).findFirst().orElse(null);
            int touches = 1 + random.nextInt(3);
            List<Instant> times = new ArrayList<>();
            for (int t = 0; t < touches; t++) {
                times.add(now.minus(Duration.ofMinutes(60 + random.nextInt(60 * 24 * 45))));
            }
            times.sort(null);
            for (Instant at : times) {
                boolean reached = random.nextInt(3) > 0;
                BusinessReason reason = all.get(random.nextInt(all.size()));
                followUps.logTouch(new NewTouch(at, CHANNELS[random.nextInt(CHANNELS.length)], Direction.OUTBOUND,
                        account.id(), List.of(person), null, deal, reason.id(), null, reached,
                        reached ? (random.nextInt(3) == 0 ? Outcome.PROGRESSED : Outcome.RETAINED) : null, null, null,
                        null));
            }
            if (i < PLANNED) {
                int days = i < 6 ? 0 : i < 20 ? 1 + random.nextInt(7) : 8 + random.nextInt(23);
                BusinessReason reason = all.get(random.nextInt(all.size()));
                followUps.plan(new NewFollowUp(demo.admin(), today.plusDays(days), null, null,
                        CHANNELS[random.nextInt(CHANNELS.length)], reason.id(), INSTRUCTIONS[i % INSTRUCTIONS.length],
                        account.id(), person, null, deal, FollowUpOrigin.MANUAL, Priority.values()[i % 3]));
            }
        }
    }
}
