package app.tickler.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
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
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
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
    @Autowired
    JdbcClient jdbc;

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

    private Touch log(TestUser rep, app.tickler.party.AccountId account, Customers.Customer person, DealSummary deal,
            java.time.Instant at) {
        return rep.call(() -> followUps.logTouch(new NewTouch(at, Channel.CALL, null, account,
                person == null ? List.of() : List.of(person.contact().id()), null, deal == null ? null : deal.id().value(),
                null, null, false, null, null, null, null)));
    }

    /** The workspace's touch counters that are not zero, one line each. */
    private List<String> touchCounters(TestWorkspace workspace) {
        return jdbc.sql("""
                SELECT metric, day, user_id, count FROM insight_daily_counters
                WHERE workspace_id = :workspace AND metric IN ('TOUCHES', 'VALUE_TOUCHES') AND count <> 0
                ORDER BY metric, day, user_id
                """).param("workspace", workspace.id())
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3) + " " + rs.getLong(4)).list();
    }

    @Test
    void aPurgedAccountsDealsTakeTheirOwnTouchesAndLeaveTheirPeoplesTouchesToThem() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Customers.Customer ann = Customers.make(parties, rep, "Purged Ltd", null);
        DealSummary roof = deal(rep, ann.account(), 500_00);
        DealSummary won = deal(rep, ann.account(), 100_00);
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        // two unanswered calls to Ann; then one to her about the roof, one on the roof alone, one on the account's roof
        Touch first = log(rep, null, ann, null, now.minusSeconds(6 * 3600));
        log(rep, null, ann, null, now.minusSeconds(5 * 3600));
        Touch aboutRoof = log(rep, null, ann, roof, now.minusSeconds(4 * 3600));
        Touch roofAlone = log(rep, null, null, roof, now.minusSeconds(3 * 3600));
        Touch accountsRoof = log(rep, ann.account().id(), null, roof, now.minusSeconds(2 * 3600));
        log(rep, null, null, won, now.minusSeconds(3600));
        assertThat(List.of(aboutRoof.attempt(), roofAlone.attempt(), accountsRoof.attempt())).as("the roof's chase")
                .containsExactly(1, 2, 3);
        mvc.perform(post("/api/v1/deals/" + won.id().value() + "/win").with(rep.api())
                .contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + rep.call(() -> sales.deal(won.id())
                        .orElseThrow().version()) + "}")).andExpect(status().isOk());
        assertThat(rep.call(() -> followUps.closingAttempt(won.id()))).isEqualTo(1);

        // in the trash, then removed for good as the nightly job does 30 days later
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/v1/accounts/"
                + ann.accountId()).with(rep.api())).andExpect(status().isNoContent());
        Actors.runAs(Actor.system(acme.id(), ZoneOffset.UTC), () -> parties.removeAccount(ann.account().id()));

        for (Touch gone : List.of(roofAlone, accountsRoof)) {
            mvc.perform(get("/api/v1/touches/" + gone.id().value()).with(rep.api())).andExpect(status().isNotFound());
        }
        mvc.perform(get("/api/v1/touches/" + aboutRoof.id().value()).with(rep.api())).andExpect(status().isOk())
                .andExpect(jsonPath("$.dealId").isEmpty()).andExpect(jsonPath("$.accountId").isEmpty())
                .andExpect(jsonPath("$.contacts[0].id").value(ann.contactId()))
                .andExpect(jsonPath("$.attempt").value(3));
        mvc.perform(get("/api/v1/touches?contactId=" + ann.contactId()).with(rep.api()))
                .andExpect(jsonPath("$.items.length()").value(3))
                .andExpect(jsonPath("$.items[2].id").value(Long.toString(first.id().value())));
        mvc.perform(get("/api/v1/touches").with(rep.api())).andExpect(jsonPath("$.items.length()").value(3));
        assertThat(rep.call(() -> followUps.closingAttempt(won.id()))).as("the removed deal closed at no attempt").isNull();
        List<String> counted = touchCounters(acme);
        assertThat(counted.stream().mapToLong(c -> Long.parseLong(c.split(" ")[3])).sum())
                .as("Ann's three touches are counted, the deals' own no more").isEqualTo(3);
        mvc.perform(post("/api/v1/insights/counters/rebuild").with(acme.admin().api())).andExpect(status().isOk());
        assertThat(touchCounters(acme)).as("as a rebuild finds them").isEqualTo(counted);
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
