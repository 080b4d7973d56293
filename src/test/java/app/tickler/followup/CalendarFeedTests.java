package app.tickler.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import java.time.Instant;
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
import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.io.TimezoneAssignment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The private calendar feed, read back with a real iCalendar parser (biweekly). */
@TicklerTest
class CalendarFeedTests {

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

    private MvcResult feed(String url) throws Exception {
        return mvc.perform(get(URI.create(url).getPath())).andReturn();
    }

    private static VEvent event(ICalendar calendar, String followUp) {
        return calendar.getEvents().stream().filter(e -> e.getUid().getValue().equals("follow-up-" + followUp + "@tickler"))
                .findFirst().orElseThrow();
    }

    @Test
    void aSubscribedCalendarSeesEveryOpenFollowUpWithStableUidsZonesReasonsAndLinks() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Customers.Customer roofs = Customers.make(parties, rep, "Roofs", CustomerLevel.A);
        String reason = call(get("/api/v1/business-reasons"), rep, 200).get(1).get("id").asString();
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(3);
        String allDay = call(post("/api/v1/follow-ups").content("""
                {"dueDate":"%s","channel":"CARD","contactId":"%s","reasonId":"%s"}"""
                .formatted(day, roofs.contactId(), reason)), rep, 201).get("id").asString();
        JsonNode timed = call(post("/api/v1/follow-ups").content("""
                {"dueDate":"%s","dueTime":"14:00","timeZone":"America/New_York","channel":"CALL","contactId":"%s",
                 "instructions":"Ask about the spring order"}""".formatted(day, roofs.contactId())), rep, 201);
        String url = call(post("/api/v1/calendar-feed"), rep, 201).get("url").asString();
        assertThat(url).contains("/calendar/feed/tkc_");

        MvcResult answer = feed(url);
        assertThat(answer.getResponse().getStatus()).isEqualTo(200);
        assertThat(answer.getResponse().getContentType()).startsWith("text/calendar");
        ICalendar calendar = Biweekly.parse(answer.getResponse().getContentAsString()).first();
        assertThat(calendar.getEvents()).hasSize(2);

        VEvent card = event(calendar, allDay);
        assertThat(card.getDateStart().getValue().hasTime()).as("an all-day event").isFalse();
        assertThat(card.getSummary().getValue()).startsWith("Card Ann Baker Roofs (Roofs) — Pricing update");
        assertThat(card.getDescription().getValue()).contains("Reason: Pricing update").contains("/follow-ups/" + allDay);
        assertThat(card.getUrl().getValue()).endsWith("/follow-ups/" + allDay);

        VEvent call = event(calendar, timed.get("id").asString());
        Instant due = Instant.parse(timed.get("dueAt").asString());
        assertThat(call.getDateStart().getValue().toInstant()).isEqualTo(due);
        TimezoneAssignment zone = calendar.getTimezoneInfo().getTimezone(call.getDateStart());
        assertThat(zone.getComponent().getTimezoneId().getValue()).isEqualTo("America/New_York");
        assertThat(call.getDescription().getValue()).contains("Ask about the spring order");

        call(patch("/api/v1/follow-ups/" + timed.get("id").asString()).content("{\"version\":0,\"dueTime\":\"15:00\"}"), rep, 200);
        VEvent moved = event(Biweekly.parse(feed(url).getResponse().getContentAsString()).first(), timed.get("id").asString());
        assertThat(moved.getSequence().getValue()).as("same UID, a later SEQUENCE").isEqualTo(1);
        assertThat(moved.getDateStart().getValue().toInstant()).isEqualTo(due.plusSeconds(3600));

        assertThat(call(get("/api/v1/calendar-feed"), rep, 200).get("active").asBoolean()).isTrue();
        String renewed = call(post("/api/v1/calendar-feed"), rep, 201).get("url").asString();
        assertThat(feed(url).getResponse().getStatus()).as("the old address stops working").isEqualTo(404);
        assertThat(feed(renewed).getResponse().getStatus()).isEqualTo(200);
        assertThat(feed(renewed.replace("tkc_", "tkc_1")).getResponse().getStatus()).isEqualTo(404);
        call(delete("/api/v1/calendar-feed"), rep, 204);
        assertThat(feed(renewed).getResponse().getStatus()).isEqualTo(404);
    }
}
