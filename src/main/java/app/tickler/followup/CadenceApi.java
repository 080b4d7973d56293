package app.tickler.followup;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
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

import app.tickler.identity.UserId;
import app.tickler.party.Channel;
import app.tickler.party.ContactId;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.ManagerOrAbove;
import app.tickler.platform.security.RepOrAbove;
import app.tickler.platform.web.ETags;
import app.tickler.platform.web.Patch;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** REST API of cadences (managers design them) and enrolments (reps enrol, step and stop). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Cadences")
class CadenceApi {

    record EnrolRequest(CadenceId cadenceId, ContactId contactId, Long leadId, Long dealId, UserId ownerId,
            LocalDate startOn) {
    }

    record BulkEnrolRequest(CadenceId cadenceId, List<ContactId> contactIds, UserId ownerId, LocalDate startOn) {
    }

    record StopRequest(Long version, EnrolmentEndReason reason, String note, Boolean extendToAccount) {
    }

    record MergeField(String name, String meaning) {
    }

    private static final Set<String> CADENCE_FIELDS = Set.of("name", "description", "nurtureDays", "nurtureChannel",
            "nurtureReasonId", "archived", "steps");
    private static final TypeReference<List<Cadences.StepInput>> STEPS = new TypeReference<>() {
    };

    private final Cadences cadences;
    private final Enrolments enrolments;
    private final JsonMapper json;

    CadenceApi(Cadences cadences, Enrolments enrolments, JsonMapper json) {
        this.cadences = cadences;
        this.enrolments = enrolments;
        this.json = json;
    }

    @AnyRole
    @GetMapping("/cadences")
    List<Cadence> cadences(@RequestParam(defaultValue = "false") boolean includeArchived) {
        return cadences.all(includeArchived);
    }

    @AnyRole
    @GetMapping("/cadences/merge-fields")
    List<MergeField> mergeFields() {
        return MergeFields.KNOWN.entrySet().stream().map(e -> new MergeField("{{" + e.getKey() + "}}", e.getValue())).toList();
    }

    @ManagerOrAbove
    @PostMapping("/cadences")
    ResponseEntity<Cadence> create(@RequestBody Cadences.Input input) {
        Cadence created = cadences.create(input);
        return ResponseEntity.created(URI.create("/api/v1/cadences/" + created.id().value()))
                .eTag(ETags.of(created.version())).body(created);
    }

    @AnyRole
    @GetMapping("/cadences/{id}")
    ResponseEntity<Cadence> cadence(@PathVariable CadenceId id) {
        Cadence cadence = cadences.get(id);
        return ResponseEntity.ok().eTag(ETags.of(cadence.version())).body(cadence);
    }

    @ManagerOrAbove
    @PatchMapping("/cadences/{id}")
    ResponseEntity<Cadence> edit(@PathVariable CadenceId id, @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Patch patch = Patch.of(body, CADENCE_FIELDS);
        long version = patch.version(ifMatch);
        Cadence current = cadences.get(id);
        List<Cadences.StepInput> steps;
        if (patch.has("steps")) {
            try {
                steps = json.convertValue(patch.node("steps"), STEPS);
            } catch (RuntimeException e) {
                throw new InvalidInput("steps", "must be a list of steps with dayOffset, channel, reasonId, instructions, "
                        + "emailSubject and emailBody");
            }
        } else {
            steps = current.steps().stream().map(s -> new Cadences.StepInput(s.dayOffset(), s.channel(), s.reasonId(),
                    s.instructions(), s.emailSubject(), s.emailBody())).toList();
        }
        Long reason = patch.number("nurtureReasonId", current.nurtureReasonId() == null ? null : current.nurtureReasonId().value());
        Long nurtureDays = patch.number("nurtureDays", (long) current.nurtureDays());
        Cadence edited = cadences.update(id, new Cadences.Input(patch.text("name", current.name()),
                patch.text("description", current.description()), nurtureDays == null ? null : nurtureDays.intValue(),
                patch.enumValue("nurtureChannel", Channel.class, current.nurtureChannel()),
                reason == null ? null : new BusinessReasonId(reason), patch.bool("archived", current.archived()), steps),
                version);
        return ResponseEntity.ok().eTag(ETags.of(edited.version())).body(edited);
    }

    @AnyRole
    @GetMapping("/enrolments")
    Page<Enrolment> enrolments(@RequestParam(required = false) CadenceId cadenceId,
            @RequestParam(required = false) ContactId contactId, @RequestParam(required = false) EnrolmentStatus status,
            @RequestParam(defaultValue = "false") boolean gaveUpEarly, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return enrolments.list(cadenceId, contactId, status, gaveUpEarly, Paging.of(limit, cursor));
    }

    @RepOrAbove
    @PostMapping("/enrolments")
    ResponseEntity<Enrolment> enrol(@RequestBody EnrolRequest request) {
        Enrolment enrolment = enrolments.enrol(new Enrolments.Request(request.cadenceId(), request.contactId(),
                request.leadId(), request.dealId(), request.ownerId(), request.startOn()));
        return ResponseEntity.created(URI.create("/api/v1/enrolments/" + enrolment.id().value()))
                .eTag(ETags.of(enrolment.version())).body(enrolment);
    }

    @RepOrAbove
    @PostMapping("/enrolments/bulk")
    Enrolments.Bulk enrolAll(@RequestBody BulkEnrolRequest request) {
        return enrolments.enrolAll(request.cadenceId(), request.contactIds(), request.ownerId(), request.startOn());
    }

    @AnyRole
    @GetMapping("/enrolments/{id}")
    ResponseEntity<Enrolment> enrolment(@PathVariable EnrolmentId id) {
        Enrolment enrolment = enrolments.visible(id);
        return ResponseEntity.ok().eTag(ETags.of(enrolment.version())).body(enrolment);
    }

    @RepOrAbove
    @PostMapping("/enrolments/{id}/stop")
    Enrolment stop(@PathVariable EnrolmentId id, @RequestBody StopRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return enrolments.stop(id, ETags.required(request.version(), ifMatch), request.reason(), request.note(),
                Boolean.TRUE.equals(request.extendToAccount()));
    }
}
