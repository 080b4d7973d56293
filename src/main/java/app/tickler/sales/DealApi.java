package app.tickler.sales;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import app.tickler.identity.TeamId;
import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.ContactId;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.RepOrAbove;
import app.tickler.platform.web.ETags;
import app.tickler.platform.web.Patch;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** REST API of deals: create, change, move, win with a payment schedule, lose, reopen, history. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Deals")
class DealApi {

    record NewDeal(String name, AccountId accountId, List<Deal.DealContact> contacts, Long amountMinor, String currency,
            Integer probability, LocalDate expectedCloseDate, Integer paymentTermsDays, UserId ownerId,
            DealOrigin origin, PipelineId pipelineId, StageId stageId, String notes, Map<String, Object> custom) {
    }

    record RepeatRequest(AccountId accountId, String name, UserId ownerId) {
    }

    /** A deal won or lost before it came to Tickler: the deal's fields and how it ended ({@link DealOutcome}). */
    record ClosedDeal(String name, AccountId accountId, Long amountMinor, String currency, UserId ownerId,
            PipelineId pipelineId, StageId stageId, String notes, Map<String, Object> custom, DealStatus status,
            LocalDate closedOn, LocalDate enteredOn, String lostReason, Boolean paid, LocalDate paidOn) {
    }

    record MoveRequest(StageId stageId, Long version, String reason) {
    }

    record WinRequest(Long amountMinor, List<Deals.Invoice> payments, Long version) {
    }

    record LoseRequest(LostReasonId reasonId, String note, Long version) {
    }

    record VersionRequest(Long version) {
    }

    private static final Set<String> FIELDS = Set.of("name", "accountId", "contacts", "amountMinor", "currency",
            "probability", "expectedCloseDate", "paymentTermsDays", "ownerId", "pipelineId", "stageId", "notes", "custom");

    private final Deals deals;
    private final SalesQueries queries;
    private final JsonMapper json;

    DealApi(Deals deals, SalesQueries queries, JsonMapper json) {
        this.deals = deals;
        this.queries = queries;
        this.json = json;
    }

    @AnyRole
    @GetMapping("/deals")
    Page<Deal> list(@RequestParam(required = false) PipelineId pipelineId, @RequestParam(required = false) StageId stageId,
            @RequestParam(required = false) DealStatus status, @RequestParam(required = false) UserId ownerId,
            @RequestParam(required = false) TeamId teamId, @RequestParam(required = false) AccountId accountId,
            @RequestParam(required = false) ContactId contactId, @RequestParam(required = false) DealOrigin origin,
            @RequestParam(required = false) String q, @RequestParam(required = false) SalesQueries.DealSort sort,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return queries.deals(new SalesQueries.DealFilter(pipelineId, stageId, status, ownerId, teamId, accountId,
                contactId, origin, q), sort, Paging.of(limit, cursor));
    }

    @RepOrAbove
    @PostMapping("/deals")
    ResponseEntity<Deal> create(@RequestBody NewDeal request) {
        Deal created = deals.create(new DealInput(request.name(), request.accountId(), request.contacts(),
                request.amountMinor(), request.currency(), request.probability(), request.expectedCloseDate(),
                request.paymentTermsDays(), request.ownerId(), request.origin(), request.pipelineId(), request.stageId(),
                request.notes(), request.custom()), null);
        return created(created);
    }

    /** A repeat proposal for an existing customer: enters the default pipeline at its proposal stage. */
    @RepOrAbove
    @PostMapping("/deals/repeat")
    ResponseEntity<Deal> repeat(@RequestBody RepeatRequest request) {
        if (request.accountId() == null) {
            throw new InvalidInput("accountId", "is required");
        }
        String name = request.name() == null || request.name().isBlank() ? "Repeat proposal" : request.name();
        return created(deals.createRepeat(request.accountId(), name, request.ownerId()));
    }

    /**
     * Records a deal that was won or lost before it came to Tickler (another CRM's history, sent through the
     * API instead of a file): on its close day, with its invoice if any, and none of today's consequences of
     * a win or a loss — as a won or lost line of an import records it.
     */
    @RepOrAbove
    @PostMapping("/deals/closed")
    ResponseEntity<Deal> recordClosed(@RequestBody ClosedDeal request) {
        Deal recorded = deals.recordClosed(new DealDraft(request.name(), request.accountId(), request.amountMinor(),
                request.currency(), request.closedOn(), request.ownerId(), request.pipelineId(), request.stageId(),
                request.notes(), request.custom()), new DealOutcome(request.status(), request.closedOn(),
                request.enteredOn(), request.lostReason(), request.paid(), request.paidOn()));
        return created(recorded);
    }

