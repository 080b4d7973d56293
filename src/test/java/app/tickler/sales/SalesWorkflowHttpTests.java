package app.tickler.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.platform.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sales cycle through the real HTTP stack, as an integration would drive it: a colleague refers
 * a lead, a rep claims and converts it with a deal, moves it through the seven elements, wins it
 * with a payment schedule, collects the payment, and starts a repeat proposal for the customer.
 */
@TicklerTest
class SalesWorkflowHttpTests {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void fromReferralToCollectedPaymentAndARepeatProposal() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser staff = acme.user(Role.STAFF);
        TestUser rep = acme.user(Role.REP);

        JsonNode lead = send(staff, "POST", "/api/v1/leads", Map.of("firstName", "Hal", "lastName", "Http",
                "company", "Wire & Sons " + System.nanoTime(), "email", "hal@wire.example"), 201);
        String leadId = lead.get("id").asString();
        JsonNode pool = send(rep, "GET", "/api/v1/leads?view=POOL", null, 200);
        assertThat(pool.get("items")).extracting(l -> l.get("id").asString()).contains(leadId);
        JsonNode claimed = send(rep, "POST", "/api/v1/leads/" + leadId + "/claim", null, 200);
        JsonNode late = send(acme.user(Role.REP), "POST", "/api/v1/leads/" + leadId + "/claim", null, 409);
        assertThat(late.get("detail").asString()).startsWith("A colleague claimed this lead first");

        JsonNode seven = null;
        for (JsonNode p : send(rep, "GET", "/api/v1/pipelines", null, 200).get("items")) {
            if (p.get("name").asString().equals("Seven elements")) {
                seven = p;
            }
        }
        JsonNode converted = send(rep, "POST", "/api/v1/leads/" + leadId + "/convert", Map.of("version",
                claimed.get("version").asLong(), "role", "ECONOMIC_BUYER", "deal", Map.of("name", "Cabling",
                        "pipelineId", seven.get("id").asString(), "amountMinor", 48_000_00)), 200);
        JsonNode deal = converted.get("deal");
        String dealId = deal.get("id").asString();
        assertThat(deal.get("stageName").asString()).isEqualTo("Identify lead");

        long version = deal.get("version").asLong();
        for (String stage : List.of("Non-key people", "Key people", "Product criteria", "Program design", "Ask for contract")) {
            JsonNode moved = send(rep, "POST", "/api/v1/deals/" + dealId + "/move", Map.of("stageId",
                    SalesTestData.stage(seven, stage), "version", version), 200);
            version = moved.get("version").asLong();
        }
        JsonNode offered = send(rep, "GET", "/api/v1/deals/" + dealId + "/payment-schedule?installments=3", null, 200);
        JsonNode won = send(rep, "POST", "/api/v1/deals/" + dealId + "/win", Map.of("version", version,
                "payments", offered), 200);
        assertThat(won.get("status").asString()).isEqualTo("WON");
        JsonNode invoices = send(rep, "GET", "/api/v1/payments?dealId=" + dealId + "&status=OPEN", null, 200).get("items");
        assertThat(invoices).hasSize(3);
        for (JsonNode invoice : invoices) {
            send(rep, "POST", "/api/v1/payments/" + invoice.get("id").asString() + "/paid", Map.of("version",
                    invoice.get("version").asLong()), 200);
        }
        JsonNode done = send(rep, "GET", "/api/v1/deals/" + dealId, null, 200);
        assertThat(done.get("stageName").asString()).isEqualTo("Payment collected");
        JsonNode history = send(rep, "GET", "/api/v1/deals/" + dealId + "/history", null, 200).get("items");
        assertThat(history).hasSize(7);
        assertThat(history).extracting(m -> m.get("movement").asString()).containsOnly("ENTERED", "PROGRESSED");

        JsonNode repeat = send(rep, "POST", "/api/v1/deals/repeat", Map.of("accountId", done.get("accountId").asString(),
                "name", "Cabling, phase 2"), 201);
        assertThat(repeat.get("origin").asString()).isEqualTo("REPEAT");
        JsonNode leaderboard = send(staff, "GET", "/api/v1/referrals", null, 200).get("items");
        assertThat(leaderboard.get(0).get("wonInWorkspaceCurrency").asLong()).isEqualTo(48_000_00);
        JsonNode openApi = send(rep, "GET", "/api/v1/openapi.json", null, 200);
        assertThat(openApi.at("/paths").has("/api/v1/leads/{id}/claim")).isTrue();
        assertThat(openApi.at("/paths").has("/api/v1/payments")).isTrue();
    }

    private JsonNode send(TestUser user, String method, String path, Object body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .header("Accept", "application/json").header("Authorization", "Bearer " + user.token());
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body().isBlank() ? null : json.readTree(response.body());
    }
}
