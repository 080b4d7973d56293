package app.tickler.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.party.Parties;
import app.tickler.platform.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Custom fields of deals and leads are offered, checked and kept by the deal and lead forms, as on the API. */
@TicklerTest
class SalesCustomFieldsTests {

    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    Parties parties;

    Calls calls;
    SalesTestData data;

    @BeforeEach
    void setUp() {
        calls = new Calls(mvc, json);
        data = new SalesTestData(calls);
    }

    @Test
    void theDealFormEditsTheDealsCustomFieldsAndRefusesBadValuesByName() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser admin = acme.admin();
        TestUser rep = acme.user(Role.REP);
        // a deal from before the fields existed: saving it asks for the required one
        String account = data.account(rep, parties, "Custom Roofs");
        JsonNode deal = data.deal(rep, account, null, null, 5_000_00);
        String id = deal.get("id").asString();
        calls.create(admin, "/api/v1/custom-fields", Map.of("entity", "deal", "key", "competitor", "label", "Competitor",
                "type", "SELECT", "options", List.of("Roofix", "TopCover"), "required", true));
        calls.create(admin, "/api/v1/custom-fields", Map.of("entity", "deal", "key", "panels", "label", "Solar panels",
                "type", "NUMBER"));

        String form = page(rep, "/deals/" + id + "/edit");
        assertThat(form).contains("name=\"custom.competitor\"", "Roofix", "Solar panels");

        String refused = mvc.perform(post("/deals/" + id).with(rep.browser()).param("name", "Roof")
                .param("accountId", account).param("amount", "5000").param("currency", "EUR")
                .param("paymentTermsDays", "30").param("version", deal.get("version").asString())
                .param("ownerId", deal.get("ownerId").asString()).param("pipelineId", deal.get("pipelineId").asString())
                .param("stageId", deal.get("stageId").asString())
                .param("custom.competitor.shown", "1").param("custom.competitor", "")
                .param("custom.panels.shown", "1").param("custom.panels", "lots"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("is required", "lots");
        assertThat(calls.get(rep, "/api/v1/deals/" + id).get("custom").isEmpty()).isTrue();

        MvcResult savedForm = mvc.perform(post("/deals/" + id).with(rep.browser()).param("name", "Roof")
                .param("accountId", account).param("amount", "5000").param("currency", "EUR")
                .param("paymentTermsDays", "30").param("version", deal.get("version").asString())
                .param("ownerId", deal.get("ownerId").asString()).param("pipelineId", deal.get("pipelineId").asString())
                .param("stageId", deal.get("stageId").asString())
                .param("custom.competitor.shown", "1").param("custom.competitor", "TopCover")
                .param("custom.panels.shown", "1").param("custom.panels", "24")).andReturn();
        assertThat(savedForm.getResponse().getStatus()).as(errorsOf(savedForm)).isEqualTo(302);
        JsonNode saved = calls.get(rep, "/api/v1/deals/" + id).get("custom");
        assertThat(saved.get("competitor").asString()).isEqualTo("TopCover");
        assertThat(saved.get("panels").asInt()).isEqualTo(24);
        assertThat(page(rep, "/deals/" + id)).contains("Competitor", "TopCover", "Solar panels", "24");
    }

    @Test
    void theLeadFormKeepsWhatWasTypedWhenRefusedAndSavesTheLeadsCustomFields() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        calls.create(acme.admin(), "/api/v1/custom-fields", Map.of("entity", "lead", "key", "roof_age",
                "label", "Roof age in years", "type", "NUMBER"));

        assertThat(page(rep, "/leads/new")).contains("name=\"custom.roof_age\"", "Roof age in years");
        String refused = mvc.perform(post("/leads").with(rep.browser()).param("firstName", "Bo").param("lastName", "Lead")
                .param("source", "EVENT").param("keep", "true").param("custom.roof_age.shown", "1")
                .param("custom.roof_age", "old")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("value=\"old\"");

        MvcResult created = mvc.perform(post("/leads").with(rep.browser()).param("firstName", "Bo").param("lastName", "Lead")
                .param("source", "EVENT").param("keep", "true").param("custom.roof_age.shown", "1")
                .param("custom.roof_age", "31")).andExpect(status().is3xxRedirection()).andReturn();
        String location = created.getResponse().getRedirectedUrl();
        String leadId = location.substring(location.lastIndexOf('/') + 1);
        assertThat(calls.get(rep, "/api/v1/leads/" + leadId).get("custom").get("roof_age").asInt()).isEqualTo(31);
        assertThat(page(rep, location)).contains("Roof age in years", "31");
    }

    /** The error messages of a form that came back instead of saving. */
    private static String errorsOf(MvcResult result) throws Exception {
        return String.join("; ", java.util.regex.Pattern.compile("class=\"error\"[^>]*>([^<]*)<")
                .matcher(result.getResponse().getContentAsString()).results().map(m -> m.group(1)).toList());
    }

    private String page(TestUser user, String path) throws Exception {
        MvcResult result = mvc.perform(get(path).with(user.browser())).andReturn();
        assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }
}
