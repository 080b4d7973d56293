package app.tickler.party;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.RepOrAbove;
import app.tickler.platform.timeline.TimelineEntry;
import app.tickler.platform.web.ETags;
import app.tickler.platform.web.Patch;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** REST API of accounts, their buying centre, timeline and notes. */
@RestController
@RequestMapping("/api/v1/accounts")
@Tag(name = "Accounts")
class AccountApi {

    static final Set<String> WRITABLE = Set.of("name", "website", "industry", "size", "phone", "address", "description",
            "ownerId", "level", "levelAssessedOn", "stage", "doNotContact", "doNotContactReason", "parentId", "custom",
            "tags");

    record MemberRequest(BuyingRole role, Boolean key) {
    }

    private final Accounts accounts;
    private final Duplicates duplicates;
    private final BuyingCentre buyingCentre;
    private final Memberships memberships;
    private final PartyApiSupport support;
    private final JsonMapper json;

    AccountApi(Accounts accounts, Duplicates duplicates, BuyingCentre buyingCentre, Memberships memberships,
            PartyApiSupport support, JsonMapper json) {
        this.accounts = accounts;
        this.duplicates = duplicates;
        this.buyingCentre = buyingCentre;
        this.memberships = memberships;
        this.support = support;
        this.json = json;
    }

    @AnyRole
    @GetMapping
    Page<Account> list(@Parameter(description = "filters: q, ownerId, teamId, level, stage, tag, doNotContact, "
            + "trash, custom.<key>; sort: name, updated, created, last_touch") @RequestParam Map<String, String> params,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return accounts.list(ListParams.filter(params), ListParams.sort(params.get("sort")), Paging.of(limit, cursor));
    }

    @RepOrAbove
    @PostMapping
    ResponseEntity<Account> create(@RequestBody AccountInput input) {
        List<Duplicates.Suspect> suspects = duplicates.ofAccount(null, input);
        Account created = accounts.create(input);
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + created.id().value()))
                .eTag(ETags.of(created.version()))
                .header("Tickler-Possible-Duplicates", String.join(",", suspects.stream().map(Duplicates.Suspect::id).toList()))
                .body(created);
    }

    @AnyRole
    @GetMapping("/{id}")
    ResponseEntity<Account> get(@PathVariable AccountId id) {
        Account account = accounts.visible(id.value());
        return ResponseEntity.ok().eTag(ETags.of(account.version())).body(account);
    }

    @RepOrAbove
    @PatchMapping("/{id}")
    ResponseEntity<Account> patch(@PathVariable AccountId id, @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Patch patch = Patch.of(body, WRITABLE, json);
        long version = patch.version(ifMatch);
        Account current = accounts.writable(id.value());
        Long parent = patch.number("parentId", current.parentId() == null ? null : current.parentId().value());
        AccountInput input = new AccountInput(patch.text("name", current.name()), patch.text("website", current.website()),
                patch.text("industry", current.industry()), patch.text("size", current.size()),
                patch.text("phone", current.phone()), PartyApiSupport.address(patch, current.address()),
                patch.text("description", current.description()), PartyApiSupport.user(patch, "ownerId", current.ownerId()),
                patch.enumValue("level", CustomerLevel.class, current.level()),
                patch.date("levelAssessedOn", patch.has("level") ? null : current.levelAssessedOn()),
                patch.enumValue("stage", RelationshipStage.class, current.stage()),
                patch.bool("doNotContact", current.doNotContact()),
                patch.text("doNotContactReason", current.doNotContactReason()),
                parent == null ? null : new AccountId(parent), patch.map("custom"),
                patch.list("tags", String.class, current.tags()));
        Account updated = accounts.update(id.value(), input, version);
        return ResponseEntity.ok().eTag(ETags.of(updated.version())).body(updated);
    }

    @RepOrAbove
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void trash(@PathVariable AccountId id) {
        accounts.moveToTrash(id.value());
    }

    @RepOrAbove
    @PostMapping("/{id}/restore")
    Account restore(@PathVariable AccountId id) {
        return accounts.restore(id.value());
    }

    @AnyRole
    @GetMapping("/{id}/duplicates")
    List<Duplicates.Suspect> duplicatesOf(@PathVariable AccountId id) {
        Account account = accounts.visible(id.value());
        return duplicates.ofAccount(account.id(), AccountInput.of(account));
    }

    @AnyRole
    @PostMapping("/duplicate-check")
    List<Duplicates.Suspect> duplicateCheck(@RequestBody AccountInput candidate) {
        return duplicates.ofAccount(null, candidate);
    }

    @RepOrAbove
    @PostMapping("/{id}/merge")
    Account merge(@PathVariable AccountId id, @RequestBody PartyApiSupport.MergeRequest request) {
        return accounts.merge(id.value(), request.duplicate(), request.fields());
    }

    @RepOrAbove
    @PostMapping("/bulk")
    PartyApiSupport.BulkResult bulk(@RequestBody PartyApiSupport.BulkRequest request) {
        return new PartyApiSupport.BulkResult(accounts.bulk(request.change()));
    }

    // --- buying centre ----------------------------------------------------------------------

    @AnyRole
    @GetMapping("/{id}/buying-centre")
    List<BuyingCentreMember> buyingCentre(@PathVariable AccountId id) {
        accounts.visible(id.value());
        return buyingCentre.of(id);
    }

    @RepOrAbove
    @PutMapping("/{id}/buying-centre/{contactId}")
    List<BuyingCentreMember> placeMember(@PathVariable AccountId id, @PathVariable ContactId contactId,
            @RequestBody MemberRequest request) {
        return memberships.place(id, contactId, request.role(), Boolean.TRUE.equals(request.key()));
    }

    @RepOrAbove
    @DeleteMapping("/{id}/buying-centre/{contactId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeMember(@PathVariable AccountId id, @PathVariable ContactId contactId) {
        memberships.remove(id, contactId);
    }

    // --- timeline and notes -----------------------------------------------------------------

    @AnyRole
    @GetMapping("/{id}/timeline")
    Page<TimelineEntry> timeline(@PathVariable AccountId id, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        accounts.visible(id.value());
        return support.timeline("account", id.value(), limit, cursor);
    }

    @AnyRole
    @PostMapping("/{id}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    void addNote(@PathVariable AccountId id, @RequestBody PartyApiSupport.NoteRequest note) {
        accounts.visible(id.value());
        support.addNote("account", id.value(), note.body());
    }
}
