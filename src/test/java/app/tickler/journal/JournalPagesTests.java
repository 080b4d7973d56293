package app.tickler.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.platform.security.Role;

@TicklerTest
class JournalPagesTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;

    private String page(String path, TestUser user) throws Exception {
        return mvc.perform(get(path).with(user.browser())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    @Test
    void aRepWritesSubmitsAndTheTeamManagerComments() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        String north = acme.team("North");
        TestUser rep = acme.user(Role.REP, north);
        TestUser manager = acme.user(Role.MANAGER, north);
        TestUser stranger = acme.user(Role.MANAGER, acme.team("South"));
        String today = LocalDate.now(ZoneId.of("Europe/Berlin")).toString();
        mvc.perform(get("/journal").with(rep.browser())).andExpect(redirectedUrl("/journal/" + today));
        assertThat(page("/journal/" + today, rep)).contains("Plan for tomorrow").contains("Nothing recorded");

        String refused = mvc.perform(post("/journal/" + today).with(rep.browser()).param("plan", " ").param("submit", "true"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("what is the plan for tomorrow?");
        mvc.perform(post("/journal/" + today).with(rep.browser()).param("plan", "Quote for Roofs")
                .param("reflection", "Slow day").param("submit", "true")).andExpect(redirectedUrl("/journal/" + today));
        mvc.perform(post("/journal/" + today).with(rep.browser()).param("plan", "Again").param("submit", "true"))
                .andExpect(status().isConflict());

        String queue = page("/journal/review", manager);
        assertThat(queue).contains(today);
        assertThat(page("/journal/review", stranger)).contains("No journal is waiting for review.");
        mvc.perform(get("/journal/review").with(rep.browser())).andExpect(status().isForbidden());

        String entry = page("/journal/" + today + "?userId=" + rep.id(), manager);
        assertThat(entry).contains("Quote for Roofs").contains("comment-form");
        String id = entry.replaceAll("(?s).*/journal/entries/(\\d+)/comments.*", "$1");
        mvc.perform(post("/journal/entries/" + id + "/comments").with(stranger.browser()).param("body", "Hmm"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/journal/entries/" + id + "/comments").with(manager.browser()).param("body", "Call Roofs first")
                .param("reviewed", "true")).andExpect(redirectedUrl("/journal/" + today + "?userId=" + rep.id()));
        assertThat(page("/journal/" + today, rep)).contains("Call Roofs first").contains("Reviewed");
        assertThat(page("/journal/history?q=roofs", rep)).contains("Quote for Roofs");
        assertThat(page("/settings/journal", manager)).contains("Reminder time");
    }
}
