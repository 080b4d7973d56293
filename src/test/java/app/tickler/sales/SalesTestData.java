package app.tickler.sales;

import java.util.LinkedHashMap;
import java.util.Map;

import app.tickler.TestUser;
import tools.jackson.databind.JsonNode;

/** Accounts, pipelines and deals made through the API for the sales tests. */
final class SalesTestData {

    private final Calls calls;

    SalesTestData(Calls calls) {
        this.calls = calls;
    }

    /** An account made through the party facade as the user. */
    String account(TestUser user, app.tickler.party.Parties parties, String name) {
        return Long.toString(user.call(() -> parties.createAccount(app.tickler.party.AccountInput.named(name))).id().value());
    }

    JsonNode pipeline(TestUser user, String name) {
        for (JsonNode p : calls.get(user, "/api/v1/pipelines").get("items")) {
            if (p.get("name").asString().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no pipeline " + name);
    }

    static String stage(JsonNode pipeline, String name) {
        for (JsonNode s : pipeline.get("stages")) {
            if (s.get("name").asString().equals(name)) {
                return s.get("id").asString();
            }
        }
        throw new AssertionError("no stage " + name);
    }

    JsonNode deal(TestUser user, String account, String pipelineId, String stageId, long amountMinor) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Deal " + System.nanoTime());
        body.put("accountId", account);
        body.put("amountMinor", amountMinor);
        if (pipelineId != null) {
            body.put("pipelineId", pipelineId);
        }
        if (stageId != null) {
            body.put("stageId", stageId);
        }
        return calls.create(user, "/api/v1/deals", body);
    }
}
