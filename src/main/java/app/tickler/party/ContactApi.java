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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.security.AdminOnly;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.RepOrAbove;
import app.tickler.platform.timeline.TimelineEntry;
import app.tickler.platform.web.ETags;
import app.tickler.platform.web.Patch;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** REST API of contacts, their timeline and notes; erasure of a person on request. */
@RestController
@RequestMapping("/api/v1/contacts")
@Tag(name = "Contacts")
class ContactApi {

    static final Set<String> WRITABLE = Set.of("firstName", "lastName", "title", "emails", "phones", "address",
            "birthday", "preferredChannel", "ownerId", "doNotContact", "doNotContactReason", "referredByContactId",
            "referredByUserId", "custom", "tags");

    private final Contacts contacts;
    private final Duplicates duplicates;
    private final PartyApiSupport support;
    private final JsonMapper json;

    ContactApi(Contacts contacts, Duplicates duplicates, PartyApiSupport support, JsonMapper json) {
        this.contacts = contacts;
        this.duplicates = duplicates;
        this.support = support;
        this.json = json;
    }

    @AnyRole
    @GetMapping
    Page<Contact> list(@Parameter(description = "filters: q, ownerId, teamId, level, stage (of their accounts), tag, "
            + "doNotContact, trash, custom.<key>; sort: name, updated, created, last_touch")
            @RequestParam Map<String, String> params, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return contacts.list(ListParams.filter(params), ListParams.sort(params.get("sort")), Paging.of(limit, cursor));
    }

    @RepOrAbove
    @PostMapping
    ResponseEntity<Contact> create(@RequestBody ContactInput input) {
        List<Duplicates.Suspect> suspects = duplicates.ofContact(null, input);
        Contact created = contacts.create(input);
        return ResponseEntity.created(URI.create("/api/v1/contacts/" + created.id().value()))
                .eTag(ETags.of(created.version()))
                .header("Tickler-Possible-Duplicates", String.join(",", suspects.stream().map(Duplicates.Suspect::id).toList()))
                .body(created);
    }

    @AnyRole
    @GetMapping("/{id}")
    ResponseEntity<Contact> get(@PathVariable ContactId id) {
        Contact contact = contacts.visible(id.value());
        return ResponseEntity.ok().eTag(ETags.of(contact.version())).body(contact);
    }

    @RepOrAbove
    @PatchMapping("/{id}")
    ResponseEntity<Contact> patch(@PathVariable ContactId id, @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Patch patch = Patch.of(body, WRITABLE, json);
        long version = patch.version(ifMatch);
        Contact current = contacts.writable(id.value());
        Long referrer = patch.number("referredByContactId",
                current.referredByContactId() == null ? null : current.referredByContactId().value());
        ContactInput input = new ContactInput(patch.text("firstName", current.firstName()),
                patch.text("lastName", current.lastName()), patch.text("title", current.title()),
                patch.list("emails", Contact.Email.class, current.emails()),
                patch.list("phones", Contact.Phone.class, current.phones()),
                PartyApiSupport.address(patch, current.address()), patch.date("birthday", current.birthday()),
                patch.enumValue("preferredChannel", Channel.class, current.preferredChannel()),
                PartyApiSupport.user(patch, "ownerId", current.ownerId()),
                patch.bool("doNotContact", current.doNotContact()),
                patch.text("doNotContactReason", current.doNotContactReason()),
                referrer == null ? null : new ContactId(referrer),
                PartyApiSupport.user(patch, "referredByUserId", current.referredByUserId()), patch.map("custom"),
                patch.list("tags", String.class, current.tags()), null, null, null);
        Contact updated = contacts.update(id.value(), input, version);
        return ResponseEntity.ok().eTag(ETags.of(updated.version())).body(updated);
    }

    @RepOrAbove
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void trash(@PathVariable ContactId id) {
        contacts.moveToTrash(id.value());
    }

    @RepOrAbove
    @PostMapping("/{id}/restore")
    Contact restore(@PathVariable ContactId id) {
        return contacts.restore(id.value());
    }

    /** Right to be forgotten: the person and everything Tickler holds about them, at once and for good. */
    @AdminOnly
    @PostMapping("/{id}/erase")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void erase(@PathVariable ContactId id) {
        contacts.erase(id.value());
    }

    @AnyRole
    @GetMapping("/{id}/duplicates")
    List<Duplicates.Suspect> duplicatesOf(@PathVariable ContactId id) {
        Contact contact = contacts.visible(id.value());
        return duplicates.ofContact(contact.id(), ContactInput.of(contact));
    }

    @AnyRole
    @PostMapping("/duplicate-check")
    List<Duplicates.Suspect> duplicateCheck(@RequestBody ContactInput candidate) {
        return duplicates.ofContact(null, candidate);
    }

    @RepOrAbove
    @PostMapping("/{id}/merge")
    Contact merge(@PathVariable ContactId id, @RequestBody PartyApiSupport.MergeRequest request) {
        return contacts.merge(id.value(), request.duplicate(), request.fields());
    }

    @RepOrAbove
    @PostMapping("/bulk")
    PartyApiSupport.BulkResult bulk(@RequestBody PartyApiSupport.BulkRequest request) {
        return new PartyApiSupport.BulkResult(contacts.bulk(request.change()));
    }

    @AnyRole
    @GetMapping("/{id}/timeline")
    Page<TimelineEntry> timeline(@PathVariable ContactId id, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        contacts.visible(id.value());
        return support.timeline("contact", id.value(), limit, cursor);
    }

    @AnyRole
    @PostMapping("/{id}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    void addNote(@PathVariable ContactId id, @RequestBody PartyApiSupport.NoteRequest note) {
        contacts.visible(id.value());
        support.addNote("contact", id.value(), note.body());
    }
}
