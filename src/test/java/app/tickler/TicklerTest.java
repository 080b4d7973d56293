package app.tickler;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A test against the whole application on its real database (SQLite, or PostgreSQL when
 * TICKLER_TEST_POSTGRES_URL is set) with a real HTTP port and MockMvc. All such tests share one
 * application context; each works in workspaces of its own from {@link Fixtures}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tickler.signup.enabled=true", "spring.thymeleaf.cache=true",
                "tickler.operator.token=" + TicklerTest.OPERATOR_TOKEN})
@AutoConfigureMockMvc
@Import(TestSupport.class)
@ContextConfiguration(initializers = TestDatabase.class)
public @interface TicklerTest {

    /** The installation operator's token in these tests, for the actuator endpoints. */
    String OPERATOR_TOKEN = "operator-token-for-tests";
}
