package app.tickler.party;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import app.tickler.platform.security.Actors;

/**
 * The "last touch" of accounts and contacts for many records at once, each with its own moment: the
 * touches of an imported activity history (one statement batch per table), and their removal.
 */
@Repository
class LastTouches {

    private final JdbcTemplate jdbc;

    LastTouches(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Moves each record's last touch forward to its moment, never back. */
    void advance(String table, Map<Long, Long> latestById) {
        long workspace = Actors.current().workspaceId();
        List<Object[]> rows = new ArrayList<>(latestById.size());
        latestById.forEach((id, at) -> rows.add(new Object[] {at, workspace, id, at}));
        jdbc.batchUpdate("UPDATE " + table + " SET last_touch_at = ? WHERE workspace_id = ? AND id = ? AND last_touch_at < ?",
                rows);
    }

    /**
     * After touches were removed: a record whose last touch was one of them (no later than the latest
     * removed) gets the latest of the touches it has left, or none.
     */
    void correct(String table, List<Parties.LastTouchCorrection> corrections) {
        long workspace = Actors.current().workspaceId();
        List<Object[]> rows = new ArrayList<>(corrections.size());
        for (Parties.LastTouchCorrection c : corrections) {
            rows.add(new Object[] {c.remainingLatest() == null ? 0L : c.remainingLatest().toEpochMilli(), workspace,
                    c.recordId(), c.removedLatest().toEpochMilli()});
        }
        jdbc.batchUpdate("UPDATE " + table + " SET last_touch_at = ? WHERE workspace_id = ? AND id = ? AND last_touch_at <= ?",
                rows);
    }
}
