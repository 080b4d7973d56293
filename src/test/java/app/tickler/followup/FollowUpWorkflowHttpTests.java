package app.tickler.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import app.tickler.TicklerTest;
import app.tickler.identity.Directory;
import app.tickler.identity.UserId;
import app.tickler.identity.WorkspaceId;
import app.tickler.party.Account;
import app.tickler.party.AccountInput;
import app.tickler.party.BuyingRole;
import app.tickler.party.Contact;
import app.tickler.party.ContactInput;
import app.tickler.party.CustomerLevel;
import app.tickler.party.Parties;
import app.tickler.platform.security.Actors;
import biweekly.Biweekly;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The follow-up engine's journey through the real HTTP stack: a rep enrols a prospect in the seed
 * cadence, works the Today queue, logs a touch with a promise, keeps it, and subscribes a calendar.
 */
@TicklerTest
class FollowUpWorkflowHttpTests {

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    Parties parties;
    @Autowired
    Directory directory;

    private final HttpClient http = HttpClient.newHttpClient();
    private String token;

    @Test
    void enrolWorkTodayLogKeepAPromiseAndSubscribeTheCalendar() throws Exception {
        String email = "rosa" + System.nanoTime() + "@roofers.test";
        JsonNode signup = json.readTree(send("POST", "/api/v1/signup", """
                {"workspace":"Roofers","name":"Rosa Rep","email":"%s","password":"roofs all day long","timeZone":"Europe/Berlin"}
                """.formatted(email), 201));
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/tokens"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((email + ":roofs all day long")
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"cli\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        token = json.readTree(issued.body()).get("token").asString();
        var actor = directory.actorFor(new WorkspaceId(Long.parseLong(signup.get("workspace").asString())),
                new UserId(Long.parseLong(signup.get("admin").asString()))).orElseThrow();
        Contact ann = Actors.callAs(actor, () -> {
            Account roofs = parties.createAccount(AccountInput.named("Roofs Ltd"));
            parties.setLevel(roofs.id(), CustomerLevel.B, "new");
            return parties.createContact(new ContactInput("Ann", "Baker", null, List.of(new Contact.Email("ann@roofs.test",
                    null, true)), null, null, null, null, null, null, null, null, null, null, null, roofs.id(),
                    BuyingRole.DECISION_MAKER, true));
        });
        String contact = Long.toString(ann.id().value());

        JsonNode cadences = json.readTree(send("GET", "/api/v1/cadences", null, 200));
        String newProspect = cadences.get(0).get("template").asString().equals("new-prospect")
                ? cadences.get(0).get("id").asString() : cadences.get(1).get("id").asString();
        String enrolment = json.readTree(send("POST", "/api/v1/enrolments", """
                {"cadenceId":"%s","contactId":"%s"}""".formatted(newProspect, contact), 201)).get("id").asString();

        JsonNode today = json.readTree(send("GET", "/api/v1/today", null, 200));
        assertThat(today.at("/dueToday/count").asInt()).isEqualTo(1);
        JsonNode step = today.at("/dueToday/items/0");
        assertThat(step.get("enrolmentId").asString()).isEqualTo(enrolment);

        LocalDate friday = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(3);
        JsonNode done = json.readTree(send("POST", "/api/v1/follow-ups/" + step.get("id").asString() + "/complete", """
                {"version":%d,"channel":"VOICEMAIL","notes":"Left a thank-you voicemail",
                 "commitment":{"description":"Send the brochure","dueDate":"%s"}}""".formatted(step.get("version").asLong(),
                friday), 200));
        assertThat(done.at("/touch/attempt").asInt()).isEqualTo(1);
        String promiseFollowUp = done.at("/commitment/followUpId").asString();

        JsonNode promise = json.readTree(send("GET", "/api/v1/follow-ups/" + promiseFollowUp, null, 200));
        assertThat(promise.get("origin").asString()).isEqualTo("PROMISE");
        send("POST", "/api/v1/follow-ups/" + promiseFollowUp + "/complete", """
                {"version":%d,"channel":"EMAIL","notes":"Brochure sent"}""".formatted(promise.get("version").asLong()), 200);
        JsonNode kept = json.readTree(send("GET", "/api/v1/commitments/" + done.at("/commitment/id").asString(), null, 200));
        assertThat(kept.get("status").asString()).isEqualTo("KEPT");
        assertThat(json.readTree(send("GET", "/api/v1/attempts?contactId=" + contact, null, 200)).get("attempts").asInt())
                .as("a voicemail and an email, no answer yet").isEqualTo(2);

        String feed = json.readTree(send("POST", "/api/v1/calendar-feed", null, 201)).get("url").asString();
        HttpResponse<String> ics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + URI.create(feed).getPath())).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ics.statusCode()).isEqualTo(200);
        assertThat(Biweekly.parse(ics.body()).first().getEvents()).as("the cadence's next step (the email)")
                .singleElement().satisfies(e -> assertThat(e.getSummary().getValue()).startsWith("Email Ann Baker"));

        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/today"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json.readTree(send("GET", "/api/v1/openapi.json", null, 200)).at("/paths").has("/api/v1/follow-ups"))
                .isTrue();
    }

    private String send(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body();
    }
}
