package app.tickler.sales;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.platform.IdGenerator;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.NotFound;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Changes;
import app.tickler.platform.security.Actors;

/** The configurable list of reasons a deal is lost; retired reasons stay on the deals that used them. */
@Service
class LostReasons {

    /**
     * The reason that takes the reasons a workspace does not have (a lost deal of another CRM's history with
     * a reason of its own, which is kept as the deal's lost note), when the workspace has it.
     */
    static final String OTHER = "Other";

    /** A new workspace's reasons; "Other" last, so that a file of free-text reasons imports as it is. */
    static final List<String> DEFAULTS = List.of("Price too high", "Chose a competitor", "No budget",
            "No decision or bad timing", "Product does not fit", "Went silent", OTHER);

    record LostReason(LostReasonId id, String label, int position, boolean retired, long version) {
    }

    static final class LostReasonNotFound extends NotFound {
        LostReasonNotFound(long id) {
            super("Lost reason", id);
        }
    }

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditLog audit;
    private final RowMapper<LostReason> row = (rs, n) -> new LostReason(new LostReasonId(rs.getLong("id")),
            rs.getString("label"), rs.getInt("position"), rs.getBoolean("retired"), rs.getLong("version"));

    LostReasons(JdbcClient jdbc, IdGenerator ids, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
    }

    List<LostReason> all() {
        return jdbc.sql("SELECT * FROM lost_reasons WHERE workspace_id = :workspace ORDER BY retired, position, id")
                .param("workspace", workspace()).query(row).list();
    }

    List<LostReason> active() {
        return all().stream().filter(r -> !r.retired()).toList();
    }

    Optional<LostReason> find(LostReasonId id) {
        return jdbc.sql("SELECT * FROM lost_reasons WHERE workspace_id = :workspace AND id = :id")
                .param("workspace", workspace()).param("id", id.value()).query(row).optional();
    }

    LostReason get(LostReasonId id) {
        return find(id).orElseThrow(() -> new LostReasonNotFound(id.value()));
    }

    void seed() {
        DEFAULTS.forEach(this::create);
    }

    @Transactional
    LostReason create(String label) {
        String clean = label(label);
        long id = ids.next();
        long now = clock.millis();
        int position = jdbc.sql("SELECT COALESCE(MAX(position), -1) + 1 FROM lost_reasons WHERE workspace_id = :workspace")
                .param("workspace", workspace()).query(Integer.class).single();
        jdbc.sql("""
                INSERT INTO lost_reasons (workspace_id, id, label, position, retired, version, created_at, updated_at)
                VALUES (:workspace, :id, :label, :position, FALSE, 0, :now, :now)
                """).param("workspace", workspace()).param("id", id).param("label", clean).param("position", position)
                .param("now", now).update();
        LostReason created = get(new LostReasonId(id));
        audit.record("lostReason", id, "created", Changes.between(null, created));
        return created;
    }

    @Transactional
    LostReason change(LostReasonId id, String label, int position, boolean retired, long version) {
        LostReason before = get(id);
        String clean = label(label);
        int updated = jdbc.sql("""
                UPDATE lost_reasons SET label = :label, position = :position, retired = :retired, version = version + 1,
                       updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND version = :version
                """).param("label", clean).param("position", position).param("retired", retired)
                .param("now", clock.millis()).param("workspace", workspace()).param("id", id.value())
                .param("version", version).update();
        if (updated == 0) {
            throw new StaleVersion("The lost reason", before.version());
        }
        LostReason after = get(id);
        audit.record("lostReason", id.value(), "updated", Changes.between(before, after));
        return after;
    }

    private static String label(String label) {
        String clean = label == null ? "" : label.strip();
        if (clean.isEmpty() || clean.length() > 100) {
            throw new InvalidInput("label", "is required (at most 100 characters)");
        }
        return clean;
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
