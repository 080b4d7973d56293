package app.tickler.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.tickler.Fixtures;
import app.tickler.MutableClock;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.party.CustomerLevel;
import app.tickler.party.Parties;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;

@TicklerTest
class LevelPoliciesTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    Fixtures fixtures;
    @Autowired
    Parties parties;
    @Autowired
    LevelPolicies policies;
    @Autowired
    FollowUpRepository followUps;
    @Autowired
    FollowUps engine;
    @Autowired
    MutableClock clock;

    @AfterEach
    void realTime() {
        clock.useSystemTime();
    }

    private LevelPolicies.Run run(TestWorkspace workspace) {
        return Actors.callAs(Actor.system(workspace.id(), BERLIN), policies::run);
    }

    private List<FollowUp> open(TestUser user, Customers.Customer customer, String origin) {
        return user.call(() -> followUps.query("f.account_id = :account AND f.status = 'OPEN' AND f.origin = :origin",
                Map.of("account", customer.account().id().value(), "origin", origin), "ORDER BY f.id"));
    }

    @Test
    void aQuietCustomerGetsAFollowUpOnTheDayItsSilenceWouldBeExceededAndARerunNeverDuplicates() {
        clock.set(Instant.parse("2026-05-04T08:00:00Z"));
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Customers.Customer a = Customers.make(parties, rep, "Alpha", CustomerLevel.A);
        Customers.Customer b = Customers.make(parties, rep, "Bravo", CustomerLevel.B);
        Customers.Customer d = Customers.make(parties, rep, "Delta", CustomerLevel.D);
        Customers.Customer quiet = Customers.make(parties, rep, "Quiet", CustomerLevel.A);
        rep.run(() -> parties.markDoNotContact(quiet.account().id(), "asked to stop"));
        clock.advance(Duration.ofDays(3));

        assertThat(run(acme).silences()).isEqualTo(1);
        List<FollowUp> planned = open(rep, a, "LEVEL_POLICY");
        assertThat(planned).singleElement().satisfies(f -> {
            assertThat(f.dueDate()).as("created on the 4th, 7 days of silence allowed").isEqualTo(LocalDate.of(2026, 5, 11));
            assertThat(f.assigneeId().value()).isEqualTo(rep.id());
            assertThat(f.reasonName()).isEqualTo("Regular check-in");
        });
        assertThat(open(rep, b, "LEVEL_POLICY")).as("30 days are far ahead").isEmpty();
        assertThat(open(rep, d, "LEVEL_POLICY")).as("level D has no silence limit").isEmpty();
        assertThat(open(rep, quiet, "LEVEL_POLICY")).as("do-not-contact").isEmpty();
        assertThat(run(acme).silences()).as("idempotent").isZero();
        assertThat(open(rep, a, "LEVEL_POLICY")).hasSize(1);

        // a touch by anyone resets the silence
        TestUser staff = acme.user(Role.STAFF);
        staff.run(() -> engine.logTouch(NewTouch.of(app.tickler.party.Channel.CALL, a.account().id(), List.of())));
        assertThat(open(rep, a, "LEVEL_POLICY")).isEmpty();
        clock.advance(Duration.ofDays(1));
        run(acme);
        assertThat(open(rep, a, "LEVEL_POLICY")).singleElement()
                .satisfies(f -> assertThat(f.dueDate()).isEqualTo(LocalDate.of(2026, 5, 14)));
    }

    @Test
    void aLevelOlderThanItsIntervalIsReassessedAndSettingItEndsTheReassessment() {
        clock.set(Instant.parse("2026-01-05T08:00:00Z"));
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Customers.Customer c = Customers.make(parties, rep, "Charlie", CustomerLevel.C);
        clock.set(Instant.parse("2026-07-06T08:00:00Z"));
        assertThat(run(acme).reassessments()).isEqualTo(1);
        assertThat(open(rep, c, "REASSESSMENT")).singleElement()
                .satisfies(f -> assertThat(f.dueDate()).isEqualTo(LocalDate.of(2026, 7, 6)));
        assertThat(run(acme).reassessments()).isZero();
        rep.run(() -> parties.setLevel(c.account().id(), CustomerLevel.C, "still a C"));
        assertThat(open(rep, c, "REASSESSMENT")).isEmpty();
        assertThat(run(acme).reassessments()).isZero();
    }
}
