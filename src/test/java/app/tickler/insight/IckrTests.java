package app.tickler.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.party.Account;
import app.tickler.party.AccountInput;
import app.tickler.party.BuyingRole;
import app.tickler.party.Contact;
import app.tickler.party.ContactInput;
import app.tickler.party.CustomerLevel;
import app.tickler.party.Parties;
import app.tickler.platform.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The ICKR scorecard of an account, insight marks, and the report of accounts with uncovered influencers. */
@TicklerTest
class IckrTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Parties parties;
    @Autowired
    JsonMapper json;

    record Customer(Account account, Contact decider, Contact influencer, Contact user) {
        String id() {
            return Long.toString(account.id().value());
        }
    }

    private Customer customer(TestUser rep, String name, CustomerLevel level) {
        return rep.call(() -> {
            Account account = parties.createAccount(AccountInput.named(name));
            if (level != null) {
                account = parties.setLevel(account.id(), level, "test");
            }
            return new Customer(account, person(account, "Ann", BuyingRole.DECISION_MAKER, true),
                    person(account, "Ian", BuyingRole.INFLUENCER, false), person(account, "Uma", BuyingRole.USER, false));
        });
    }

    private Contact person(Account account, String first, BuyingRole role, boolean key) {
        return parties.createContact(new ContactInput(first, account.name(), null, null, null, null, null, null, null, null,
                null, null, null, null, null, account.id(), role, key));
    }

    private JsonNode call(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, TestUser user,
            int expected) throws Exception {
        MvcResult result = mvc.perform(request.with(user.api()).contentType(MediaType.APPLICATION_JSON)).andReturn();
        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(body).isEqualTo(expected);
        return body.isEmpty() || !body.startsWith("{") && !body.startsWith("[") ? null : json.readTree(body);
    }

    private String reason(TestUser user, String name) throws Exception {
        JsonNode reasons = call(get("/api/v1/business-reasons"), user, 200);
        for (JsonNode r : reasons.has("items") ? reasons.get("items") : reasons) {
            if (r.get("name").asString().equals(name)) {
                return r.get("id").asString();
            }
        }
        throw new AssertionError("no reason " + name);
    }

    private String touch(TestUser rep, Contact who, String reasonId, String notes) throws Exception {
        return call(post("/api/v1/touches").content("""
                {"channel":"CALL","contactIds":["%s"],"reached":true,"reasonId":"%s","notes":"%s"}"""
                .formatted(who.id().value(), reasonId, notes)), rep, 201).at("/touch/id").asString();
    }

    @Test
    void theScorecardMeasuresInteractConnectKnowAndRelate() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Customer roofs = customer(rep, "Roofs", CustomerLevel.A);
        String insight = reason(rep, "Pertinent information or insight");
        String seasonal = reason(rep, "Seasonal greeting");
        touch(rep, roofs.decider(), insight, "They open a second site in spring");
        touch(rep, roofs.decider(), insight, "Budget moves to Q3");
        String greeting = touch(rep, roofs.decider(), seasonal, "Happy new year");

        JsonNode card = call(get("/api/v1/insights/ickr/accounts/" + roofs.id()), rep, 200);
        assertThat(card.at("/interact/touches").asLong()).isEqualTo(3);
        assertThat(card.at("/interact/expectedTouches").asInt()).as("level A: a touch every 7 days over 90").isEqualTo(13);
        assertThat(card.at("/interact/score").asInt()).isEqualTo(23);
        assertThat(card.at("/connect/people").asInt()).isEqualTo(3);
        assertThat(card.at("/connect/reached").asInt()).isEqualTo(1);
        assertThat(card.at("/connect/score").asInt()).isEqualTo(33);
        assertThat(card.at("/connect/notReached/0/name").asString()).as("influencers first").isEqualTo("Ian Roofs");
        assertThat(card.at("/connect/notReached/1/name").asString()).isEqualTo("Uma Roofs");
        assertThat(card.at("/know/insightsInYear").asLong()).as("touches with the reason insight").isEqualTo(2);
        assertThat(card.at("/know/ageDays").asLong()).isZero();
        assertThat(card.at("/know/score").asInt()).isEqualTo(100);
        assertThat(card.at("/relate/valueAdding").asLong()).isEqualTo(2);
        assertThat(card.at("/relate/score").asInt()).isEqualTo(67);
        assertThat(card.at("/overall").asInt()).isEqualTo(56);

        JsonNode marked = call(post("/api/v1/insights/marks").content("{\"touchId\":\"" + greeting + "\"}"), rep, 201);
        assertThat(marked.get("note").asString()).as("the touch's notes").isEqualTo("Happy new year");
        call(post("/api/v1/insights/marks").content("{\"touchId\":\"" + greeting + "\"}"), rep, 409);
        JsonNode noNote = call(post("/api/v1/insights/marks").content("{\"accountId\":\"" + roofs.id() + "\",\"note\":\" \"}"),
                rep, 400);
        assertThat(noNote.findValuesAsString("field")).contains("note");
        call(post("/api/v1/insights/marks").content("{\"accountId\":\"" + roofs.id() + "\",\"note\":\"Wants a service plan\"}"),
                rep, 201);
        assertThat(call(get("/api/v1/insights/ickr/accounts/" + roofs.id()), rep, 200).at("/know/insightsInYear").asLong())
                .isEqualTo(4);
        assertThat(call(get("/api/v1/insights/marks?accountId=" + roofs.id()), rep, 200).size()).isEqualTo(2);
    }

    @Test
    void anAccountWithoutLevelOrPeopleIsNotJudgedOnWhatItLacks() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Account bare = rep.call(() -> parties.createAccount(AccountInput.named("Bare")));
        JsonNode card = call(get("/api/v1/insights/ickr/accounts/" + bare.id().value()), rep, 200);
        assertThat(card.at("/interact/score").isNull()).isTrue();
        assertThat(card.at("/connect/score").isNull()).isTrue();
        assertThat(card.at("/relate/score").isNull()).isTrue();
        assertThat(card.at("/know/score").asInt()).isZero();
        assertThat(card.at("/overall").asInt()).isZero();
        Account levelD = rep.call(() -> parties.setLevel(parties.createAccount(AccountInput.named("Dormant")).id(),
                CustomerLevel.D, "test"));
        JsonNode dormant = call(get("/api/v1/insights/ickr/accounts/" + levelD.id().value()), rep, 200);
        assertThat(dormant.at("/interact/level").asString()).isEqualTo("D");
        assertThat(dormant.at("/interact/score").isNull()).as("level D has no longest silence").isTrue();
    }

    @Test
    void anotherWorkspacesAccountIsNotFound() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestWorkspace other = fixtures.workspace();
        Customer roofs = customer(acme.admin(), "Roofs", CustomerLevel.B);
        call(get("/api/v1/insights/ickr/accounts/" + roofs.id()), other.admin(), 404);
        call(post("/api/v1/insights/marks").content("{\"accountId\":\"" + roofs.id() + "\",\"note\":\"x\"}"), other.admin(),
                404);
    }

    @Test
    void theReportListsAccountsWhoseInfluencersNobodyReachedPageByPageAndAsSafeCsv() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Customer roofs = customer(rep, "Roofs", CustomerLevel.B);
        Customer formula = customer(rep, "=HYPERLINK(\"http://x\")", CustomerLevel.B);
        Customer covered = customer(rep, "Covered", CustomerLevel.B);
        String service = reason(rep, "Service");
        touch(rep, covered.decider(), service, "ok");
        touch(rep, covered.influencer(), service, "ok");

        JsonNode first = call(get("/api/v1/insights/uncovered-influencers?limit=1"), rep, 200);
        assertThat(first.at("/items").size()).isEqualTo(1);
        assertThat(first.at("/items/0/name").asString()).isEqualTo("Roofs");
        assertThat(first.at("/items/0/uncovered").findValuesAsString("name")).as("the influencer and the key person, not the user")
                .containsExactly("Ann Roofs", "Ian Roofs");
        JsonNode second = call(get("/api/v1/insights/uncovered-influencers?limit=1&cursor=" + first.get("nextCursor").asString()),
                rep, 200);
        assertThat(second.at("/items/0/name").asString()).startsWith("=HYPERLINK");
        assertThat(second.get("nextCursor").isNull()).as("the covered account is not listed").isTrue();

        String csv = mvc.perform(get("/api/v1/insights/uncovered-influencers.csv").with(rep.api())).andReturn().getResponse()
                .getContentAsString();
        assertThat(csv).contains("Ian Roofs").contains(",\"'=HYPERLINK(\"\"http://x\"\")\",").doesNotContain("Covered");
        assertThat(csv.lines().filter(l -> l.contains(",INFLUENCER,")).count()).isEqualTo(2);
    }

    @Test
    void theAccountPageShowsTheScorecardAndRecordsAnInsight() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Customer roofs = customer(rep, "Roofs", CustomerLevel.C);
        String page = mvc.perform(get("/accounts/" + roofs.id()).with(rep.browser())).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("ICKR scorecard").contains("Ian Roofs").contains("Record an insight");
        MvcResult posted = mvc.perform(post("/insights/marks").with(rep.browser()).param("accountId", roofs.id())
                .param("note", "Moving to a new warehouse")).andReturn();
        assertThat(posted.getResponse().getRedirectedUrl()).isEqualTo("/accounts/" + roofs.id());
        assertThat(mvc.perform(get("/accounts/" + roofs.id()).with(rep.browser())).andReturn().getResponse()
                .getContentAsString()).contains("Moving to a new warehouse");
        TestUser staff = acme.user(Role.STAFF);
        assertThat(mvc.perform(post("/insights/marks").with(staff.browser()).param("accountId", roofs.id())
                .param("note", "x")).andReturn().getResponse().getStatus()).isEqualTo(403);
        String report = mvc.perform(get("/insights/uncovered-influencers").with(rep.browser())).andReturn().getResponse()
                .getContentAsString();
        assertThat(report).contains("Roofs").contains("Ian Roofs");
    }
}
