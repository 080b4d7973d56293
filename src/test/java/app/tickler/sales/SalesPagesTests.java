package app.tickler.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.party.Parties;
import app.tickler.platform.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sales pages render for each role, their forms post-redirect-get, and the board's moves answer fragments. */
@TicklerTest
class SalesPagesTests {

    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    Parties parties;

    Calls calls;
    SalesTestData data;

    @BeforeEach
    void setUp() {
        calls = new Calls(mvc, json);
        data = new SalesTestData(calls);
    }

    private String page(TestUser user, String path) throws Exception {
        MvcResult result = mvc.perform(get(path).with(user.browser())).andReturn();
        assertThat(result.getResponse().getStatus()).as(path + ": " + result.getResponse().getContentAsString()).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    @Test
    void everySalesPageRendersForTheRolesThatMayUseIt() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        TestUser staff = acme.user(Role.STAFF);
        TestUser manager = acme.user(Role.MANAGER);
        String account = data.account(rep, parties, "Pages & Co");
        JsonNode deal = data.deal(rep, account, null, null, 12_500_00);
        JsonNode lead = calls.create(staff, "/api/v1/leads", Map.of("firstName", "Ann", "lastName", "Baker", "company", "Pages & Co"));
        JsonNode pipeline = data.pipeline(rep, "Five-phase cycle");
        String pipelineId = pipeline.get("id").asString();

        MvcResult redirect = mvc.perform(get("/pipeline").with(rep.browser())).andReturn();
        assertThat(redirect.getResponse().getRedirectedUrl()).isEqualTo("/pipeline/" + pipelineId);
        String board = page(rep, "/pipeline/" + pipelineId);
        assertThat(board).contains("Qualification", "Follow-up", "12,500.00 EUR", "Sortable.min.js", "deal-card", "1 deal");
        assertThat(page(rep, "/pipeline/" + pipelineId + "?fragment=board")).doesNotContain("<html").contains("board-column");
        assertThat(page(rep, "/pipeline/" + pipelineId + "/statistics")).contains("Average cycle length");
        assertThat(page(rep, "/deals")).contains(deal.get("name").asString());
        String dealPage = page(rep, "/deals/" + deal.get("id").asString());
        assertThat(dealPage).contains("Stage history", "Mark as lost", "Pages &amp; Co");
        assertThat(page(rep, "/deals/" + deal.get("id").asString() + "/win")).contains("payment schedule", "12500.00");
        assertThat(page(rep, "/deals/new?accountId=" + account)).contains("Pages &amp; Co");
        assertThat(page(rep, "/deals/" + deal.get("id").asString() + "/edit")).contains("12500.00");
        assertThat(page(rep, "/leads")).contains("Ann Baker", "Claim");
        assertThat(page(rep, "/leads/" + lead.get("id").asString())).contains("Qualification", "Need", "Convert");
        assertThat(page(rep, "/leads/new")).contains("I work this lead myself");
        assertThat(page(staff, "/leads")).contains("Referred by me", "Ann Baker");
        assertThat(page(staff, "/leads/new")).contains("Refer a lead");
        assertThat(page(staff, "/leads/referrals")).contains("Referral leaderboard");
        assertThat(page(staff, "/deals/" + deal.get("id").asString())).doesNotContain("Mark as lost");
        assertThat(page(manager, "/settings/pipelines")).contains("Seven elements");
        assertThat(page(manager, "/settings/pipelines/" + pipelineId)).contains("Repeat proposals enter at");
        assertThat(page(manager, "/settings/lost-reasons")).contains("Price too high");
        assertThat(page(manager, "/settings/qualification")).contains("Authority");
        assertThat(page(manager, "/settings/lead-pool")).contains("Only an admin").doesNotContain("/forms/leads/");
        assertThat(page(acme.admin(), "/settings/lead-pool")).contains("/forms/leads/");
        assertThat(mvc.perform(get("/settings/pipelines").with(rep.browser())).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/deals/new").with(staff.browser())).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(page(rep, "/today")).contains("href=\"/pipeline\"", "href=\"/leads\"");
    }

