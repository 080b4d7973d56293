package app.tickler.sales;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actors;

/** Pipelines and their stages. A workspace has a handful, so they are always read whole. */
@Repository
class PipelineRepository {

    private final JdbcClient jdbc;

    PipelineRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every pipeline of the workspace (archived ones too), in order, with all stages. */
    List<Pipeline> all() {
        long workspace = workspace();
        Map<Long, List<Pipeline.Stage>> stages = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM pipeline_stages WHERE workspace_id = :workspace ORDER BY pipeline_id, position, id")
                .param("workspace", workspace)
                .query((rs, n) -> new Pipeline.Stage(new StageId(rs.getLong("id")), new PipelineId(rs.getLong("pipeline_id")),
                        rs.getString("name"), rs.getInt("position"), rs.getInt("probability"),
                        Rows.nullableInt(rs, "idle_days"), rs.getBoolean("collects_payment"), rs.getBoolean("retired"),
                        rs.getLong("version")))
                .list().forEach(s -> stages.computeIfAbsent(s.pipelineId().value(), k -> new ArrayList<>()).add(s));
        return jdbc.sql("SELECT * FROM pipelines WHERE workspace_id = :workspace ORDER BY position, id")
                .param("workspace", workspace)
                .query((rs, n) -> {
                    long repeat = rs.getLong("repeat_stage_id");
                    StageId repeatStage = rs.wasNull() ? null : new StageId(repeat);
                    long id = rs.getLong("id");
                    return new Pipeline(new PipelineId(id), rs.getString("name"), rs.getString("template"),
                            rs.getBoolean("is_default"), repeatStage, rs.getInt("position"), rs.getBoolean("archived"),
                            stages.getOrDefault(id, List.of()), rs.getLong("version"), Rows.instant(rs, "created_at"),
                            Rows.instant(rs, "updated_at"));
                }).list();
    }

    Optional<Pipeline> find(PipelineId id) {
        return all().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The pipeline holding this stage. */
    Optional<Pipeline> ofStage(StageId stage) {
        return all().stream().filter(p -> p.stage(stage).isPresent()).findFirst();
    }

    void insert(Pipeline pipeline, long now) {
        jdbc.sql("""
                INSERT INTO pipelines (workspace_id, id, name, template, is_default, repeat_stage_id, position, archived,
                                       version, created_at, updated_at)
                VALUES (:workspace, :id, :name, :template, :isDefault, :repeat, :position, :archived, 0, :now, :now)
                """).param("workspace", workspace()).param("id", pipeline.id().value()).param("name", pipeline.name())
                .param("template", pipeline.template()).param("isDefault", pipeline.isDefault())
                .param("repeat", pipeline.repeatStageId() == null ? null : pipeline.repeatStageId().value())
                .param("position", pipeline.position()).param("archived", pipeline.archived()).param("now", now).update();
    }

    void insertStage(Pipeline.Stage stage, long now) {
        jdbc.sql("""
                INSERT INTO pipeline_stages (workspace_id, id, pipeline_id, name, position, probability, idle_days,
                                             collects_payment, retired, version, created_at, updated_at)
                VALUES (:workspace, :id, :pipeline, :name, :position, :probability, :idle, :payment, :retired, 0, :now, :now)
                """).param("workspace", workspace()).param("id", stage.id().value())
                .param("pipeline", stage.pipelineId().value()).param("name", stage.name())
                .param("position", stage.position()).param("probability", stage.probability())
                .param("idle", stage.idleDays()).param("payment", stage.collectsPayment())
                .param("retired", stage.retired()).param("now", now).update();
    }

    /** Writes the pipeline's own fields if it is still at {@code version}; false when it is not. */
    boolean update(Pipeline pipeline, long version, long now) {
        return jdbc.sql("""
                UPDATE pipelines SET name = :name, is_default = :isDefault, repeat_stage_id = :repeat, archived = :archived,
                       position = :position, version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND version = :version
                """).param("name", pipeline.name()).param("isDefault", pipeline.isDefault())
                .param("repeat", pipeline.repeatStageId() == null ? null : pipeline.repeatStageId().value())
                .param("archived", pipeline.archived()).param("position", pipeline.position()).param("now", now)
                .param("workspace", workspace()).param("id", pipeline.id().value()).param("version", version)
                .update() == 1;
    }

    /** Bumps the pipeline's version: its stage list changed. */
    boolean touch(PipelineId pipeline, long version, long now) {
        return jdbc.sql("""
                UPDATE pipelines SET version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND version = :version
                """).param("now", now).param("workspace", workspace()).param("id", pipeline.value())
                .param("version", version).update() == 1;
    }

    void clearDefault() {
        jdbc.sql("UPDATE pipelines SET is_default = FALSE WHERE workspace_id = :workspace AND is_default")
                .param("workspace", workspace()).update();
    }

    boolean updateStage(Pipeline.Stage stage, long version, long now) {
        return jdbc.sql("""
                UPDATE pipeline_stages SET name = :name, probability = :probability, idle_days = :idle,
                       collects_payment = :payment, retired = :retired, version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id AND version = :version
                """).param("name", stage.name()).param("probability", stage.probability()).param("idle", stage.idleDays())
                .param("payment", stage.collectsPayment()).param("retired", stage.retired()).param("now", now)
                .param("workspace", workspace()).param("id", stage.id().value()).param("version", version)
                .update() == 1;
    }

    void position(StageId stage, int position, long now) {
        jdbc.sql("""
                UPDATE pipeline_stages SET position = :position, version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND id = :id
                """).param("position", position).param("now", now).param("workspace", workspace())
                .param("id", stage.value()).update();
    }

    int nextPipelinePosition() {
        return jdbc.sql("SELECT COALESCE(MAX(position), -1) + 1 FROM pipelines WHERE workspace_id = :workspace")
                .param("workspace", workspace()).query(Integer.class).single();
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