    @AnyRole
    @GetMapping("/deals/{id}")
    ResponseEntity<Deal> get(@PathVariable DealId id) {
        return withETag(deals.visible(id));
    }

    @RepOrAbove
    @PatchMapping("/deals/{id}")
    ResponseEntity<Deal> update(@PathVariable DealId id, @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Patch patch = Patch.of(body, FIELDS);
        long version = patch.version(ifMatch);
        Deal current = deals.visible(id);
        PipelineId pipeline = PatchValues.id(patch, "pipelineId", current.pipelineId(), PipelineId::new);
        StageId stage = patch.has("pipelineId") && !patch.has("stageId") ? null
                : PatchValues.id(patch, "stageId", current.stageId(), StageId::new);
        DealInput input = new DealInput(patch.text("name", current.name()),
                PatchValues.id(patch, "accountId", current.accountId(), AccountId::new),
                PatchValues.contacts(patch, current.contacts()), patch.number("amountMinor", current.amountMinor()),
                patch.text("currency", current.currency()),
                PatchValues.integer(patch, "probability", current.probabilitySet() ? current.probability() : null),
                PatchValues.date(patch, "expectedCloseDate", current.expectedCloseDate()),
                PatchValues.integer(patch, "paymentTermsDays", current.paymentTermsDays()),
                PatchValues.id(patch, "ownerId", current.ownerId(), UserId::new), current.origin(), pipeline, stage,
                patch.text("notes", current.notes()), PatchValues.custom(patch, json));
        return withETag(deals.update(id, input, version));
    }

    @RepOrAbove
    @PostMapping("/deals/{id}/move")
    ResponseEntity<Deal> move(@PathVariable DealId id, @RequestBody MoveRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        if (request.stageId() == null) {
            throw new InvalidInput("stageId", "is required");
        }
        return withETag(deals.move(id, request.stageId(), ETags.required(request.version(), ifMatch), request.reason()));
    }

    /** The schedule offered when winning: the amount in installments due after the payment terms. */
    @RepOrAbove
    @GetMapping("/deals/{id}/payment-schedule")
    List<PaymentSchedule.Installment> schedule(@PathVariable DealId id, @RequestParam(required = false) Long amountMinor,
            @RequestParam(required = false) Integer installments) {
        int count = installments == null ? 1 : installments;
        if (count < 1 || count > 60) {
            throw new InvalidInput("installments", "must be between 1 and 60");
        }
        if (amountMinor != null && amountMinor < 0) {
            throw new InvalidInput("amountMinor", "must not be negative");
        }
        return deals.defaultSchedule(deals.visible(id), amountMinor, count);
    }

    @RepOrAbove
    @PostMapping("/deals/{id}/win")
    ResponseEntity<Deal> win(@PathVariable DealId id, @RequestBody WinRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return withETag(deals.win(id, request.amountMinor(), request.payments(), ETags.required(request.version(), ifMatch)));
    }

    @RepOrAbove
    @PostMapping("/deals/{id}/lose")
    ResponseEntity<Deal> lose(@PathVariable DealId id, @RequestBody LoseRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return withETag(deals.lose(id, request.reasonId(), request.note(), ETags.required(request.version(), ifMatch)));
    }

    @RepOrAbove
    @PostMapping("/deals/{id}/reopen")
    ResponseEntity<Deal> reopen(@PathVariable DealId id, @RequestBody VersionRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return withETag(deals.reopen(id, ETags.required(request.version(), ifMatch)));
    }

    @AnyRole
    @GetMapping("/deals/{id}/history")
    Page<StageHistory.Move> history(@PathVariable DealId id) {
        return new Page<>(deals.history(id), null);
    }

    private static ResponseEntity<Deal> created(Deal deal) {
        return ResponseEntity.created(URI.create("/api/v1/deals/" + deal.id().value())).eTag(ETags.of(deal.version()))
                .body(deal);
    }

    private static ResponseEntity<Deal> withETag(Deal deal) {
        return ResponseEntity.ok().eTag(ETags.of(deal.version())).body(deal);
    }
}