    @Test
    void aCardDroppedOnTheBoardAnswersTheCardAndBothColumnHeadersOrAClearConflict() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String account = data.account(rep, parties, "Drop Co");
        JsonNode pipeline = data.pipeline(rep, "Five-phase cycle");
        JsonNode deal = data.deal(rep, account, null, null, 100_00);
        String id = deal.get("id").asString();
        String proposal = SalesTestData.stage(pipeline, "Proposal");
        MvcResult moved = mvc.perform(post("/pipeline/deals/" + id + "/move").with(rep.browser()).header("HX-Request", "true")
                .param("stageId", proposal).param("version", Long.toString(deal.get("version").asLong()))).andReturn();
        String html = moved.getResponse().getContentAsString();
        assertThat(moved.getResponse().getStatus()).as(html).isEqualTo(200);
        assertThat(html).contains("deal-card-" + id, "hx-swap-oob=\"true\"",
                "column-head-" + SalesTestData.stage(pipeline, "Qualification"), "column-head-" + proposal);

        MvcResult stale = mvc.perform(post("/pipeline/deals/" + id + "/move").with(rep.browser()).header("HX-Request", "true")
                .param("stageId", SalesTestData.stage(pipeline, "Closing"))
                .param("version", Long.toString(deal.get("version").asLong()))).andReturn();
        assertThat(stale.getResponse().getStatus()).isEqualTo(409);
        assertThat(stale.getResponse().getContentAsString()).contains("was changed by someone else meanwhile", "is now in «Proposal»");
    }

    @Test
    void formsPostRedirectGetAndShowErrorsBesideTheirFields() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String invalid = mvc.perform(post("/deals").with(rep.browser()).param("name", "").param("accountName", "")
                .param("amount", "-3")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(invalid).contains("must not be negative");

        MvcResult created = mvc.perform(post("/deals").with(rep.browser()).param("name", "Fresh roof")
                .param("accountName", "Brand New Account GmbH").param("amount", "1,234.50").param("currency", "EUR"))
                .andExpect(redirectedUrlPattern("/deals/*")).andReturn();
        String dealPage = page(rep, created.getResponse().getRedirectedUrl());
        assertThat(dealPage).contains("Fresh roof", "1,234.50 EUR", "Brand New Account GmbH");

        mvc.perform(post("/leads").with(rep.browser()).param("firstName", "Bo").param("lastName", "Lead")
                .param("source", "EVENT").param("keep", "true")).andExpect(redirectedUrlPattern("/leads/*"));
        String noName = mvc.perform(post("/leads").with(rep.browser()).param("email", "x"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(noName).contains("is required (or a first name, or a company)", "is not a valid email address");
    }

    @Test
    void accountAndContactPagesShowTheirDealsAndOfferARepeatProposal() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        var account = rep.call(() -> parties.createAccount(app.tickler.party.AccountInput.named("Panel Co")));
        var person = rep.call(() -> parties.createContact(new app.tickler.party.ContactInput("Pat", "Panel", null, null, null,
                null, null, null, null, null, null, null, null, null, null, account.id(),
                app.tickler.party.BuyingRole.CHAMPION, true)));
        JsonNode deal = calls.create(rep, "/api/v1/deals", Map.of("name", "Panel deal", "accountId",
                Long.toString(account.id().value()), "contacts", java.util.List.of(Map.of("contactId",
                        Long.toString(person.id().value())))));
        String accountPage = page(rep, "/accounts/" + account.id().value());
        assertThat(accountPage).contains("Repeat proposal", "/deals/repeat?accountId=" + account.id().value(), "Panel deal",
                "/deals/" + deal.get("id").asString());
        assertThat(page(rep, "/contacts/" + person.id().value())).contains("Panel deal", "Qualification");
        String staffView = page(acme.user(Role.STAFF), "/accounts/" + account.id().value());
        assertThat(staffView).contains("Panel deal").doesNotContain("Repeat proposal");
    }

    @Test
    void aRepeatProposalStartsFromTheAccountAction() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String account = data.account(rep, parties, "Happy Customer");
        MvcResult result = mvc.perform(post("/deals/repeat").param("accountId", account).with(rep.browser()))
                .andExpect(redirectedUrlPattern("/deals/*")).andReturn();
        assertThat(page(rep, result.getResponse().getRedirectedUrl())).contains("Repeat proposal for Happy Customer", "Repeat");
    }
}
