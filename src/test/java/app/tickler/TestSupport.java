package app.tickler;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

@TestConfiguration(proxyBeanMethods = false)
public class TestSupport {

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock();
    }

    @Bean
    EventGate eventGate() {
        return new EventGate();
    }

    @Bean
    Fixtures fixtures(org.springframework.test.web.servlet.MockMvc mvc, app.tickler.identity.Directory directory,
            tools.jackson.databind.json.JsonMapper json) {
        return new Fixtures(mvc, directory, json);
    }
}
