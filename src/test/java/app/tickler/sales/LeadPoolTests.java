package app.tickler.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import app.tickler.EventGate;
import app.tickler.Fixtures;
import app.tickler.MutableClock;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.party.AccountInput;
import app.tickler.party.Contact;
import app.tickler.party.ContactInput;
import app.tickler.party.Parties;
import app.tickler.platform.Conflict;
import app.tickler.platform.database.Dialect;
import app.tickler.platform.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The lead pool: capture by anyone, the atomic claim and its limit, release, idle return, round-robin, conversion. */
@TicklerTest
class LeadPoolTests {

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
    @Autowired
    IdleLeads idleLeads;
    @Autowired
    SalesCycle salesCycle;
    @Autowired
    Leads leads;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    Dialect dialect;
    @Autowired
    EventGate gate;
    @Autowired
    ClaimsInFlight claimsInFlight;

    Calls calls;

    @BeforeEach
    void setUp() {
        calls = new Calls(mvc, json);
    }

    @AfterEach
    void resetClock() {
        clock.useSystemTime();
    }

    private JsonNode lead(TestUser user, Map<String, Object> body) {
        return calls.create(user, "/api/v1/leads", body);
    }

    @Test
    void staffReferALeadToThePoolAndGetTheCredit() {
        TestWorkspace acme = fixtures.workspace();
        TestUser staff = acme.user(Role.STAFF);
        TestUser rep = acme.user(Role.REP);
        JsonNode referred = lead(staff, Map.of("firstName", "Ann", "lastName", "Baker", "company", "Roofs",
                "email", "ann@roofs.example"));
        assertThat(referred.get("source").asString()).isEqualTo("REFERRAL");
        assertThat(referred.get("referredByUserId").asString()).isEqualTo(Long.toString(staff.id()));
        assertThat(referred.get("ownerId").isNull()).isTrue();
        assertThat(referred.get("status").asString()).isEqualTo("NEW");
        JsonNode ownerRefused = calls.expect(400, staff, HttpMethod.POST, "/api/v1/leads", Map.of("lastName", "X",
                "ownerId", Long.toString(rep.id())));
        assertThat(Calls.fields(ownerRefused)).containsExactly("ownerId");
        calls.expect(403, staff, HttpMethod.POST, "/api/v1/leads/" + referred.get("id").asString() + "/claim", null);
        assertThat(calls.get(rep, "/api/v1/leads?view=POOL").get("items")).extracting(l -> l.get("id").asString())
                .contains(referred.get("id").asString());
    }

    @Test
    void badLeadInputNamesEveryField() {
        TestWorkspace acme = fixtures.workspace();
        JsonNode problem = calls.expect(400, acme.admin(), HttpMethod.POST, "/api/v1/leads", Map.of("email", "not-an-email",
                "phone", "call me maybe", "ownerId", "42"));
        assertThat(Calls.fields(problem)).containsExactlyInAnyOrder("lastName", "email", "phone", "ownerId");
        JsonNode wrongSource = calls.expect(400, acme.admin(), HttpMethod.POST, "/api/v1/leads", Map.of("lastName", "X",
                "source", "TELEPATHY"));
        assertThat(Calls.fields(wrongSource)).containsExactly("source");
    }

