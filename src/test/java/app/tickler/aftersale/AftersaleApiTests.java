package app.tickler.aftersale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.time.Duration;
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
import app.tickler.party.Parties;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@TicklerTest
class AftersaleApiTests {

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
    AftersaleJobs jobs;
    @Autowired
    Renewals renewals;
    @Autowired
    InstalledBase installedBase;

    @AfterEach
    void realTime() {
        clock.useSystemTime();
    }

    private JsonNode call(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, TestUser user,
            int expected) throws Exception {
        MvcResult result = mvc.perform(request.with(user.api()).contentType(MediaType.APPLICATION_JSON)).andReturn();
        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(body).isEqualTo(expected);
        return body.isEmpty() || !body.startsWith("{") && !body.startsWith("[") ? null : json.readTree(body);
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Berlin"));
    }

    record Customer(Account account, Contact contact) {
        String id() {
            return Long.toString(account.id().value());
        }
    }

    private Customer customer(TestUser user, String name) {
        return user.call(() -> {
            Account account = parties.createAccount(AccountInput.named(name));
            Contact ann = parties.createContact(new ContactInput("Ann", "Baker", null, null, null, null, null, null, null,
                    null, null, null, null, null, null, account.id(), BuyingRole.DECISION_MAKER, true));
            return new Customer(account, ann);
        });
    }

    private String stage(TestUser user, Customer customer) throws Exception {
        JsonNode relationship = call(get("/api/v1/relationship/accounts/" + customer.id()), user, 200);
        return relationship.get("stage").isNull() ? null : relationship.get("stage").asString();
    }

    private JsonNode wonDeal(TestUser rep, Customer customer, String origin) throws Exception {
        JsonNode deal = call(post("/api/v1/deals").content("""
                {"name":"Roof %d","accountId":"%s","amountMinor":100000,"origin":"%s",
                 "contacts":[{"contactId":"%s","role":"DECISION_MAKER"}]}""".formatted(System.nanoTime(), customer.id(),
                origin, customer.contact().id().value())), rep, 201);
        return call(post("/api/v1/deals/" + deal.get("id").asString() + "/win").content("""
                {"version":%d}""".formatted(deal.get("version").asLong())), rep, 200);
    }

    private <T> T asWorkspace(TestWorkspace workspace, java.util.function.Supplier<T> work) {
        return Actors.callAs(Actor.system(workspace.id(), ZoneId.of("Europe/Berlin")), work);
    }

    @Test
    void aCustomerMovesThroughTheCycleWithEveryChangeAndItsReasonKept() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Customer roofs = customer(rep, "Roofs Ltd");
        assertThat(stage(rep, roofs)).isNull();
        call(post("/api/v1/touches").content("""
                {"channel":"CALL","contactIds":["%s"],"reached":true}""".formatted(roofs.contact().id().value())), rep, 201);
        assertThat(stage(rep, roofs)).as("first touch").isEqualTo("SKEPTICISM");

        wonDeal(rep, roofs, "NEW_BUSINESS");
        assertThat(stage(rep, roofs)).as("won").isEqualTo("PEAK_OF_INTEREST");
        JsonNode enrolments = call(get("/api/v1/enrolments?contactId=" + roofs.contact().id().value() + "&status=ACTIVE"),
                rep, 200);
        assertThat(enrolments.get("items").findValuesAsString("cadenceName")).as("onboarding after the win")
                .containsExactly("Post-sale onboarding");

        JsonNode milestone = call(post("/api/v1/relationship/accounts/" + roofs.id() + "/milestones").content("""
                {"note":"The new roof is installed"}"""), rep, 201);
        assertThat(milestone.get("suggested").asString()).isEqualTo("ENLIGHTENMENT");
        assertThat(stage(rep, roofs)).isEqualTo("ENLIGHTENMENT");

        wonDeal(rep, roofs, "REPEAT");
        assertThat(stage(rep, roofs)).as("a repeat purchase").isEqualTo("REALIZED_VALUE");

