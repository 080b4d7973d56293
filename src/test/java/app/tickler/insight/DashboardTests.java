package app.tickler.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import app.tickler.Fixtures;
import app.tickler.MutableClock;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.party.Account;
import app.tickler.party.AccountId;
import app.tickler.party.AccountInput;
import app.tickler.party.BuyingRole;
import app.tickler.party.Contact;
import app.tickler.party.ContactInput;
import app.tickler.party.CustomerLevel;
import app.tickler.party.Parties;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard over a realistic stretch of work, and the daily counters behind it: kept by the
 * events exactly as a recomputation from the source data finds them.
 */
@TicklerTest
class DashboardTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Parties parties;
    @Autowired
    JsonMapper json;
    @Autowired
    MutableClock clock;
    @Autowired
    DailyCounters counters;
    @Autowired
    CounterRebuild rebuild;

    @AfterEach
    void resetClock() {
        clock.useSystemTime();
    }

    JsonNode call(MockHttpServletRequestBuilder request, TestUser user, int expected) throws Exception {
        MvcResult result = mvc.perform(request.with(user.api()).contentType(MediaType.APPLICATION_JSON)).andReturn();
        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(request + " " + body).isEqualTo(expected);
        return body.isEmpty() || !(body.startsWith("{") || body.startsWith("[")) ? null : json.readTree(body);
    }

    JsonNode send(TestUser user, String path, Object body, int expected) throws Exception {
        return call(post(path).content(json.writeValueAsString(body)), user, expected);
    }

    private final Map<Long, Long> accounts = new java.util.HashMap<>();

    Contact customer(TestUser rep, String name) {
        return rep.call(() -> {
            Account account = parties.setLevel(parties.createAccount(AccountInput.named(name)).id(), CustomerLevel.B, "test");
            Contact contact = parties.createContact(new ContactInput("Ann", name, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, account.id(), BuyingRole.DECISION_MAKER, true));
            accounts.put(contact.id().value(), account.id().value());
            return contact;
        });
    }

    String reason(TestUser user, String name) throws Exception {
        JsonNode reasons = call(get("/api/v1/business-reasons"), user, 200);
        for (JsonNode r : reasons.has("items") ? reasons.get("items") : reasons) {
            if (r.get("name").asString().equals(name)) {
                return r.get("id").asString();
            }
        }
        throw new AssertionError("no reason " + name);
    }

    void touch(TestUser rep, Contact who, String reasonId) throws Exception {
        send(rep, "/api/v1/touches", Map.of("channel", "CALL", "contactIds", List.of(Long.toString(who.id().value())),
                "reached", true, "reasonId", reasonId), 201);
    }

    JsonNode followUp(TestUser rep, Contact who, String dueDate) throws Exception {
        return send(rep, "/api/v1/follow-ups", Map.of("dueDate", dueDate, "channel", "CALL", "contactId",
                Long.toString(who.id().value())), 201);
    }

    JsonNode deal(TestUser rep, Contact who, long amount) throws Exception {
        return send(rep, "/api/v1/deals", Map.of("name", "Deal " + System.nanoTime(), "accountId",
                Long.toString(accounts.get(who.id().value())), "amountMinor", amount), 201);
    }

    String stage(TestUser user, String name) throws Exception {
        for (JsonNode p : call(get("/api/v1/pipelines"), user, 200).get("items")) {
            if (p.get("name").asString().equals("Five-phase cycle")) {
                for (JsonNode s : p.get("stages")) {
                    if (s.get("name").asString().equals(name)) {
                        return s.get("id").asString();
                    }
                }
            }
        }
        throw new AssertionError("no stage " + name);
    }

    static double sum(JsonNode values) {
        double sum = 0;
        for (JsonNode v : values) {
            sum += v.isNull() ? 0 : v.asDouble();
        }
        return sum;
    }

    @Test
    void twoColleaguesOfTheSameNameAreTwoRepsOnTheDashboard() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        List<TestUser> namesakes = List.of(acme.user(Role.REP), acme.user(Role.REP));
        for (TestUser rep : namesakes) {
            call(patch("/api/v1/users/" + rep.id()).header("If-Match", "\"0\"").content("{\"name\":\"Chris Lee\"}"),
                    acme.admin(), 200);
            touch(rep, customer(rep, "Namesake " + rep.id()), reason(rep, "Service"));
        }
        JsonNode touches = chart(call(get("/api/v1/insights/dashboard"), acme.admin(), 200), "short-touches");
        List<String> categories = new java.util.ArrayList<>();
        touches.get("categories").forEach(c -> categories.add(c.asString()));
        assertThat(categories).filteredOn("Chris Lee"::equals).hasSize(2);
    }

    static JsonNode chart(JsonNode dashboard, String id) {
        for (JsonNode c : dashboard.get("charts")) {
            if (c.get("id").asString().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no chart " + id);
    }

    static String kpi(JsonNode dashboard, String id) {
        for (JsonNode k : dashboard.get("kpis")) {
            if (k.get("id").asString().equals(id)) {
                return k.get("value").isNull() ? null : k.get("value").asString();
            }
        }
        throw new AssertionError("no kpi " + id);
    }

    @Test
    void aQuarterOfWorkShowsOnTheDashboardAndTheCountersMatchTheSourceData() throws Exception {
        clock.set(Instant.parse("2026-11-10T09:00:00Z"));
        TestWorkspace acme = fixtures.workspace();
        String north = acme.team("North");
        TestUser rosa = acme.user(Role.REP, north);
        TestUser sam = acme.user(Role.REP, north);
        TestUser outsider = acme.user(Role.REP);
        TestUser manager = acme.user(Role.MANAGER);
        Contact roofs = customer(rosa, "Roofs");
        Contact pipes = customer(sam, "Pipes");
        Contact other = customer(outsider, "Other");
        Contact prospect = customer(rosa, "Prospect");
        String service = reason(rosa, "Service");
        String seasonal = reason(rosa, "Seasonal greeting");

        touch(rosa, roofs, service);
        touch(rosa, roofs, service);
        touch(rosa, roofs, seasonal);
        touch(sam, pipes, seasonal);
        touch(outsider, other, service);

        JsonNode late = followUp(rosa, roofs, "2026-11-10");
        JsonNode early = followUp(rosa, roofs, "2026-11-20");
        followUp(sam, pipes, "2026-11-12");
        clock.advance(Duration.ofDays(2));
        send(rosa, "/api/v1/follow-ups/" + late.get("id").asString() + "/complete", Map.of("version",
                late.get("version").asLong()), 200);
        send(rosa, "/api/v1/follow-ups/" + early.get("id").asString() + "/complete", Map.of("version",
                early.get("version").asLong()), 200);
        clock.advance(Duration.ofDays(2));

        send(rosa, "/api/v1/leads", Map.of("lastName", "Lead One"), 201);
        send(sam, "/api/v1/leads", Map.of("lastName", "Lead Two"), 201);

        JsonNode won = deal(rosa, roofs, 1_000_00);
        JsonNode moved = send(rosa, "/api/v1/deals/" + won.get("id").asString() + "/move", Map.of("stageId",
                stage(rosa, "Prospecting"), "version", won.get("version").asLong()), 200);
        moved = send(rosa, "/api/v1/deals/" + won.get("id").asString() + "/move", Map.of("stageId",
                stage(rosa, "Proposal"), "version", moved.get("version").asLong()), 200);
        send(rosa, "/api/v1/deals/" + won.get("id").asString() + "/win", Map.of("version", moved.get("version").asLong(),
                "payments", List.of(Map.of("amountMinor", 1_000_00, "dueOn", "2026-12-15"))), 200);
        JsonNode invoice = call(get("/api/v1/payments?dealId=" + won.get("id").asString()), rosa, 200).at("/items/0");
        JsonNode paid = send(rosa, "/api/v1/payments/" + invoice.get("id").asString() + "/paid",
                Map.of("version", invoice.get("version").asLong()), 200);
        JsonNode unpaid = send(rosa, "/api/v1/payments/" + invoice.get("id").asString() + "/unpaid",
                Map.of("version", paid.get("version").asLong()), 200);
        send(rosa, "/api/v1/payments/" + invoice.get("id").asString() + "/paid",
                Map.of("version", unpaid.get("version").asLong(), "paidOn", "2026-11-13"), 200);
        JsonNode lost = deal(rosa, roofs, 500_00);
        String lostReason = call(get("/api/v1/lost-reasons"), rosa, 200).at("/items/0/id").asString();
        send(rosa, "/api/v1/deals/" + lost.get("id").asString() + "/lose", Map.of("version", lost.get("version").asLong(),
                "reasonId", lostReason), 200);
        JsonNode reopened = deal(sam, pipes, 300_00);
        JsonNode samWon = send(sam, "/api/v1/deals/" + reopened.get("id").asString() + "/win", Map.of("version",
                reopened.get("version").asLong(), "payments", List.of(Map.of("amountMinor", 300_00, "dueOn", "2026-12-01"))),
                200);
        send(sam, "/api/v1/deals/" + reopened.get("id").asString() + "/reopen", Map.of("version",
                samWon.get("version").asLong()), 200);

        String cadence = null;
        JsonNode cadences = call(get("/api/v1/cadences"), rosa, 200);
        for (JsonNode c : cadences.has("items") ? cadences.get("items") : cadences) {
            if ("new-prospect".equals(c.get("template").asString())) {
                cadence = c.get("id").asString();
            }
        }
        JsonNode enrolment = send(rosa, "/api/v1/enrolments", Map.of("cadenceId", cadence, "contactId",
                Long.toString(prospect.id().value())), 201);
        send(rosa, "/api/v1/enrolments/" + enrolment.get("id").asString() + "/stop", Map.of("version",
                enrolment.get("version").asLong(), "reason", "BY_HAND", "note", "No budget this year"), 200);

        // the counters kept by the events are exactly what the source data says
        Map<DailyCounters.Key, DailyCounters.Value> kept = acme.admin().call(counters::all);
        Map<DailyCounters.Key, DailyCounters.Value> recomputed = acme.admin().call(rebuild::recompute);
        recomputed.values().removeIf(v -> v.count() == 0 && v.amountMinor() == 0);
        assertThat(kept).isEqualTo(recomputed);
        List<Metric> metrics = new ArrayList<>(kept.keySet().stream().map(DailyCounters.Key::metric).distinct().toList());
        assertThat(metrics).contains(Metric.TOUCHES, Metric.VALUE_TOUCHES, Metric.FOLLOW_UPS_DONE, Metric.FOLLOW_UPS_ON_TIME,
                Metric.EARLY_GIVE_UPS, Metric.NEW_LEADS, Metric.STAGE_ENTERED, Metric.STAGE_PROGRESSED,
                Metric.PAYMENTS_RECEIVED);
        assertThat(kept).containsEntry(new DailyCounters.Key(Metric.PAYMENTS_RECEIVED,
                java.time.LocalDate.parse("2026-11-13"), 0, 0, "EUR"), new DailyCounters.Value(1, 1_000_00));

        send(manager, "/api/v1/insights/counters/rebuild", Map.of(), 403);
        JsonNode rebuilt = send(acme.admin(), "/api/v1/insights/counters/rebuild", Map.of(), 200);
        assertThat(rebuilt.get("counters").asInt()).isEqualTo(kept.size());
        assertThat(acme.admin().call(counters::all)).isEqualTo(kept);

        // the team's quarter
        JsonNode team = call(get("/api/v1/insights/dashboard?teamId=" + north), manager, 200);
        assertThat(team.get("from").asString()).isEqualTo("2026-10-01");
        assertThat(team.get("to").asString()).isEqualTo("2026-12-31");
        assertThat(sum(chart(team, "short-touches-daily").at("/series/0/values"))).as("the team's touches, two of them completing follow-ups")
                .isEqualTo(6);
        assertThat(chart(team, "short-touches").get("categories").size()).as("the team's two reps").isEqualTo(2);
        assertThat(kpi(team, "onTime")).isEqualTo("50%");
        assertThat(kpi(team, "overdue")).isEqualTo("1");
        assertThat(kpi(team, "winRate")).as("one won, one lost; the reopened one is open").isEqualTo("50%");
        assertThat(kpi(team, "earlyGiveUps")).isEqualTo("1");
        assertThat(kpi(team, "newLeads")).isEqualTo("2");
        assertThat(sum(chart(team, "persistence-attempts").at("/series/0/values"))).isEqualTo(1);
        JsonNode conversion = chart(team, "short-conversion");
        assertThat(conversion.get("categories").toString()).contains("Qualification", "Prospecting");
        JsonNode cash = chart(team, "forecast-cash-EUR");
        int november = -1;
        for (int i = 0; i < cash.get("categories").size(); i++) {
            if (cash.get("categories").get(i).asString().equals("2026-11")) {
                november = i;
            }
        }
        assertThat(cash.at("/series/2/values/" + november).asDouble()).as("received in November").isEqualTo(1000.0);
        assertThat(kpi(team, "coverage")).as("two of the team's three customers' people were touched").isEqualTo("67%");
        send(manager, "/api/v1/insights/coverage/refresh", Map.of(), 403);
        assertThat(send(acme.admin(), "/api/v1/insights/coverage/refresh", Map.of(), 200).get("owners").asInt())
                .as("three owners of customers").isEqualTo(3);
        JsonNode pipeline = chart(team, "forecast-pipeline-EUR");
        int undated = pipeline.get("categories").size() - 1;
        assertThat(pipeline.at("/categories/" + undated).asString()).isEqualTo("No date");
        assertThat(pipeline.at("/series/1/values/" + undated).asDouble()).as("the reopened deal, unweighted").isEqualTo(300.0);
        assertThat(pipeline.at("/series/0/values/" + undated).asDouble()).as("weighted by its stage's probability")
                .isGreaterThan(0).isLessThan(300.0);
        JsonNode everybody = call(get("/api/v1/insights/dashboard"), manager, 200);
        assertThat(sum(chart(everybody, "short-touches-daily").at("/series/0/values"))).isEqualTo(7);

        // a rep sees their own numbers only
        JsonNode own = call(get("/api/v1/insights/dashboard"), sam, 200);
        assertThat(sum(chart(own, "short-touches-daily").at("/series/0/values"))).isEqualTo(1);
        // the workspace's new leads and cash are not a rep's own numbers: not on their dashboard
        assertThat(own.get("kpis").findValuesAsString("id")).doesNotContain("newLeads");
        assertThat(own.get("charts").findValuesAsString("id")).noneMatch(id -> id.startsWith("forecast-cash")
                || id.equals("short-new-leads"));
        JsonNode refused = call(get("/api/v1/insights/dashboard?teamId=" + north), sam, 400);
        assertThat(refused.findValuesAsString("field")).contains("teamId");
        JsonNode badPeriod = call(get("/api/v1/insights/dashboard?from=2026-12-01&to=2026-11-01"), manager, 400);
        assertThat(badPeriod.findValuesAsString("field")).contains("to");

        MvcResult csv = mvc.perform(get("/api/v1/insights/dashboard/charts/short-touches.csv?teamId=" + north)
                .with(manager.api())).andReturn();
        assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
        assertThat(csv.getResponse().getContentAsString().lines().toList()).hasSize(3)
                .first().asString().startsWith("category,");
        call(get("/api/v1/insights/dashboard/charts/nothing.csv"), manager, 400);

        String page = mvc.perform(get("/insights?teamId=" + north).with(manager.browser())).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("<svg", "role=\"img\"", "Cash-flow forecast by month (EUR)", "Download CSV",
                "/insights/charts/forecast-cash-EUR.csv?from=2026-10-01&amp;to=2026-12-31&amp;teamId=" + north);
        TestUser staff = acme.user(Role.STAFF);
        assertThat(mvc.perform(get("/insights").with(staff.browser())).andReturn().getResponse().getStatus()).isEqualTo(403);
        call(get("/api/v1/insights/dashboard"), staff, 403);
    }

    @Test
    void anAccountRemovedForGoodTakesBackWhatItsDealsCountedAsARebuildFindsIt() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Contact stays = customer(rep, "Stays");
        JsonNode staying = deal(rep, stays, 100_00);
        send(rep, "/api/v1/deals/" + staying.get("id").asString() + "/move", Map.of("stageId",
                stage(rep, "Prospecting"), "version", staying.get("version").asLong()), 200);
        Contact goes = customer(rep, "Goes");
        JsonNode open = deal(rep, goes, 200_00);
        send(rep, "/api/v1/deals/" + open.get("id").asString() + "/move", Map.of("stageId", stage(rep, "Proposal"),
                "version", open.get("version").asLong()), 200);
        JsonNode won = deal(rep, goes, 1_000_00);
        JsonNode moved = send(rep, "/api/v1/deals/" + won.get("id").asString() + "/move", Map.of("stageId",
                stage(rep, "Closing"), "version", won.get("version").asLong()), 200);
        send(rep, "/api/v1/deals/" + won.get("id").asString() + "/win", Map.of("version", moved.get("version").asLong(),
                "payments", List.of(Map.of("amountMinor", 1_000_00, "dueOn", "2099-12-15"))), 200);
        JsonNode invoice = call(get("/api/v1/payments?dealId=" + won.get("id").asString()), rep, 200).at("/items/0");
        send(rep, "/api/v1/payments/" + invoice.get("id").asString() + "/paid", Map.of("version",
                invoice.get("version").asLong()), 200);
        JsonNode lost = deal(rep, goes, 300_00);
        send(rep, "/api/v1/deals/" + lost.get("id").asString() + "/lose", Map.of("version", lost.get("version").asLong(),
                "reasonId", call(get("/api/v1/lost-reasons"), rep, 200).at("/items/0/id").asString()), 200);
        Map<DailyCounters.Key, DailyCounters.Value> before = acme.admin().call(counters::all);
        assertThat(before.keySet()).extracting(DailyCounters.Key::metric).contains(Metric.STAGE_ENTERED,
                Metric.STAGE_PROGRESSED, Metric.PAYMENTS_RECEIVED);

        // in the trash, then removed for good as the nightly job does 30 days later
        AccountId account = new AccountId(accounts.get(goes.id().value()));
        call(delete("/api/v1/accounts/" + account.value()), rep, 204);
        Actors.runAs(Actor.system(acme.id(), ZoneOffset.UTC), () -> parties.removeAccount(account));

        Map<DailyCounters.Key, DailyCounters.Value> after = acme.admin().call(counters::all);
        Map<DailyCounters.Key, DailyCounters.Value> recomputed = acme.admin().call(rebuild::recompute);
        recomputed.values().removeIf(v -> v.count() == 0 && v.amountMinor() == 0);
        assertThat(after).as("what its three deals had counted is taken back, as a rebuild finds it")
                .isEqualTo(recomputed).isNotEqualTo(before);
        assertThat(after.keySet()).extracting(DailyCounters.Key::metric).as("the deal that stays still counts")
                .contains(Metric.STAGE_ENTERED, Metric.STAGE_PROGRESSED).doesNotContain(Metric.PAYMENTS_RECEIVED);
        send(acme.admin(), "/api/v1/insights/counters/rebuild", Map.of(), 200);
        assertThat(acme.admin().call(counters::all)).as("a rebuild changes nothing").isEqualTo(after);
    }
}
