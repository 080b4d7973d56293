package app.tickler.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.platform.security.Role;

/** In a real browser: claim a lead from the pool, convert it with a deal, drag the deal on the board, win it with its payment schedule. */
@TicklerTest
@Tag("browser")
class SalesJourneyTests {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;

    @Test
    void claimConvertMoveOnTheBoardAndWinWithAPaymentSchedule() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String company = "Skylight Roofing " + System.nanoTime();
        mvc.perform(post("/api/v1/leads").with(acme.admin().api()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"firstName\":\"Paula\",\"lastName\":\"Pool\",\"company\":\"" + company + "\"}"))
                .andReturn();

        try (Browser browser = Browser.open(port)) {
            browser.go("/login");
            browser.type("#username", rep.email());
            browser.type("#password", Fixtures.PASSWORD);
            browser.press("Sign in");

            browser.click("a[href='/leads']");
            assertThat(browser.text()).contains("Paula Pool", company);
            browser.press("Claim");
            assertThat(browser.text()).contains("You are working Paula Pool now.");

            browser.type("#dealAmount", "5000");
            browser.press("Convert");
            assertThat(browser.path()).startsWith("/deals/");
            String dealId = browser.path().substring("/deals/".length());
            assertThat(browser.text()).contains(company + " is a customer account now.", "Qualification");

            browser.click("a[href='/pipeline']");
            browser.waitFor("#deal-card-" + dealId);
            WebElement card = browser.find("#deal-card-" + dealId + " .deal-card-amount");
            By proposalColumn = By.xpath("//div[contains(@class,'board-column')][.//h2[normalize-space()='Proposal']]//ol");
            WebElement target = browser.driver().findElement(proposalColumn);
            new Actions(browser.driver()).clickAndHold(card).pause(Duration.ofMillis(150)).moveByOffset(8, 8)
                    .pause(Duration.ofMillis(150)).moveToElement(target).pause(Duration.ofMillis(150)).moveByOffset(0, 5)
                    .pause(Duration.ofMillis(150)).release().perform();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//div[contains(@class,'board-column')][.//h2[normalize-space()='Proposal']]"
                            + "//li[@id='deal-card-" + dealId + "' and not(contains(@class,'moving'))]")));
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.xpath("//div[contains(@class,'board-column')][.//h2[normalize-space()='Proposal']]//header"),
                    "1 deal"));
            assertThat(browser.driver().findElement(By.xpath("//div[contains(@class,'board-column')]"
                    + "[.//h2[normalize-space()='Proposal']]//header")).getText()).contains("5,000.00 EUR");

            browser.click("#deal-card-" + dealId + " a.deal-card-name");
            assertThat(browser.text()).contains("progressed");
            browser.press("Won");
            assertThat(browser.find("#payment-amount-0").getAttribute("value")).isEqualTo("5000.00");
            assertThat(browser.find("#payment-due-0").getAttribute("value")).isNotBlank();
            browser.press("Mark as won");
            assertThat(browser.text()).contains("is won. Its payment schedule is recorded.", "Payment schedule", "5,000.00 EUR");
            browser.press("Mark paid");
            assertThat(browser.text()).contains("The payment is recorded.", "Paid on");
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }
}
