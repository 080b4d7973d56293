package app.tickler.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Insight through the real HTTP stack: touches make a scorecard, an insight is marked, a won deal
 * shows on the dashboard, a chart comes as CSV, and the counters are rebuilt to the same numbers.
 */
@TicklerTest
class InsightWorkflowHttpTests {

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
    void touchesMarkAnInsightWinADealAndReadTheDashboard() throws Exception {
        String email = "mara" + System.nanoTime() + "@glaziers.test";
        JsonNode signup = json.readTree(send("POST", "/api/v1/signup", """
                {"workspace":"Glaziers","name":"Mara Admin","email":"%s","password":"windows all day long","timeZone":"Europe/Berlin"}
                """.formatted(email), 201));
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/tokens"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((email + ":windows all day long")
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"cli\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        token = json.readTree(issued.body()).get("token").asString();
        var actor = directory.actorFor(new WorkspaceId(Long.parseLong(signup.get("workspace").asString())),
                new UserId(Long.parseLong(signup.get("admin").asString()))).orElseThrow();
        Account glass = Actors.callAs(actor, () -> parties.setLevel(parties.createAccount(AccountInput.named("Glass Ltd")).id(),
                CustomerLevel.A, "new"));
        Contact ann = Actors.callAs(actor, () -> parties.createContact(new ContactInput("Ann", "Glass", null, null, null, null,
                null, null, null, null, null, null, null, null, null, glass.id(), BuyingRole.DECISION_MAKER, true)));
        Actors.callAs(actor, () -> parties.createContact(new ContactInput("Ian", "Glass", null, null, null, null, null, null,
                null, null, null, null, null, null, null, glass.id(), BuyingRole.INFLUENCER, false)));
        String account = Long.toString(glass.id().value());

        JsonNode touch = json.readTree(send("POST", "/api/v1/touches", """
                {"channel":"VISIT","contactIds":["%s"],"reached":true,"notes":"They move to triple glazing next year"}
                """.formatted(ann.id().value()), 201));
        send("POST", "/api/v1/insights/marks", "{\"touchId\":\"" + touch.at("/touch/id").asString() + "\"}", 201);
        JsonNode card = json.readTree(send("GET", "/api/v1/insights/ickr/accounts/" + account, null, 200));
        assertThat(card.at("/know/insightsInYear").asInt()).isEqualTo(1);
        assertThat(card.at("/connect/notReached/0/name").asString()).isEqualTo("Ian Glass");
        JsonNode uncovered = json.readTree(send("GET", "/api/v1/insights/uncovered-influencers", null, 200));
        assertThat(uncovered.at("/items/0/id").asString()).isEqualTo(account);

        JsonNode deal = json.readTree(send("POST", "/api/v1/deals", """
                {"name":"Windows","accountId":"%s","amountMinor":1200000}""".formatted(account), 201));
        send("POST", "/api/v1/deals/" + deal.get("id").asString() + "/win", "{\"version\":" + deal.get("version").asLong() + "}",
                200);
        JsonNode dashboard = json.readTree(send("GET", "/api/v1/insights/dashboard", null, 200));
        JsonNode winRate = null;
        for (JsonNode k : dashboard.get("kpis")) {
            if (k.get("id").asString().equals("winRate")) {
                winRate = k;
            }
        }
        assertThat(winRate.get("value").asString()).isEqualTo("100%");
        String csv = send("GET", "/api/v1/insights/dashboard/charts/short-touches-daily.csv", null, 200);
        assertThat(csv).startsWith("category,Touches");
        JsonNode rebuilt = json.readTree(send("POST", "/api/v1/insights/counters/rebuild", null, 200));
        assertThat(rebuilt.get("counters").asInt()).as("the touch, and the deal entering its first stage").isEqualTo(2);
        assertThat(json.readTree(send("GET", "/api/v1/insights/dashboard", null, 200)).get("kpis"))
                .isEqualTo(dashboard.get("kpis"));
    }

    private String send(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Accept", path.endsWith(".csv") ? "text/csv" : "application/json");
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