    @Test
    void ofTwoRepsClaimingAtOnceExactlyOneWinsAndTheOtherIsToldWhy() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser first = acme.user(Role.REP);
        TestUser second = acme.user(Role.REP);
        for (int round = 0; round < 5; round++) {
            String id = lead(acme.admin(), Map.of("lastName", "Race " + round)).get("id").asString();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Calls.Answer>> answers = new ArrayList<>();
                for (TestUser rep : List.of(first, second)) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return calls.call(rep, HttpMethod.POST, "/api/v1/leads/" + id + "/claim", null);
                    }));
                }
                start.countDown();
                List<Calls.Answer> results = new ArrayList<>();
                for (Future<Calls.Answer> answer : answers) {
                    results.add(answer.get());
                }
                assertThat(results).extracting(Calls.Answer::status).containsExactlyInAnyOrder(200, 409);
                Calls.Answer loser = results.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
                // told who won, or (both past the first look together) that a colleague came first
                assertThat(loser.body().get("detail").asString())
                        .containsAnyOf("claimed this lead first", "is claiming it at this moment");
                Calls.Answer winner = results.stream().filter(a -> a.status() == 200).findFirst().orElseThrow();
                assertThat(winner.body().get("status").asString()).isEqualTo("WORKING");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void onPostgresqlALeadBeingClaimedIsRefusedAtOnceRatherThanWaitedFor() throws Exception {
        assumeTrue(dialect == Dialect.POSTGRESQL, "SQLite runs one write transaction at a time anyway");
        TestWorkspace acme = fixtures.workspace();
        TestUser first = acme.user(Role.REP);
        TestUser second = acme.user(Role.REP);
        LeadId id = new LeadId(lead(acme.admin(), Map.of("lastName", "In flight")).get("id").asLong());
        CountDownLatch claimedUncommitted = new CountDownLatch(1);
        CountDownLatch secondAnswered = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            Future<?> firstClaim = pool.submit(() -> first.call(() -> transactions.execute(status -> {
                leads.claim(id);
                // as if the second person's request reached another server, which has no memory of this claim
                claimsInFlight.forget(acme.id(), id.value());
                claimedUncommitted.countDown();
                try {
                    // keeps the claim uncommitted until the second person has had an answer (or gave up)
                    secondAnswered.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            })));
            assertThat(claimedUncommitted.await(10, TimeUnit.SECONDS)).isTrue();
            long started = System.nanoTime();
            try {
                assertThatThrownBy(() -> second.call(() -> leads.claim(id)))
                        .isInstanceOf(Conflict.class)
                        .hasMessageContaining("A colleague has just claimed this lead or is claiming it at this moment");
            } finally {
                secondAnswered.countDown();
            }
            // answered while the first claim was still open, not after it ended
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            firstClaim.get(20, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(calls.get(first, "/api/v1/leads/" + id.value()).get("ownerId").asLong()).isEqualTo(first.id());
    }

    @Test
    void aLeadBeingClaimedIsRefusedAtOnceWithoutWaitingForTheClaimInFlight() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser first = acme.user(Role.REP);
        TestUser second = acme.user(Role.REP);
        LeadId id = new LeadId(lead(acme.admin(), Map.of("lastName", "Crowded")).get("id").asLong());
        ExecutorService pool = Executors.newFixedThreadPool(1);
        gate.close(event -> event instanceof LeadClaimed claimed && claimed.lead().equals(id));
        try {
            // the first claim stops inside its transaction, after its UPDATE, holding SQLite's one writer slot
            Future<Lead> firstClaim = pool.submit(() -> first.call(() -> leads.claim(id)));
            assertThat(gate.awaitHeld(Duration.ofSeconds(10))).isTrue();
            long started = System.nanoTime();
            assertThatThrownBy(() -> second.call(() -> leads.claim(id)))
                    .isInstanceOf(Conflict.class)
                    .hasMessageContaining("A colleague has just claimed this lead or is claiming it at this moment");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            gate.open();
            assertThat(firstClaim.get(20, TimeUnit.SECONDS).ownerId().value()).isEqualTo(first.id());
        } finally {
            gate.open();
            pool.shutdownNow();
        }
    }

    @Test
    void aLeadReleasedRightAfterItsClaimCanBeClaimedAgainAtOnce() {
        TestWorkspace acme = fixtures.workspace();
        TestUser first = acme.user(Role.REP);
        TestUser second = acme.user(Role.REP);
        LeadId id = new LeadId(lead(acme.admin(), Map.of("lastName", "Second thoughts")).get("id").asLong());
        first.call(() -> leads.claim(id));
        // a second click a moment later is answered as the database would answer it
        assertThatThrownBy(() -> first.call(() -> leads.claim(id))).isInstanceOf(Conflict.class)
                .hasMessage("You already own this lead");
        assertThatThrownBy(() -> second.call(() -> leads.claim(id))).isInstanceOf(Conflict.class)
                .hasMessageStartingWith("A colleague claimed this lead first");
        first.call(() -> leads.release(id));
        // the claim a moment ago no longer answers for the lead: it is back in the pool
        assertThat(second.call(() -> leads.claim(id)).ownerId().value()).isEqualTo(second.id());
    }

    @Test
    void aRepCannotHoldMoreOpenLeadsThanTheLimitEvenClaimingInParallel() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        JsonNode settings = calls.get(acme.admin(), "/api/v1/sales-settings");
        calls.patch(acme.admin(), "/api/v1/sales-settings", Map.of("claimLimit", 2, "version", settings.get("version").asLong()));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(lead(acme.admin(), Map.of("lastName", "Limit " + i)).get("id").asString());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Calls.Answer>> answers = new ArrayList<>();
            for (String id : ids) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return calls.call(rep, HttpMethod.POST, "/api/v1/leads/" + id + "/claim", null);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Calls.Answer> answer : answers) {
                Calls.Answer a = answer.get();
                statuses.add(a.status());
                if (a.status() == 409) {
                    assertThat(a.body().get("detail").asString()).contains("the limit of this workspace (2)");
                }
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 200, 409, 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(calls.get(rep, "/api/v1/leads?view=MINE").get("items")).hasSize(2);
    }

    @Test
    void aReleasedLeadIsBackInThePoolAndAnIdleOneReturnsByItself() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        TestUser colleague = acme.user(Role.REP);
        clock.set(Instant.parse("2026-04-01T08:00:00Z"));
        String released = lead(acme.admin(), Map.of("lastName", "Released")).get("id").asString();
        String idle = lead(acme.admin(), Map.of("lastName", "Idle")).get("id").asString();
        String touched = lead(acme.admin(), Map.of("lastName", "Touched")).get("id").asString();
        for (String id : List.of(released, idle, touched)) {
            calls.post(rep, "/api/v1/leads/" + id + "/claim", null);
        }
        calls.expect(404, colleague, HttpMethod.GET, "/api/v1/leads/" + idle, null);
        calls.expect(404, colleague, HttpMethod.POST, "/api/v1/leads/" + released + "/release", null);
        JsonNode back = calls.post(rep, "/api/v1/leads/" + released + "/release", null);
        assertThat(back.get("ownerId").isNull()).isTrue();

        clock.advance(Duration.ofDays(10));
        rep.run(() -> salesCycle.recordActivity(new LeadId(Long.parseLong(touched)), clock.instant()));
        clock.advance(Duration.ofDays(5));
        int returned = acme.admin().call(() -> idleLeads.returnIdle());
        assertThat(returned).isEqualTo(1);
        assertThat(calls.get(acme.admin(), "/api/v1/leads/" + idle).get("ownerId").isNull()).isTrue();
        assertThat(calls.get(acme.admin(), "/api/v1/leads/" + touched).get("ownerId").asString())
                .isEqualTo(Long.toString(rep.id()));
        calls.get(colleague, "/api/v1/leads/" + idle);
    }

    @Test
    void roundRobinGivesNewLeadsToTheTeamInTurn() {
        TestWorkspace acme = fixtures.workspace();
        String team = acme.team("Inbound");
        TestUser one = acme.user(Role.REP, team);
        TestUser two = acme.user(Role.REP, team);
        JsonNode settings = calls.get(acme.admin(), "/api/v1/sales-settings");
        JsonNode missingTeam = calls.expect(400, acme.admin(), HttpMethod.PATCH, "/api/v1/sales-settings",
                Map.of("roundRobin", true, "version", settings.get("version").asLong()));
        assertThat(Calls.fields(missingTeam)).containsExactly("roundRobinTeamId");
        calls.patch(acme.admin(), "/api/v1/sales-settings", Map.of("roundRobin", true, "roundRobinTeamId", team,
                "version", settings.get("version").asLong()));
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            owners.add(lead(acme.admin(), Map.of("lastName", "Inbound " + i)).get("ownerId").asString());
        }
        String a = Long.toString(one.id());
        String b = Long.toString(two.id());
        assertThat(owners).containsAnyOf(a, b);
        assertThat(owners.get(0)).isNotEqualTo(owners.get(1));
        assertThat(owners.get(0)).isEqualTo(owners.get(2));
        assertThat(owners.get(1)).isEqualTo(owners.get(3));
    }

    @Test
    void qualifyingScoresTheChecklistAndConversionUsesTheDuplicateDetection() {
        TestWorkspace acme = fixtures.workspace();
        TestUser staff = acme.user(Role.STAFF);
        TestUser rep = acme.user(Role.REP);
        var existing = acme.admin().call(() -> parties.createAccount(new AccountInput("Roofs & Co", "https://roofs.example",
                null, null, null, null, null, null, null, null, null, null, null, null, null, null)));
        JsonNode lead = lead(staff, Map.of("firstName", "Ann", "lastName", "Baker", "company", "Roofs Co",
                "email", "ann@roofs.example"));
        String id = lead.get("id").asString();
        JsonNode claimed = calls.post(rep, "/api/v1/leads/" + id + "/claim", null);
        JsonNode criteria = calls.get(rep, "/api/v1/qualification-criteria").get("items");
        assertThat(criteria).extracting(c -> c.get("label").asString()).containsExactly("Need", "Budget", "Authority", "Timing");
        JsonNode half = calls.expect(200, rep, HttpMethod.PUT, "/api/v1/leads/" + id + "/qualification", Map.of("checked",
                List.of(criteria.get(0).get("id").asString(), criteria.get(1).get("id").asString()),
                "version", claimed.get("version").asLong()));
        assertThat(half.get("score").asInt()).isEqualTo(50);
        assertThat(half.get("status").asString()).isEqualTo("WORKING");

        JsonNode duplicates = calls.expect(400, rep, HttpMethod.POST, "/api/v1/leads/" + id + "/convert", Map.of("version",
                half.get("version").asLong()));
        assertThat(Calls.fields(duplicates)).contains("accountId");
        JsonNode matches = calls.get(rep, "/api/v1/leads/" + id + "/matches");
        assertThat(matches.get("accounts")).extracting(m -> m.get("id").asString()).contains(Long.toString(existing.id().value()));

        JsonNode pipeline = calls.get(rep, "/api/v1/pipelines").get("items").get(0);
        JsonNode converted = calls.post(rep, "/api/v1/leads/" + id + "/convert", Map.of("version", half.get("version").asLong(),
                "accountId", Long.toString(existing.id().value()), "ignoreDuplicates", true, "role", "DECISION_MAKER",
                "keyPerson", true, "deal", Map.of("name", "New roof", "pipelineId", pipeline.get("id").asString(),
                        "amountMinor", 2_000_000)));
        assertThat(converted.get("accountId").asString()).isEqualTo(Long.toString(existing.id().value()));
        assertThat(converted.get("lead").get("status").asString()).isEqualTo("QUALIFIED");
        assertThat(converted.get("lead").get("convertedAt").isNull()).isFalse();
        JsonNode deal = converted.get("deal");
        assertThat(deal.get("sourceLeadId").asString()).isEqualTo(id);
        assertThat(deal.get("contacts").get(0).get("role").asString()).isEqualTo("DECISION_MAKER");
        Contact contact = acme.admin().call(() -> parties.contact(new app.tickler.party.ContactId(
                Long.parseLong(converted.get("contactId").asString()))).orElseThrow());
        assertThat(contact.referredByUserId().value()).isEqualTo(staff.id());
        assertThat(contact.accounts()).extracting(Contact.Membership::accountId).containsExactly(existing.id());

        JsonNode twice = calls.expect(409, rep, HttpMethod.POST, "/api/v1/leads/" + id + "/convert", Map.of("version",
                converted.get("lead").get("version").asLong(), "ignoreDuplicates", true));
        assertThat(twice.get("detail").asString()).contains("already converted");

        JsonNode won = calls.post(rep, "/api/v1/deals/" + deal.get("id").asString() + "/win", Map.of("version",
                deal.get("version").asLong()));
        assertThat(won.get("status").asString()).isEqualTo("WON");
        JsonNode board = calls.get(staff, "/api/v1/referrals").get("items");
        assertThat(board).singleElement().satisfies(r -> {
            assertThat(r.get("userId").asString()).isEqualTo(Long.toString(staff.id()));
            assertThat(r.get("referred").asLong()).isEqualTo(1);
            assertThat(r.get("converted").asLong()).isEqualTo(1);
            assertThat(r.get("wonInWorkspaceCurrency").asLong()).isEqualTo(2_000_000);
        });
    }

    @Test
    void disqualifyingNeedsAReasonAndClosesTheLead() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        JsonNode lead = lead(rep, Map.of("lastName", "Nope", "ownerId", Long.toString(rep.id())));
        String id = lead.get("id").asString();
        JsonNode missing = calls.expect(400, rep, HttpMethod.POST, "/api/v1/leads/" + id + "/disqualify", Map.of("version",
                lead.get("version").asLong()));
        assertThat(Calls.fields(missing)).containsExactly("reason");
        JsonNode out = calls.post(rep, "/api/v1/leads/" + id + "/disqualify", Map.of("version", lead.get("version").asLong(),
                "reason", "student project, no budget"));
        assertThat(out.get("status").asString()).isEqualTo("DISQUALIFIED");
        assertThat(out.get("active").asBoolean()).isFalse();
        calls.expect(409, rep, HttpMethod.POST, "/api/v1/leads/" + id + "/convert", Map.of("version", out.get("version").asLong()));
        calls.expect(404, acme.user(Role.REP), HttpMethod.POST, "/api/v1/leads/" + id + "/claim", null);
        JsonNode handedOn = calls.expect(400, acme.admin(), HttpMethod.PATCH, "/api/v1/leads/" + id, Map.of("version",
                out.get("version").asLong(), "ownerId", Long.toString(acme.user(Role.REP).id())));
        assertThat(Calls.fields(handedOn)).as("a closed lead stays with its owner").containsExactly("ownerId");

        JsonNode pooled = lead(acme.admin(), Map.of("lastName", "Ruled out in the pool"));
        calls.post(acme.admin(), "/api/v1/leads/" + pooled.get("id").asString() + "/disqualify", Map.of("version",
                pooled.get("version").asLong(), "reason", "duplicate of an existing customer"));
        JsonNode closed = calls.expect(409, rep, HttpMethod.POST, "/api/v1/leads/" + pooled.get("id").asString() + "/claim", null);
        assertThat(closed.get("detail").asString()).contains("disqualified and cannot be claimed");
    }

    @Test
    void leadsOfAnotherWorkspaceDoNotExist() {
        TestWorkspace acme = fixtures.workspace();
        TestWorkspace globex = fixtures.workspace();
        String id = lead(acme.admin(), Map.of("lastName", "Secret")).get("id").asString();
        calls.expect(404, globex.admin(), HttpMethod.GET, "/api/v1/leads/" + id, null);
        calls.expect(404, globex.user(Role.REP), HttpMethod.POST, "/api/v1/leads/" + id + "/claim", null);
        assertThat(calls.get(globex.admin(), "/api/v1/leads").get("items")).isEmpty();
        JsonNode stale = calls.expect(409, acme.admin(), HttpMethod.PATCH, "/api/v1/leads/" + id, Map.of("version", 7,
                "company", "X"));
        assertThat(stale.get("currentVersion").asLong()).isZero();
        unused(ContactInput.named("a", "b"));
    }

    private static void unused(Object ignored) {
    }
}
