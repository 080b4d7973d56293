package app.tickler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

/**
 * With {@code tickler.demo=true} a new workspace is a living CRM: owned accounts with their people, deals
 * across the pipeline (won, lost, open), leads in the pool, touches and a Today queue — written through
 * each module's own operations, so the pages show them like any other records.
 */
@SpringBootTest(properties = {"tickler.test.isolated-database=true", "tickler.demo=true", "tickler.demo.accounts=70",
        "tickler.signup.enabled=true"})
@AutoConfigureMockMvc
@Import(TestSupport.class)
@ContextConfiguration(initializers = TestDatabase.class)
class DemoDataTests {

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;

    @Test
    void aDemoWorkspaceHasDealsLeadsTouchesAndATodayQueue() throws Exception {
        TestWorkspace demo = fixtures.workspace();
        long workspace = demo.id();
        long admin = demo.admin().id();
        assertThat(count("SELECT COUNT(*) FROM accounts WHERE workspace_id = ? AND owner_id = ?", workspace, admin))
                .isEqualTo(70);
        assertThat(count("SELECT COUNT(*) FROM deals WHERE workspace_id = ?", workspace)).isEqualTo(32);
        assertThat(count("SELECT COUNT(*) FROM deals WHERE workspace_id = ? AND status = 'WON'", workspace)).isEqualTo(5);
        assertThat(count("SELECT COUNT(*) FROM deals WHERE workspace_id = ? AND status = 'LOST'", workspace)).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM payments WHERE workspace_id = ?", workspace)).isPositive();
        assertThat(count("SELECT COUNT(*) FROM leads WHERE workspace_id = ? AND owner_id IS NULL", workspace)).isEqualTo(8);
        assertThat(count("SELECT COUNT(*) FROM touches WHERE workspace_id = ?", workspace)).isGreaterThanOrEqualTo(60);
        assertThat(count("SELECT COUNT(*) FROM touches WHERE workspace_id = ? AND deal_id IS NOT NULL", workspace))
                .isPositive();
        assertThat(count("SELECT COUNT(*) FROM follow_ups WHERE workspace_id = ? AND status = 'OPEN' AND assignee_id = ?",
                workspace, admin)).isGreaterThanOrEqualTo(30);

        String today = mvc.perform(get("/today").with(demo.admin().browser())).andReturn().getResponse()
                .getContentAsString();
        assertThat(today).contains("Ask how the first weeks went");
        String leads = mvc.perform(get("/leads").with(demo.admin().browser())).andReturn().getResponse()
                .getContentAsString();
        assertThat(leads).contains("Nora Lindqvist");
    }

    private long count(String sql, Object... parameters) {
        var statement = jdbc.sql(sql);
        for (Object parameter : parameters) {
            statement = statement.param(parameter);
        }
        return statement.query(Long.class).single();
    }
}
