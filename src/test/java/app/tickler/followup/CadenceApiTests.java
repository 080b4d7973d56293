package app.tickler.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.party.CustomerLevel;
import app.tickler.party.Parties;
import app.tickler.platform.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@TicklerTest
class CadenceApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Parties parties;
    @Autowired
    JsonMapper json;

    private JsonNode call(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, TestUser user,
            int expected) throws Exception {
        MvcResult result = mvc.perform(request.with(user.api()).contentType(MediaType.APPLICATION_JSON)).andReturn();
        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(body).isEqualTo(expected);
        return body.isEmpty() ? null : json.readTree(body);
    }

    private String cadence(TestUser user, String template) throws Exception {
        for (JsonNode c : call(get("/api/v1/cadences"), user, 200)) {
            if (template.equals(c.get("template").asString(null))) {
                return c.get("id").asString();
            }
        }
        throw new AssertionError("no cadence " + template);
    }

    private JsonNode openStep(TestUser user, String enrolment) throws Exception {
        JsonNode open = call(get("/api/v1/follow-ups?status=OPEN&enrolmentId=" + enrolment), user, 200).get("items");
        assertThat(open.size()).as("one step at a time").isEqualTo(1);
        return open.get(0);
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void aProspectWorksThroughTheSeedPlanOneStepAtATime() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Customers.Customer roofs = Customers.make(parties, rep, "Roofs", null);
        String newProspect = cadence(rep, "new-prospect");
        JsonNode enrolment = call(post("/api/v1/enrolments").content("""
                {"cadenceId":"%s","contactId":"%s"}""".formatted(newProspect, roofs.contactId())), rep, 201);
        String id = enrolment.get("id").asString();
        assertThat(enrolment.get("status").asString()).isEqualTo("ACTIVE");
        JsonNode note = openStep(rep, id);
        assertThat(note.get("channel").asString()).isEqualTo("HANDWRITTEN_NOTE");
        assertThat(note.get("origin").asString()).isEqualTo("CADENCE_STEP");
        assertThat(note.get("dueDate").asString()).isEqualTo(today().toString());
        JsonNode again = call(post("/api/v1/enrolments").content("""
                {"cadenceId":"%s","contactId":"%s"}""".formatted(newProspect, roofs.contactId())), rep, 409);
        assertThat(again.get("detail").asString()).contains("Already enrolled");

        JsonNode done = call(post("/api/v1/follow-ups/" + note.get("id").asString() + "/complete").content("""
                {"version":%d,"notes":"Thank-you note sent"}""".formatted(note.get("version").asLong())), rep, 200);
        assertThat(done.get("needsNextStep").asBoolean()).as("the cadence planned the next step").isFalse();
        JsonNode email = openStep(rep, id);
        assertThat(email.get("channel").asString()).isEqualTo("EMAIL");
        assertThat(email.get("dueDate").asString()).isEqualTo(today().plusDays(7).toString());
        assertThat(email.get("instructions").asString()).contains("Something you may find useful");

        JsonNode early = call(post("/api/v1/enrolments/" + id + "/stop").content("""
                {"version":1,"reason":"BY_HAND"}"""), rep, 400);
        assertThat(early.at("/errors/0/field").asString()).isEqualTo("note");
        assertThat(early.at("/errors/0/message").asString()).contains("attempt 1");
        JsonNode ended = call(post("/api/v1/enrolments/" + id + "/stop").content("""
                {"version":1,"reason":"BY_HAND","note":"They went with a competitor"}"""), rep, 200);
        assertThat(ended.get("status").asString()).isEqualTo("ENDED");
        assertThat(ended.get("endAttempt").asInt()).isEqualTo(1);
        assertThat(call(get("/api/v1/follow-ups/" + email.get("id").asString()), rep, 200).get("status").asString())
                .isEqualTo("CANCELLED");
        JsonNode gaveUp = call(get("/api/v1/enrolments?gaveUpEarly=true"), acme.admin(), 200);
        assertThat(gaveUp.at("/items/0/id").asString()).isEqualTo(id);
        assertThat(gaveUp.at("/items/0/endNote").asString()).isEqualTo("They went with a competitor");
    }

    @Test
    void afterTheLastStepTheEnrolmentNurturesAndNeverJustEnds() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser manager = acme.user(Role.MANAGER);
        Customers.Customer roofs = Customers.make(parties, manager, "Roofs", CustomerLevel.C);
        String cadence = call(post("/api/v1/cadences").content("""
                {"name":"Short","nurtureDays":10,"nurtureChannel":"EMAIL","steps":[{"dayOffset":0,"channel":"CALL"}]}"""),
                manager, 201).get("id").asString();
        String id = call(post("/api/v1/enrolments").content("""
                {"cadenceId":"%s","contactId":"%s"}""".formatted(cadence, roofs.contactId())), manager, 201).get("id").asString();
        for (int round = 0; round < 3; round++) {
            JsonNode step = openStep(manager, id);
            if (round > 0) {
                assertThat(step.get("origin").asString()).isEqualTo("NURTURE");
                assertThat(step.get("channel").asString()).isEqualTo("EMAIL");
                assertThat(step.get("dueDate").asString()).isEqualTo(today().plusDays(10).toString());
            }
            call(post("/api/v1/follow-ups/" + step.get("id").asString() + "/complete").content("""
                    {"version":%d}""".formatted(step.get("version").asLong())), manager, 200);
        }
        assertThat(call(get("/api/v1/enrolments/" + id), manager, 200).get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void askedToStopMarksDoNotContactEndsEveryPlanAndMayExtendToTheAccount() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Customers.Customer roofs = Customers.make(parties, rep, "Roofs", CustomerLevel.B);
        String id = call(post("/api/v1/enrolments").content("""
                {"cadenceId":"%s","contactId":"%s"}""".formatted(cadence(rep, "new-prospect"), roofs.contactId())), rep, 201)
                .get("id").asString();
        String promise = call(post("/api/v1/commitments").content("""
                {"description":"Send the brochure","dueDate":"%s","accountId":"%s"}""".formatted(today().plusDays(2),
                roofs.accountId())), rep, 201).get("id").asString();
        JsonNode stopped = call(post("/api/v1/enrolments/" + id + "/stop").content("""
                {"version":0,"reason":"ASKED_TO_STOP","note":"Please stop calling","extendToAccount":true}"""), rep, 200);
        assertThat(stopped.get("endReason").asString()).isEqualTo("ASKED_TO_STOP");
        rep.run(() -> {
            assertThat(parties.contact(roofs.contact().id()).orElseThrow().doNotContact()).isTrue();
            assertThat(parties.account(roofs.account().id()).orElseThrow().doNotContact()).isTrue();
        });
        assertThat(call(get("/api/v1/commitments/" + promise), rep, 200).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(call(get("/api/v1/follow-ups?status=OPEN&accountId=" + roofs.accountId()), rep, 200).get("items").size())
                .isZero();
        call(post("/api/v1/enrolments").content("""
                {"cadenceId":"%s","contactId":"%s"}""".formatted(cadence(rep, "onboarding"), roofs.contactId())), rep, 409);
    }

    @Test
    void manyAreEnrolledAtOnceAndWhoeverCannotBeIsListedWithTheReason() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Customers.Customer a = Customers.make(parties, rep, "Alpha", null);
        Customers.Customer b = Customers.make(parties, rep, "Bravo", null);
        Customers.Customer c = Customers.make(parties, rep, "Charlie", null);
        rep.run(() -> parties.markDoNotContact(c.contact().id(), "unsubscribed"));
        String cadence = cadence(rep, "new-prospect");
        call(post("/api/v1/enrolments").content("""
                {"cadenceId":"%s","contactId":"%s"}""".formatted(cadence, b.contactId())), rep, 201);
        JsonNode bulk = call(post("/api/v1/enrolments/bulk").content("""
                {"cadenceId":"%s","contactIds":["%s","%s","%s"]}""".formatted(cadence, a.contactId(), b.contactId(),
                c.contactId())), rep, 200);
        assertThat(bulk.get("enrolled").size()).isEqualTo(1);
        assertThat(bulk.get("skipped").size()).isEqualTo(2);
        assertThat(bulk.toString()).contains("Already enrolled").contains("asked not to be contacted");
    }

    @Test
    void aCadenceWithAStepGoingBackwardsOrAnUnknownMergeFieldIsRefusedByName() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser manager = acme.user(Role.MANAGER);
        TestUser rep = acme.user(Role.REP);
        JsonNode refused = call(post("/api/v1/cadences").content("""
                {"name":"Broken","steps":[{"dayOffset":7,"channel":"EMAIL","emailSubject":"Hi","emailBody":"Dear {{contact.nickname}}"},
                                          {"dayOffset":3,"channel":"CALL"}]}"""), manager, 400);
        assertThat(refused.findValuesAsString("field")).contains("steps[0].emailBody", "steps[1].dayOffset");
        call(post("/api/v1/cadences").content("{\"name\":\"Mine\",\"steps\":[{\"dayOffset\":0,\"channel\":\"CALL\"}]}"), rep,
                403);
        assertThat(call(get("/api/v1/cadences"), manager, 200).toString()).doesNotContain("Broken");
        String id = cadence(manager, "new-prospect");
        call(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch("/api/v1/cadences/" + id)
                .content("{\"version\":5,\"name\":\"Renamed\"}"), manager, 409);
        JsonNode renamed = call(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch("/api/v1/cadences/" + id)
                .content("{\"version\":0,\"name\":\"Renamed\"}"), manager, 200);
        assertThat(renamed.get("steps").size()).isEqualTo(7);
    }
}
