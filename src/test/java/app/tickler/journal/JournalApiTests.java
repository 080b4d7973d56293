package app.tickler.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import app.tickler.Fixtures;
import app.tickler.MutableClock;
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

@TicklerTest
class JournalApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Parties parties;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    JournalJobs jobs;

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

    private static String today() {
        return LocalDate.now(ZoneId.of("Europe/Berlin")).toString();
    }

    private Contact customer(TestUser user, String name) {
        return user.call(() -> {
            Account account = parties.createAccount(AccountInput.named(name));
            return parties.createContact(new ContactInput("Ann", "Baker", null, null, null, null, null, null, null, null,
                    null, null, null, null, null, account.id(), BuyingRole.DECISION_MAKER, true));
        });
    }

    @Test
    void theDayIsWrittenFromWhatTheRepDid() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String team = acme.team("North");
        TestUser rep = acme.user(Role.REP, team);
        TestUser colleague = acme.user(Role.REP, team);
        Contact ann = customer(rep, "Roofs Ltd");
        call(post("/api/v1/touches").content("""
                {"channel":"CALL","contactIds":["%s"],"reached":true,"outcome":"PROGRESSED","newLevel":"A"}"""
                .formatted(ann.id().value())), rep, 201);
        JsonNode planned = call(post("/api/v1/follow-ups").content("""
                {"dueDate":"%s","channel":"EMAIL","contactId":"%s","instructions":"Send the brochure"}"""
                .formatted(today(), ann.id().value())), rep, 201);
        call(post("/api/v1/follow-ups/" + planned.get("id").asString() + "/snooze").content("{\"version\":0,\"days\":1}"),
                rep, 200);
        call(post("/api/v1/touches").content("""
                {"channel":"VISIT","contactIds":["%s"],"reached":true}""".formatted(ann.id().value())), colleague, 201);

        // a new account's first level is part of creating it: no line of its own
        call(post("/api/v1/accounts").content("{\"name\":\"Slate Roofs\",\"level\":\"B\"}"), rep, 201);

        JsonNode day = call(get("/api/v1/journal/today"), rep, 200);
        assertThat(day.get("day").asString()).isEqualTo(today());
        assertThat(day.get("editable").asBoolean()).isTrue();
        List<String> kinds = day.get("items").findValuesAsString("kind");
        // the first touch also brings the customer into the relationship cycle (the after-sale rules)
        assertThat(kinds).containsExactly("LEVEL_CHANGE", "RELATIONSHIP_STAGE", "TOUCH", "FOLLOW_UP_SNOOZED");
        assertThat(day.at("/items/2/summary").asString()).contains("Call").contains("Ann Baker (Roofs Ltd)")
                .contains("progressed");
        assertThat(day.at("/items/0/summary").asString()).contains("Roofs Ltd").contains("A");
        assertThat(day.at("/items/1/summary").asString()).contains("Roofs Ltd").contains("Skepticism");
        assertThat(day.at("/items/3/summary").asString()).contains("Send the brochure");
        assertThat(call(get("/api/v1/journal/today"), colleague, 200).get("items").findValuesAsString("kind"))
                .as("the colleague's visit is in the colleague's journal only").containsExactly("TOUCH");
    }

    @Test
    void aJournalIsSubmittedOnceAndASecondSubmissionChangesNothing() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        JsonNode draft = call(put("/api/v1/journal/days/" + today()).content("""
                {"plan":"Call Roofs about the quote"}"""), rep, 200);
        assertThat(draft.get("status").asString()).isEqualTo("DRAFT");
        JsonNode submitted = call(post("/api/v1/journal/days/" + today() + "/submit").content("""
                {"reflection":"Good calls, one quote out"}"""), rep, 200);
        assertThat(submitted.get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(submitted.get("plan").asString()).as("the saved plan is kept").isEqualTo("Call Roofs about the quote");
        JsonNode again = call(post("/api/v1/journal/days/" + today() + "/submit").content("""
                {"plan":"Something else"}"""), rep, 409);
        assertThat(again.get("detail").asString()).contains("already submitted");
        call(put("/api/v1/journal/days/" + today()).content("{\"plan\":\"Edited later\"}"), rep, 409);
        JsonNode day = call(get("/api/v1/journal/days/" + today()), rep, 200);
        assertThat(day.at("/entry/plan").asString()).isEqualTo("Call Roofs about the quote");
        assertThat(day.at("/entry/version").asLong()).isEqualTo(submitted.get("version").asLong());
        assertThat(day.get("editable").asBoolean()).isFalse();
    }

    @Test
    void badInputNamesTheFieldAndWritesNothing() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String tomorrow = LocalDate.parse(today()).plusDays(1).toString();
        JsonNode future = call(post("/api/v1/journal/days/" + tomorrow + "/submit").content("{\"plan\":\"x\"}"), rep, 400);
        assertThat(future.at("/errors/0/field").asString()).isEqualTo("day");
        JsonNode noPlan = call(post("/api/v1/journal/days/" + today() + "/submit").content("{}"), rep, 400);
        assertThat(noPlan.at("/errors/0/field").asString()).isEqualTo("plan");
        JsonNode tooLong = call(put("/api/v1/journal/days/" + today()).content(
                json.writeValueAsString(java.util.Map.of("reflection", "x".repeat(4001)))), rep, 400);
        assertThat(tooLong.at("/errors/0/field").asString()).isEqualTo("reflection");
        assertThat(call(get("/api/v1/journal"), rep, 200).get("items").size()).isZero();
    }

    @Test
    void aManagerReviewsTheTeamsJournalsButNotAnotherTeams() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String north = acme.team("North");
        String south = acme.team("South");
        TestUser rep = acme.user(Role.REP, north);
        TestUser manager = acme.user(Role.MANAGER, north);
        TestUser otherManager = acme.user(Role.MANAGER, south);
        JsonNode submitted = call(post("/api/v1/journal/days/" + today() + "/submit").content("""
                {"plan":"Visit Roofs","reflection":"Gave up on Alpha after two calls"}"""), rep, 200);
        String entry = submitted.get("id").asString();

        assertThat(call(get("/api/v1/journal/review-queue"), manager, 200).get("items").findValuesAsString("id"))
                .containsExactly(entry);
        assertThat(call(get("/api/v1/journal/review-queue"), otherManager, 200).get("items").size()).isZero();
        assertThat(call(get("/api/v1/journal/review-queue"), acme.admin(), 200).get("items").findValuesAsString("id"))
                .contains(entry);
        call(get("/api/v1/journal/review-queue"), rep, 403);

        call(post("/api/v1/journal/entries/" + entry + "/comments").content("{\"body\":\"Not yours\"}"), otherManager, 403);
        call(get("/api/v1/journal/days/" + today() + "?userId=" + rep.id()), otherManager, 403);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM journal_comments WHERE workspace_id = :w").param("w", acme.id())
                .query(Integer.class).single()).as("nothing written").isZero();

        call(post("/api/v1/journal/entries/" + entry + "/comments").content("{\"body\":\"\"}"), manager, 400);
        JsonNode comment = call(post("/api/v1/journal/entries/" + entry + "/comments").content("""
                {"body":"Two calls is not persistence: call Alpha again, attempt 5 is where deals close"}"""), manager, 201);
        assertThat(comment.get("authorId").asString()).isEqualTo(Long.toString(manager.id()));
        JsonNode seen = call(get("/api/v1/journal/entries/" + entry), rep, 200);
        assertThat(seen.at("/entry/status").asString()).isEqualTo("REVIEWED");
        assertThat(seen.at("/comments/0/body").asString()).contains("attempt 5");
        assertThat(call(get("/api/v1/journal/review-queue"), manager, 200).get("items").size()).isZero();
        call(post("/api/v1/journal/entries/" + entry + "/comments").content("{\"body\":\"Will do\"}"), rep, 201);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notifications WHERE workspace_id = :w AND user_id = :u AND kind = 'journal.comment'")
                .param("w", acme.id()).param("u", rep.id()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void historyIsSearchedAndPagedByKey() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        LocalDate today = LocalDate.parse(today());
        for (int back = 0; back < 3; back++) {
            call(post("/api/v1/journal/days/" + today.minusDays(back) + "/submit").content("""
                    {"plan":"Plan %d","reflection":"%s"}""".formatted(back, back == 1 ? "100% on the Roofs_Ltd quote" : "quiet")),
                    rep, 200);
        }
        JsonNode first = call(get("/api/v1/journal?limit=2"), rep, 200);
        assertThat(first.get("items").findValuesAsString("day")).containsExactly(today.toString(),
                today.minusDays(1).toString());
        JsonNode second = call(get("/api/v1/journal?limit=2&cursor=" + first.get("nextCursor").asString()), rep, 200);
        assertThat(second.get("items").findValuesAsString("day")).containsExactly(today.minusDays(2).toString());
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(call(get("/api/v1/journal").param("q", "100% on the roofs_"), rep, 200).get("items").findValuesAsString("day"))
                .containsExactly(today.minusDays(1).toString());
        assertThat(call(get("/api/v1/journal").param("q", "_"), rep, 200).get("items").size()).as("wildcards are literal").isEqualTo(1);
        TestUser other = acme.user(Role.REP);
        assertThat(call(get("/api/v1/journal"), other, 200).get("items").size()).as("a rep reads own journals only").isZero();
    }

    @Test
    void aRepWithoutASubmittedJournalIsRemindedOnceAtTheEndOfTheDay() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser late = acme.user(Role.REP);
        TestUser done = acme.user(Role.REP);
        // Wednesday 2026-11-25, 15:00 in Berlin: before the reminder time
        clock.set(Instant.parse("2026-11-25T14:00:00Z"));
        call(post("/api/v1/journal/days/2026-11-25/submit").content("{\"plan\":\"x\"}"), done, 200);
        assertThat(acme.admin().call(() -> jobs.remindWorkspace())).isZero();
        clock.set(Instant.parse("2026-11-25T16:30:00Z"));
        assertThat(acme.admin().call(() -> jobs.remindWorkspace())).isEqualTo(1);
        assertThat(acme.admin().call(() -> jobs.remindWorkspace())).as("once a day").isZero();
        assertThat(jdbc.sql("SELECT user_id FROM notifications WHERE workspace_id = :w AND kind = 'journal.missing'")
                .param("w", acme.id()).query(Long.class).list()).containsExactly(late.id());
        call(put("/api/v1/journal/settings").content("{\"reminderTime\":\"18:00\"}"), acme.admin(), 200);
        clock.set(Instant.parse("2026-11-26T16:30:00Z"));
        assertThat(acme.admin().call(() -> jobs.remindWorkspace())).as("17:30 is before 18:00 now").isZero();
    }
}
