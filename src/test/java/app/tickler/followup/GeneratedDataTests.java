package app.tickler.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import app.tickler.TestDatabase;

/**
 * The benchmark generator, run as its command runs it, writes exactly the sizes asked for, and data the
 * engine itself could have written: attempt numbers by the engine's rule, touches tied to deals that were
 * open at the time, one subject row per record touched, the attempt at which every closed deal closed.
 */
@SpringBootTest(properties = {"tickler.test.isolated-database=true", "tickler.generate.accounts=40",
        "tickler.generate.contacts=200", "tickler.generate.reps=3", "tickler.generate.deals=60",
        "tickler.generate.touches=3001", "tickler.generate.follow-ups=450", "tickler.generate.exit=false"})
@AutoConfigureMockMvc
@ContextConfiguration(initializers = TestDatabase.class)
class GeneratedDataTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theGeneratorWritesTheSizesAskedForWithEveryDerivedColumnAsTheEngineWouldHave() {
        long workspace = jdbc.sql("SELECT workspace_id FROM workspaces WHERE name = 'Benchmark'").query(Long.class).single();
        assertThat(count("SELECT COUNT(*) FROM deals WHERE workspace_id = ?", workspace)).isEqualTo(60);
        assertThat(count("SELECT COUNT(*) FROM touches WHERE workspace_id = ?", workspace)).isEqualTo(3001);
        assertThat(count("SELECT COUNT(*) FROM follow_ups WHERE workspace_id = ?", workspace)).isEqualTo(450);
        assertThat(count("SELECT COUNT(*) FROM follow_ups WHERE workspace_id = ? AND status = 'OPEN'", workspace))
                .isEqualTo(40);
        assertThat(count("SELECT COUNT(*) FROM deal_closings WHERE workspace_id = ?", workspace))
                .isEqualTo(count("SELECT COUNT(*) FROM deals WHERE workspace_id = ? AND status <> 'OPEN'", workspace));
        assertThat(count("SELECT COUNT(*) FROM payments WHERE workspace_id = ?", workspace))
                .isEqualTo(count("SELECT COUNT(*) FROM deals WHERE workspace_id = ? AND status = 'WON'", workspace));
        // every touch has its account and contact subject rows, and its deal's when it has one
        assertThat(count("SELECT COUNT(*) FROM touch_subjects WHERE workspace_id = ?", workspace)).isEqualTo(2 * 3001
                + count("SELECT COUNT(*) FROM touches WHERE workspace_id = ? AND deal_id IS NOT NULL", workspace));
        assertThat(count("SELECT COUNT(*) FROM touches WHERE workspace_id = ? AND deal_id IS NOT NULL", workspace))
                .isPositive();
        // a touch on a deal happened while the deal was open
        assertThat(count("""
                SELECT COUNT(*) FROM touches t JOIN deals d ON d.workspace_id = t.workspace_id AND d.id = t.deal_id
                WHERE t.workspace_id = ? AND (t.occurred_at < d.created_at OR t.occurred_at > COALESCE(d.closed_at, t.occurred_at))
                """, workspace)).isZero();

        // the attempt numbers are those the engine's rule gives over each chase's history
        List<long[]> touches = jdbc.sql("""
                SELECT t.id, t.occurred_at, t.direction, t.reached, t.attempt, t.deal_id, s.subject_id
                FROM touches t JOIN touch_subjects s ON s.workspace_id = t.workspace_id AND s.touch_id = t.id
                                                     AND s.subject_type = 'contact'
                WHERE t.workspace_id = ? ORDER BY t.occurred_at, t.id
                """).param(workspace).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2),
                        "OUTBOUND".equals(rs.getString(3)) ? 1 : 0, rs.getBoolean(4) ? 1 : 0, rs.getInt(5),
                        rs.getObject(6) == null ? 0 : rs.getLong(6), rs.getLong(7)}).list();
        int checked = 0;
        for (long[] touch : touches) {
            List<Attempts.Past> history = new ArrayList<>();
            for (long[] earlier : touches) {
                boolean sameChase = touch[5] != 0 ? earlier[5] == touch[5] : earlier[6] == touch[6];
                if (sameChase && (earlier[1] < touch[1] || earlier[1] == touch[1] && earlier[0] < touch[0])) {
                    history.add(0, new Attempts.Past(earlier[2] == 1, earlier[2] == 0 || earlier[3] == 1));
                }
            }
            Direction direction = touch[2] == 1 ? Direction.OUTBOUND : Direction.INBOUND;
            assertThat(touch[4]).as("attempt of touch %d", touch[0]).isEqualTo(Attempts.numberOf(direction, history));
            if (++checked == 400) {
                break;
            }
        }
        assertThat(touches.stream().mapToLong(t -> t[4]).max().orElse(0)).isGreaterThan(4);
    }

    private long count(String sql, long workspace) {
        return jdbc.sql(sql).param(workspace).query(Long.class).single();
    }
}
