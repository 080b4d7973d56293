package app.tickler.sales;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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

/**
 * The workspace's qualification checklist (need, budget, authority, timing…) and the score it gives
 * a lead: the share of the weights of the criteria checked, 0–100.
 */
@Service
class Qualification {

    record Criterion(CriterionId id, String label, int weight, int position, boolean retired, long version) {
    }

    static final class CriterionNotFound extends NotFound {
        CriterionNotFound(long id) {
            super("Qualification criterion", id);
        }
    }

    private static final List<String> DEFAULTS = List.of("Need", "Budget", "Authority", "Timing");

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditLog audit;
    private final RowMapper<Criterion> row = (rs, n) -> new Criterion(new CriterionId(rs.getLong("id")),
            rs.getString("label"), rs.getInt("weight"), rs.getInt("position"), rs.getBoolean("retired"),
            rs.getLong("version"));

    Qualification(JdbcClient jdbc, IdGenerator ids, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
    }

    List<Criterion> all() {
        return jdbc.sql("SELECT * FROM qualification_criteria WHERE workspace_id = :workspace ORDER BY retired, position, id")
                .param("workspace", workspace()).query(row).list();
    }

    List<Criterion> active() {
        return all().stream().filter(c -> !c.retired()).toList();
    }

    Criterion get(CriterionId id) {
        return jdbc.sql("SELECT * FROM qualification_criteria WHERE workspace_id = :workspace AND id = :id")
                .param("workspace", workspace()).param("id", id.value()).query(row).optional()
                .orElseThrow(() -> new CriterionNotFound(id.value()));
    }

    void seed() {
        DEFAULTS.forEach(label -> create(label, 25));
    }

    /** The score of a lead with these criteria checked: checked weight over total weight of the active checklist. */
    static int score(List<Criterion> checklist, Collection<CriterionId> checked) {
        int total = checklist.stream().filter(c -> !c.retired()).mapToInt(Criterion::weight).sum();
        if (total == 0) {
            return 0;
        }
        int got = checklist.stream().filter(c -> !c.retired() && checked.contains(c.id())).mapToInt(Criterion::weight).sum();
        return Math.round(100f * got / total);
    }

    /** The checked criteria of each lead. */
    Map<Long, Set<CriterionId>> checked(Collection<Long> leads) {
        Map<Long, Set<CriterionId>> result = new HashMap<>();
        if (leads.isEmpty()) {
            return result;
        }
        jdbc.sql("SELECT lead_id, criterion_id FROM lead_checks WHERE workspace_id = :workspace AND lead_id IN (:leads)")
                .param("workspace", workspace()).param("leads", leads)
                .query((rs, n) -> Map.entry(rs.getLong(1), new CriterionId(rs.getLong(2)))).list()
                .forEach(e -> result.computeIfAbsent(e.getKey(), k -> new java.util.HashSet<>()).add(e.getValue()));
        return result;
    }

    /** Replaces a lead's checked criteria and returns its new score; the caller writes the lead in the same transaction. */
    int check(long lead, Collection<CriterionId> checked) {
        List<Criterion> checklist = all();
        Set<CriterionId> known = checklist.stream().filter(c -> !c.retired()).map(Criterion::id).collect(Collectors.toSet());
        List<String> unknown = checked.stream().filter(c -> !known.contains(c)).map(c -> Long.toString(c.value())).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInput("checked", "names criteria that are not on the checklist: " + String.join(", ", unknown));
        }
        jdbc.sql("DELETE FROM lead_checks WHERE workspace_id = :workspace AND lead_id = :lead")
                .param("workspace", workspace()).param("lead", lead).update();
        long now = clock.millis();
        Long by = Actors.current().isSystem() ? null : Actors.current().userId();
        for (CriterionId criterion : Set.copyOf(checked)) {
            jdbc.sql("""
                    INSERT INTO lead_checks (workspace_id, lead_id, criterion_id, checked_at, checked_by)
                    VALUES (:workspace, :lead, :criterion, :now, :by)
                    """).param("workspace", workspace()).param("lead", lead).param("criterion", criterion.value())
                    .param("now", now).param("by", by).update();
        }
        return score(checklist, checked);
    }

    @Transactional
    Criterion create(String label, Integer weight) {
        String clean = label(label);
        int w = weight(weight);
        long id = ids.next();
        long now = clock.millis();
        int position = jdbc.sql("SELECT COALESCE(MAX(position), -1) + 1 FROM qualification_criteria WHERE workspace_id = :workspace")
                .param("workspace", workspace()).query(Integer.class).single();
        jdbc.sql("""
                INSERT INTO qualification_criteria (workspace_id, id, label, weight, position, retired, version, created_at, updated_at)
                VALUES (:workspace, :id, :label, :weight, :position, FALSE, 0, :now, :now)
                """).param("workspace", workspace()).param("id", id).param("label", clean).param("weight", w)
                .param("position", position).param("now", now).update();
        Criterion created = get(new CriterionId(id));
        audit.record("qualificationCriterion", id, "created", Changes.between(null, created));
        rescoreAll();
        return created;
    }

    @Transactional
    Criterion change(CriterionId id, String label, Integer weight, int position, boolean retired, long version) {
        Criterion before = get(id);
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String clean = null;
        int w = 0;
        try {
            clean = label(label);
        } catch (InvalidInput e) {
            problems.add("label", e.messageFor("label"));
        }
        try {
            w = weight(weight);
        } catch (InvalidInput e) {
            problems.add("weight", e.messageFor("weight"));
        }
        problems.throwIfAny();
        int updated = jdbc.sql("""
                UPDATE qualification_criteria SET label = :label, weight = :weight, position = :position, retired = :retired,
                       version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND version = :version
                """).param("label", clean).param("weight", w).param("position", position).param("retired", retired)
                .param("now", clock.millis()).param("workspace", workspace()).param("id", id.value())
                .param("version", version).update();
        if (updated == 0) {
            throw new StaleVersion("The criterion", before.version());
        }
        Criterion after = get(id);
        audit.record("qualificationCriterion", id.value(), "updated", Changes.between(before, after));
        if (before.weight() != after.weight() || before.retired() != after.retired()) {
            rescoreAll();
        }
        return after;
    }

    /** The checklist changed: every open lead's score follows, in one statement. */
    private void rescoreAll() {
        jdbc.sql("""
                UPDATE leads SET score = COALESCE((
                    SELECT CAST(ROUND(100.0 * SUM(c.weight) / NULLIF((SELECT SUM(a.weight) FROM qualification_criteria a
                                                                      WHERE a.workspace_id = :workspace AND NOT a.retired), 0)) AS INTEGER)
                    FROM lead_checks k JOIN qualification_criteria c ON c.workspace_id = k.workspace_id AND c.id = k.criterion_id
                    WHERE k.workspace_id = leads.workspace_id AND k.lead_id = leads.id AND NOT c.retired), 0)
                WHERE workspace_id = :workspace AND active
                """).param("workspace", workspace()).update();
    }

    private static String label(String label) {
        String clean = label == null ? "" : label.strip();
        if (clean.isEmpty() || clean.length() > 100) {
            throw new InvalidInput("label", "is required (at most 100 characters)");
        }
        return clean;
    }

    private static int weight(Integer weight) {
        int w = weight == null ? 25 : weight;
        if (w < 1 || w > 100) {
            throw new InvalidInput("weight", "must be between 1 and 100");
        }
        return w;
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
