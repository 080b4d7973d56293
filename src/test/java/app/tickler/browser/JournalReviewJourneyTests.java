package app.tickler.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.followup.FollowUps;
import app.tickler.followup.NewTouch;
import app.tickler.party.Account;
import app.tickler.party.AccountInput;
import app.tickler.party.BuyingRole;
import app.tickler.party.Channel;
import app.tickler.party.Contact;
import app.tickler.party.ContactInput;
import app.tickler.party.Parties;
import app.tickler.platform.security.Role;

/** In a real browser: a rep submits the journal the system mostly wrote, the manager comments, the rep reads it. */
@TicklerTest
@Tag("browser")
class JournalReviewJourneyTests {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Parties parties;
    @Autowired
    FollowUps followUps;

    @Test
    void repSubmitsManagerComments() {
        TestWorkspace acme = fixtures.workspace();
        String team = acme.team("North");
        TestUser rep = acme.user(Role.REP, team);
        TestUser manager = acme.user(Role.MANAGER, team);
        rep.run(() -> {
            Account roofs = parties.createAccount(AccountInput.named("Roofs Ltd"));
            Contact ann = parties.createContact(new ContactInput("Ann", "Baker", null, null, null, null, null, null, null,
                    null, null, null, null, null, null, roofs.id(), BuyingRole.DECISION_MAKER, true));
            followUps.logTouch(new NewTouch(null, Channel.CALL, null, null, List.of(ann.id()), null, null, null,
                    "Asked for a quote", true, null, null, null, null));
        });
        try (Browser browser = Browser.open(port)) {
            signIn(browser, rep);
            browser.go("/journal");
            assertThat(browser.text()).contains("Call — Ann Baker (Roofs Ltd)");
            browser.type("#plan", "Send Roofs the quote");
            browser.type("#reflection", "Only one call got through");
            browser.press("Submit the journal");
            assertThat(browser.text()).contains("Journal submitted.").contains("Send Roofs the quote");
            browser.press("Sign out");

            signIn(browser, manager);
            browser.go("/journal/review");
            browser.click("#review-queue a.button");
            assertThat(browser.text()).contains("Only one call got through").contains("Ann Baker (Roofs Ltd)");
            browser.type("#comment-body", "Call them twice more: most deals close after attempt five");
            browser.press("Add the comment");
            assertThat(browser.text()).contains("Comment added.").contains("most deals close after attempt five")
                    .contains("Reviewed");
            browser.go("/journal/review");
            assertThat(browser.text()).contains("No journal is waiting for review.");
            browser.press("Sign out");

            signIn(browser, rep);
            browser.go("/journal");
            assertThat(browser.text()).contains("most deals close after attempt five");
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    private static void signIn(Browser browser, TestUser user) {
        browser.go("/login");
        browser.type("#username", user.email());
        browser.type("#password", Fixtures.PASSWORD);
        browser.press("Sign in");
    }
}
