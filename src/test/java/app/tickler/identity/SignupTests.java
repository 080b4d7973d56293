package app.tickler.identity;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import app.tickler.Fixtures;
import app.tickler.MutableClock;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;

@TicklerTest
class SignupTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    MutableClock clock;

    private static int people;

    @AfterEach
    void realTime() {
        clock.useSystemTime();
    }

    private ResultActions signUp(String address, String email, String password) throws Exception {
        return mvc.perform(post("/api/v1/signup").with(Fixtures.from(address)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"workspace\":\"Newco\",\"name\":\"Nina New\",\"email\":\"" + email + "\",\"password\":\""
                        + password + "\"}"));
    }

    private static String someone() {
        return "nina" + System.nanoTime() + "." + (++people) + "@newco.test";
    }

    @Test
    void anAddressSignsUpAFewTimesAnHourAtMost() throws Exception {
        clock.set(Instant.parse("2033-03-01T10:00:00Z"));
        for (int i = 0; i < 5; i++) {
            signUp("192.0.2.55", someone(), Fixtures.PASSWORD).andExpect(status().isCreated());
        }
        signUp("192.0.2.55", someone(), Fixtures.PASSWORD).andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"));
        mvc.perform(post("/signup").with(csrf()).with(Fixtures.from("192.0.2.55")).param("workspace", "Newco")
                        .param("name", "Nina New").param("email", someone()).param("password", Fixtures.PASSWORD)
                        .param("timeZone", "Europe/Paris").param("currency", "EUR"))
                .andExpect(status().isTooManyRequests());
        signUp("192.0.2.56", someone(), Fixtures.PASSWORD).andExpect(status().isCreated());

        clock.advance(Duration.ofMinutes(61));
        signUp("192.0.2.55", someone(), Fixtures.PASSWORD).andExpect(status().isCreated());
    }

    @Test
    void whetherAnEmailIsTakenIsToldOnlyOnceEveryOtherFieldIsValid() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        signUp("192.0.2.77", acme.admin().email(), "short").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", Matchers.contains("password")));
        signUp("192.0.2.77", acme.admin().email(), Fixtures.PASSWORD).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("email"))
                .andExpect(jsonPath("$.errors[0].message").value("is already used by another user"));
    }
}
