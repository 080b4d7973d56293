package app.tickler.followup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tickler.party.Channel;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actors;

@Repository
class CadenceRepository {

    private final JdbcClient jdbc;

    CadenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Cadence c, long now) {
        jdbc.sql("""
                INSERT INTO cadences (workspace_id, id, name, description, template, nurture_days, nurture_channel,
                                      nurture_reason_id, archived, version, created_at, updated_at)
                VALUES (:workspace, :id, :name, :description, :template, :nurtureDays, :nurtureChannel, :nurtureReason,
                        :archived, 0, :now, :now)
                """).params(columns(c)).param("now", now).update();
        insertSteps(c);
    }

    boolean update(Cadence c, long version, long now) {
        Map<String, Object> columns = columns(c);
        columns.put("version", version);
        columns.put("now", now);
        boolean updated = jdbc.sql("""
                UPDATE cadences SET name = :name, description = :description, nurture_days = :nurtureDays,
                       nurture_channel = :nurtureChannel, nurture_reason_id = :nurtureReason, archived = :archived,
                       version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND version = :version
                """).params(columns).update() == 1;
        if (updated) {
            jdbc.sql("DELETE FROM cadence_steps WHERE workspace_id = :workspace AND cadence_id = :id")
                    .param("workspace", workspace()).param("id", c.id().value()).update();
            insertSteps(c);
        }
        return updated;
    }

    private void insertSteps(Cadence c) {
        for (Cadence.Step step : c.steps()) {
            jdbc.sql("""
                    INSERT INTO cadence_steps (workspace_id, cadence_id, position, day_offset, channel, reason_id,
                                               instructions, email_subject, email_body)
                    VALUES (:workspace, :cadence, :position, :offset, :channel, :reason, :instructions, :subject, :body)
                    """).param("workspace", workspace()).param("cadence", c.id().value()).param("position", step.position())
                    .param("offset", step.dayOffset()).param("channel", step.channel().name())
                    .param("reason", step.reasonId() == null ? null : step.reasonId().value())
                    .param("instructions", step.instructions()).param("subject", step.emailSubject())
                    .param("body", step.emailBody()).update();
        }
    }

    Optional<Cadence> find(long id) {
        return all("c.id = :id", Map.of("id", id)).stream().findFirst();
    }

    boolean nameTaken(String name, long except) {
        return jdbc.sql("SELECT COUNT(*) FROM cadences WHERE workspace_id = :workspace AND LOWER(name) = LOWER(:name) AND id <> :except")
                .param("workspace", workspace()).param("name", name).param("except", except).query(Long.class).single() > 0;
    }

    /** Cadences (few per workspace) with their steps, by name. */
    List<Cadence> all(String where, Map<String, Object> params) {
        List<Cadence> cadences = jdbc.sql("SELECT c.* FROM cadences c WHERE c.workspace_id = :workspace AND " + where
                + " ORDER BY c.archived, LOWER(c.name), c.id").param("workspace", workspace()).params(params)
                .query((rs, n) -> {
                    Long reason = Rows.nullableLong(rs, "nurture_reason_id");
                    return new Cadence(new CadenceId(rs.getLong("id")), rs.getString("name"), rs.getString("description"),
                            rs.getString("template"), rs.getInt("nurture_days"), Channel.valueOf(rs.getString("nurture_channel")),
                            reason == null ? null : new BusinessReasonId(reason), rs.getBoolean("archived"), List.of(),
                            rs.getLong("version"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
                }).list();
        if (cadences.isEmpty()) {
            return cadences;
        }
        Map<Long, List<Cadence.Step>> steps = new HashMap<>();
        jdbc.sql("SELECT * FROM cadence_steps WHERE workspace_id = :workspace AND cadence_id IN (:ids) ORDER BY cadence_id, position")
                .param("workspace", workspace()).param("ids", cadences.stream().map(c -> c.id().value()).toList())
                .query(rs -> {
                    Long reason = Rows.nullableLong(rs, "reason_id");
                    steps.computeIfAbsent(rs.getLong("cadence_id"), k -> new ArrayList<>()).add(new Cadence.Step(
                            rs.getInt("position"), rs.getInt("day_offset"), Channel.valueOf(rs.getString("channel")),
                            reason == null ? null : new BusinessReasonId(reason), rs.getString("instructions"),
                            rs.getString("email_subject"), rs.getString("email_body")));
                });
        return cadences.stream().map(c -> new Cadence(c.id(), c.name(), c.description(), c.template(), c.nurtureDays(),
                c.nurtureChannel(), c.nurtureReasonId(), c.archived(), steps.getOrDefault(c.id().value(), List.of()),
                c.version(), c.createdAt(), c.updatedAt())).toList();
    }

    private static Map<String, Object> columns(Cadence c) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("workspace", workspace());
        columns.put("id", c.id().value());
        columns.put("name", c.name());
        columns.put("description", c.description());
        columns.put("template", c.template());
        columns.put("nurtureDays", c.nurtureDays());
        columns.put("nurtureChannel", c.nurtureChannel().name());
        columns.put("nurtureReason", c.nurtureReasonId() == null ? null : c.nurtureReasonId().value());
        columns.put("archived", c.archived());
        return columns;
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
