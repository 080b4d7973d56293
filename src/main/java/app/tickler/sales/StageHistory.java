package app.tickler.sales;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tickler.platform.IdGenerator;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;

/** Every stage a deal entered, with who moved it and how long it had spent in the stage it left. */
@Repository
class StageHistory {

    /**
     * One move. {@code fromStageName}/{@code toStageName} are the stages' current names (a renamed
     * stage shows its new name); {@code spent} is the time spent in the stage left (null for the first).
     */
    record Move(long id, DealId dealId, PipelineId pipelineId, StageId fromStageId, String fromStageName,
            StageId toStageId, String toStageName, StageMovement movement, Instant movedAt, Long actorId,
            String actorName, String reason, Duration spent) {

        /** Whole days spent in the stage left, for display. */
        public Long daysSpent() {
            return spent == null ? null : spent.toDays();
        }

        StageMove asStageMove() {
            return new StageMove(fromStageId, toStageId, movement, movedAt,
                    actorId == null ? null : new app.tickler.identity.UserId(actorId));
        }
    }

    /** Average time deals spent in a stage, over the moves out of it. */
    record TimeInStage(StageId stage, long moves, Duration average) {
    }

    private static final String SELECT = """
            SELECT h.*, f.name AS from_name, t.name AS to_name FROM deal_stage_changes h
            LEFT JOIN pipeline_stages f ON f.workspace_id = h.workspace_id AND f.id = h.from_stage_id
            JOIN pipeline_stages t ON t.workspace_id = h.workspace_id AND t.id = h.to_stage_id
            WHERE h.workspace_id = :workspace""";

    private final JdbcClient jdbc;
    private final IdGenerator ids;

    StageHistory(JdbcClient jdbc, IdGenerator ids) {
        this.jdbc = jdbc;
        this.ids = ids;
    }

    void record(DealId deal, PipelineId pipeline, StageId from, StageId to, StageMovement movement, Instant at,
            Instant fromEnteredAt, String reason) {
        Actor actor = Actors.current();
        jdbc.sql("""
                INSERT INTO deal_stage_changes (workspace_id, id, deal_id, pipeline_id, from_stage_id, to_stage_id, movement,
                                                moved_at, from_entered_at, actor_id, actor_name, reason)
                VALUES (:workspace, :id, :deal, :pipeline, :from, :to, :movement, :at, :fromEntered, :actor, :actorName, :reason)
                """).param("workspace", actor.workspaceId()).param("id", ids.next()).param("deal", deal.value())
                .param("pipeline", pipeline.value()).param("from", from == null ? null : from.value())
                .param("to", to.value()).param("movement", movement.name()).param("at", at.toEpochMilli())
                .param("fromEntered", Rows.millis(fromEnteredAt)).param("actor", actor.isSystem() ? null : actor.userId())
                .param("actorName", actor.displayName())
                .param("reason", reason == null || reason.isBlank() ? null : truncate(reason.strip(), 500)).update();
    }

    /** A deal's moves, oldest first. */
    List<Move> of(DealId deal) {
        return jdbc.sql(SELECT + " AND h.deal_id = :deal ORDER BY h.moved_at, h.id")
                .param("workspace", Actors.current().workspaceId()).param("deal", deal.value())
                .query((rs, n) -> {
                    Long from = Rows.nullableLong(rs, "from_stage_id");
                    Long fromEntered = Rows.nullableLong(rs, "from_entered_at");
                    long movedAt = rs.getLong("moved_at");
                    return new Move(rs.getLong("id"), deal, new PipelineId(rs.getLong("pipeline_id")),
                            from == null ? null : new StageId(from), rs.getString("from_name"),
                            new StageId(rs.getLong("to_stage_id")), rs.getString("to_name"),
                            StageMovement.valueOf(rs.getString("movement")), Instant.ofEpochMilli(movedAt),
                            Rows.nullableLong(rs, "actor_id"), rs.getString("actor_name"), rs.getString("reason"),
                            fromEntered == null ? null : Duration.ofMillis(movedAt - fromEntered));
                }).list();
    }

    /** Average time in each stage of a pipeline, over the moves out of it since {@code since}. */
    List<TimeInStage> timeInStage(PipelineId pipeline, long since) {
        return jdbc.sql("""
                SELECT from_stage_id, COUNT(*), AVG(moved_at - from_entered_at) FROM deal_stage_changes
                WHERE workspace_id = :workspace AND pipeline_id = :pipeline AND from_stage_id IS NOT NULL
                  AND moved_at >= :since AND from_entered_at IS NOT NULL
                GROUP BY from_stage_id
                """).param("workspace", Actors.current().workspaceId()).param("pipeline", pipeline.value())
                .param("since", since)
                .query((rs, n) -> new TimeInStage(new StageId(rs.getLong(1)), rs.getLong(2),
                        Duration.ofMillis(Math.round(rs.getDouble(3))))).list();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
