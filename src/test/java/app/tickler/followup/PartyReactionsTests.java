package app.tickler.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import app.tickler.Fixtures;
import app.tickler.MutableClock;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.party.CustomerLevel;
import app.tickler.party.Parties;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the engine does when parties are merged, erased or marked do-not-contact, and what the sweep announces. */
@TicklerTest
class PartyReactionsTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Parties parties;
    @Autowired
    JsonMapper json;
    @Autowired
    FollowUpJobs jobs;
    @Autowired
    Commitments commitments;
    @Autowired
    MutableClock clock;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @AfterEach
    void realTime() {
        clock.useSystemTime();
    }

    private JsonNode call(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, TestUser user,
            int expected) throws Exception {
        MvcResult result = mvc.perform(request.with(user.api()).contentType(MediaType.APPLICATION_JSON)).andReturn();
        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(body).isEqualTo(expected);
        return body.isEmpty() ? null : json.readTree(body);
    }

    private static String tomorrow() {
        return LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(1).toString();
    }

    @Test
    void mergingTwoPeopleCarriesTheirPlansAndHistoryOverAndErasingOneRemovesThem() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Customers.Customer kept = Customers.make(parties, rep, "Keep", CustomerLevel.B);
        Customers.Customer twin = Customers.make(parties, rep, "Twin", CustomerLevel.B);
        String cadence = call(get("/api/v1/cadences"), rep, 200).get(0).get("id").asString();
        call(post("/api/v1/enrolments").content("""
                {"cadenceId":"%s","contactId":"%s"}""".formatted(cadence, kept.contactId())), rep, 201);
        String twinsEnrolment = call(post("/api/v1/enrolments").content("""
                {"cadenceId":"%s","contactId":"%s"}""".formatted(cadence, twin.contactId())), rep, 201).get("id").asString();
        String followUp = call(post("/api/v1/follow-ups").content("""
                {"dueDate":"%s","channel":"CALL","contactId":"%s"}""".formatted(tomorrow(), twin.contactId())), rep, 201)
                .get("id").asString();
        call(post("/api/v1/touches").content("""
                {"channel":"CALL","contactIds":["%s"]}""".formatted(twin.contactId())), rep, 201);

        call(post("/api/v1/contacts/" + kept.contactId() + "/merge").content("""
                {"duplicateId":"%s"}""".formatted(twin.contactId())), rep, 200);
        assertThat(call(get("/api/v1/follow-ups/" + followUp), rep, 200).get("contactId").asString()).isEqualTo(kept.contactId());
        assertThat(call(get("/api/v1/touches?contactId=" + kept.contactId()), rep, 200).get("items").size()).isEqualTo(1);
        assertThat(call(get("/api/v1/enrolments/" + twinsEnrolment), rep, 200).get("endReason").asString())
                .as("one active enrolment per person: the survivor's goes on").isEqualTo("REMOVED");

        call(post("/api/v1/contacts/" + kept.contactId() + "/erase"), acme.admin(), 204);
        call(get("/api/v1/follow-ups/" + followUp), rep, 404);
        assertThat(call(get("/api/v1/touches?accountId=" + twin.accountId()), rep, 200).get("items").size())
                .as("the touch stays on the account, without the erased person").isEqualTo(1);
        assertThat(call(get("/api/v1/touches?accountId=" + twin.accountId()), rep, 200).at("/items/0/contacts").size())
                .isZero();
    }

    @Test
    void erasingAPersonTakesTheTouchesThatWereTheirsAloneWithWhatTheyCounted() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String sol = call(post("/api/v1/contacts").content("""
                {"firstName":"Sol","lastName":"Alone"}"""), rep, 201).get("id").asString();
        String touch = call(post("/api/v1/touches").content("""
                {"channel":"CALL","contactIds":["%s"]}""".formatted(sol)), rep, 201).at("/touch/id").asString();
        assertThat(touchesCounted(acme)).isEqualTo(1);

        call(post("/api/v1/contacts/" + sol + "/erase"), acme.admin(), 204);
        call(get("/api/v1/touches/" + touch), rep, 404);
        assertThat(touchesCounted(acme)).as("the call is counted no more").isZero();
        call(post("/api/v1/insights/counters/rebuild"), acme.admin(), 200);
        assertThat(touchesCounted(acme)).as("as a rebuild finds it").isZero();
    }

    private long touchesCounted(TestWorkspace workspace) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(count), 0) FROM insight_daily_counters WHERE workspace_id = :workspace AND metric = 'TOUCHES'
                """).param("workspace", workspace.id()).query(Long.class).single();
    }

    @Test
    void anOrganisationMarkedDoNotContactEndsThePlansOfEveryoneInIt() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Customers.Customer roofs = Customers.make(parties, rep, "Roofs", CustomerLevel.A);
        String followUp = call(post("/api/v1/follow-ups").content("""
                {"dueDate":"%s","channel":"CALL","contactId":"%s"}""".formatted(tomorrow(), roofs.contactId())), rep, 201)
                .get("id").asString();
        rep.run(() -> parties.markDoNotContact(roofs.account().id(), "bankrupt"));
        JsonNode cancelled = call(get("/api/v1/follow-ups/" + followUp), rep, 200);
        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("closedNote").asString()).contains("bankrupt");
        JsonNode refused = call(post("/api/v1/follow-ups").content("""
                {"dueDate":"%s","channel":"CALL","contactId":"%s"}""".formatted(tomorrow(), roofs.contactId())), rep, 409);
        assertThat(refused.get("detail").asString()).contains("Roofs");
    }

    @Test
    void anOverdueFollowUpIsAnnouncedOnceAndABrokenPromiseReachesTheOwnersManager() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String team = acme.team("Field");
        TestUser rep = acme.user(Role.REP, team);
        TestUser manager = acme.user(Role.MANAGER, team);
        Customers.Customer roofs = Customers.make(parties, rep, "Roofs", CustomerLevel.A);
        call(post("/api/v1/commitments").content("""
                {"description":"Send the quote","dueDate":"%s","contactId":"%s"}""".formatted(tomorrow(), roofs.contactId())),
                rep, 201);
        clock.set(java.time.Instant.now().plus(Duration.ofDays(4)));
        Actor system = Actor.system(acme.id(), ZoneId.of("Europe/Berlin"));
        Actors.runAs(system, jobs::announceMissed);
        Actors.runAs(system, commitments::breakOverdue);
        Actors.runAs(system, jobs::announceMissed);
        JsonNode repBell = call(get("/api/v1/notifications"), rep, 200);
        assertThat(repBell.toString()).contains("Overdue: Call Ann Baker Roofs").contains("Your promise due");
        assertThat(repBell.get("unread").asInt()).as("announced once").isEqualTo(2);
        JsonNode managerBell = call(get("/api/v1/notifications"), manager, 200);
        assertThat(managerBell.at("/items/0/title").asString()).contains("did not keep a promise");
        assertThat(call(get("/api/v1/commitments?broken=true"), manager, 200).get("items").size()).isEqualTo(1);
        JsonNode team1 = call(get("/api/v1/today/team"), manager, 200);
        assertThat(team1.get(0).get("user").asString()).as("who is behind comes first").isEqualTo(Long.toString(rep.id()));
        assertThat(team1.get(0).get("brokenPromises").asInt()).isEqualTo(1);
    }
}
