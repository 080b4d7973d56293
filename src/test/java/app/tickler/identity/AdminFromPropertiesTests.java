package app.tickler.identity;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import app.tickler.TestDatabase;

/** First run with tickler.admin.email/password: the admin exists without any set-up page. */
@SpringBootTest(properties = {"tickler.test.isolated-database=true", "tickler.admin.email=root@umbrella.test",
        "tickler.admin.password=raccoon city nights", "tickler.admin.workspace=Umbrella"})
@AutoConfigureMockMvc
@ContextConfiguration(initializers = TestDatabase.class)
class AdminFromPropertiesTests {

    @Autowired
    MockMvc mvc;

    @Test
    void theConfiguredAdminSignsInAndNoSetUpPageIsShown() throws Exception {
        mvc.perform(get("/")).andExpect(redirectedUrl("/login"));
        mvc.perform(formLogin("/login").user("root@umbrella.test").password("raccoon city nights"))
                .andExpect(redirectedUrl("/"));
    }
}
