package app.tickler.sales;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.platform.Conflict;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.NotFound;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Change;
import app.tickler.platform.audit.Changes;

/**
 * Configurable pipelines: made from a template or from scratch, with stages added, renamed,
 * reordered and retired without losing history (moves refer to stage ids and keep their meaning).
 */
@Service
class Pipelines {

    static final class PipelineNotFound extends NotFound {
        PipelineNotFound(long id) {
            super("Pipeline", id);
        }
    }

    static final class StageNotFound extends NotFound {
        StageNotFound(long id) {
            super("Stage", id);
        }
    }

    record NewStage(String name, Integer probability, Integer idleDays, Boolean collectsPayment) {
    }

    record NewPipeline(String name, PipelineTemplate template, List<NewStage> stages, Boolean isDefault) {
    }

    record PipelineChange(String name, boolean isDefault, StageId repeatStageId, boolean archived) {
    }

    record StageChange(String name, int probability, Integer idleDays) {
    }

    private final PipelineRepository pipelines;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditLog audit;

    Pipelines(PipelineRepository pipelines, IdGenerator ids, Clock clock, AuditLog audit) {
        this.pipelines = pipelines;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
    }

    List<Pipeline> all() {
        return pipelines.all();
    }

    List<Pipeline> active() {
        return pipelines.all().stream().filter(p -> !p.archived()).toList();
    }

    Pipeline get(PipelineId id) {
        return pipelines.find(id).orElseThrow(() -> new PipelineNotFound(id.value()));
    }

    Pipeline defaultPipeline() {
        List<Pipeline> all = active();
        return all.stream().filter(Pipeline::isDefault).findFirst()
                .orElseGet(() -> all.stream().findFirst().orElseThrow(() -> new Conflict("This workspace has no pipeline yet")));
    }

    Pipeline ofStage(StageId stage) {
        return pipelines.ofStage(stage).orElseThrow(() -> new StageNotFound(stage.value()));
    }

    /** The shipped pipelines of a new workspace; the caller is that workspace's actor. */
    void seed() {
        for (PipelineTemplate template : PipelineTemplate.values()) {
            create(new NewPipeline(template.title(), template, null, template == PipelineTemplate.FIVE_PHASE));
        }
    }

