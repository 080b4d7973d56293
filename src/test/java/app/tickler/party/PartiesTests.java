package app.tickler.party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.identity.UserId;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.security.Role;

@TicklerTest
class PartiesTests {

    @Autowired
    Fixtures fixtures;
    @Autowired
    Parties parties;

    private static ContactInput person(String first, String last, String email, AccountId account) {
        return new ContactInput(first, last, "Buyer", List.of(new Contact.Email(email, "work", false)),
                List.of(new Contact.Phone("+49 30 1234567", null, false)), null, null, Channel.EMAIL, null, null, null,
                null, null, null, List.of("VIP", "vip", " Trade fair "), account, BuyingRole.DECISION_MAKER, true);
    }

    @Test
    void anAccountAndItsBuyingCentreAreCreatedWithOneCall() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        rep.run(() -> {
            Account roofs = parties.createAccount(AccountInput.named("Roofs & Co. GmbH"));
            assertThat(roofs.ownerId()).isEqualTo(new UserId(rep.id()));
            Contact ann = parties.createContact(person("Ann", "Baker", "Ann.Baker@Roofs.example", roofs.id()));
            assertThat(ann.primaryEmail()).isEqualTo("Ann.Baker@Roofs.example");
            assertThat(ann.tags()).containsExactly("trade fair", "vip");
            assertThat(ann.accounts()).singleElement().satisfies(m -> {
                assertThat(m.accountName()).isEqualTo("Roofs & Co. GmbH");
                assertThat(m.role()).isEqualTo(BuyingRole.DECISION_MAKER);
                assertThat(m.key()).isTrue();
            });
            assertThat(parties.buyingCentre(roofs.id())).singleElement()
                    .satisfies(member -> assertThat(member.lastTouchAt()).isNull());
            parties.recordTouch(List.of(roofs.id()), List.of(ann.id()), Instant.parse("2026-01-02T10:00:00Z"));
            assertThat(parties.buyingCentre(roofs.id()).get(0).lastTouchAt()).isEqualTo("2026-01-02T10:00:00Z");
        });
    }

    @Test
    void everyBadFieldIsNamedAndNothingIsWritten() {
        TestWorkspace acme = fixtures.workspace();
        acme.admin().run(() -> {
            ContactInput bad = new ContactInput("", "", null, List.of(new Contact.Email("not-an-email", null, false)),
                    List.of(new Contact.Phone("call me", null, false)), null, java.time.LocalDate.of(2999, 1, 1), null,
                    new UserId(1), true, "", null, null, Map.of("nope", "x"), null, null, null, null);
            assertThatThrownBy(() -> parties.createContact(bad)).isInstanceOfSatisfying(InvalidInput.class,
                    e -> assertThat(e.problems()).extracting(InvalidInput.FieldProblem::field).contains("lastName",
                            "emails[0].address", "phones[0].number", "birthday", "ownerId", "doNotContactReason",
                            "custom.nope"));
            assertThat(parties.contactDuplicates(ContactInput.named("", "x"))).isEmpty();
        });
    }

    @Test
    void likelyDuplicatesAreFoundByEmailPhoneDomainAndName() {
        TestWorkspace acme = fixtures.workspace();
        acme.admin().run(() -> {
            Account roofs = parties.createAccount(new AccountInput("Roofs & Co. GmbH", "https://www.roofs.example/about",
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null));
            parties.createContact(person("Ann", "Baker", "ann@roofs.example", roofs.id()));
            assertThat(parties.accountDuplicates(new AccountInput("Other name", "roofs.example", null, null, null, null,
                    null, null, null, null, null, null, null, null, null, null)))
                    .singleElement().satisfies(s -> assertThat(s.reasons()).contains("same website roofs.example"));
            assertThat(parties.accountDuplicates(AccountInput.named("roofs and co")))
                    .as("legal form and punctuation ignored").isEmpty();
            assertThat(parties.accountDuplicates(AccountInput.named("Roofs Co"))).singleElement()
                    .satisfies(s -> assertThat(s.reasons()).contains("near-identical name"));
            assertThat(parties.contactDuplicates(new ContactInput("Anna", "Bakker", null,
                    List.of(new Contact.Email("ANN@roofs.example", null, false)), null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null)))
                    .singleElement().satisfies(s -> assertThat(s.reasons()).contains("same email"));
        });
    }

    @Test
    void nothingCanBePlannedForWhoeverAskedNotToBeContacted() {
        TestWorkspace acme = fixtures.workspace();
        acme.admin().run(() -> {
            Account roofs = parties.createAccount(AccountInput.named("Roofs"));
            Contact ann = parties.createContact(person("Ann", "Baker", "ann@roofs.example", roofs.id()));
            assertThat(parties.mayContact(roofs.id(), List.of(ann.id()))).isTrue();
            parties.markDoNotContact(roofs.id(), "moved to a competitor");
            assertThatThrownBy(() -> parties.requireContactable(null, List.of(ann.id())))
                    .isInstanceOf(DoNotContact.class).hasMessageContaining("moved to a competitor");
        });
    }

    @Test
    void aRepSeesOwnAndTeamRecordsOnly() {
        TestWorkspace acme = fixtures.workspace();
        String east = acme.team("East");
        TestUser eastRep = acme.user(Role.REP, east);
        TestUser eastColleague = acme.user(Role.REP, east);
        TestUser westRep = acme.user(Role.REP);
        Account mine = eastRep.call(() -> parties.createAccount(AccountInput.named("Mine")));
        eastColleague.run(() -> assertThat(parties.visibleAccount(mine.id()).name()).isEqualTo("Mine"));
        westRep.run(() -> assertThatThrownBy(() -> parties.visibleAccount(mine.id()))
                .isInstanceOf(app.tickler.platform.NotFound.class));
    }

    @Test
    void settingALevelDatesTheAssessmentInTheUsersZone() {
        TestWorkspace acme = fixtures.workspace();
        acme.admin().run(() -> {
            Account roofs = parties.createAccount(AccountInput.named("Roofs"));
            Account assessed = parties.setLevel(roofs.id(), CustomerLevel.A, "biggest customer");
            assertThat(assessed.level()).isEqualTo(CustomerLevel.A);
            assertThat(assessed.levelAssessedOn()).isNotNull();
            assertThat(assessed.version()).isEqualTo(1);
        });
    }
}
