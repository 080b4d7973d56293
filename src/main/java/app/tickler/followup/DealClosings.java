package app.tickler.followup;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tickler.platform.security.Actors;

/**
 * The attempt of the chase at which each deal was won or lost — seed 003's claim that deals close on
 * attempts five to twenty, measured on the team's own data by the insights. Reopened and closed again,
 * a deal keeps its last closing.
 */
@Repository
class DealClosings {

    private final JdbcClient jdbc;

    DealClosings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(long dealId, boolean won, int attempt, Instant at) {
        long workspace = Actors.current().workspaceId();
        jdbc.sql("DELETE FROM deal_closings WHERE workspace_id = :workspace AND deal_id = :deal")
                .param("workspace", workspace).param("deal", dealId).update();
        jdbc.sql("""
                INSERT INTO deal_closings (workspace_id, deal_id, won, attempt, closed_at)
                VALUES (:workspace, :deal, :won, :attempt, :at)
                """).param("workspace", workspace).param("deal", dealId).param("won", won).param("attempt", attempt)
                .param("at", at.toEpochMilli()).update();
    }

    /** A deal removed for good no longer closed at any attempt. */
    void forget(long dealId) {
        jdbc.sql("DELETE FROM deal_closings WHERE workspace_id = :workspace AND deal_id = :deal")
                .param("workspace", Actors.current().workspaceId()).param("deal", dealId).update();
    }

    /** The attempt at which a deal closed, or null if it has not (or was reopened and is open again). */
    Integer attemptOf(long dealId) {
        return jdbc.sql("SELECT attempt FROM deal_closings WHERE workspace_id = :workspace AND deal_id = :deal")
                .param("workspace", Actors.current().workspaceId()).param("deal", dealId)
                .query(Integer.class).optional().orElse(null);
    }
}
