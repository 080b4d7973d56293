package app.tickler.aftersale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.party.Account;
import app.tickler.party.AccountInput;
import app.tickler.party.Parties;
import app.tickler.platform.security.Role;

@TicklerTest
class AftersalePagesTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Parties parties;
    @Autowired
    JdbcClient jdbc;

    private String page(String path, TestUser user) throws Exception {
        return mvc.perform(get(path).with(user.browser())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    @Test
    void theAccountPageShowsTheCycleAndTheInstalledBaseAndBothAreKeptThere() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        TestUser admin = acme.admin();
        Account roofs = rep.call(() -> parties.createAccount(AccountInput.named("Roofs Ltd")));
        String accountPage = "/accounts/" + roofs.id().value();
        assertThat(page(accountPage, rep)).contains("id=\"relationship-panel\"").contains("not yet in the cycle")
                .contains("id=\"installed-panel\"").contains("Record an installation");

        mvc.perform(post(accountPage + "/relationship").with(rep.browser()).param("stage", "SKEPTICISM")
                .param("reason", "Met at the fair")).andExpect(redirectedUrl(accountPage));
        assertThat(page(accountPage, rep)).contains("Met at the fair").contains("by hand");
        mvc.perform(post(accountPage + "/relationship").with(rep.browser()).param("stage", "ENLIGHTENMENT"))
                .andExpect(status().isBadRequest());

        mvc.perform(post("/products").with(admin.browser()).param("name", "Boiler X").param("warrantyMonths", "24"))
                .andExpect(redirectedUrl("/products"));
        assertThat(page("/products", admin)).contains("Boiler X");
        mvc.perform(get("/products").with(rep.browser())).andExpect(status().isForbidden());
        long product = jdbc.sql("SELECT id FROM products WHERE workspace_id = :w").param("w", acme.id()).query(Long.class)
                .single();

        assertThat(page("/installed-products/new?accountId=" + roofs.id().value(), rep)).contains("Boiler X");
        String refused = mvc.perform(post("/installed-products").with(rep.browser())
                        .param("accountId", Long.toString(roofs.id().value())).param("productId", Long.toString(product))
                        .param("installDate", "2026-05-01").param("warrantyEnd", "2026-04-01"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("is before the install date 2026-05-01");
        LocalDate install = LocalDate.now(ZoneId.of("Europe/Berlin")).minusMonths(24).plusDays(40);
        mvc.perform(post("/installed-products").with(rep.browser()).param("accountId", Long.toString(roofs.id().value()))
                .param("productId", Long.toString(product)).param("quantity", "3").param("installDate", install.toString()))
                .andExpect(redirectedUrl(accountPage));
        assertThat(page(accountPage, rep)).contains(install.plusMonths(24).toString());
        long installed = jdbc.sql("SELECT id FROM installed_products WHERE workspace_id = :w").param("w", acme.id())
                .query(Long.class).single();
        assertThat(page("/installed-products/" + installed + "/edit", rep)).contains(install.toString());
        String badEdit = mvc.perform(post("/installed-products/" + installed).with(rep.browser()).param("version", "0")
                        .param("productId", Long.toString(product)).param("installDate", install.toString())
                        .param("endOfLife", install.minusDays(1).toString()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(badEdit).contains("is before the install date");
        mvc.perform(post("/installed-products/" + installed).with(rep.browser()).param("version", "0")
                .param("productId", Long.toString(product)).param("quantity", "4").param("installDate", install.toString()))
                .andExpect(redirectedUrl(accountPage));

        assertThat(page("/installed-base?within=30", rep)).contains("Nothing ends in this period.");
        assertThat(page("/installed-base?within=90", rep)).contains("Roofs Ltd").contains("Warranty");
        String csv = page("/installed-base/lifecycle.csv?within=90", rep);
        assertThat(csv).startsWith("end_date,kind,account").contains("WARRANTY,Roofs Ltd");

        mvc.perform(post("/settings/aftersale").with(admin.browser()).param("silenceAfterWinDays", "45")
                .param("healthyDays", "90").param("renewalLeadDays", "30").param("renewalDeals", "true")
                .param("version", "0")).andExpect(redirectedUrl("/settings/aftersale"));
        assertThat(page("/settings/aftersale", admin)).contains("value=\"45\"").contains("Post-sale onboarding");
        assertThat(page("/relationship/suggestions", rep)).contains("No suggestions waiting.");
    }
}
