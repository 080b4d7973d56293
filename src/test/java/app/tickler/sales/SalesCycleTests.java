package app.tickler.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import app.tickler.Fixtures;
import app.tickler.MutableClock;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.identity.UserId;
import app.tickler.party.Account;
import app.tickler.party.AccountId;
import app.tickler.party.AccountInput;
import app.tickler.party.AccountsMerged;
import app.tickler.party.Contact;
import app.tickler.party.ContactInput;
import app.tickler.party.ContactsMerged;
import app.tickler.party.Parties;
import app.tickler.party.PartyRemoved;
import app.tickler.platform.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The facade other modules use, the events the module publishes, and its answers to party merges and removals. */
@TicklerTest
@RecordApplicationEvents
class SalesCycleTests {

    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    Parties parties;
    @Autowired
    SalesCycle sales;
    @Autowired
    MutableClock clock;
    @Autowired
    ApplicationEvents events;
    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    TransactionTemplate transactions;

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

    private static DealId id(JsonNode deal) {
        return new DealId(Long.parseLong(deal.get("id").asString()));
    }

    @Test
    void rulesMoveDealsAndQualifyLeadsThroughTheFacade() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String account = data.account(rep, parties, "Facade Co");
        JsonNode deal = data.deal(rep, account, null, null, 100);
        JsonNode pipeline = data.pipeline(rep, "Five-phase cycle");
        rep.run(() -> {
            DealSummary summary = sales.deal(id(deal)).orElseThrow();
            assertThat(summary.stageName()).isEqualTo("Qualification");
            assertThat(sales.stages(summary.pipelineId())).extracting(StageSummary::name)
                    .containsExactly("Qualification", "Prospecting", "Proposal", "Closing", "Follow-up");
            sales.advance(summary.id(), "ready to buy");
            assertThat(sales.deal(summary.id()).orElseThrow().stageName()).isEqualTo("Prospecting");
            DealSummary back = sales.moveDeal(summary.id(), new StageId(Long.parseLong(SalesTestData.stage(pipeline,
                    "Qualification"))), "customer went quiet");
            assertThat(back.stageName()).isEqualTo("Qualification");
            assertThat(sales.deals(List.of(summary.id()))).containsKey(summary.id());
            DealSummary repeat = sales.createRepeatDeal(new AccountId(Long.parseLong(account)), "Again", new UserId(rep.id()));
            assertThat(repeat.origin()).isEqualTo(DealOrigin.REPEAT);
            assertThat(repeat.stageName()).isEqualTo("Proposal");
            assertThat(sales.dealsOf(new AccountId(Long.parseLong(account)))).hasSize(2);
        });
        assertThat(events.stream(DealStageChanged.class).filter(e -> e.deal().equals(id(deal))))
                .extracting(DealStageChanged::progressed).containsExactly(true, true, false);

