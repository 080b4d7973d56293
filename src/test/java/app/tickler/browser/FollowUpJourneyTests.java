package app.tickler.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.followup.FollowUps;
import app.tickler.followup.NewFollowUp;
import app.tickler.party.Account;
import app.tickler.party.AccountInput;
import app.tickler.party.BuyingRole;
import app.tickler.party.Channel;
import app.tickler.party.Contact;
import app.tickler.party.ContactInput;
import app.tickler.party.CustomerLevel;
import app.tickler.party.Parties;
import app.tickler.platform.security.Role;

/** In a real browser: a rep opens Today, does a follow-up from the keyboard, and plans the next step right there. */
@TicklerTest
@Tag("browser")
class FollowUpJourneyTests {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Parties parties;
    @Autowired
    FollowUps followUps;

    @Test
    void todayThenLogATouchThenPlanTheNextStep() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Berlin"));
        rep.run(() -> {
            Account roofs = parties.createAccount(AccountInput.named("Roofs Ltd"));
            parties.setLevel(roofs.id(), CustomerLevel.A, "our best customer");
            Contact ann = parties.createContact(new ContactInput("Ann", "Baker", null, null, null, null, null, null, null,
                    null, null, null, null, null, null, roofs.id(), BuyingRole.DECISION_MAKER, true));
            followUps.plan(new NewFollowUp(null, today, null, null, Channel.CALL, null, "Ask about the spring order",
                    roofs.id(), ann.id(), null, null, null, null));
        });
        try (Browser browser = Browser.open(port)) {
            browser.go("/");
            browser.type("#username", rep.email());
            browser.type("#password", Fixtures.PASSWORD);
            browser.press("Sign in");
            assertThat(browser.path()).isEqualTo("/today");
            assertThat(browser.text()).contains("1 due today").contains("Ann Baker (Roofs Ltd)");

            browser.click("#queue-today a.button");
            assertThat(browser.text()).contains("Ask about the spring order");
            browser.find("#c-reached").click();
            browser.find("input[name=outcome][value=PROGRESSED]").click();
            var notes = browser.find("#c-notes");
            notes.sendKeys("Wants a quote for the new roof");
            notes.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.next-step")));
            assertThat(browser.text()).contains("What is the next step with Ann Baker?").contains("Touch logged (attempt 1)");

            browser.type("#plan-instructions", "Send the quote");
            browser.pressInPlace("Plan the next step");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(
                    ExpectedConditions.textToBePresentInElementLocated(By.id("quick-log"), "Follow-up planned for"));

            browser.go("/today");
            assertThat(browser.text()).contains("0 due today").contains("1 in the next 7 days").contains("1 done today")
                    .contains("Ann Baker (Roofs Ltd)");
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }
}
