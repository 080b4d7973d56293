package app.tickler.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
class TouchAndFollowUpApiTests {

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

    private static String tomorrow() {
        return LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(1).toString();
    }

    @Test
    void aTouchIsNumberedInItsChaseAndAResponseStartsANewOne() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Customers.Customer roofs = Customers.make(parties, rep, "Roofs", CustomerLevel.B);
        String body = """
                {"channel":"CALL","contactIds":["%s"],"reached":false}""".formatted(roofs.contactId());
        JsonNode first = call(post("/api/v1/touches").content(body), rep, 201);
        assertThat(first.at("/touch/attempt").asInt()).isEqualTo(1);
        assertThat(first.at("/touch/accountId").asString()).as("the account is taken from the contact")
                .isEqualTo(roofs.accountId());
        assertThat(first.at("/needsNextStep").asBoolean()).isTrue();
        assertThat(call(post("/api/v1/touches").content(body), rep, 201).at("/touch/attempt").asInt()).isEqualTo(2);
        JsonNode reached = call(post("/api/v1/touches").content("""
                {"channel":"CALL","contactIds":["%s"],"reached":true,"outcome":"PROGRESSED"}""".formatted(roofs.contactId())),
                rep, 201);
        assertThat(reached.at("/touch/attempt").asInt()).as("the attempt on which they answered").isEqualTo(3);
        assertThat(reached.at("/touch/response").asBoolean()).isTrue();
        assertThat(call(get("/api/v1/attempts?contactId=" + roofs.contactId()), rep, 200).at("/attempts").asInt()).isZero();
        assertThat(call(post("/api/v1/touches").content(body), rep, 201).at("/touch/attempt").asInt()).isEqualTo(1);
        JsonNode listed = call(get("/api/v1/touches?accountId=" + roofs.accountId()), rep, 200);
        assertThat(listed.at("/items").size()).isEqualTo(4);
        assertThat(listed.at("/items/0/contacts/0/name").asString()).isEqualTo("Ann Baker Roofs");
    }

    @Test
    void todaysQueueIsInPriorityOrderAndFollowsALevelChange() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Customers.Customer c = Customers.make(parties, rep, "Charlie", CustomerLevel.C);
        Customers.Customer a = Customers.make(parties, rep, "Alpha", CustomerLevel.A);
        Customers.Customer none = Customers.make(parties, rep, "Nobody", null);
        Customers.Customer urgent = Customers.make(parties, rep, "Urgent", CustomerLevel.D);
        String today = LocalDate.now(ZoneId.of("Europe/Berlin")).toString();
        for (Customers.Customer customer : java.util.List.of(c, a, none)) {
            call(post("/api/v1/follow-ups").content("""
                    {"dueDate":"%s","channel":"CALL","contactId":"%s"}""".formatted(today, customer.contactId())), rep, 201);
        }
        call(post("/api/v1/follow-ups").content("""
                {"dueDate":"%s","channel":"CALL","contactId":"%s","priority":"HIGH"}""".formatted(today, urgent.contactId())),
                rep, 201);
        JsonNode queue = call(get("/api/v1/today"), rep, 200).at("/dueToday/items");
        assertThat(queue.findValuesAsString("accountName")).containsExactly("Urgent", "Alpha", "Charlie", "Nobody");
        rep.run(() -> parties.setLevel(none.account().id(), CustomerLevel.A, "a big order came in"));
        queue = call(get("/api/v1/today"), rep, 200).at("/dueToday/items");
        assertThat(queue.findValuesAsString("accountName")).containsExactly("Urgent", "Alpha", "Nobody", "Charlie");
    }

    @Test
    void staffLogTouchesAndPromisesButDoNotPlanFollowUps() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser staff = acme.user(Role.STAFF);
        Customers.Customer roofs = Customers.make(parties, acme.admin(), "Roofs", CustomerLevel.A);
        JsonNode logged = call(post("/api/v1/touches").content("""
                {"channel":"CALL","direction":"INBOUND","contactIds":["%s"],"notes":"Asked for a quote",
                 "commitment":{"description":"Send the quote","dueDate":"%s"}}""".formatted(roofs.contactId(), tomorrow())),
                staff, 201);
        assertThat(logged.at("/touch/attempt").asInt()).isZero();
        assertThat(logged.at("/commitment/status").asString()).isEqualTo("OPEN");
        assertThat(logged.at("/needsNextStep").asBoolean()).as("the promise is the next step").isFalse();
        call(post("/api/v1/follow-ups").content("""
                {"dueDate":"%s","channel":"CALL","contactId":"%s"}""".formatted(tomorrow(), roofs.contactId())), staff, 403);
    }

    @Test
    void aFollowUpIsPlannedCompletedOnceAndTheStaleOrRepeatedAttemptIsRefused() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Customers.Customer roofs = Customers.make(parties, rep, "Roofs", CustomerLevel.A);
        JsonNode planned = call(post("/api/v1/follow-ups").content("""
                {"dueDate":"%s","dueTime":"09:30","channel":"CALL","contactId":"%s","instructions":"Ask about the roof"}"""
                .formatted(tomorrow(), roofs.contactId())), rep, 201);
        String id = planned.get("id").asString();
        assertThat(planned.get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(planned.get("status").asString()).isEqualTo("OPEN");
        JsonNode edited = call(patch("/api/v1/follow-ups/" + id).content("""
                {"version":0,"priority":"HIGH","instructions":"Ask about the new roof"}"""), rep, 200);
        assertThat(edited.get("version").asLong()).isEqualTo(1);
        call(patch("/api/v1/follow-ups/" + id).content("{\"version\":0,\"priority\":\"LOW\"}"), rep, 409);
        JsonNode completed = call(post("/api/v1/follow-ups/" + id + "/complete").content("""
                {"version":1,"reached":true,"outcome":"RETAINED","notes":"All fine"}"""), rep, 200);
        assertThat(completed.at("/touch/channel").asString()).isEqualTo("CALL");
        assertThat(completed.at("/touch/followUpId").asString()).isEqualTo(id);
        assertThat(completed.at("/needsNextStep").asBoolean()).isTrue();
        JsonNode again = call(post("/api/v1/follow-ups/" + id + "/complete").content("{\"version\":2}"), rep, 409);
        assertThat(again.get("detail").asString()).contains("already done");
        assertThat(call(get("/api/v1/follow-ups/" + id), rep, 200).get("status").asString()).isEqualTo("DONE");
    }

    @Test
    void badInputIsNamedAndNothingIsWritten() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Customers.Customer roofs = Customers.make(parties, rep, "Roofs", CustomerLevel.A);
        JsonNode zone = call(post("/api/v1/follow-ups").content("""
                {"dueDate":"%s","channel":"CALL","contactId":"%s","timeZone":"Mars/Olympus_Mons"}"""
                .formatted(tomorrow(), roofs.contactId())), rep, 400);
        assertThat(zone.at("/errors/0/field").asString()).isEqualTo("timeZone");
        JsonNode gap = call(post("/api/v1/follow-ups").content("""
                {"dueDate":"2031-03-30","dueTime":"02:30","channel":"CALL","contactId":"%s","timeZone":"Europe/Berlin"}"""
                .formatted(roofs.contactId())), rep, 400);
        assertThat(gap.at("/errors/0/field").asString()).isEqualTo("dueTime");
        assertThat(gap.at("/errors/0/message").asString()).contains("clocks skip");
        JsonNode many = call(post("/api/v1/follow-ups").content("""
                {"dueDate":"2020-01-01","reasonId":"1"}"""), rep, 400);
        assertThat(many.findValuesAsString("field")).contains("dueDate", "channel", "reasonId", "contactId");
        JsonNode unknown = call(post("/api/v1/follow-ups").content("""
                {"dueDate":"%s","channel":"CALL","contactId":"%s","colour":"red"}""".formatted(tomorrow(), roofs.contactId())),
                rep, 400);
        assertThat(unknown.at("/errors/0/field").asString()).isEqualTo("colour");
        JsonNode lead = call(post("/api/v1/touches").content("""
                {"channel":"CALL","leadId":"42"}"""), rep, 400);
        assertThat(lead.at("/errors/0/field").asString()).isEqualTo("leadId");
        assertThat(lead.at("/errors/0/message").asString()).contains("is not a lead you can see");
        assertThat(call(get("/api/v1/follow-ups?contactId=" + roofs.contactId()), rep, 200).at("/items").size()).isZero();
        assertThat(call(get("/api/v1/touches?contactId=" + roofs.contactId()), rep, 200).at("/items").size()).isZero();
    }

    @Test
    void nothingIsPlannedForWhoeverAskedNotToBeContacted() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Customers.Customer roofs = Customers.make(parties, rep, "Roofs", CustomerLevel.A);
        String id = call(post("/api/v1/follow-ups").content("""
                {"dueDate":"%s","channel":"CALL","contactId":"%s"}""".formatted(tomorrow(), roofs.contactId())), rep, 201)
                .get("id").asString();
        rep.run(() -> parties.markDoNotContact(roofs.contact().id(), "asked to stop"));
        assertThat(call(get("/api/v1/follow-ups/" + id), rep, 200).get("status").asString())
                .as("cancelled in the same transaction").isEqualTo("CANCELLED");
        JsonNode refused = call(post("/api/v1/follow-ups").content("""
                {"dueDate":"%s","channel":"CALL","contactId":"%s"}""".formatted(tomorrow(), roofs.contactId())), rep, 409);
        assertThat(refused.get("detail").asString()).contains("asked not to be contacted");
        call(post("/api/v1/commitments").content("""
                {"description":"Call back","kind":"CALLBACK","contactId":"%s"}""".formatted(roofs.contactId())), rep, 409);
    }

    @Test
    void anotherWorkspaceSeesNothingAndARepOnlyTheirTeams() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestWorkspace other = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        TestUser stranger = other.user(Role.MANAGER);
        TestUser colleague = acme.user(Role.REP);
        Customers.Customer roofs = Customers.make(parties, rep, "Roofs", CustomerLevel.A);
        String id = call(post("/api/v1/follow-ups").content("""
                {"dueDate":"%s","channel":"CALL","contactId":"%s"}""".formatted(tomorrow(), roofs.contactId())), rep, 201)
                .get("id").asString();
        call(get("/api/v1/follow-ups/" + id), stranger, 404);
        call(post("/api/v1/follow-ups/" + id + "/skip").content("{\"version\":0,\"reason\":\"x\"}"), stranger, 404);
        call(get("/api/v1/follow-ups/" + id), colleague, 404);
        assertThat(call(get("/api/v1/follow-ups"), stranger, 200).at("/items").size()).isZero();
        call(post("/api/v1/touches").content("""
                {"channel":"CALL","contactIds":["%s"]}""".formatted(roofs.contactId())), stranger, 400);
    }

    @Test
    void snoozeSkipAndReassignKeepTheQueueHonest() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        TestUser manager = acme.user(Role.MANAGER);
        TestUser other = acme.user(Role.REP);
        Customers.Customer roofs = Customers.make(parties, rep, "Roofs", CustomerLevel.C);
        String id = call(post("/api/v1/follow-ups").content("""
                {"dueDate":"%s","channel":"EMAIL","contactId":"%s"}""".formatted(tomorrow(), roofs.contactId())), rep, 201)
                .get("id").asString();
        JsonNode snoozed = call(post("/api/v1/follow-ups/" + id + "/snooze").content("{\"version\":0,\"days\":3}"), rep, 200);
        assertThat(snoozed.get("dueDate").asString()).isEqualTo(LocalDate.parse(tomorrow()).plusDays(3).toString());
        assertThat(snoozed.get("snoozes").asInt()).isEqualTo(1);
        JsonNode reassigned = call(post("/api/v1/follow-ups/" + id + "/reassign").content("""
                {"version":1,"assigneeId":"%s"}""".formatted(other.id())), manager, 200);
        assertThat(reassigned.get("assigneeName").asString()).startsWith("Rep");
        assertThat(call(get("/api/v1/notifications"), other, 200).get("unread").asInt())
                .as("a hand-off rings the bell").isEqualTo(1);
        call(post("/api/v1/follow-ups/" + id + "/skip").content("{\"version\":2,\"reason\":\"x\"}"), rep, 404);
        JsonNode noReason = call(post("/api/v1/follow-ups/" + id + "/skip").content("{\"version\":2}"), other, 400);
        assertThat(noReason.at("/errors/0/field").asString()).isEqualTo("reason");
        JsonNode skipped = call(post("/api/v1/follow-ups/" + id + "/skip").content("""
                {"version":2,"reason":"They are on holiday"}"""), other, 200);
        assertThat(skipped.get("status").asString()).isEqualTo("SKIPPED");
    }
}