        JsonNode lead = calls.create(rep, "/api/v1/leads", Map.of("lastName", "Ready", "ownerId", Long.toString(rep.id())));
        LeadId leadId = new LeadId(Long.parseLong(lead.get("id").asString()));
        rep.run(() -> {
            sales.advanceLead(leadId, "ready to buy");
            assertThat(sales.lead(leadId).orElseThrow().status()).isEqualTo(LeadStatus.QUALIFIED);
            assertThat(sales.leads(List.of(leadId))).containsKey(leadId);
        });
        assertThat(events.stream(LeadCreated.class)).anySatisfy(e -> assertThat(e.lead()).isEqualTo(leadId));
    }

    @Test
    void cycleLengthAndTimeInStageComeFromTheHistory() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String account = data.account(rep, parties, "Stats Co");
        JsonNode pipeline = data.pipeline(rep, "Five-phase cycle");
        String pipelineId = pipeline.get("id").asString();
        clock.set(Instant.parse("2026-01-05T09:00:00Z"));
        JsonNode first = data.deal(rep, account, null, null, 1_000);
        JsonNode second = data.deal(rep, account, null, null, 3_000);
        JsonNode third = data.deal(rep, account, null, null, 500);
        clock.advance(Duration.ofDays(2));
        JsonNode moved = calls.post(rep, "/api/v1/deals/" + first.get("id").asString() + "/move", Map.of("stageId",
                SalesTestData.stage(pipeline, "Proposal"), "version", first.get("version").asLong()));
        clock.advance(Duration.ofDays(8));
        calls.post(rep, "/api/v1/deals/" + first.get("id").asString() + "/win", Map.of("version", moved.get("version").asLong()));
        clock.advance(Duration.ofDays(10));
        calls.post(rep, "/api/v1/deals/" + second.get("id").asString() + "/win", Map.of("version", second.get("version").asLong()));
        String reason = calls.get(rep, "/api/v1/lost-reasons").get("items").get(1).get("id").asString();
        calls.post(rep, "/api/v1/deals/" + third.get("id").asString() + "/lose", Map.of("version", third.get("version").asLong(),
                "reasonId", reason));

        JsonNode stats = calls.get(rep, "/api/v1/pipelines/" + pipelineId + "/statistics?since=2026-01-01");
        assertThat(stats.get("won").asLong()).isEqualTo(2);
        assertThat(stats.get("lost").asLong()).isEqualTo(1);
        assertThat(stats.get("winRatePercent").asInt()).isEqualTo(67);
        assertThat(stats.get("averageCycleDays").asDouble()).isEqualTo(15.0);
        assertThat(stats.get("timeInStage").get(0).get("averageDays").asDouble()).isEqualTo(2.0);
        assertThat(stats.get("lostReasons").get(0).get("count").asLong()).isEqualTo(1);
        assertThat(events.stream(DealWon.class)).hasSize(2);
        assertThat(events.stream(DealLost.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo("Chose a competitor"));
    }

    @Test
    void mergedPartiesHandTheirDealsAndLeadsToTheSurvivorAndRemovedOnesTakeThemAlong() {
        TestWorkspace acme = fixtures.workspace();
        TestUser admin = acme.admin();
        Account duplicate = admin.call(() -> parties.createAccount(AccountInput.named("Dup GmbH")));
        Account survivor = admin.call(() -> parties.createAccount(AccountInput.named("Survivor GmbH")));
        Contact ann = admin.call(() -> parties.createContact(ContactInput.named("Ann", "Dup")));
        Contact anna = admin.call(() -> parties.createContact(ContactInput.named("Anna", "Dup")));
        JsonNode deal = calls.create(admin, "/api/v1/deals", Map.of("name", "Merge me", "accountId",
                Long.toString(duplicate.id().value()), "contacts", List.of(Map.of("contactId", Long.toString(ann.id().value())),
                        Map.of("contactId", Long.toString(anna.id().value()), "role", "CHAMPION"))));
        admin.run(() -> transactions.executeWithoutResult(status -> {
            publisher.publishEvent(new AccountsMerged(duplicate.id(), survivor.id()));
            publisher.publishEvent(new ContactsMerged(ann.id(), anna.id()));
        }));
        JsonNode merged = calls.get(admin, "/api/v1/deals/" + deal.get("id").asString());
        assertThat(merged.get("accountId").asString()).isEqualTo(Long.toString(survivor.id().value()));
        assertThat(merged.get("contacts")).singleElement().satisfies(c -> {
            assertThat(c.get("contactId").asString()).isEqualTo(Long.toString(anna.id().value()));
            assertThat(c.get("role").asString()).isEqualTo("CHAMPION");
        });
        admin.run(() -> transactions.executeWithoutResult(status -> {
            publisher.publishEvent(new PartyRemoved(null, anna.id(), true));
        }));
        assertThat(calls.get(admin, "/api/v1/deals/" + deal.get("id").asString()).get("contacts")).isEmpty();
        admin.run(() -> transactions.executeWithoutResult(status -> {
            publisher.publishEvent(new PartyRemoved(survivor.id(), null, false));
        }));
        calls.expect(404, admin, org.springframework.http.HttpMethod.GET, "/api/v1/deals/" + deal.get("id").asString(), null);
    }

    @Test
    void claimsConversionsAndPaymentsAreAnnounced() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        JsonNode lead = calls.create(acme.admin(), "/api/v1/leads", Map.of("firstName", "Eve", "lastName", "Event",
                "company", "Eventful " + System.nanoTime()));
        String id = lead.get("id").asString();
        JsonNode claimed = calls.post(rep, "/api/v1/leads/" + id + "/claim", null);
        JsonNode converted = calls.post(rep, "/api/v1/leads/" + id + "/convert", Map.of("version", claimed.get("version").asLong(),
                "deal", Map.of("amountMinor", 900)));
        JsonNode deal = converted.get("deal");
        JsonNode won = calls.post(rep, "/api/v1/deals/" + deal.get("id").asString() + "/win", Map.of("version",
                deal.get("version").asLong()));
        JsonNode invoice = calls.get(rep, "/api/v1/payments?dealId=" + deal.get("id").asString()).get("items").get(0);
        calls.post(rep, "/api/v1/payments/" + invoice.get("id").asString() + "/paid", Map.of("version", invoice.get("version").asLong()));
        LeadId leadId = new LeadId(Long.parseLong(id));
        assertThat(events.stream(LeadClaimed.class)).anySatisfy(e -> assertThat(e.lead()).isEqualTo(leadId));
        assertThat(events.stream(LeadConverted.class)).singleElement().satisfies(e -> {
            assertThat(e.deal()).isEqualTo(id(deal));
            assertThat(e.account().value()).isEqualTo(Long.parseLong(converted.get("accountId").asString()));
        });
        assertThat(events.stream(DealCreated.class)).anySatisfy(e -> assertThat(e.deal()).isEqualTo(id(deal)));
        assertThat(events.stream(DealWon.class)).singleElement().satisfies(e -> assertThat(e.amountMinor()).isEqualTo(900));
        assertThat(events.stream(PaymentReceived.class)).singleElement()
                .satisfies(e -> assertThat(e.dealFullyPaid()).isTrue());
        assertThat(won.get("status").asString()).isEqualTo("WON");
    }

    @Test
    void leadsAreCreatedFoundByEmailChangedAndRemovedThroughTheFacade() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP, acme.team("North"));
        TestUser stranger = acme.user(Role.REP, acme.team("South"));
        LeadSummary lead = rep.call(() -> sales.createLead(new LeadInput("Lea", "Lead", null, "Leads Ltd",
                "Lea@Leads.example", null, LeadSource.IMPORT, null, null, null, null, new UserId(rep.id()), Map.of()),
                null));
        assertThat(lead.ownerId().value()).isEqualTo(rep.id());
        rep.run(() -> {
            assertThat(sales.leadsWithEmails(List.of("lea@leads.example", "LEA@LEADS.EXAMPLE", "nobody@x.example")))
                    .containsOnlyKeys("lea@leads.example", "LEA@LEADS.EXAMPLE")
                    .containsEntry("lea@leads.example", List.of(lead.id()));
            EditableLead editable = sales.editableLead(lead.id()).orElseThrow();
            assertThat(editable.input().company()).isEqualTo("Leads Ltd");
            assertThat(editable.active()).isTrue();
            LeadInput changed = new LeadInput("Lea", "Lead", "Buyer", "Leads Ltd", editable.input().email(), null,
                    LeadSource.IMPORT, null, null, null, null, editable.ownerId(), Map.of());
            assertThat(sales.updateLead(lead.id(), changed, null, editable.version()).name()).isEqualTo("Lea Lead");
            assertThat(sales.editableLead(lead.id()).orElseThrow().input().title()).isEqualTo("Buyer");
        });
        long version = rep.call(() -> sales.editableLead(lead.id()).orElseThrow().version());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stranger.run(() -> sales.removeLead(lead.id())))
                .as("a lead the caller may not see is not removed").isInstanceOf(LeadNotFound.class);
        rep.run(() -> sales.removeLead(lead.id()));
        assertThat(events.stream(LeadRemoved.class)).singleElement().satisfies(e -> {
            assertThat(e.lead()).isEqualTo(lead.id());
            assertThat(e.createdAt()).as("for what was counted of it").isNotNull();
        });
        rep.run(() -> {
            assertThat(sales.lead(lead.id())).isEmpty();
            assertThat(sales.leadsWithEmails(List.of("lea@leads.example"))).isEmpty();
        });
        assertThat(version).isPositive();
    }

    @Test
    void aLeadTakesTheOpenStatusAskedForAndALeadWithAnOwnerIsBeingWorked() {
        TestWorkspace acme = fixtures.workspace();
        TestUser manager = acme.user(Role.MANAGER);
        TestUser rep = acme.user(Role.REP);
        LeadSummary worked = manager.call(() -> sales.createLead(lead("Pia", null), LeadStatus.WORKING));
        assertThat(worked.ownerId()).as("in the pool").isNull();
        assertThat(worked.status()).isEqualTo(LeadStatus.WORKING);
        LeadSummary fresh = manager.call(() -> sales.createLead(lead("Nell", null), null));
        assertThat(fresh.status()).isEqualTo(LeadStatus.NEW);
        assertThat(rep.call(() -> sales.createLead(lead("Olga", new UserId(rep.id())), LeadStatus.NEW)).status())
                .as("as a lead typed in").isEqualTo(LeadStatus.WORKING);

        manager.run(() -> {
            EditableLead nell = sales.editableLead(fresh.id()).orElseThrow();
            assertThat(sales.updateLead(fresh.id(), nell.input(), LeadStatus.WORKING, nell.version()).status())
                    .isEqualTo(LeadStatus.WORKING);
            EditableLead working = sales.editableLead(fresh.id()).orElseThrow();
            assertThat(sales.updateLead(fresh.id(), working.input(), LeadStatus.NEW, working.version()).status())
                    .as("back to new, as an undone import does").isEqualTo(LeadStatus.NEW);
            EditableLead again = sales.editableLead(fresh.id()).orElseThrow();
            assertThat(sales.updateLead(fresh.id(), again.input(), null, again.version()).status())
                    .as("null keeps it").isEqualTo(LeadStatus.NEW);
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> manager.run(() -> sales.checkLead(null, lead("Quinn", null),
                LeadStatus.QUALIFIED))).isInstanceOf(app.tickler.platform.InvalidInput.class).hasMessageContaining("status");
        manager.run(() -> sales.disqualifyLead(worked.id(), "Bad timing"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> manager.run(() -> sales.checkLead(worked.id(),
                sales.editableLead(worked.id()).orElseThrow().input(), LeadStatus.WORKING)))
                .as("a closed lead keeps its status").isInstanceOf(app.tickler.platform.InvalidInput.class)
                .hasMessageContaining("status");
    }

    @Test
    void theOwnerOfAClosedLeadDoesNotChangeAndTheCheckSaysSoByItsField() {
        TestWorkspace acme = fixtures.workspace();
        TestUser manager = acme.user(Role.MANAGER);
        TestUser rep = acme.user(Role.REP);
        TestUser other = acme.user(Role.REP);
        LeadSummary lead = manager.call(() -> sales.createLead(lead("Dora", new UserId(rep.id())), null));
        manager.run(() -> sales.disqualifyLead(lead.id(), "Bad timing"));
        EditableLead closed = manager.call(() -> sales.editableLead(lead.id()).orElseThrow());
        LeadInput given = new LeadInput("Dora", "Lead", null, null, closed.input().email(), null, LeadSource.IMPORT,
                null, null, null, null, new UserId(other.id()), Map.of());
        for (Runnable attempt : List.<Runnable>of(() -> sales.checkLead(lead.id(), given, null),
                () -> sales.updateLead(lead.id(), given, null, closed.version()))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> manager.run(attempt))
                    .isInstanceOfSatisfying(app.tickler.platform.InvalidInput.class, e -> assertThat(e.problems())
                            .singleElement().satisfies(p -> {
                                assertThat(p.field()).isEqualTo("ownerId");
                                assertThat(p.message()).contains("disqualified");
                            }));
        }
        assertThat(manager.call(() -> sales.lead(lead.id()).orElseThrow().ownerId().value())).isEqualTo(rep.id());
        LeadInput kept = new LeadInput("Dora", "Lead", "Buyer", null, closed.input().email(), null, LeadSource.IMPORT,
                null, null, null, null, new UserId(rep.id()), Map.of());
        manager.run(() -> sales.checkLead(lead.id(), kept, null));
    }

    private static LeadInput lead(String name, UserId owner) {
        return new LeadInput(name, "Lead", null, null, name.toLowerCase() + "@leads.example", null, LeadSource.IMPORT, null,
                null, null, null, owner, Map.of());
    }

    @Test
    void dealsAreCheckedCreatedChangedAndRemovedThroughTheFacade() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Account account = rep.call(() -> parties.createAccount(AccountInput.named("Draft Co")));
        PipelineSummary pipeline = rep.call(() -> sales.defaultPipeline());
        StageId second = pipeline.stages().get(1).id();
        DealDraft draft = new DealDraft("Drafted", account.id(), 5_000L, null, null, null, null, second, null, Map.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rep.run(() -> sales.checkDeal(null,
                new DealDraft("", account.id(), -1L, "XYZ", null, null, null, null, null, Map.of()))))
                .isInstanceOf(app.tickler.platform.InvalidInput.class).hasMessageContaining("name");
        DealSummary created = rep.call(() -> sales.createDeal(draft));
        assertThat(created.ownerId().value()).as("the caller owns it").isEqualTo(rep.id());
        assertThat(created.stageId()).isEqualTo(second);
        EditableDeal editable = rep.call(() -> sales.editableDeal(created.id()).orElseThrow());
        assertThat(editable.draft().amountMinor()).isEqualTo(5_000L);
        DealSummary changed = rep.call(() -> sales.updateDeal(created.id(), new DealDraft("Drafted", account.id(), 7_000L,
                null, null, editable.ownerId(), editable.draft().pipelineId(), editable.draft().stageId(), null, Map.of()),
                editable.version()));
        assertThat(changed.amountMinor()).isEqualTo(7_000L);
        rep.run(() -> sales.removeDeal(created.id()));
        assertThat(events.stream(DealRemoved.class)).singleElement()
                .satisfies(e -> assertThat(e.deal()).isEqualTo(created.id()));
        assertThat(rep.call(() -> sales.deal(created.id()))).isEmpty();
    }

    @Autowired
    app.tickler.platform.timeline.Timeline timeline;

    /** Every entry on the record's timeline, newest first. */
    List<app.tickler.platform.timeline.TimelineEntry> timelineOf(TestUser user, String type, long id) {
        return user.call(() -> timeline.of(new app.tickler.platform.timeline.TimelineEntry.Subject(type, id),
                app.tickler.platform.Paging.first(100)).items());
    }

    @Test
    void aDealWonBeforeTicklerIsRecordedAsHistoryWithItsInvoiceAndWithoutTheEventsOfAWin() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Account account = rep.call(() -> parties.createAccount(AccountInput.named("History Co")));
        java.time.LocalDate created = java.time.LocalDate.of(2024, 1, 10);
        java.time.LocalDate won = java.time.LocalDate.of(2024, 3, 5);
        java.time.LocalDate paid = java.time.LocalDate.of(2024, 4, 1);
        DealSummary deal = rep.call(() -> sales.recordClosedDeal(new DealDraft("Old roof", account.id(), 12_000L, null,
                won, null, null, null, null, Map.of()), new DealOutcome(DealStatus.WON, won, created, null, true, paid)));

        assertThat(deal.status()).isEqualTo(DealStatus.WON);
        assertThat(deal.probability()).isEqualTo(100);
        assertThat(deal.ownerId().value()).as("the caller owns it").isEqualTo(rep.id());
        assertThat(deal.stageName()).as("no stage named: the default pipeline's last stage that takes deals")
                .isEqualTo("Follow-up");
        JsonNode stored = calls.get(rep, "/api/v1/deals/" + deal.id().value());
        assertThat(stored.get("closedOn").asString()).isEqualTo("2024-03-05");
        assertThat(stored.get("closedAt").asString()).isEqualTo("2024-03-05T12:00:00Z");
        assertThat(stored.get("createdAt").asString()).as("its cycle counts from its creation there")
                .isEqualTo("2024-01-10T12:00:00Z");
        assertThat(stored.get("paymentCollectedAt").asString()).isEqualTo("2024-04-01T12:00:00Z");
        JsonNode history = calls.get(rep, "/api/v1/deals/" + deal.id().value() + "/history").get("items");
        assertThat(history.findValuesAsString("movement")).containsExactly("ENTERED");
        assertThat(history.get(0).get("movedAt").asString()).isEqualTo("2024-01-10T12:00:00Z");
        JsonNode invoices = calls.get(rep, "/api/v1/payments?dealId=" + deal.id().value()).get("items");
        assertThat(invoices.size()).isEqualTo(1);
        assertThat(invoices.get(0).get("amountMinor").asLong()).isEqualTo(12_000);
        assertThat(invoices.get(0).get("paidOn").asString()).isEqualTo("2024-04-01");
        assertThat(timelineOf(rep, "account", account.id().value())).filteredOn(e -> e.kind().startsWith("deal."))
                .extracting(e -> e.kind() + " " + e.occurredAt())
                .containsExactly("deal.won 2024-03-05T12:00:00Z", "deal.created 2024-01-10T12:00:00Z");

        assertThat(events.stream(ClosedDealRecorded.class)).singleElement().satisfies(e -> {
            assertThat(e.deal()).isEqualTo(deal.id());
            assertThat(e.status()).isEqualTo(DealStatus.WON);
            assertThat(e.moves()).singleElement().satisfies(m -> {
                assertThat(m.movement()).isEqualTo(StageMovement.ENTERED);
                assertThat(m.at()).isEqualTo(Instant.parse("2024-01-10T12:00:00Z"));
                assertThat(m.movedBy().value()).isEqualTo(rep.id());
            });
            assertThat(e.paid()).containsExactly(new PaidInvoice(paid, 12_000, deal.currency()));
        });
        assertThat(events.stream(DealWon.class)).as("no onboarding, journal line or closing attempt now").isEmpty();
        assertThat(events.stream(DealCreated.class)).isEmpty();
        assertThat(events.stream(DealStageChanged.class)).isEmpty();
        assertThat(events.stream(PaymentReceived.class)).isEmpty();
    }

    @Test
    void aDealWonBeforeTicklerInASevenElementPipelineArrivesAtPaymentCollectedOnTheDayItWasPaid() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Account account = rep.call(() -> parties.createAccount(AccountInput.named("Seven Co")));
        JsonNode seven = data.pipeline(rep, "Seven elements");
        PipelineId pipeline = new PipelineId(Long.parseLong(seven.get("id").asString()));
        StageId contract = new StageId(Long.parseLong(SalesTestData.stage(seven, "Ask for contract")));
        java.time.LocalDate won = java.time.LocalDate.of(2023, 6, 1);
        DealSummary deal = rep.call(() -> sales.recordClosedDeal(new DealDraft("Seven", account.id(), 500L, null, null,
                null, pipeline, contract, null, Map.of()), new DealOutcome(DealStatus.WON, won, null, null, null,
                        java.time.LocalDate.of(2023, 7, 1))));
        assertThat(deal.stageName()).isEqualTo("Payment collected");
        JsonNode history = calls.get(rep, "/api/v1/deals/" + deal.id().value() + "/history").get("items");
        assertThat(history.findValuesAsString("movement")).containsExactly("ENTERED", "PROGRESSED");
        assertThat(history.findValuesAsString("movedAt")).containsExactly("2023-06-01T12:00:00Z", "2023-07-01T12:00:00Z");
        assertThat(events.stream(ClosedDealRecorded.class)).singleElement()
                .satisfies(e -> assertThat(e.moves()).extracting(StageMove::movement)
                        .containsExactly(StageMovement.ENTERED, StageMovement.PROGRESSED));

        DealSummary open = rep.call(() -> sales.recordClosedDeal(new DealDraft("Unpaid", account.id(), 700L, null, null,
                null, null, null, null, Map.of()), new DealOutcome(DealStatus.WON, won, null, null, false, null)));
        JsonNode invoice = calls.get(rep, "/api/v1/payments?dealId=" + open.id().value()).at("/items/0");
        assertThat(invoice.get("paidOn").isNull()).as("the file says it is not paid: an open invoice").isTrue();
        assertThat(invoice.get("dueOn").asString()).as("due after the payment terms").isEqualTo(
                won.plusDays(calls.get(rep, "/api/v1/deals/" + open.id().value()).get("paymentTermsDays").asInt()).toString());
        DealSummary none = rep.call(() -> sales.recordClosedDeal(new DealDraft("No invoice", account.id(), 700L, null,
                null, null, null, null, null, Map.of()), new DealOutcome(DealStatus.WON, won, null, null, null, null)));
        assertThat(calls.get(rep, "/api/v1/payments?dealId=" + none.id().value()).get("items").size())
                .as("the file says nothing of it: no invoice").isZero();
    }

    @Test
    void aDealLostBeforeTicklerTakesOneOfTheWorkspacesReasonsOrOtherAndWithoutOtherItsReasonIsRequired() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Account account = rep.call(() -> parties.createAccount(AccountInput.named("Lost Co")));
        java.time.LocalDate lost = java.time.LocalDate.of(2024, 2, 2);
        DealDraft draft = new DealDraft("Gone", account.id(), 100L, null, null, null, null, null, null, Map.of());
        DealSummary known = rep.call(() -> sales.recordClosedDeal(draft, new DealOutcome(DealStatus.LOST, lost, null,
                " no BUDGET ", null, null)));
        assertThat(calls.get(rep, "/api/v1/deals/" + known.id().value()).get("lostReason").asString())
                .isEqualTo("No budget");
        assertThat(known.probability()).isZero();

        JsonNode reasons = calls.get(rep, "/api/v1/lost-reasons").get("items");
        assertThat(reasons.findValuesAsString("label")).as("a new workspace's reasons").containsExactly("Price too high",
                "Chose a competitor", "No budget", "No decision or bad timing", "Product does not fit", "Went silent",
                "Other");
        DealSummary other = rep.call(() -> sales.recordClosedDeal(draft, new DealOutcome(DealStatus.LOST, lost, null,
                "Budget cuts", null, null)));
        JsonNode stored = calls.get(rep, "/api/v1/deals/" + other.id().value());
        assertThat(stored.get("lostReason").asString()).isEqualTo("Other");
        assertThat(stored.get("lostNote").asString()).as("the file's reason is kept").isEqualTo("Budget cuts");
        assertThat(events.stream(DealLost.class)).isEmpty();
        assertThat(events.stream(ClosedDealRecorded.class)).hasSize(2);

        // a manager retires "Other": a lost deal still needs a reason, as when it is lost in Tickler
        JsonNode otherReason = reasons.get(reasons.size() - 1);
        calls.patch(acme.admin(), "/api/v1/lost-reasons/" + otherReason.get("id").asString(), Map.of("retired", true,
                "version", otherReason.get("version").asLong()));
        for (String text : java.util.Arrays.asList("Budget cuts", null)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> rep.run(() -> sales.checkClosedDeal(draft,
                    new DealOutcome(DealStatus.LOST, lost, null, text, null, null))))
                    .isInstanceOfSatisfying(app.tickler.platform.InvalidInput.class, e -> assertThat(
                            e.messageFor("lostReason")).as(String.valueOf(text))
                            .contains(text == null ? "is required for a lost deal"
                                    : "'Budget cuts' is not one of the workspace's lost reasons")
                            .contains("Price too high").contains("Went silent").doesNotContain("Went silent, Other")
                            .contains("The reason \"Other\"").contains("Settings → Lost reasons"));
        }

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rep.run(() -> sales.checkClosedDeal(draft,
                new DealOutcome(DealStatus.WON, java.time.LocalDate.now().plusDays(3), java.time.LocalDate.now().plusDays(9),
                        null, null, java.time.LocalDate.now().plusDays(4)))))
                .isInstanceOfSatisfying(app.tickler.platform.InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(app.tickler.platform.InvalidInput.FieldProblem::field)
                        .containsExactlyInAnyOrder("closedOn", "enteredOn", "paidOn"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rep.run(() -> sales.checkClosedDeal(draft,
                new DealOutcome(DealStatus.OPEN, lost, null, null, null, null))))
                .isInstanceOf(app.tickler.platform.InvalidInput.class).hasMessageContaining("status");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rep.run(() -> sales.checkClosedDeal(
                new DealDraft("Free", account.id(), 0L, null, null, null, null, null, null, Map.of()),
                new DealOutcome(DealStatus.WON, lost, null, null, true, null))))
                .isInstanceOf(app.tickler.platform.InvalidInput.class).hasMessageContaining("amountMinor");
    }

    @Test
    void removingADealTakesItsEntriesOffItsAccountsAndPeoplesTimelinesAndAnnouncesWhatItHadCounted() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Account account = rep.call(() -> parties.createAccount(AccountInput.named("Timeline Co")));
        Contact ann = rep.call(() -> parties.createContact(new ContactInput("Ann", "Lee", null, null, null, null, null,
                null, null, false, null, null, null, null, null, account.id(), app.tickler.party.BuyingRole.CHAMPION,
                true)));
        JsonNode pipeline = data.pipeline(rep, "Five-phase cycle");
        JsonNode created = calls.create(rep, "/api/v1/deals", Map.of("name", "Moving", "accountId",
                Long.toString(account.id().value()), "contacts", List.of(Map.of("contactId",
                        Long.toString(ann.id().value()), "role", "CHAMPION"))));
        DealId deal = id(created);
        calls.post(rep, "/api/v1/deals/" + deal.value() + "/move", Map.of("stageId", SalesTestData.stage(pipeline,
                "Proposal"), "version", created.get("version").asLong()));
        rep.run(() -> timeline.addNote(List.of(new app.tickler.platform.timeline.TimelineEntry.Subject("account",
                account.id().value())), "A note of the account's own", null));
        assertThat(timelineOf(rep, "contact", ann.id().value())).as("the deal's entries on its person")
                .anyMatch(e -> e.source() != null && e.source().id() == deal.value());

        rep.run(() -> sales.removeDeal(deal));

        for (var subject : List.of(List.of("account", account.id().value()), List.of("contact", ann.id().value()))) {
            assertThat(timelineOf(rep, (String) subject.get(0), (Long) subject.get(1))).as(subject.get(0) + "'s timeline")
                    .noneMatch(e -> e.source() != null && e.source().type().equals("deal")
                            || ("/deals/" + deal.value()).equals(e.link()));
        }
        assertThat(timelineOf(rep, "account", account.id().value())).as("the rest stays")
                .anyMatch(e -> e.kind().equals("note"));
        assertThat(events.stream(DealRemoved.class)).singleElement().satisfies(e -> {
            assertThat(e.deal()).isEqualTo(deal);
            assertThat(e.moves()).extracting(StageMove::movement)
                    .containsExactly(StageMovement.ENTERED, StageMovement.PROGRESSED);
            assertThat(e.moves()).allSatisfy(m -> assertThat(m.movedBy().value()).isEqualTo(rep.id()));
            assertThat(e.paid()).isEmpty();
        });
    }

    @Test
    void aDealRecordedClosedIsRemovedWithItsInvoicesOnlyWhileItIsStillClosedAsRecorded() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Account account = rep.call(() -> parties.createAccount(AccountInput.named("Recorded Co")));
        java.time.LocalDate won = java.time.LocalDate.of(2024, 5, 6);
        DealDraft draft = new DealDraft("Recorded", account.id(), 4_000L, null, null, null, null, null, null, Map.of());
        DealSummary paid = rep.call(() -> sales.recordClosedDeal(draft, new DealOutcome(DealStatus.WON, won, null, null,
                true, null)));
        DealSummary reopened = rep.call(() -> sales.recordClosedDeal(draft, new DealOutcome(DealStatus.WON, won, null,
                null, null, null)));
        calls.post(rep, "/api/v1/deals/" + reopened.id().value() + "/reopen", Map.of("version", 0));
        assertThat(rep.call(() -> sales.editableDeal(paid.id()).orElseThrow().closedOn())).isEqualTo(won);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rep.run(() -> sales.removeRecordedDeal(reopened.id(),
                DealStatus.WON, won))).as("reopened since: somebody's work").isInstanceOf(app.tickler.platform.Conflict.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rep.run(() -> sales.removeDeal(paid.id())))
                .as("a closed deal is not removed as an open one").isInstanceOf(app.tickler.platform.Conflict.class);
        rep.run(() -> sales.removeRecordedDeal(paid.id(), DealStatus.WON, won));

        assertThat(rep.call(() -> sales.deal(paid.id()))).isEmpty();
        assertThat(calls.get(rep, "/api/v1/payments?accountId=" + account.id().value()).get("items").size())
                .as("its invoice went with it").isZero();
        assertThat(rep.call(() -> sales.deal(reopened.id()))).isPresent();
        assertThat(events.stream(DealRemoved.class)).singleElement().satisfies(e -> {
            assertThat(e.deal()).isEqualTo(paid.id());
            assertThat(e.paid()).containsExactly(new PaidInvoice(won, 4_000, paid.currency()));
        });
    }
}
