package app.tickler.party;

import java.net.URI;
import java.util.List;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import app.tickler.platform.InvalidInput;
import app.tickler.platform.Page;
import app.tickler.platform.security.AdminOnly;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.timeline.TimelineEntry;
import app.tickler.platform.web.ETags;
import app.tickler.platform.web.Patch;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Search as you type, custom field definitions, saved views and notes through the API. */
@RestController
@Tag(name = "Parties")
class PartyMiscApi {

    record NewView(String entity, String name, String query) {
    }

    static final Set<String> FIELD_WRITABLE = Set.of("label", "options", "required", "position", "archived");

    private final PartySearch search;
    private final CustomFields customFields;
    private final SavedViews savedViews;
    private final PartyApiSupport support;
    private final JsonMapper json;

    PartyMiscApi(PartySearch search, CustomFields customFields, SavedViews savedViews, PartyApiSupport support,
            JsonMapper json) {
        this.search = search;
        this.customFields = customFields;
        this.savedViews = savedViews;
        this.support = support;
        this.json = json;
    }

    @AnyRole
    @GetMapping("/api/v1/search")
    Page<SearchHit> search(@RequestParam String q, @RequestParam(required = false) Integer limit) {
        return new Page<>(search.search(q, limit == null ? 10 : limit), null);
    }

    // --- custom fields ----------------------------------------------------------------------

    @AnyRole
    @GetMapping("/api/v1/custom-fields")
    Page<CustomField> customFields(@RequestParam(required = false) String entity) {
        if (entity != null && !CustomFields.ENTITIES.contains(entity)) {
            throw new InvalidInput("entity", "must be one of " + CustomFields.ENTITIES);
        }
        return new Page<>(entity == null ? customFields.all() : customFields.of(entity, true), null);
    }

    @AnyRole
    @GetMapping("/api/v1/custom-fields/{id}")
    ResponseEntity<CustomField> customField(@PathVariable CustomFieldId id) {
        CustomField field = customFields.get(id.value());
        return ResponseEntity.ok().eTag(ETags.of(field.version())).body(field);
    }

    @AdminOnly
    @PostMapping("/api/v1/custom-fields")
    ResponseEntity<CustomField> define(@RequestBody CustomFields.Definition definition) {
        CustomField field = customFields.define(definition);
        return ResponseEntity.created(URI.create("/api/v1/custom-fields/" + field.id().value())).body(field);
    }

    @AdminOnly
    @PatchMapping("/api/v1/custom-fields/{id}")
    CustomField change(@PathVariable CustomFieldId id, @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Patch patch = Patch.of(body, FIELD_WRITABLE, json);
        long version = patch.version(ifMatch);
        CustomField current = customFields.get(id.value());
        Long position = patch.number("position", (long) current.position());
        Boolean required = patch.bool("required", current.required());
        Boolean archived = patch.bool("archived", current.archived());
        return customFields.change(id.value(), patch.text("label", current.label()),
                patch.list("options", String.class, current.options()), Boolean.TRUE.equals(required),
                position == null ? 0 : position.intValue(), Boolean.TRUE.equals(archived), version);
    }

    // --- saved views ------------------------------------------------------------------------

    @AnyRole
    @GetMapping("/api/v1/saved-views")
    Page<SavedView> views(@RequestParam String entity) {
        return new Page<>(savedViews.mine(entity), null);
    }

    @AnyRole
    @PostMapping("/api/v1/saved-views")
    @ResponseStatus(HttpStatus.CREATED)
    SavedView saveView(@RequestBody NewView view) {
        return savedViews.save(view.entity(), view.name(), view.query());
    }

    @AnyRole
    @DeleteMapping("/api/v1/saved-views/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteView(@PathVariable SavedViewId id) {
        savedViews.delete(id.value());
    }

    // --- notes ------------------------------------------------------------------------------

    @AnyRole
    @PatchMapping("/api/v1/notes/{id}")
    TimelineEntry editNote(@PathVariable long id, @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Patch patch = Patch.of(body, Set.of("body"), json);
        return support.editNote(id, patch.text("body", null), patch.version(ifMatch));
    }

    @AnyRole
    @DeleteMapping("/api/v1/notes/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteNote(@PathVariable long id) {
        support.deleteNote(id);
    }

}
