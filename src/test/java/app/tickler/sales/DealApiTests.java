package app.tickler.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;

import app.tickler.Fixtures;
import app.tickler.MutableClock;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.party.Parties;
import app.tickler.platform.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@TicklerTest
class DealApiTests {

    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    Parties parties;
    @Autowired
    MutableClock clock;

    Calls calls;
    SalesTestData data;

    @BeforeEach
    void setUp() {
        calls = new Calls(mvc, json);
        data = new SalesTestData(calls);
    }

    @AfterEach
    void resetClock() {
        clock.useSystemTime();
    }

    @Test
    void everyWorkspaceGetsTheThreeSeedPipelinesWithTheFivePhaseCycleAsDefault() {
        TestWorkspace acme = fixtures.workspace();
        JsonNode pipelines = calls.get(acme.admin(), "/api/v1/pipelines").get("items");
        assertThat(pipelines).extracting(p -> p.get("name").asString())
                .containsExactly("Five-phase cycle", "Seven elements", "Full lifecycle");
        assertThat(pipelines.get(0).get("isDefault").asBoolean()).isTrue();
        assertThat(pipelines.get(0).get("stages")).extracting(s -> s.get("name").asString())
                .containsExactly("Qualification", "Prospecting", "Proposal", "Closing", "Follow-up");
        assertThat(pipelines.get(1).get("stages")).extracting(s -> s.get("name").asString())
                .containsExactly("Identify lead", "Non-key people", "Key people", "Product criteria", "Program design",
                        "Ask for contract", "Payment collected");
        assertThat(pipelines.get(2).get("stages")).extracting(s -> s.get("name").asString())
                .containsExactly("Prospecting", "Proposing", "Closing & execution", "Maintenance", "Lifecycle management");
    }

    @Test
    void aDealWonOrLostBeforeTicklerIsRecordedThroughTheApiOnItsCloseDayWithItsInvoice() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String account = data.account(rep, parties, "Roofs & Co");
        JsonNode won = calls.create(rep, "/api/v1/deals/closed", Map.of("name", "Roof 2023", "accountId", account,
                "amountMinor", 500_000, "status", "WON", "closedOn", "2023-05-10", "enteredOn", "2023-03-01",
                "paid", true, "paidOn", "2023-06-01"));
        assertThat(won.get("status").asString()).isEqualTo("WON");
        assertThat(won.get("closedOn").asString()).isEqualTo("2023-05-10");
        String wonId = won.get("id").asString();
        JsonNode invoices = calls.get(rep, "/api/v1/payments?dealId=" + wonId).get("items");
        assertThat(invoices).singleElement().satisfies(invoice -> {
            assertThat(invoice.get("amountMinor").asLong()).isEqualTo(500_000);
            assertThat(invoice.get("paidOn").asString()).isEqualTo("2023-06-01");
        });
        assertThat(calls.get(rep, "/api/v1/deals/" + wonId + "/history").get("items")).isNotEmpty();

        JsonNode lost = calls.create(rep, "/api/v1/deals/closed", Map.of("name", "Gutters 2022", "accountId", account,
                "amountMinor", 90_000, "status", "LOST", "closedOn", "2022-11-02", "lostReason", "went quiet"));
        assertThat(lost.get("status").asString()).isEqualTo("LOST");
        assertThat(lost.get("lostReason").asString()).as("any other text takes Other").isEqualTo("Other");
        assertThat(lost.get("lostNote").asString()).isEqualTo("went quiet");

