package app.tickler.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.party.Account;
import app.tickler.party.AccountInput;
import app.tickler.party.Channel;
import app.tickler.party.Parties;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.security.Role;
import app.tickler.sales.DealId;
import app.tickler.sales.DealSummary;
import app.tickler.sales.LeadId;
import app.tickler.sales.SalesCycle;
import app.tickler.sales.StageSummary;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The follow-up engine and the sales cycle, wired: touches move deals, closings end the chase. */
@TicklerTest
class SalesWiringTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JsonMapper json;
    @Autowired
    Parties parties;
    @Autowired
    SalesCycle sales;
    @Autowired
    FollowUps followUps;

    private JsonNode postJson(TestUser as, String path, String body) throws Exception {
        return json.readTree(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                        .with(as.api()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andReturn().getResponse().getContentAsString());
    }

    private DealSummary deal(TestUser rep, Account account, long amount) throws Exception {
        JsonNode created = postJson(rep, "/api/v1/deals",
                "{\"name\":\"Roof\",\"accountId\":\"" + account.id().value() + "\",\"amountMinor\":" + amount + "}");
        return rep.call(() -> sales.deal(new DealId(Long.parseLong(created.get("id").asString()))).orElseThrow());
    }

    private FollowUp plan(TestUser rep, Account account, DealSummary deal, Long lead) {
        return rep.call(() -> followUps.plan(new NewFollowUp(null, LocalDate.now().plusDays(3), null, null, Channel.CALL,
                null, "call back", account == null ? null : account.id(), null, lead, deal == null ? null : deal.id().value(),
                null, null)));
    }

    @Test
    void aTouchOutcomeMovesTheDealToTheNamedStage() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Account roofs = rep.call(() -> parties.createAccount(AccountInput.named("Roofs")));
        DealSummary deal = deal(rep, roofs, 500_00);
        List<StageSummary> stages = rep.call(() -> sales.stages(deal.pipelineId()));
        StageSummary next = stages.get(stages.indexOf(stages.stream().filter(s -> s.id().equals(deal.stageId()))
                .findFirst().orElseThrow()) + 1);
        rep.run(() -> followUps.logTouch(new NewTouch(null, Channel.CALL, null, roofs.id(), List.of(), null,
                deal.id().value(), null, "they liked the offer", true, Outcome.PROGRESSED, null, next.name().toUpperCase(),
                null)));
        assertThat(rep.call(() -> sales.deal(deal.id()).orElseThrow().stageId())).isEqualTo(next.id());
        assertThatThrownBy(() -> rep.run(() -> followUps.logTouch(new NewTouch(null, Channel.CALL, null, roofs.id(),
                List.of(), null, deal.id().value(), null, null, true, Outcome.PROGRESSED, null, "Nowhere", null))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems().get(0).field()).isEqualTo("stage"));
    }

    @Test
    void winningADealEndsItsChaseAndKeepsTheAttemptAtWhichItWasWon() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Account roofs = rep.call(() -> parties.createAccount(AccountInput.named("Roofs")));
        DealSummary deal = deal(rep, roofs, 1_000_00);
        for (int i = 0; i < 3; i++) {
            rep.run(() -> followUps.logTouch(new NewTouch(null, Channel.VOICEMAIL, null, roofs.id(), List.of(), null,
                    deal.id().value(), null, "no answer", false, Outcome.RETAINED, null, null, null)));
        }
        FollowUp open = plan(rep, roofs, deal, null);
        mvc.perform(post("/api/v1/deals/" + deal.id().value() + "/win").with(rep.api())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + rep.call(() -> sales.deal(deal.id())
                                .orElseThrow().version()) + "}"))
                .andExpect(status().isOk());
        assertThat(rep.call(() -> followUps.closingAttempt(deal.id()))).isEqualTo(3);
        mvc.perform(get("/api/v1/follow-ups/" + open.id().value()).with(rep.api()))
                .andExpect(jsonPath("$.status").value("CANCELLED"));
    }

    @Test
    void aTouchOnALeadKeepsItFromGoingIdleAndAConvertedLeadsPlansAreCancelled() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        JsonNode lead = postJson(rep, "/api/v1/leads", "{\"firstName\":\"Lea\",\"lastName\":\"Lead\",\"company\":\"Leafy\","
                + "\"email\":\"lea@leafy.example\",\"ownerId\":\"" + rep.id() + "\"}");
        long leadId = Long.parseLong(lead.get("id").asString());
        var before = rep.call(() -> sales.lead(new LeadId(leadId)).orElseThrow().lastActivityAt());
        Thread.sleep(5);
        rep.run(() -> followUps.logTouch(new NewTouch(null, Channel.EMAIL, null, null, List.of(), leadId, null, null,
                "sent the brochure", false, Outcome.RETAINED, null, null, null)));
        assertThat(rep.call(() -> sales.lead(new LeadId(leadId)).orElseThrow().lastActivityAt())).isAfter(before);
        FollowUp open = plan(rep, null, null, leadId);
        mvc.perform(post("/api/v1/leads/" + leadId + "/disqualify").with(rep.api()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"no budget\",\"version\":" + lead.get("version").asLong() + "}"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/follow-ups/" + open.id().value()).with(rep.api()))
                .andExpect(jsonPath("$.status").value("CANCELLED"));
    }

    @Test
    void aRemovedLeadsOpenFollowUpsAreCancelled() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        JsonNode lead = postJson(rep, "/api/v1/leads", "{\"firstName\":\"Rea\",\"lastName\":\"Removed\","
                + "\"ownerId\":\"" + rep.id() + "\"}");
        long leadId = Long.parseLong(lead.get("id").asString());
        FollowUp open = plan(rep, null, null, leadId);
        rep.run(() -> sales.removeLead(new LeadId(leadId)));
        mvc.perform(get("/api/v1/follow-ups/" + open.id().value()).with(rep.api()))
                .andExpect(jsonPath("$.status").value("CANCELLED"));
    }

    @Test
    void aRemovedDealsOpenFollowUpsAreCancelled() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Account account = rep.call(() -> parties.createAccount(app.tickler.party.AccountInput.named("Gone deals")));
        DealSummary deal = deal(rep, account, 100);
        FollowUp open = plan(rep, account, deal, null);
        rep.run(() -> sales.removeDeal(deal.id()));
        mvc.perform(get("/api/v1/follow-ups/" + open.id().value()).with(rep.api()))
                .andExpect(jsonPath("$.status").value("CANCELLED"));
    }

    @Test
    void openDealsWithoutANextStepAreListedUntilOneIsPlanned() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Account roofs = rep.call(() -> parties.createAccount(AccountInput.named("Roofs")));
        DealSummary deal = deal(rep, roofs, 200_00);
        mvc.perform(get("/api/v1/no-next-step?type=deal").with(rep.api()))
                .andExpect(jsonPath("$.items[0].id").value(Long.toString(deal.id().value())))
                .andExpect(jsonPath("$.items[0].link").value("/deals/" + deal.id().value()));
        plan(rep, roofs, deal, null);
        mvc.perform(get("/api/v1/no-next-step?type=deal").with(rep.api())).andExpect(jsonPath("$.items.length()").value(0));
        TestUser other = acme.user(Role.REP, acme.team("Elsewhere"));
        mvc.perform(post("/api/v1/touches").with(other.api()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"CALL\",\"dealId\":\"" + deal.id().value() + "\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("dealId"));
    }

    @Test
    void readyToBuyMovesTheDealForward() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Account roofs = rep.call(() -> parties.createAccount(AccountInput.named("Roofs")));
        DealSummary deal = deal(rep, roofs, 300_00);
        rep.run(() -> followUps.logTouch(new NewTouch(null, Channel.MEETING, null, roofs.id(), List.of(), null,
                deal.id().value(), null, "ready to sign", true, Outcome.PROGRESSED, null, null, true)));
        assertThat(rep.call(() -> sales.deal(deal.id()).orElseThrow().stageId())).isNotEqualTo(deal.stageId());
    }
}
