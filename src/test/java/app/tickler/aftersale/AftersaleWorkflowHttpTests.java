package app.tickler.aftersale;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.party.Account;
import app.tickler.party.AccountInput;
import app.tickler.party.BuyingRole;
import app.tickler.party.Contact;
import app.tickler.party.ContactInput;
import app.tickler.party.Parties;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * After the sale through the real HTTP stack: a rep wins a customer (who enters the cycle and the
 * onboarding plan), records the installed service contract, which comes up for renewal as a follow-up
 * and a renewal deal; the rep's journal tells the day, the rep submits it and the manager comments.
 */
@TicklerTest
class AftersaleWorkflowHttpTests {

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Parties parties;
    @Autowired
    Renewals renewals;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void winInstallRenewAndReportTheDay() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String team = acme.team("North");
        TestUser rep = acme.user(Role.REP, team);
        TestUser manager = acme.user(Role.MANAGER, team);
        Account roofs = rep.call(() -> parties.createAccount(AccountInput.named("Roofs Ltd")));
        Contact ann = rep.call(() -> parties.createContact(new ContactInput("Ann", "Baker", null, null, null, null, null,
                null, null, null, null, null, null, null, null, roofs.id(), BuyingRole.DECISION_MAKER, true)));
        String account = Long.toString(roofs.id().value());

        send(rep, "POST", "/api/v1/touches", """
                {"channel":"MEETING","contactIds":["%s"],"reached":true,"outcome":"PROGRESSED"}""".formatted(ann.id().value()),
                201);
        JsonNode deal = send(rep, "POST", "/api/v1/deals", """
                {"name":"Service for Roofs","accountId":"%s","amountMinor":250000,
                 "contacts":[{"contactId":"%s","role":"DECISION_MAKER"}]}""".formatted(account, ann.id().value()), 201);
        send(rep, "POST", "/api/v1/deals/" + deal.get("id").asString() + "/win",
                "{\"version\":" + deal.get("version").asLong() + "}", 200);
        assertThat(send(rep, "GET", "/api/v1/relationship/accounts/" + account, null, 200).get("stage").asString())
                .isEqualTo("PEAK_OF_INTEREST");

        JsonNode plan = send(acme.admin(), "POST", "/api/v1/products", """
                {"name":"Service plan","serviceMonths":12}""", 201);
        LocalDate install = LocalDate.now(ZoneId.of("Europe/Berlin")).minusMonths(12).plusDays(10);
        send(rep, "POST", "/api/v1/installed-products/from-deal", """
                {"dealId":"%s","items":[{"productId":"%s","installDate":"%s"}]}""".formatted(deal.get("id").asString(),
                plan.get("id").asString(), install), 201);
        JsonNode soon = send(rep, "GET", "/api/v1/installed-products/lifecycle?within=30", null, 200);
        assertThat(soon.at("/items/0/accountName").asString()).isEqualTo("Roofs Ltd");

        int given = Actors.callAs(Actor.system(acme.id(), ZoneId.of("Europe/Berlin")), renewals::run);
        assertThat(given).isEqualTo(1);
        JsonNode renewal = send(rep, "GET", "/api/v1/follow-ups?accountId=" + account + "&origin=RENEWAL", null, 200);
        assertThat(renewal.at("/items/0/instructions").asString()).contains("Service plan");

        JsonNode day = send(rep, "GET", "/api/v1/journal/today", null, 200);
        assertThat(day.get("items").findValuesAsString("kind")).contains("TOUCH", "DEAL_WON", "RELATIONSHIP_STAGE");
        JsonNode entry = send(rep, "POST", "/api/v1/journal/days/" + day.get("day").asString() + "/submit", """
                {"plan":"Call Roofs about the renewal","reflection":"Won Roofs"}""", 200);
        send(rep, "POST", "/api/v1/journal/days/" + day.get("day").asString() + "/submit", "{}", 409);
        send(manager, "POST", "/api/v1/journal/entries/" + entry.get("id").asString() + "/comments", """
                {"body":"Well done — book the onboarding visit"}""", 201);
        assertThat(send(rep, "GET", "/api/v1/journal/today", null, 200).at("/entry/status").asString())
                .isEqualTo("REVIEWED");
    }

    private JsonNode send(TestUser user, String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + user.token()).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? null : json.readTree(response.body());
    }
}