    @Transactional
    Pipeline create(NewPipeline request) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String name = name(problems, "name", request.name());
        List<NewStage> stages = new ArrayList<>();
        Integer repeatIndex = null;
        if (request.template() != null) {
            problems.check(request.stages() == null || request.stages().isEmpty(), "stages",
                    "come from the template; leave them out or choose no template");
            List<PipelineTemplate.StageTemplate> shipped = request.template().stages();
            for (int i = 0; i < shipped.size(); i++) {
                PipelineTemplate.StageTemplate s = shipped.get(i);
                stages.add(new NewStage(s.name(), s.probability(), s.idleDays(), s.collectsPayment()));
                if (s.repeatEntry()) {
                    repeatIndex = i;
                }
            }
        } else if (request.stages() == null || request.stages().isEmpty()) {
            problems.add("stages", "must list at least one stage (or choose a template)");
        } else {
            for (int i = 0; i < request.stages().size(); i++) {
                NewStage stage = request.stages().get(i);
                if (stage == null) {
                    problems.add("stages[" + i + "]", "is required");
                    continue;
                }
                stages.add(checked(problems, "stages[" + i + "].", stage));
            }
            problems.check(stages.stream().anyMatch(s -> !Boolean.TRUE.equals(s.collectsPayment())), "stages",
                    "need at least one stage that takes deals");
        }
        problems.throwIfAny();
        long now = clock.millis();
        PipelineId id = new PipelineId(ids.next());
        List<Pipeline.Stage> made = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            NewStage s = stages.get(i);
            made.add(new Pipeline.Stage(new StageId(ids.next()), id, s.name(), i, s.probability(), s.idleDays(),
                    Boolean.TRUE.equals(s.collectsPayment()), false, 0));
        }
        boolean isDefault = Boolean.TRUE.equals(request.isDefault()) || active().isEmpty();
        if (isDefault) {
            pipelines.clearDefault();
        }
        Pipeline pipeline = new Pipeline(id, name, request.template() == null ? null : request.template().name(), isDefault,
                repeatIndex == null ? null : made.get(repeatIndex).id(), pipelines.nextPipelinePosition(), false, made, 0,
                null, null);
        pipelines.insert(pipeline, now);
        made.forEach(stage -> pipelines.insertStage(stage, now));
        Pipeline created = get(id);
        audit.record("pipeline", id.value(), "created", Map.of("name", new Change(null, name),
                "stages", new Change(null, made.stream().map(Pipeline.Stage::name).toList())));
        return created;
    }

    @Transactional
    Pipeline change(PipelineId id, PipelineChange change, long version) {
        Pipeline before = get(id);
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String name = name(problems, "name", change.name());
        if (change.repeatStageId() != null) {
            Pipeline.Stage stage = before.stage(change.repeatStageId()).orElse(null);
            problems.check(stage != null && stage.takesDeals(), "repeatStageId",
                    "must be a current stage of this pipeline that takes deals");
        }
        problems.check(!(change.archived() && change.isDefault()), "archived", "the default pipeline cannot be archived");
        problems.check(change.isDefault() || !before.isDefault(), "isDefault",
                "make another pipeline the default instead: there is always one");
        problems.throwIfAny();
        if (before.version() != version) {
            throw new StaleVersion("The pipeline", before.version());
        }
        if (change.isDefault() && !before.isDefault()) {
            pipelines.clearDefault();
        }
        Pipeline wanted = new Pipeline(id, name, before.template(), change.isDefault(), change.repeatStageId(),
                before.position(), change.archived(), before.stages(), version, before.createdAt(), before.updatedAt());
        if (!pipelines.update(wanted, version, clock.millis())) {
            throw new StaleVersion("The pipeline", get(id).version());
        }
        Pipeline after = get(id);
        audit.record("pipeline", id.value(), "updated", Changes.between(before, after, "stages"));
        return after;
    }

    @Transactional
    Pipeline addStage(PipelineId id, NewStage request, long version) {
        Pipeline pipeline = get(id);
        InvalidInput.Collector problems = new InvalidInput.Collector();
        NewStage stage = checked(problems, "", request);
        problems.throwIfAny();
        long now = clock.millis();
        if (!pipelines.touch(id, version, now)) {
            throw new StaleVersion("The pipeline", pipeline.version());
        }
        int position = pipeline.stages().stream().mapToInt(Pipeline.Stage::position).max().orElse(-1) + 1;
        Pipeline.Stage made = new Pipeline.Stage(new StageId(ids.next()), id, stage.name(), position, stage.probability(),
                stage.idleDays(), Boolean.TRUE.equals(stage.collectsPayment()), false, 0);
        pipelines.insertStage(made, now);
        audit.record("pipelineStage", made.id().value(), "created", Changes.between(null, made));
        return get(id);
    }

    @Transactional
    Pipeline changeStage(StageId id, StageChange change, long version) {
        Pipeline pipeline = ofStage(id);
        Pipeline.Stage before = pipeline.stage(id).orElseThrow();
        InvalidInput.Collector problems = new InvalidInput.Collector();
        NewStage checked = checked(problems, "", new NewStage(change.name(), change.probability(), change.idleDays(),
                before.collectsPayment()));
        problems.throwIfAny();
        Pipeline.Stage after = new Pipeline.Stage(id, before.pipelineId(), checked.name(), before.position(),
                checked.probability(), checked.idleDays(), before.collectsPayment(), before.retired(), version);
        if (!pipelines.updateStage(after, version, clock.millis())) {
            throw new StaleVersion("The stage", before.version());
        }
        audit.record("pipelineStage", id.value(), "updated", Changes.between(before, after));
        return get(pipeline.id());
    }

    /** Puts the stages in the given order; every stage of the pipeline must be named once. */
    @Transactional
    Pipeline reorder(PipelineId id, List<StageId> order, long version) {
        Pipeline pipeline = get(id);
        Set<StageId> expected = new HashSet<>(pipeline.stages().stream().map(Pipeline.Stage::id).toList());
        if (order == null || order.size() != expected.size() || !expected.equals(new HashSet<>(order))) {
            throw new InvalidInput("stageIds", "must list every stage of this pipeline exactly once");
        }
        long now = clock.millis();
        if (!pipelines.touch(id, version, now)) {
            throw new StaleVersion("The pipeline", pipeline.version());
        }
        for (int i = 0; i < order.size(); i++) {
            pipelines.position(order.get(i), i, now);
        }
        Pipeline after = get(id);
        audit.record("pipeline", id.value(), "stages reordered", Map.of("stages", new Change(
                pipeline.stages().stream().map(Pipeline.Stage::name).toList(),
                after.stages().stream().map(Pipeline.Stage::name).toList())));
        return after;
    }

    /** Retires or restores a stage; the caller has moved the open deals out of a stage it retires. */
    @Transactional
    Pipeline setRetired(StageId id, boolean retired, long version) {
        Pipeline pipeline = ofStage(id);
        Pipeline.Stage before = pipeline.stage(id).orElseThrow();
        if (retired && pipeline.stages().stream().filter(s -> !s.id().equals(id)).noneMatch(Pipeline.Stage::takesDeals)) {
            throw new Conflict("«" + before.name() + "» is the last stage that takes deals; add another one first");
        }
        Pipeline.Stage after = new Pipeline.Stage(id, before.pipelineId(), before.name(), before.position(),
                before.probability(), before.idleDays(), before.collectsPayment(), retired, version);
        if (!pipelines.updateStage(after, version, clock.millis())) {
            throw new StaleVersion("The stage", before.version());
        }
        audit.record("pipelineStage", id.value(), retired ? "retired" : "restored", Changes.between(before, after));
        return get(pipeline.id());
    }

    private static NewStage checked(InvalidInput.Collector problems, String prefix, NewStage stage) {
        String name = name(problems, prefix + "name", stage.name());
        Integer probability = stage.probability();
        if (probability == null || probability < 0 || probability > 100) {
            problems.add(prefix + "probability", "must be a percentage between 0 and 100");
        }
        Integer idle = stage.idleDays();
        problems.check(idle == null || (idle >= 1 && idle <= 3650), prefix + "idleDays",
                "must be between 1 and 3650 days (or empty: never idle)");
        return new NewStage(name, probability, idle, stage.collectsPayment());
    }

    private static String name(InvalidInput.Collector problems, String field, String value) {
        String name = value == null ? "" : value.strip();
        problems.check(!name.isEmpty() && name.length() <= 100, field, "is required (at most 100 characters)");
        return name;
    }
}
