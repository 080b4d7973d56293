package app.tickler.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import app.tickler.Fixtures;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;

/**
 * In a real browser: define a custom field, create an account and its people, find one by typing,
 * note something on the timeline, filter by the custom field, merge a duplicate, mark do-not-contact.
 */
@TicklerTest
@Tag("browser")
class PartiesJourneyTests {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;

    @Test
    void theMainJourneyThroughAccountsAndContacts() {
        TestWorkspace acme = fixtures.workspace();
        try (Browser browser = Browser.open(port)) {
            browser.go("/login");
            browser.type("#username", acme.admin().email());
            browser.type("#password", Fixtures.PASSWORD);
            browser.press("Sign in");

            browser.go("/settings/custom-fields");
            new Select(browser.find("#entity")).selectByValue("account");
            browser.type("#key", "segment");
            browser.type("#label", "Segment");
            new Select(browser.find("#type")).selectByValue("SELECT");
            browser.type("#options", "SMB\nEnterprise");
            browser.press("Add field");
            assertThat(browser.text()).contains("segment");

            browser.go("/accounts/new");
            browser.type("#name", "Wombat Roofing");
            browser.type("#website", "wombat-roofing.example");
            browser.type("#city", "Melbourne");
            new Select(browser.find("#level")).selectByValue("A");
            new Select(browser.find("select[name='custom.segment']")).selectByValue("Enterprise");
            browser.press("Save");
            assertThat(browser.text()).contains("Wombat Roofing is created.").contains("Enterprise");

            browser.press("New person here");
            browser.type("#firstName", "Wanda");
            browser.type("#lastName", "Wombat");
            browser.type("#email-0", "wanda@wombat-roofing.example");
            new Select(browser.find("#role")).selectByValue("DECISION_MAKER");
            browser.press("Save");
            assertThat(browser.text()).contains("Wanda Wombat is created.").contains("Decision maker");

            // search as you type from the top bar
            browser.find("#topsearch-q").sendKeys("wand");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#topsearch-results a")));
            browser.click("#topsearch-results a");
            assertThat(browser.path()).startsWith("/contacts/");

            // a note on the timeline, added without leaving the page
            browser.type("#note-body", "Prefers calls **before 10am**.");
            browser.pressInPlace("Add note");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".kind-note strong")));
            assertThat(browser.find(".kind-note").getText()).contains("before 10am");

            // the account list filtered by the custom field
            browser.go("/accounts?custom.segment=Enterprise");
            assertThat(browser.text()).contains("Wombat Roofing");
            browser.go("/accounts?custom.segment=SMB");
            assertThat(browser.text()).doesNotContain("Wombat Roofing");

            // a duplicate person is warned about, created anyway, then merged
            browser.go("/contacts/new");
            browser.type("#firstName", "Wanda");
            browser.type("#lastName", "Wombatt");
            browser.type("#email-0", "WANDA@wombat-roofing.example");
            browser.type("#title", "Owner");
            browser.press("Save");
            assertThat(browser.text()).contains("Possible duplicates");
            browser.check("input[name='confirmDuplicates']");
            browser.press("Save");
            browser.press("Compare and merge");
            browser.acceptConfirmations();
            browser.check("input[name='title'][value='duplicate']");
            browser.press("Merge");
            assertThat(browser.text()).contains("Merged into").contains("Owner");

            // do-not-contact with its reason
            browser.press("Edit");
            browser.check("input[name='doNotContact']");
            browser.type("#doNotContactReason", "asked at the trade fair");
            browser.press("Save");
            assertThat(browser.text()).contains("Do not contact").contains("asked at the trade fair");
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }
}
