package app.tickler.sales;

import java.net.URI;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import app.tickler.identity.TeamId;
import app.tickler.identity.UserId;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.ManagerOrAbove;
import app.tickler.platform.web.ETags;
import app.tickler.platform.web.Patch;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/** REST API of pipelines and their stages, the board and the pipeline's statistics. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Pipelines")
class PipelineApi {

    record NewPipeline(String name, PipelineTemplate template, List<Pipelines.NewStage> stages, Boolean isDefault) {
    }

    record NewStage(String name, Integer probability, Integer idleDays, Boolean collectsPayment, Long version) {
    }

    record StageOrder(List<StageId> stageIds, Long version) {
    }

    record Retire(StageId moveTo, Long version) {
    }

    record VersionRequest(Long version) {
    }

    record Template(PipelineTemplate id, String name, List<PipelineTemplate.StageTemplate> stages) {
    }

    private static final Set<String> PIPELINE_FIELDS = Set.of("name", "isDefault", "repeatStageId", "archived");
    private static final Set<String> STAGE_FIELDS = Set.of("name", "probability", "idleDays");

    private final Pipelines pipelines;
    private final Deals deals;
    private final Board board;
    private final PipelineStatistics statistics;

    PipelineApi(Pipelines pipelines, Deals deals, Board board, PipelineStatistics statistics) {
        this.pipelines = pipelines;
        this.deals = deals;
        this.board = board;
        this.statistics = statistics;
    }

    @AnyRole
    @GetMapping("/pipeline-templates")
    Page<Template> templates() {
        return new Page<>(Arrays.stream(PipelineTemplate.values()).map(t -> new Template(t, t.title(), t.stages())).toList(),
                null);
    }

    @AnyRole
    @GetMapping("/pipelines")
    Page<Pipeline> list(@RequestParam(required = false) Boolean archived) {
        return new Page<>(pipelines.all().stream().filter(p -> archived == null || p.archived() == archived).toList(), null);
    }

    @ManagerOrAbove
    @PostMapping("/pipelines")
    ResponseEntity<Pipeline> create(@RequestBody NewPipeline request) {
        Pipeline created = pipelines.create(new Pipelines.NewPipeline(request.name(), request.template(), request.stages(),
                request.isDefault()));
        return ResponseEntity.created(URI.create("/api/v1/pipelines/" + created.id().value()))
                .eTag(ETags.of(created.version())).body(created);
    }

    @AnyRole
    @GetMapping("/pipelines/{id}")
    ResponseEntity<Pipeline> get(@PathVariable PipelineId id) {
        Pipeline pipeline = pipelines.get(id);
        return ResponseEntity.ok().eTag(ETags.of(pipeline.version())).body(pipeline);
    }

    @ManagerOrAbove
    @PatchMapping("/pipelines/{id}")
    ResponseEntity<Pipeline> update(@PathVariable PipelineId id, @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Patch patch = Patch.of(body, PIPELINE_FIELDS);
        long version = patch.version(ifMatch);
        Pipeline current = pipelines.get(id);
        Boolean isDefault = patch.bool("isDefault", current.isDefault());
        Boolean archived = patch.bool("archived", current.archived());
        Pipeline changed = pipelines.change(id, new Pipelines.PipelineChange(patch.text("name", current.name()),
                Boolean.TRUE.equals(isDefault), PatchValues.id(patch, "repeatStageId", current.repeatStageId(), StageId::new),
                Boolean.TRUE.equals(archived)), version);
        return ResponseEntity.ok().eTag(ETags.of(changed.version())).body(changed);
    }

    @ManagerOrAbove
    @PostMapping("/pipelines/{id}/stages")
    Pipeline addStage(@PathVariable PipelineId id, @RequestBody NewStage request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return pipelines.addStage(id, new Pipelines.NewStage(request.name(), request.probability(), request.idleDays(),
                request.collectsPayment()), ETags.required(request.version(), ifMatch));
    }

    @ManagerOrAbove
    @PatchMapping("/pipelines/{id}/stages/{stageId}")
    Pipeline updateStage(@PathVariable PipelineId id, @PathVariable StageId stageId, @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Pipeline.Stage current = stage(id, stageId);
        Patch patch = Patch.of(body, STAGE_FIELDS);
        long version = patch.version(ifMatch);
        Integer probability = PatchValues.integer(patch, "probability", current.probability());
        if (probability == null) {
            throw new InvalidInput("probability", "is required");
        }
        return pipelines.changeStage(stageId, new Pipelines.StageChange(patch.text("name", current.name()), probability,
                PatchValues.integer(patch, "idleDays", current.idleDays())), version);
    }

    @ManagerOrAbove
    @PutMapping("/pipelines/{id}/stage-order")
    Pipeline reorder(@PathVariable PipelineId id, @RequestBody StageOrder request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return pipelines.reorder(id, request.stageIds(), ETags.required(request.version(), ifMatch));
    }

    /** Retires a stage; its open deals move to {@code moveTo} first, recorded in their history. */
    @ManagerOrAbove
    @PostMapping("/pipelines/{id}/stages/{stageId}/retire")
    Pipeline retire(@PathVariable PipelineId id, @PathVariable StageId stageId, @RequestBody Retire request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        stage(id, stageId);
        return deals.retireStage(stageId, request.moveTo(), ETags.required(request.version(), ifMatch));
    }

    @ManagerOrAbove
    @PostMapping("/pipelines/{id}/stages/{stageId}/restore")
    Pipeline restore(@PathVariable PipelineId id, @PathVariable StageId stageId, @RequestBody VersionRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        stage(id, stageId);
        return pipelines.setRetired(stageId, false, ETags.required(request.version(), ifMatch));
    }

    /** The board: per stage, the count and sum of open deals and the first 50 cards. */
    @AnyRole
    @GetMapping("/pipelines/{id}/board")
    Board.View board(@PathVariable PipelineId id, @RequestParam(required = false) UserId ownerId,
            @RequestParam(required = false) TeamId teamId) {
        return board.of(id, new Board.Filter(ownerId, teamId));
    }

    /** The next cards of one column. */
    @AnyRole
    @GetMapping("/pipelines/{id}/stages/{stageId}/deals")
    Page<Board.Card> column(@PathVariable PipelineId id, @PathVariable StageId stageId,
            @RequestParam(required = false) UserId ownerId, @RequestParam(required = false) TeamId teamId,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        stage(id, stageId);
        return board.column(stageId, new Board.Filter(ownerId, teamId), Paging.of(limit, cursor));
    }

    @AnyRole
    @GetMapping("/pipelines/{id}/statistics")
    PipelineStatistics.Statistics statistics(@PathVariable PipelineId id, @RequestParam(required = false) LocalDate since) {
        return statistics.of(id, since);
    }

    private Pipeline.Stage stage(PipelineId id, StageId stageId) {
        return pipelines.get(id).stage(stageId).orElseThrow(() -> new Pipelines.StageNotFound(stageId.value()));
    }
}
