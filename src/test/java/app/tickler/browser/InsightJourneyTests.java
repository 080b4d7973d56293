package app.tickler.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.party.AccountInput;
import app.tickler.party.Parties;
import app.tickler.platform.security.Role;
import tools.jackson.databind.json.JsonMapper;

/** In a real browser: a manager opens Insights, sees the charts and the cash-flow forecast, filters by team, downloads a chart's CSV. */
@TicklerTest
@Tag("browser")
class InsightJourneyTests {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;
    @Autowired
    Parties parties;
    @Autowired
    JsonMapper json;

    @Test
    void aManagerReadsTheDashboardAndDownloadsTheCashFlowAsCsv() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String north = acme.team("North");
        TestUser rep = acme.user(Role.REP, north);
        TestUser manager = acme.user(Role.MANAGER);
        String account = Long.toString(rep.call(() -> parties.createAccount(AccountInput.named("Skylight"))).id().value());
        String deal = json.readTree(mvc.perform(post("/api/v1/deals").with(rep.api()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"Roof\",\"accountId\":\"" + account + "\",\"amountMinor\":250000}")).andReturn()
                .getResponse().getContentAsString()).get("id").asString();
        mvc.perform(post("/api/v1/deals/" + deal + "/win").with(rep.api()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":0}")).andReturn();

        try (Browser browser = Browser.open(port)) {
            browser.go("/login");
            browser.type("#username", manager.email());
            browser.type("#password", Fixtures.PASSWORD);
            browser.press("Sign in");

            browser.click("a[href='/insights']");
            assertThat(browser.path()).isEqualTo("/insights");
            assertThat(browser.text()).contains("Short term", "Long term", "Persistence", "Forecast", "Win rate",
                    "Attempt at which deals were won", "Cash-flow forecast by month (EUR)");
            List<WebElement> charts = browser.driver().findElements(By.cssSelector("figure.chart-card svg[role='img']"));
            assertThat(charts).hasSizeGreaterThan(10);
            assertThat(browser.find("#forecast-cash-EUR svg title").getAttribute("textContent"))
                    .isEqualTo("Cash-flow forecast by month (EUR) next to payments received");
            assertThat(browser.find("[data-kpi='winRate'] .big").getText()).isEqualTo("100%");

            browser.driver().findElement(By.cssSelector("select[name='teamId'] option[value='" + north + "']")).click();
            browser.press("Show");
            assertThat(browser.text()).contains("Team North");

            browser.find("#forecast-cash-EUR details summary").click();
            assertThat(browser.find("#forecast-cash-EUR table").getText()).contains("Open invoices due", "2500");
            String href = browser.find("#forecast-cash-EUR a[data-csv]").getAttribute("href");
            assertThat(href).contains("/insights/charts/forecast-cash-EUR.csv?", "teamId=" + north);
            Object csv = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch(arguments[0]).then(r => r.text().then(t => done(r.headers.get('content-disposition') + '\\n' + t)));",
                    href);
            assertThat(csv.toString()).startsWith("attachment; filename=\"forecast-cash-EUR-")
                    .contains("category (EUR),Open invoices due,\"Expected from deals (weighted, after payment terms)\",Payments received", ",2500,0,");
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }
}