        JsonNode open = calls.expect(400, rep, HttpMethod.POST, "/api/v1/deals/closed", Map.of("name", "Open",
                "accountId", account, "amountMinor", 1, "status", "OPEN", "closedOn", "2022-11-02"));
        assertThat(Calls.fields(open)).containsExactly("status");
        JsonNode undated = calls.expect(400, rep, HttpMethod.POST, "/api/v1/deals/closed", Map.of("name", "Undated",
                "accountId", account, "amountMinor", 1, "status", "WON", "paid", false));
        assertThat(Calls.fields(undated)).contains("closedOn");
        calls.expect(403, acme.user(Role.STAFF), HttpMethod.POST, "/api/v1/deals/closed", Map.of("name", "Staff",
                "accountId", account, "status", "WON", "closedOn", "2022-11-02"));
    }

    @Test
    void aDealStartsInTheFirstStageWithItsProbabilityAndTheWorkspaceCurrency() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String account = data.account(rep, parties, "Roofs & Co");
        JsonNode deal = data.deal(rep, account, null, null, 1_250_000);
        assertThat(deal.get("stageName").asString()).isEqualTo("Qualification");
        assertThat(deal.get("probability").asInt()).isEqualTo(10);
        assertThat(deal.get("currency").asString()).isEqualTo("EUR");
        assertThat(deal.get("ownerId").asString()).isEqualTo(Long.toString(rep.id()));
        assertThat(deal.get("status").asString()).isEqualTo("OPEN");
        assertThat(calls.get(rep, "/api/v1/deals/" + deal.get("id").asString() + "/history").get("items"))
                .singleElement().satisfies(m -> assertThat(m.get("movement").asString()).isEqualTo("ENTERED"));
    }

    @Test
    void badInputNamesEveryBadFieldAndWritesNothing() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        JsonNode sevenElements = data.pipeline(rep, "Seven elements");
        JsonNode problem = calls.expect(400, rep, HttpMethod.POST, "/api/v1/deals", Map.of("name", "",
                "accountId", "123", "amountMinor", -5, "currency", "USD", "probability", 150,
                "pipelineId", data.pipeline(rep, "Five-phase cycle").get("id").asString(),
                "stageId", SalesTestData.stage(sevenElements, "Key people")));
        assertThat(Calls.fields(problem)).contains("name", "accountId", "amountMinor", "currency", "probability", "stageId");
        assertThat(problem.toString()).contains("is not accepted in this workspace").contains("is not a stage of the pipeline");
        assertThat(calls.get(rep, "/api/v1/deals").get("items")).isEmpty();

        JsonNode unknown = calls.expect(400, rep, HttpMethod.POST, "/api/v1/deals", Map.of("name", "x", "status", "WON"));
        assertThat(Calls.fields(unknown)).containsExactly("status");
    }

    @Test
    void anAcceptedForeignCurrencyIsAllowedOnceTheWorkspaceAcceptsIt() {
        TestWorkspace acme = fixtures.workspace();
        String account = data.account(acme.admin(), parties, "Globex");
        JsonNode settings = calls.get(acme.admin(), "/api/v1/sales-settings");
        assertThat(settings.get("acceptedCurrencies")).extracting(JsonNode::asString).containsExactly("EUR");
        calls.patch(acme.admin(), "/api/v1/sales-settings", Map.of("acceptedCurrencies", List.of("usd"),
                "version", settings.get("version").asLong()));
        JsonNode deal = calls.create(acme.admin(), "/api/v1/deals", Map.of("name", "Export", "accountId", account,
                "amountMinor", 100, "currency", "USD"));
        assertThat(deal.get("currency").asString()).isEqualTo("USD");
    }

    @Test
    void movesForwardAreProgressBackwardAreDemotionsAndAStaleVersionIsRefused() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        JsonNode pipeline = data.pipeline(rep, "Five-phase cycle");
        String account = data.account(rep, parties, "Roofs");
        clock.set(Instant.parse("2026-03-01T09:00:00Z"));
        JsonNode deal = data.deal(rep, account, null, null, 500_00);
        String id = deal.get("id").asString();
        clock.advance(Duration.ofDays(3));
        JsonNode moved = calls.post(rep, "/api/v1/deals/" + id + "/move", Map.of("stageId",
                SalesTestData.stage(pipeline, "Proposal"), "version", deal.get("version").asLong(), "reason", "needs a quote"));
        assertThat(moved.get("probability").asInt()).isEqualTo(50);
        clock.advance(Duration.ofDays(2));
        JsonNode back = calls.post(rep, "/api/v1/deals/" + id + "/move", Map.of("stageId",
                SalesTestData.stage(pipeline, "Prospecting"), "version", moved.get("version").asLong()));

        JsonNode stale = calls.expect(409, rep, HttpMethod.POST, "/api/v1/deals/" + id + "/move", Map.of("stageId",
                SalesTestData.stage(pipeline, "Closing"), "version", moved.get("version").asLong()));
        assertThat(stale.get("currentVersion").asLong()).isEqualTo(back.get("version").asLong());

        JsonNode history = calls.get(rep, "/api/v1/deals/" + id + "/history").get("items");
        assertThat(history).extracting(m -> m.get("movement").asString()).containsExactly("ENTERED", "PROGRESSED", "DEMOTED");
        assertThat(history.get(1).get("fromStageName").asString()).isEqualTo("Qualification");
        assertThat(history.get(1).get("reason").asString()).isEqualTo("needs a quote");
        assertThat(history.get(2).get("toStageName").asString()).isEqualTo("Prospecting");

        JsonNode otherPipeline = calls.expect(400, rep, HttpMethod.POST, "/api/v1/deals/" + id + "/move", Map.of("stageId",
                SalesTestData.stage(data.pipeline(rep, "Seven elements"), "Key people"), "version", back.get("version").asLong()));
        assertThat(Calls.fields(otherPipeline)).containsExactly("stageId");
    }

    @Test
    void wonWithTheDefaultScheduleAndPaidCompletesTheSevenElementCycle() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        JsonNode seven = data.pipeline(rep, "Seven elements");
        String account = data.account(rep, parties, "Payers Ltd");
        JsonNode deal = data.deal(rep, account, seven.get("id").asString(), SalesTestData.stage(seven, "Ask for contract"),
                10_000_01);
        String id = deal.get("id").asString();

        JsonNode toPaymentStage = calls.expect(400, rep, HttpMethod.POST, "/api/v1/deals/" + id + "/move", Map.of(
                "stageId", SalesTestData.stage(seven, "Payment collected"), "version", deal.get("version").asLong()));
        assertThat(toPaymentStage.toString()).contains("payments of a won deal are collected");

        JsonNode offered = calls.get(rep, "/api/v1/deals/" + id + "/payment-schedule?installments=2");
        assertThat(offered).extracting(i -> i.get("amountMinor").asLong()).containsExactly(5_000_01L, 5_000_00L);

        JsonNode mismatch = calls.expect(400, rep, HttpMethod.POST, "/api/v1/deals/" + id + "/win", Map.of("version",
                deal.get("version").asLong(), "payments", List.of(Map.of("amountMinor", 100, "dueOn", "2026-05-01"))));
        assertThat(Calls.fields(mismatch)).containsExactly("payments");

        JsonNode won = calls.post(rep, "/api/v1/deals/" + id + "/win", Map.of("version", deal.get("version").asLong(),
                "payments", List.of(Map.of("amountMinor", 6_000_01, "dueOn", "2026-05-01", "reference", "INV-1"),
                        Map.of("amountMinor", 4_000_00, "dueOn", "2026-06-01"))));
        assertThat(won.get("status").asString()).isEqualTo("WON");
        assertThat(won.get("probability").asInt()).isEqualTo(100);
        JsonNode invoices = calls.get(rep, "/api/v1/payments?dealId=" + id).get("items");
        assertThat(invoices).hasSize(2);

        JsonNode first = calls.post(rep, "/api/v1/payments/" + invoices.get(0).get("id").asString() + "/paid",
                Map.of("version", invoices.get(0).get("version").asLong()));
        assertThat(first.get("paidOn").asString()).isNotBlank();
        assertThat(calls.get(rep, "/api/v1/deals/" + id).get("stageName").asString()).isEqualTo("Ask for contract");
        calls.post(rep, "/api/v1/payments/" + invoices.get(1).get("id").asString() + "/paid",
                Map.of("version", invoices.get(1).get("version").asLong(), "paidOn", LocalDate.now().minusDays(1).toString()));
        JsonNode collected = calls.get(rep, "/api/v1/deals/" + id);
        assertThat(collected.get("stageName").asString()).isEqualTo("Payment collected");
        assertThat(collected.get("paymentCollectedAt").isNull()).isFalse();
        assertThat(calls.get(rep, "/api/v1/deals/" + id + "/history").get("items")).last()
                .satisfies(m -> assertThat(m.get("reason").asString()).isEqualTo("payment collected"));
        calls.expect(409, rep, HttpMethod.POST, "/api/v1/deals/" + id + "/win", Map.of("version", collected.get("version").asLong()));
    }

    @Test
    void aLostDealNeedsAReasonFromTheList() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String account = data.account(rep, parties, "Lost Ltd");
        JsonNode deal = data.deal(rep, account, null, null, 100);
        String id = deal.get("id").asString();
        JsonNode missing = calls.expect(400, rep, HttpMethod.POST, "/api/v1/deals/" + id + "/lose", Map.of("version",
                deal.get("version").asLong()));
        assertThat(Calls.fields(missing)).containsExactly("reasonId");
        JsonNode reason = calls.get(rep, "/api/v1/lost-reasons").get("items").get(0);
        JsonNode lost = calls.post(rep, "/api/v1/deals/" + id + "/lose", Map.of("version", deal.get("version").asLong(),
                "reasonId", reason.get("id").asString(), "note", "went with the cheapest"));
        assertThat(lost.get("status").asString()).isEqualTo("LOST");
        assertThat(lost.get("lostReason").asString()).isEqualTo(reason.get("label").asString());
        JsonNode reopened = calls.post(rep, "/api/v1/deals/" + id + "/reopen", Map.of("version", lost.get("version").asLong()));
        assertThat(reopened.get("status").asString()).isEqualTo("OPEN");
    }

    @Test
    void aRepeatProposalEntersAtTheProposalStage() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String account = data.account(rep, parties, "Loyal GmbH");
        JsonNode repeat = calls.create(rep, "/api/v1/deals/repeat", Map.of("accountId", account, "name", "Second roof"));
        assertThat(repeat.get("origin").asString()).isEqualTo("REPEAT");
        assertThat(repeat.get("stageName").asString()).isEqualTo("Proposal");
        assertThat(calls.get(rep, "/api/v1/deals?origin=REPEAT&accountId=" + account).get("items")).hasSize(1);
    }

    @Test
    void theBoardCountsAndSumsEachColumnAndPagesItsCards() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        TestUser other = acme.user(Role.REP);
        JsonNode pipeline = data.pipeline(rep, "Five-phase cycle");
        String account = data.account(rep, parties, "Board Co");
        for (int i = 0; i < 53; i++) {
            data.deal(rep, account, null, null, 100);
        }
        data.deal(rep, account, null, SalesTestData.stage(pipeline, "Closing"), 7_000);
        JsonNode board = calls.get(acme.admin(), "/api/v1/pipelines/" + pipeline.get("id").asString() + "/board");
        JsonNode first = board.get("columns").get(0);
        assertThat(first.get("count").asLong()).isEqualTo(53);
        assertThat(first.get("totals").get(0).get("amountMinor").asLong()).isEqualTo(5_300);
        assertThat(first.get("cards")).hasSize(50);
        assertThat(first.get("nextCursor").isNull()).isFalse();
        JsonNode rest = calls.get(acme.admin(), "/api/v1/pipelines/" + pipeline.get("id").asString() + "/stages/"
                + first.get("stage").get("id").asString() + "/deals?cursor=" + first.get("nextCursor").asString());
        assertThat(rest.get("items")).hasSize(3);
        assertThat(board.get("columns").get(3).get("count").asLong()).isEqualTo(1);
        assertThat(board.get("count").asLong()).isEqualTo(54);

        JsonNode othersBoard = calls.get(other, "/api/v1/pipelines/" + pipeline.get("id").asString() + "/board");
        assertThat(othersBoard.get("count").asLong()).as("a rep of another team sees none of them").isZero();
        JsonNode filtered = calls.get(acme.admin(), "/api/v1/pipelines/" + pipeline.get("id").asString() + "/board?ownerId="
                + other.id());
        assertThat(filtered.get("count").asLong()).isZero();
    }

    @Test
    void rolesAndWorkspacesAreRespected() {
        TestWorkspace acme = fixtures.workspace();
        TestWorkspace globex = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        TestUser staff = acme.user(Role.STAFF);
        String account = data.account(rep, parties, "Mine");
        JsonNode deal = data.deal(rep, account, null, null, 100);
        String id = deal.get("id").asString();
        calls.expect(404, globex.admin(), HttpMethod.GET, "/api/v1/deals/" + id, null);
        calls.expect(404, globex.admin(), HttpMethod.POST, "/api/v1/deals/" + id + "/move", Map.of("stageId", "1", "version", 0));
        calls.expect(403, staff, HttpMethod.POST, "/api/v1/deals", Map.of("name", "x", "accountId", account));
        calls.get(staff, "/api/v1/deals/" + id);
        calls.expect(404, acme.user(Role.REP), HttpMethod.GET, "/api/v1/deals/" + id, null);
        calls.expect(403, rep, HttpMethod.POST, "/api/v1/pipelines", Map.of("name", "Mine", "template", "FIVE_PHASE"));
        calls.expect(403, rep, HttpMethod.PATCH, "/api/v1/sales-settings", Map.of("claimLimit", 3, "version", 0));
    }

    @Test
    void dealsCarryTheWorkspacesCustomFieldsValidatedByName() {
        TestWorkspace acme = fixtures.workspace();
        calls.create(acme.admin(), "/api/v1/custom-fields", Map.of("entity", "deal", "key", "contract_type",
                "label", "Contract type", "type", "SELECT", "options", List.of("Frame", "One-off")));
        String account = data.account(acme.admin(), parties, "Custom Co");
        JsonNode bad = calls.expect(400, acme.admin(), HttpMethod.POST, "/api/v1/deals", Map.of("name", "Custom",
                "accountId", account, "custom", Map.of("contract_type", "Forever", "nope", 1)));
        assertThat(Calls.fields(bad)).containsExactlyInAnyOrder("custom.contract_type", "custom.nope");
        JsonNode deal = calls.create(acme.admin(), "/api/v1/deals", Map.of("name", "Custom", "accountId", account,
                "custom", Map.of("contract_type", "frame")));
        assertThat(deal.at("/custom/contract_type").asString()).isEqualTo("Frame");
        JsonNode changed = calls.patch(acme.admin(), "/api/v1/deals/" + deal.get("id").asString(), Map.of("version",
                deal.get("version").asLong(), "custom", Map.of("contract_type", "One-off")));
        assertThat(changed.at("/custom/contract_type").asString()).isEqualTo("One-off");
    }

    @Test
    void updatesAreMergePatchesGuardedByTheVersion() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String account = data.account(rep, parties, "Patchy");
        JsonNode deal = data.deal(rep, account, null, null, 100);
        String id = deal.get("id").asString();
        calls.expect(400, rep, HttpMethod.PATCH, "/api/v1/deals/" + id, Map.of("name", "x"));
        JsonNode readOnly = calls.expect(400, rep, HttpMethod.PATCH, "/api/v1/deals/" + id, Map.of("version", 0,
                "status", "WON", "createdAt", "x"));
        assertThat(Calls.fields(readOnly)).containsExactlyInAnyOrder("status", "createdAt");
        JsonNode changed = calls.patch(rep, "/api/v1/deals/" + id, Map.of("version", deal.get("version").asLong(),
                "amountMinor", 999, "probability", 33, "expectedCloseDate", "2026-12-24"));
        assertThat(changed.get("probability").asInt()).isEqualTo(33);
        assertThat(changed.get("name").asString()).isEqualTo(deal.get("name").asString());
        calls.expect(409, rep, HttpMethod.PATCH, "/api/v1/deals/" + id, Map.of("version", deal.get("version").asLong(),
                "amountMinor", 1));
        JsonNode badDate = calls.expect(400, rep, HttpMethod.PATCH, "/api/v1/deals/" + id, Map.of("version",
                changed.get("version").asLong(), "expectedCloseDate", "soon"));
        assertThat(Calls.fields(badDate)).containsExactly("expectedCloseDate");
    }
}