        JsonNode noReason = call(post("/api/v1/relationship/accounts/" + roofs.id() + "/stage").content("""
                {"stage":"DISILLUSIONMENT"}"""), rep, 400);
        assertThat(noReason.at("/errors/0/field").asString()).isEqualTo("reason");
        call(post("/api/v1/relationship/accounts/" + roofs.id() + "/stage").content("""
                {"stage":"DISILLUSIONMENT","reason":"Complained twice about the service"}"""), rep, 200);

        JsonNode history = call(get("/api/v1/relationship/accounts/" + roofs.id()), rep, 200).get("history").get("items");
        assertThat(history.findValuesAsString("to")).containsExactly("DISILLUSIONMENT", "REALIZED_VALUE", "ENLIGHTENMENT",
                "PEAK_OF_INTEREST", "SKEPTICISM");
        assertThat(history.findValuesAsString("source")).containsExactly("MANUAL", "AUTOMATIC", "AUTOMATIC", "AUTOMATIC",
                "AUTOMATIC");
        assertThat(history.get(0).get("reason").asString()).isEqualTo("Complained twice about the service");
        assertThat(history.get(2).get("reason").asString()).contains("The new roof is installed");
        int timeline = jdbc.sql("""
                SELECT COUNT(*) FROM timeline_entries WHERE workspace_id = :w AND subject_type = 'account' AND subject_id = :a
                  AND kind = 'record.updated'""").param("w", acme.id()).param("a", roofs.account().id().value())
                .query(Integer.class).single();
        assertThat(timeline).as("every change on the account's timeline").isGreaterThanOrEqualTo(5);
    }

    @Test
    void withAutomationOffSuggestionsWaitForAPerson() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        call(put("/api/v1/aftersale/settings").content("{\"automationOn\":false}"), rep, 403);
        call(put("/api/v1/aftersale/settings").content("{\"automationOn\":false}"), acme.admin(), 200);
        Customer roofs = customer(rep, "Roofs Ltd");
        call(post("/api/v1/touches").content("""
                {"channel":"CALL","contactIds":["%s"]}""".formatted(roofs.contact().id().value())), rep, 201);
        call(post("/api/v1/touches").content("""
                {"channel":"EMAIL","contactIds":["%s"]}""".formatted(roofs.contact().id().value())), rep, 201);
        assertThat(stage(rep, roofs)).isNull();
        JsonNode suggestions = call(get("/api/v1/relationship/suggestions"), rep, 200).get("items");
        assertThat(suggestions.size()).as("one pending suggestion per account and stage").isEqualTo(1);
        assertThat(suggestions.at("/0/to").asString()).isEqualTo("SKEPTICISM");
        assertThat(suggestions.at("/0/reason").asString()).contains("First touch");
        call(post("/api/v1/relationship/suggestions/" + suggestions.at("/0/id").asString() + "/accept"), rep, 200);
        assertThat(stage(rep, roofs)).isEqualTo("SKEPTICISM");
        assertThat(call(get("/api/v1/relationship/suggestions"), rep, 200).get("items").size()).isZero();
        call(put("/api/v1/aftersale/settings").content("{\"silenceAfterWinDays\":0}"), acme.admin(), 400);
    }

    @Test
    void aWonCustomerNobodyTouchesSlidesIntoDisillusionmentAndTheOwnerIsAlerted() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Customer roofs = customer(rep, "Roofs Ltd");
        Customer busy = customer(rep, "Busy Ltd");
        wonDeal(rep, roofs, "NEW_BUSINESS");
        wonDeal(rep, busy, "NEW_BUSINESS");
        assertThat(asWorkspace(acme, jobs::watchDisillusionment)).isZero();
        clock.set(clock.instant().plus(Duration.ofDays(31)));
        call(post("/api/v1/touches").content("""
                {"channel":"VISIT","contactIds":["%s"],"reached":true}""".formatted(busy.contact().id().value())), rep, 201);
        assertThat(asWorkspace(acme, jobs::watchDisillusionment)).isEqualTo(1);
        assertThat(asWorkspace(acme, jobs::watchDisillusionment)).as("once").isZero();
        assertThat(stage(rep, roofs)).isEqualTo("DISILLUSIONMENT");
        assertThat(stage(rep, busy)).isEqualTo("PEAK_OF_INTEREST");
        List<String> alerts = jdbc.sql("SELECT title FROM notifications WHERE workspace_id = :w AND user_id = :u AND kind = 'aftersale.atRisk'")
                .param("w", acme.id()).param("u", rep.id()).query(String.class).list();
        assertThat(alerts).singleElement().asString().contains("Roofs Ltd").contains("disillusionment");
    }

    @Test
    void aCompletedOnboardingPlanEnlightensAndAHealthyPeriodRealisesValue() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Customer roofs = customer(rep, "Roofs Ltd");
        wonDeal(rep, roofs, "NEW_BUSINESS");
        assertThat(asWorkspace(acme, jobs::advanceEnlightened)).as("the plan has only begun").isZero();
        String contact = Long.toString(roofs.contact().id().value());
        for (int step = 0; step < 20; step++) {
            JsonNode open = call(get("/api/v1/follow-ups?contactId=" + contact + "&status=OPEN"), rep, 200).get("items");
            JsonNode enrolment = call(get("/api/v1/enrolments?contactId=" + contact + "&status=ACTIVE"), rep, 200)
                    .at("/items/0");
            if (enrolment.get("stepPosition").asInt() >= enrolment.get("steps").asInt()) {
                break;
            }
            JsonNode next = open.get(0);
            call(post("/api/v1/follow-ups/" + next.get("id").asString() + "/complete").content("""
                    {"version":%d,"reached":true}""".formatted(next.get("version").asLong())), rep, 200);
        }
        assertThat(asWorkspace(acme, jobs::advanceEnlightened)).isEqualTo(1);
        assertThat(stage(rep, roofs)).isEqualTo("ENLIGHTENMENT");
        assertThat(asWorkspace(acme, jobs::advanceEnlightened)).as("once").isZero();
        clock.set(clock.instant().plus(Duration.ofDays(181)));
        assertThat(asWorkspace(acme, jobs::advanceEnlightened)).isEqualTo(1);
        assertThat(stage(rep, roofs)).isEqualTo("REALIZED_VALUE");
    }

    @Test
    void installedProductsGetTheirEndsFromTheProductAndBadDatesAreRefused() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        call(post("/api/v1/products").content("{\"name\":\"Boiler X\"}"), rep, 403);
        JsonNode boiler = call(post("/api/v1/products").content("""
                {"name":"Boiler X","lifespanMonths":120,"warrantyMonths":24,"serviceMonths":12}"""), acme.admin(), 201);
        call(post("/api/v1/products").content("{\"name\":\"boiler x\"}"), acme.admin(), 400);
        Customer roofs = customer(rep, "Roofs Ltd");
        String body = """
                {"accountId":"%s","productId":"%s","quantity":2,"installDate":"2026-03-01"%s}""";
        JsonNode installed = call(post("/api/v1/installed-products").content(body.formatted(roofs.id(),
                boiler.get("id").asString(), "")), rep, 201);
        assertThat(installed.get("warrantyEnd").asString()).isEqualTo("2028-03-01");
        assertThat(installed.get("serviceEnd").asString()).isEqualTo("2027-03-01");
        assertThat(installed.get("endOfLife").asString()).isEqualTo("2036-03-01");

        JsonNode before = call(post("/api/v1/installed-products").content(body.formatted(roofs.id(),
                boiler.get("id").asString(), ",\"serviceEnd\":\"2026-02-01\"")), rep, 400);
        assertThat(before.at("/errors/0/field").asString()).isEqualTo("serviceEnd");
        JsonNode overlap = call(post("/api/v1/installed-products").content(body.formatted(roofs.id(),
                boiler.get("id").asString(), "").replace("2026-03-01", "2030-01-01")), rep, 400);
        assertThat(overlap.at("/errors/0/field").asString()).isEqualTo("installDate");
        assertThat(overlap.at("/errors/0/message").asString()).contains("overlaps").contains("2026-03-01");
        assertThat(call(get("/api/v1/installed-products?accountId=" + roofs.id()), rep, 200).get("items").size())
                .as("nothing written").isEqualTo(1);
        JsonNode after = call(post("/api/v1/installed-products").content(body.formatted(roofs.id(),
                boiler.get("id").asString(), "").replace("2026-03-01", "2036-03-02")), rep, 201);
        assertThat(after.get("installDate").asString()).as("after the end of life, a new one fits").isEqualTo("2036-03-02");
        JsonNode badBatch = call(post("/api/v1/installed-products/from-deal").content("""
                {"dealId":"1","items":[{"productId":"%s"}]}""".formatted(boiler.get("id").asString())), rep, 400);
        assertThat(badBatch.at("/errors/0/field").asString()).isEqualTo("dealId");
    }

    @Test
    void whatEndsSoonIsListedExportedAndRenewedOnce() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        JsonNode contract = call(post("/api/v1/products").content("""
                {"name":"Service plan","serviceMonths":12}"""), acme.admin(), 201);
        Customer roofs = customer(rep, "=HYPERLINK(\"http://evil\")");
        JsonNode deal = wonDeal(rep, roofs, "NEW_BUSINESS");
        LocalDate install = today().minusMonths(12).plusDays(20);
        JsonNode installed = call(post("/api/v1/installed-products/from-deal").content("""
                {"dealId":"%s","items":[{"productId":"%s","installDate":"%s"}]}""".formatted(deal.get("id").asString(),
                contract.get("id").asString(), install)), rep, 201);
        String serviceEnd = install.plusMonths(12).toString();
        assertThat(installed.at("/0/serviceEnd").asString()).isEqualTo(serviceEnd);
        assertThat(installed.at("/0/dealId").asString()).isEqualTo(deal.get("id").asString());

        JsonNode soon = call(get("/api/v1/installed-products/lifecycle?within=30"), rep, 200);
        assertThat(soon.get("items").findValuesAsString("kind")).containsExactly("SERVICE");
        assertThat(soon.at("/items/0/endDate").asString()).isEqualTo(serviceEnd);
        assertThat(call(get("/api/v1/installed-products/lifecycle?within=30&kind=WARRANTY"), rep, 200).get("items").size())
                .isZero();
        String csv = mvc.perform(get("/api/v1/installed-products/lifecycle.csv?within=90").with(rep.api())).andReturn()
                .getResponse().getContentAsString();
        assertThat(csv).startsWith("end_date,kind,account").contains("\"'=HYPERLINK(\"\"http://evil\"\")\"")
                .doesNotContain(",=HYPERLINK");

        assertThat(asWorkspace(acme, renewals::run)).isEqualTo(1);
        assertThat(asWorkspace(acme, renewals::run)).as("never twice for the same end").isZero();
        JsonNode followUps = call(get("/api/v1/follow-ups?accountId=" + roofs.id() + "&origin=RENEWAL"), rep, 200);
        assertThat(followUps.get("items").size()).isEqualTo(1);
        assertThat(followUps.at("/items/0/assigneeId").asString()).isEqualTo(Long.toString(rep.id()));
        assertThat(followUps.at("/items/0/instructions").asString()).contains("Service plan").contains(serviceEnd);
        JsonNode deals = call(get("/api/v1/deals?accountId=" + roofs.id()), rep, 200);
        assertThat(deals.get("items").findValuesAsString("origin")).contains("REPEAT");
        assertThat(deals.get("items").findValuesAsString("name")).anyMatch(n -> n.startsWith("Renewal: Service plan"));
    }

    @Test
    void removingAnInstalledProductCancelsItsOpenRenewalFollowUpAndRemovesItsOpenRenewalDeal() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        JsonNode contract = call(post("/api/v1/products").content("""
                {"name":"Care plan","serviceMonths":12}"""), acme.admin(), 201);
        Customer roofs = customer(rep, "Gutters Ltd");
        JsonNode installed = call(post("/api/v1/installed-products").content("""
                {"accountId":"%s","productId":"%s","installDate":"%s"}""".formatted(roofs.id(),
                contract.get("id").asString(), today().minusMonths(12).plusDays(10))), rep, 201);
        assertThat(asWorkspace(acme, renewals::run)).isEqualTo(1);
        assertThat(call(get("/api/v1/follow-ups?accountId=" + roofs.id() + "&origin=RENEWAL"), rep, 200).get("items")
                .size()).isEqualTo(1);
        assertThat(call(get("/api/v1/deals?accountId=" + roofs.id()), rep, 200).get("items").size()).isEqualTo(1);
        String renewalDeal = call(get("/api/v1/deals?accountId=" + roofs.id()), rep, 200).at("/items/0/id").asString();
        assertThat(call(get("/api/v1/accounts/" + roofs.id() + "/timeline?limit=100"), rep, 200).get("items").toString())
                .as("the renewal deal is on its account's timeline").contains("/deals/" + renewalDeal);

        call(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/v1/installed-products/"
                + installed.get("id").asString()), rep, 204);
        assertThat(call(get("/api/v1/accounts/" + roofs.id() + "/timeline?limit=100"), rep, 200).get("items").toString())
                .as("and goes from it with the deal").doesNotContain("/deals/" + renewalDeal);

        assertThat(call(get("/api/v1/follow-ups?accountId=" + roofs.id() + "&origin=RENEWAL&status=OPEN"), rep, 200)
                .get("items").size()).as("no renewal follow-up left open").isZero();
        assertThat(call(get("/api/v1/follow-ups?accountId=" + roofs.id() + "&origin=RENEWAL&status=CANCELLED"), rep, 200)
                .get("items").size()).as("the renewal follow-up is cancelled").isEqualTo(1);
        assertThat(call(get("/api/v1/deals?accountId=" + roofs.id()), rep, 200).get("items").size())
                .as("the open renewal deal is removed").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM renewal_notices WHERE workspace_id = :w").param("w", acme.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void anInstallationIsCheckedWithoutWritingAndProductsAreFoundByName() {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        Product boiler = acme.admin().call(() -> installedBase.createProduct(
                new InstalledBase.ProductInput("Boiler Z", 120, null, null, true)));
        Customer roofs = customer(rep, "Chimneys Ltd");
        rep.call(() -> {
            assertThat(installedBase.productNamed(" boiler z ")).map(Product::id).contains(boiler.id());
            assertThat(installedBase.productNamed("Boiler Y")).isEmpty();
            installedBase.checkInstall(new InstalledBase.InstalledInput(roofs.account().id(), boiler.id(), 2,
                    LocalDate.of(2026, 1, 5), null, null, null, null, "SN 1"));
            assertThat(installedBase.installedProducts(roofs.account().id(), null, app.tickler.platform.Paging.first(10))
                    .items()).as("nothing written").isEmpty();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> installedBase.checkInstall(
                    new InstalledBase.InstalledInput(roofs.account().id(), boiler.id(), 0, LocalDate.of(2026, 1, 5),
                            LocalDate.of(2025, 1, 1), null, null, null, null)))
                    .isInstanceOfSatisfying(app.tickler.platform.InvalidInput.class, e -> assertThat(e.problems())
                            .extracting(app.tickler.platform.InvalidInput.FieldProblem::field)
                            .contains("quantity", "warrantyEnd"));
            InstalledProduct made = installedBase.install(new InstalledBase.InstalledInput(roofs.account().id(),
                    boiler.id(), 1, LocalDate.of(2026, 1, 5), null, null, null, null, null));
            assertThat(installedBase.findInstalled(made.id())).isPresent();
            installedBase.remove(made.id());
            assertThat(installedBase.findInstalled(made.id())).as("a removed installation is not found").isEmpty();
            return null;
        });
        InstalledProductId kept = rep.call(() -> installedBase.install(new InstalledBase.InstalledInput(
                roofs.account().id(), boiler.id(), 1, LocalDate.of(2026, 1, 5), null, null, null, null, null)).id());
        assertThat(rep.call(() -> installedBase.findInstalled(kept))).as("its account's owner finds it").isPresent();
        assertThat(acme.user(Role.REP).call(() -> installedBase.findInstalled(kept)))
                .as("a rep of another team does not find an installation on an account they may not see").isEmpty();
    }
}
