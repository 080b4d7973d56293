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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.BuyingRole;
import app.tickler.party.ContactId;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.Role;
import app.tickler.platform.security.RepOrAbove;
import app.tickler.platform.web.ETags;
import app.tickler.platform.web.Patch;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** REST API of leads, the lead pool and referrals. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Leads")
class LeadApi {

    record NewLead(String firstName, String lastName, String title, String company, String email, String phone,
            LeadSource source, String sourceDetail, UserId referredByUserId, ContactId referredByContactId, String notes,
            UserId ownerId, Map<String, Object> custom) {
    }

    record QualificationRequest(List<CriterionId> checked, Long version) {
    }

    record VersionRequest(Long version) {
    }

    record DisqualifyRequest(String reason, Long version) {
    }

    record ConvertRequest(AccountId accountId, String accountName, ContactId contactId, BuyingRole role,
            Boolean keyPerson, Boolean ignoreDuplicates, LeadConversion.NewDeal deal, Long version) {
    }

    record Converted(Lead lead, AccountId accountId, ContactId contactId, Deal deal) {
    }

    private static final Set<String> FIELDS = Set.of("firstName", "lastName", "title", "company", "email", "phone",
            "source", "sourceDetail", "referredByUserId", "referredByContactId", "notes", "ownerId", "custom");

    private final Leads leads;
    private final LeadConversion conversion;
    private final SalesQueries queries;
    private final Referrals referrals;
    private final JsonMapper json;

    LeadApi(Leads leads, LeadConversion conversion, SalesQueries queries, Referrals referrals, JsonMapper json) {
        this.leads = leads;
        this.conversion = conversion;
        this.queries = queries;
        this.referrals = referrals;
        this.json = json;
    }

    @AnyRole
    @GetMapping("/leads")
    Page<Lead> list(@RequestParam(required = false) SalesQueries.LeadView view,
            @RequestParam(required = false) LeadStatus status, @RequestParam(required = false) UserId ownerId,
            @RequestParam(required = false) LeadSource source, @RequestParam(required = false) UserId referredByUserId,
            @RequestParam(required = false) String q, @RequestParam(required = false) SalesQueries.LeadSort sort,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return queries.leads(new SalesQueries.LeadFilter(view, status, ownerId, source, referredByUserId, q), sort,
                Paging.of(limit, cursor));
    }

    /** Anyone may capture a lead — staff refer them to the pool (seed 001). */
    @AnyRole
    @PostMapping("/leads")
    ResponseEntity<Lead> create(@RequestBody NewLead request) {
        Lead created = leads.create(new LeadInput(request.firstName(), request.lastName(), request.title(),
                request.company(), request.email(), request.phone(),
                request.source() == null && !Actors.current().is(Role.STAFF) ? LeadSource.API : request.source(), request.sourceDetail(),
                request.referredByUserId(), request.referredByContactId(), request.notes(), request.ownerId(),
                request.custom()));
        return ResponseEntity.created(URI.create("/api/v1/leads/" + created.id().value()))
                .eTag(ETags.of(created.version())).body(created);
    }

    @AnyRole
    @GetMapping("/leads/{id}")
    ResponseEntity<Lead> get(@PathVariable LeadId id) {
        return withETag(leads.visible(id));
    }

    @RepOrAbove
    @PatchMapping("/leads/{id}")
    ResponseEntity<Lead> update(@PathVariable LeadId id, @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Patch patch = Patch.of(body, FIELDS);
        long version = patch.version(ifMatch);
        Lead current = leads.visible(id);
        LeadInput input = new LeadInput(patch.text("firstName", current.firstName()),
                patch.text("lastName", current.lastName()), patch.text("title", current.title()),
                patch.text("company", current.company()), patch.text("email", current.email()),
                patch.text("phone", current.phone()), patch.enumValue("source", LeadSource.class, current.source()),
                patch.text("sourceDetail", current.sourceDetail()),
                PatchValues.id(patch, "referredByUserId", current.referredByUserId(), UserId::new),
                PatchValues.id(patch, "referredByContactId", current.referredByContactId(), ContactId::new),
                patch.text("notes", current.notes()), PatchValues.id(patch, "ownerId", current.ownerId(), UserId::new),
                PatchValues.custom(patch, json));
        return withETag(leads.update(id, input, version));
    }

    @RepOrAbove
    @PostMapping("/leads/{id}/claim")
    Lead claim(@PathVariable LeadId id) {
        return leads.claim(id);
    }

    @RepOrAbove
    @PostMapping("/leads/{id}/release")
    Lead release(@PathVariable LeadId id) {
        return leads.release(id);
    }

    @RepOrAbove
    @PutMapping("/leads/{id}/qualification")
    Lead qualification(@PathVariable LeadId id, @RequestBody QualificationRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return leads.qualify(id, request.checked() == null ? List.of() : request.checked(),
                ETags.required(request.version(), ifMatch));
    }

    @RepOrAbove
    @PostMapping("/leads/{id}/qualify")
    Lead qualify(@PathVariable LeadId id, @RequestBody VersionRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return leads.markQualified(id, ETags.required(request.version(), ifMatch), null);
    }

    @RepOrAbove
    @PostMapping("/leads/{id}/disqualify")
    Lead disqualify(@PathVariable LeadId id, @RequestBody DisqualifyRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return leads.disqualify(id, request.reason(), ETags.required(request.version(), ifMatch));
    }

    @RepOrAbove
    @GetMapping("/leads/{id}/matches")
    LeadConversion.Matches matches(@PathVariable LeadId id) {
        return conversion.matches(id);
    }

    @RepOrAbove
    @PostMapping("/leads/{id}/convert")
    Converted convert(@PathVariable LeadId id, @RequestBody ConvertRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        LeadConversion.Result result = conversion.convert(id, new LeadConversion.Conversion(request.accountId(),
                request.accountName(), request.contactId(), request.role(), request.keyPerson(),
                Boolean.TRUE.equals(request.ignoreDuplicates()), request.deal(), ETags.required(request.version(), ifMatch)));
        return new Converted(result.lead(), result.account().id(), result.contact().id(), result.deal());
    }

    @AnyRole
    @GetMapping("/referrals")
    Page<Referrals.Referrer> leaderboard(@RequestParam(required = false) LocalDate since) {
        return new Page<>(referrals.leaderboard(since), null);
    }

    private static ResponseEntity<Lead> withETag(Lead lead) {
        return ResponseEntity.ok().eTag(ETags.of(lead.version())).body(lead);
    }
}
