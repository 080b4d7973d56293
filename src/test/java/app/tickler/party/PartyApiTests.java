package app.tickler.party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.platform.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@TicklerTest
class PartyApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JsonMapper json;

    private ResultActions send(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
            RequestPostProcessor as, String body) throws Exception {
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request.with(as));
    }

    private JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private String createAccount(TestUser as, String body) throws Exception {
        return body(send(post("/api/v1/accounts"), as.api(), body).andExpect(status().isCreated())).get("id").asString();
    }

    @Test
    void anAccountIsCreatedReadChangedAndTrashedThroughTheApi() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String id = createAccount(rep, """
                {"name":"Roofs & Co.","website":"https://roofs.example","phone":"+49 30 123456","level":"B",
                 "address":{"city":"Berlin","country":"DE"},"tags":["Trade fair"]}
                """);
        send(get("/api/v1/accounts/" + id), rep.api(), null)
                .andExpect(status().isOk()).andExpect(header().string("ETag", "\"0\""))
                .andExpect(jsonPath("$.domain").value("roofs.example"))
                .andExpect(jsonPath("$.ownerId").value(Long.toString(rep.id())))
                .andExpect(jsonPath("$.level").value("B"))
                .andExpect(jsonPath("$.levelAssessedOn").isString())
                .andExpect(jsonPath("$.address.city").value("Berlin"))
                .andExpect(jsonPath("$.tags[0]").value("trade fair"));
        send(patch("/api/v1/accounts/" + id), rep.api(), """
                {"address":{"street":"Main St 1"},"stage":"SKEPTICISM","version":0}
                """).andExpect(status().isOk())
                .andExpect(jsonPath("$.address.street").value("Main St 1"))
                .andExpect(jsonPath("$.address.city").value("Berlin"))
                .andExpect(jsonPath("$.stage").value("SKEPTICISM"))
                .andExpect(jsonPath("$.version").value(1));
        send(get("/api/v1/accounts/" + id + "/timeline"), rep.api(), null)
                .andExpect(jsonPath("$.items[0].kind").value("record.updated"))
                .andExpect(jsonPath("$.items[0].changes.stage.after").value("SKEPTICISM"))
                .andExpect(jsonPath("$.items[1].kind").value("record.created"));
        send(delete("/api/v1/accounts/" + id), rep.api(), null).andExpect(status().isNoContent());
        send(get("/api/v1/accounts/" + id), rep.api(), null).andExpect(status().isNotFound());
        send(get("/api/v1/accounts?trash=true"), rep.api(), null).andExpect(jsonPath("$.items[0].id").value(id));
        send(post("/api/v1/accounts/" + id + "/restore"), rep.api(), null).andExpect(status().isOk());
        send(get("/api/v1/accounts/" + id), rep.api(), null).andExpect(status().isOk());
    }

    @Test
    void badInputNamesEveryFieldAndWritesNothing() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        send(post("/api/v1/accounts"), acme.admin().api(), """
                {"name":"","website":"not a site","phone":"call me","level":"Z"}
                """).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("level"));
        send(post("/api/v1/accounts"), acme.admin().api(), """
                {"name":"","website":"not a site","phone":"call me","doNotContact":true,"custom":{"nope":1}}
                """).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("name", "website", "phone",
                        "doNotContactReason", "custom.nope")));
        send(post("/api/v1/accounts"), acme.admin().api(), "{\"name\":\"X\",\"id\":\"1\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("id"));
        send(post("/api/v1/contacts"), acme.admin().api(), """
                {"lastName":"Baker","emails":[{"address":"nope"}],"birthday":"1990-02-30"}
                """).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("birthday"));
        send(get("/api/v1/accounts"), acme.admin().api(), null).andExpect(jsonPath("$.items.length()").value(0));
    }

    @Test
    void aStaleVersionIsAConflict() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String id = createAccount(acme.admin(), "{\"name\":\"Roofs\"}");
        send(patch("/api/v1/accounts/" + id), acme.admin().api(), "{\"name\":\"Roofs 1\",\"version\":0}")
                .andExpect(status().isOk());
        send(patch("/api/v1/accounts/" + id), acme.admin().api(), "{\"name\":\"Roofs 2\",\"version\":0}")
                .andExpect(status().isConflict()).andExpect(jsonPath("$.currentVersion").value(1));
    }

    @Test
    void contactsHaveSeveralEmailsAndPhonesWithOnePrimaryEach() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String contact = body(send(post("/api/v1/contacts"), acme.admin().api(), """
                {"firstName":"Ann","lastName":"Baker","emails":[{"address":"ann@home.example","label":"home"},
                 {"address":"ann@roofs.example","label":"work","primary":true}],
                 "phones":[{"number":"+49 30 1234567"}],"birthday":"1980-05-17","preferredChannel":"HANDWRITTEN_NOTE"}
                """).andExpect(status().isCreated())).get("id").asString();
        send(get("/api/v1/contacts/" + contact), acme.admin().api(), null)
                .andExpect(jsonPath("$.emails[0].address").value("ann@roofs.example"))
                .andExpect(jsonPath("$.emails[0].primary").value(true))
                .andExpect(jsonPath("$.emails[1].primary").value(false))
                .andExpect(jsonPath("$.phones[0].primary").value(true))
                .andExpect(jsonPath("$.preferredChannel").value("HANDWRITTEN_NOTE"));
        send(post("/api/v1/contacts"), acme.admin().api(), """
                {"lastName":"Twice","emails":[{"address":"a@x.example","primary":true},{"address":"b@x.example","primary":true}]}
                """).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("emails"));
    }

    @Test
    void theBuyingCentreShowsEachPersonsRoleAndLastInteraction() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String account = createAccount(acme.admin(), "{\"name\":\"Roofs\"}");
        String ann = body(send(post("/api/v1/contacts"), acme.admin().api(),
                "{\"firstName\":\"Ann\",\"lastName\":\"Baker\",\"accountId\":\"" + account
                        + "\",\"role\":\"DECISION_MAKER\",\"keyPerson\":true}")).get("id").asString();
        String bob = body(send(post("/api/v1/contacts"), acme.admin().api(),
                "{\"firstName\":\"Bob\",\"lastName\":\"Gate\"}")).get("id").asString();
        send(put("/api/v1/accounts/" + account + "/buying-centre/" + bob), acme.admin().api(),
                "{\"role\":\"GATEKEEPER\",\"key\":false}").andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2));
        send(get("/api/v1/accounts/" + account + "/buying-centre"), acme.admin().api(), null)
                .andExpect(jsonPath("$[0].name").value("Ann Baker"))
                .andExpect(jsonPath("$[0].key").value(true))
                .andExpect(jsonPath("$[0].lastTouchAt").doesNotExist())
                .andExpect(jsonPath("$[1].role").value("GATEKEEPER"));
        send(get("/api/v1/contacts/" + ann), acme.admin().api(), null)
                .andExpect(jsonPath("$.accounts[0].accountName").value("Roofs"));
        send(delete("/api/v1/accounts/" + account + "/buying-centre/" + bob), acme.admin().api(), null)
                .andExpect(status().isNoContent());
        send(get("/api/v1/accounts/" + account + "/buying-centre"), acme.admin().api(), null)
                .andExpect(jsonPath("$.length()").value(1));
    }

    @Test
    void listsFilterSortAndPageByKeyset() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        for (String name : new String[] {"Delta", "alpha", "Charlie", "bravo", "Echo"}) {
            createAccount(rep, "{\"name\":\"" + name + "\",\"level\":\"" + (name.length() == 5 ? "A" : "C") + "\"}");
        }
        JsonNode first = body(send(get("/api/v1/accounts?limit=2"), rep.api(), null));
        assertThat(first.get("items").get(0).get("name").asString()).isEqualTo("alpha");
        assertThat(first.get("items").get(1).get("name").asString()).isEqualTo("bravo");
        JsonNode second = body(send(get("/api/v1/accounts?limit=2&cursor=" + first.get("nextCursor").asString()),
                rep.api(), null));
        assertThat(second.get("items").get(0).get("name").asString()).isEqualTo("Charlie");
        send(get("/api/v1/accounts?level=A"), rep.api(), null)
                .andExpect(jsonPath("$.items[*].name", Matchers.contains("alpha", "bravo", "Delta")));
        send(get("/api/v1/accounts?q=ch"), rep.api(), null)
                .andExpect(jsonPath("$.items[*].name", Matchers.contains("Charlie")));
        send(get("/api/v1/accounts?sort=created&limit=1"), rep.api(), null)
                .andExpect(jsonPath("$.items[0].name").value("Echo"));
        send(get("/api/v1/accounts?sort=nonsense"), rep.api(), null)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("sort"));
    }

    @Test
    void customFieldsAreDefinedValidatedAndUsableInFilters() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        send(post("/api/v1/custom-fields"), acme.admin().api(), """
                {"entity":"account","key":"segment","label":"Segment","type":"SELECT","options":["SMB","Enterprise"]}
                """).andExpect(status().isCreated());
        send(post("/api/v1/custom-fields"), acme.admin().api(), """
                {"entity":"account","key":"fleet","label":"Fleet size","type":"NUMBER"}
                """).andExpect(status().isCreated());
        send(post("/api/v1/custom-fields"), acme.admin().api(), """
                {"entity":"account","key":"Bad Key","label":"","type":"SELECT"}
                """).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("key", "label", "options")));
        createAccount(acme.admin(), "{\"name\":\"Big\",\"custom\":{\"segment\":\"enterprise\",\"fleet\":120}}");
        createAccount(acme.admin(), "{\"name\":\"Small\",\"custom\":{\"segment\":\"SMB\",\"fleet\":3}}");
        send(post("/api/v1/accounts"), acme.admin().api(), "{\"name\":\"Odd\",\"custom\":{\"segment\":\"Huge\",\"fleet\":\"many\"}}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("custom.segment", "custom.fleet")));
        send(get("/api/v1/accounts?custom.segment=Enterprise"), acme.admin().api(), null)
                .andExpect(jsonPath("$.items[*].name", Matchers.contains("Big")))
                .andExpect(jsonPath("$.items[0].custom.segment").value("Enterprise"));
        send(get("/api/v1/accounts?custom.fleet=3"), acme.admin().api(), null)
                .andExpect(jsonPath("$.items[*].name", Matchers.contains("Small")));
        send(get("/api/v1/accounts?custom.unknown=3"), acme.admin().api(), null)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("custom.unknown"));
        TestUser rep = acme.user(Role.REP);
        send(post("/api/v1/custom-fields"), rep.api(), "{\"entity\":\"account\",\"key\":\"x\",\"label\":\"X\",\"type\":\"TEXT\"}")
                .andExpect(status().isForbidden());
    }

    @Test
    void searchFindsPeopleAndAccountsByNameEmailPhoneAndAccount() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String account = createAccount(acme.admin(), "{\"name\":\"Zebra Roofing\",\"website\":\"zebra.example\"}");
        send(post("/api/v1/contacts"), acme.admin().api(), "{\"firstName\":\"Xavier\",\"lastName\":\"Quill\","
                + "\"emails\":[{\"address\":\"xq@zebra.example\"}],\"phones\":[{\"number\":\"+1 555 0199 42\"}],"
                + "\"accountId\":\"" + account + "\",\"role\":\"USER\"}").andExpect(status().isCreated());
        send(get("/api/v1/search?q=zeb"), acme.admin().api(), null)
                .andExpect(jsonPath("$.items[0].title").value("Zebra Roofing"))
                .andExpect(jsonPath("$.items[*].title", Matchers.hasItem("Xavier Quill")));
        send(get("/api/v1/search?q=quill"), acme.admin().api(), null)
                .andExpect(jsonPath("$.items[0].title").value("Xavier Quill"))
                .andExpect(jsonPath("$.items[0].link").value(Matchers.startsWith("/contacts/")));
        send(get("/api/v1/search?q=xq@zebra"), acme.admin().api(), null)
                .andExpect(jsonPath("$.items[0].title").value("Xavier Quill"));
        send(get("/api/v1/search?q=555"), acme.admin().api(), null)
                .andExpect(jsonPath("$.items[*].title", Matchers.hasItem("Xavier Quill")));
        // a one-character word still narrows the search (on PostgreSQL it is checked on the rows the others find)
        send(get("/api/v1/search").param("q", "555 0"), acme.admin().api(), null)
                .andExpect(jsonPath("$.items[*].title", Matchers.hasItem("Xavier Quill")));
        send(get("/api/v1/search").param("q", "555 7"), acme.admin().api(), null).andExpect(jsonPath("$.items.length()").value(0));
        TestWorkspace other = fixtures.workspace();
        send(get("/api/v1/search?q=zebra"), other.admin().api(), null).andExpect(jsonPath("$.items.length()").value(0));
    }

    @Test
    void duplicatesAreWarnedAboutAndMergedKeepingEverything() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String keep = createAccount(acme.admin(), "{\"name\":\"Roofs GmbH\",\"website\":\"roofs.example\",\"tags\":[\"a\"]}");
        String dup = body(send(post("/api/v1/accounts"), acme.admin().api(),
                "{\"name\":\"Roofs\",\"website\":\"http://www.roofs.example/\",\"phone\":\"+49 30 999999\",\"tags\":[\"b\"]}")
                .andExpect(header().string("Tickler-Possible-Duplicates", keep))).get("id").asString();
        String ann = body(send(post("/api/v1/contacts"), acme.admin().api(),
                "{\"lastName\":\"Ann\",\"accountId\":\"" + dup + "\",\"role\":\"CHAMPION\"}")).get("id").asString();
        send(get("/api/v1/accounts/" + keep + "/duplicates"), acme.admin().api(), null)
                .andExpect(jsonPath("$[0].id").value(dup))
                .andExpect(jsonPath("$[0].reasons[0]").value("same website roofs.example"));
        send(post("/api/v1/accounts/" + keep + "/merge"), acme.admin().api(), "{\"duplicateId\":\"" + keep + "\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("duplicateId"));
        send(post("/api/v1/accounts/" + keep + "/merge"), acme.admin().api(),
                "{\"duplicateId\":\"" + dup + "\",\"takeFromDuplicate\":[\"phone\"]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Roofs GmbH"))
                .andExpect(jsonPath("$.phone").value("+49 30 999999"))
                .andExpect(jsonPath("$.tags", Matchers.contains("a", "b")));
        send(get("/api/v1/accounts/" + dup), acme.admin().api(), null).andExpect(status().isNotFound());
        send(get("/api/v1/accounts/" + keep + "/buying-centre"), acme.admin().api(), null)
                .andExpect(jsonPath("$[0].contactId").value(ann));
        send(get("/api/v1/audit-events?entityType=account&entityId=" + keep + "&action=merged"), acme.admin().api(), null)
                .andExpect(jsonPath("$.items.length()").value(1));
        TestWorkspace other = fixtures.workspace();
        String foreign = createAccount(other.admin(), "{\"name\":\"Foreign\"}");
        send(post("/api/v1/accounts/" + keep + "/merge"), acme.admin().api(), "{\"duplicateId\":\"" + foreign + "\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("duplicateId"));
    }

    @Test
    void doNotContactNeedsAReasonAndIsDated() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String id = body(send(post("/api/v1/contacts"), acme.admin().api(), "{\"lastName\":\"Quiet\"}")).get("id").asString();
        send(patch("/api/v1/contacts/" + id), acme.admin().api(), "{\"doNotContact\":true,\"version\":0}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("doNotContactReason"));
        send(patch("/api/v1/contacts/" + id), acme.admin().api(),
                "{\"doNotContact\":true,\"doNotContactReason\":\"asked by phone\",\"version\":0}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.doNotContactSince").isString());
        send(get("/api/v1/contacts?doNotContact=true"), acme.admin().api(), null)
                .andExpect(jsonPath("$.items[0].id").value(id));
    }

    @Test
    void anyoneWhoCanSeeARecordCanAddANoteButOnlyItsAuthorChangesIt() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser staff = acme.user(Role.STAFF);
        TestUser rep = acme.user(Role.REP);
        String id = createAccount(rep, "{\"name\":\"Roofs\"}");
        send(post("/api/v1/accounts/" + id + "/notes"), staff.api(), "{\"body\":\"Called about **delivery**.\"}")
                .andExpect(status().isCreated());
        send(patch("/api/v1/accounts/" + id), staff.api(), "{\"name\":\"Hijack\",\"version\":0}")
                .andExpect(status().isForbidden());
        String note = body(send(get("/api/v1/accounts/" + id + "/timeline"), rep.api(), null))
                .get("items").get(0).get("id").asString();
        send(patch("/api/v1/notes/" + note), rep.api(), "{\"body\":\"mine now\",\"version\":0}")
                .andExpect(status().isForbidden());
        send(patch("/api/v1/notes/" + note), staff.api(), "{\"body\":\"Called about the delivery date.\",\"version\":0}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.body").value("Called about the delivery date."));
    }

    @Test
    void searchByFirstNameEmailAndPhoneKeepsToWhatTheSearcherMaySee() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser east = acme.user(Role.REP, acme.team("East"));
        TestUser west = acme.user(Role.REP, acme.team("West"));
        send(post("/api/v1/contacts"), east.api(), "{\"firstName\":\"Ottilie\",\"lastName\":\"Brandauer\","
                + "\"emails\":[{\"address\":\"o_b.x@hidden.example\"}],\"phones\":[{\"number\":\"+43 660 7781 23\"}]}")
                .andExpect(status().isCreated());
        for (String q : List.of("ottilie", "Öttilie b", "o_b.x@hid", "+43 660 778", "0043 660 7781")) {
            send(get("/api/v1/search").param("q", q), east.api(), null)
                    .andExpect(jsonPath("$.items[*].title", Matchers.hasItem("Ottilie Brandauer")));
            send(get("/api/v1/search").param("q", q), west.api(), null).andExpect(jsonPath("$.items.length()").value(0));
        }
        // a LIKE wildcard in what was typed is a plain character: "o_b" is not "oxb"
        send(post("/api/v1/contacts"), east.api(), "{\"firstName\":\"Zed\",\"lastName\":\"Other\","
                + "\"emails\":[{\"address\":\"oxb@hidden.example\"}]}").andExpect(status().isCreated());
        send(get("/api/v1/search").param("q", "o_b"), east.api(), null)
                .andExpect(jsonPath("$.items[*].title", Matchers.hasItem("Ottilie Brandauer")))
                .andExpect(jsonPath("$.items[*].title", Matchers.not(Matchers.hasItem("Zed Other"))));
        send(get("/api/v1/search").param("q", "ottilie c"), east.api(), null).andExpect(jsonPath("$.items.length()").value(0));
    }

    @Test
    void aDuplicateWarningNamesOnlyRecordsTheCreatorMaySee() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser east = acme.user(Role.REP, acme.team("East"));
        TestUser west = acme.user(Role.REP, acme.team("West"));
        send(post("/api/v1/contacts"), east.api(), "{\"firstName\":\"Hidden\",\"lastName\":\"Person\","
                + "\"emails\":[{\"address\":\"hidden.person@east.example\"}]}").andExpect(status().isCreated());
        send(post("/api/v1/accounts"), east.api(), "{\"name\":\"Eastern Secret Ltd\",\"website\":\"secret.example\"}")
                .andExpect(status().isCreated());
        // the same email and website from another team: no warning names the other team's records
        send(post("/api/v1/contacts"), west.api(), "{\"firstName\":\"Hidden\",\"lastName\":\"Person\","
                + "\"emails\":[{\"address\":\"hidden.person@east.example\"}]}")
                .andExpect(status().isCreated()).andExpect(header().string("Tickler-Possible-Duplicates", ""));
        send(post("/api/v1/accounts"), west.api(), "{\"name\":\"Eastern Secret Ltd\",\"website\":\"secret.example\"}")
                .andExpect(status().isCreated()).andExpect(header().string("Tickler-Possible-Duplicates", ""));
        // an admin, who sees both teams, is warned
        send(post("/api/v1/accounts"), acme.admin().api(), "{\"name\":\"Eastern Secret Ltd\",\"website\":\"secret.example\"}")
                .andExpect(status().isCreated())
                .andExpect(header().string("Tickler-Possible-Duplicates", Matchers.not(Matchers.emptyString())));
    }

    @Test
    void aRepCannotReadAnotherTeamsRecordsAndAnAdminCanEraseAPerson() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser east = acme.user(Role.REP, acme.team("East"));
        TestUser west = acme.user(Role.REP, acme.team("West"));
        String contact = body(send(post("/api/v1/contacts"), east.api(),
                "{\"lastName\":\"Private\",\"emails\":[{\"address\":\"p@x.example\"}]}")).get("id").asString();
        send(get("/api/v1/contacts/" + contact), west.api(), null).andExpect(status().isNotFound());
        send(get("/api/v1/contacts"), west.api(), null).andExpect(jsonPath("$.items.length()").value(0));
        send(get("/api/v1/search?q=private"), west.api(), null).andExpect(jsonPath("$.items.length()").value(0));
        send(post("/api/v1/contacts/" + contact + "/erase"), east.api(), null).andExpect(status().isForbidden());
        send(post("/api/v1/contacts/" + contact + "/erase"), acme.admin().api(), null).andExpect(status().isNoContent());
        send(get("/api/v1/contacts/" + contact), acme.admin().api(), null).andExpect(status().isNotFound());
        send(get("/api/v1/search?q=private"), acme.admin().api(), null).andExpect(jsonPath("$.items.length()").value(0));
        send(get("/api/v1/audit-events?entityType=contact&entityId=" + contact + "&action=erased"), acme.admin().api(), null)
                .andExpect(jsonPath("$.items.length()").value(1));
    }

    @Test
    void bulkChangesReassignTagAndLevelTheChosenAccounts() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String a = createAccount(acme.admin(), "{\"name\":\"A\"}");
        String b = createAccount(acme.admin(), "{\"name\":\"B\"}");
        send(post("/api/v1/accounts/bulk"), acme.admin().api(),
                "{\"ids\":[\"" + a + "\",\"" + b + "\"],\"ownerId\":\"" + rep.id() + "\",\"addTag\":\"Spring\",\"level\":\"A\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.changed").value(2));
        send(get("/api/v1/accounts?ownerId=" + rep.id() + "&tag=spring&level=A"), acme.admin().api(), null)
                .andExpect(jsonPath("$.items.length()").value(2));
        send(post("/api/v1/accounts/bulk"), acme.admin().api(), "{\"ids\":[]}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("ids"));
    }

    @Test
    void savedViewsBelongToTheirUser() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser rep = acme.user(Role.REP);
        String view = body(send(post("/api/v1/saved-views"), rep.api(),
                "{\"entity\":\"account\",\"name\":\"My A customers\",\"query\":\"?level=A&sort=last_touch\"}")
                .andExpect(status().isCreated())).get("id").asString();
        send(get("/api/v1/saved-views?entity=account"), rep.api(), null)
                .andExpect(jsonPath("$.items[0].query").value("level=A&sort=last_touch"));
        send(get("/api/v1/saved-views?entity=account"), acme.admin().api(), null)
                .andExpect(jsonPath("$.items.length()").value(0));
        send(delete("/api/v1/saved-views/" + view), acme.admin().api(), null).andExpect(status().isNotFound());
        send(delete("/api/v1/saved-views/" + view), rep.api(), null).andExpect(status().isNoContent());
    }
}
