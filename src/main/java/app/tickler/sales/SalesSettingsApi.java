package app.tickler.sales;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import app.tickler.identity.TeamId;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.Page;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.AdminOnly;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.ManagerOrAbove;
import app.tickler.platform.security.Role;
import app.tickler.platform.web.ETags;
import app.tickler.platform.web.Patch;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/** REST API of the sales settings, the qualification checklist and the lost reasons. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Sales settings")
class SalesSettingsApi {

    /** The settings as the API shows them; {@code webFormKey} and {@code webFormPath} only to admins. */
    record SettingsView(int claimLimit, int leadIdleDays, boolean roundRobin, TeamId roundRobinTeamId,
            boolean webFormEnabled, String webFormKey, String webFormPath, String workspaceCurrency,
            List<String> acceptedCurrencies, int defaultPaymentTerms, long version) {
    }

    record VersionRequest(Long version) {
    }

    record NewCriterion(String label, Integer weight) {
    }

    record NewLostReason(String label) {
    }

    private static final Set<String> FIELDS = Set.of("claimLimit", "leadIdleDays", "roundRobin", "roundRobinTeamId",
            "webFormEnabled", "acceptedCurrencies", "defaultPaymentTerms");

    private final SalesSettings settings;
    private final Qualification qualification;
    private final LostReasons lostReasons;

    SalesSettingsApi(SalesSettings settings, Qualification qualification, LostReasons lostReasons) {
        this.settings = settings;
        this.qualification = qualification;
        this.lostReasons = lostReasons;
    }

    @AnyRole
    @GetMapping("/sales-settings")
    ResponseEntity<SettingsView> get() {
        return view(settings.current());
    }

    /** Managers and admins change the pool; only admins switch the public web form on or off. */
    @ManagerOrAbove
    @PatchMapping("/sales-settings")
    ResponseEntity<SettingsView> update(@RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Patch patch = Patch.of(body, FIELDS);
        long version = patch.version(ifMatch);
        SalesSettings.Settings current = settings.current();
        Boolean form = patch.bool("webFormEnabled", current.webFormEnabled());
        if (form != null && form != current.webFormEnabled() && !Actors.current().is(Role.ADMIN)) {
            throw new AccessDeniedException("only an admin opens or closes the public web form");
        }
        List<String> currencies = current.acceptedCurrencies();
        if (patch.has("acceptedCurrencies")) {
            JsonNode node = patch.node("acceptedCurrencies");
            if (node != null && !node.isNull() && !node.isArray()) {
                throw new InvalidInput("acceptedCurrencies", "must be a list of ISO 4217 codes");
            }
            currencies = new ArrayList<>();
            if (node != null && node.isArray()) {
                for (JsonNode code : node) {
                    currencies.add(code.asString());
                }
            }
        }
        Integer claimLimit = PatchValues.integer(patch, "claimLimit", current.claimLimit());
        Integer idle = PatchValues.integer(patch, "leadIdleDays", current.leadIdleDays());
        Integer terms = PatchValues.integer(patch, "defaultPaymentTerms", current.defaultPaymentTerms());
        InvalidInput.Collector missing = new InvalidInput.Collector();
        missing.check(claimLimit != null, "claimLimit", "is required");
        missing.check(idle != null, "leadIdleDays", "is required");
        missing.check(terms != null, "defaultPaymentTerms", "is required");
        missing.throwIfAny();
        return view(settings.change(new SalesSettings.Change(claimLimit, idle,
                Boolean.TRUE.equals(patch.bool("roundRobin", current.roundRobin())),
                PatchValues.id(patch, "roundRobinTeamId", current.roundRobinTeamId(), TeamId::new), Boolean.TRUE.equals(form),
                currencies, terms, version)));
    }

    /** A new unguessable form address; the old one stops working at once. */
    @AdminOnly
    @PostMapping("/sales-settings/web-form-key")
    ResponseEntity<SettingsView> newFormKey(@RequestBody VersionRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return view(settings.newFormKey(ETags.required(request.version(), ifMatch)));
    }

    @AnyRole
    @GetMapping("/qualification-criteria")
    Page<Qualification.Criterion> criteria() {
        return new Page<>(qualification.all(), null);
    }

    @ManagerOrAbove
    @PostMapping("/qualification-criteria")
    ResponseEntity<Qualification.Criterion> createCriterion(@RequestBody NewCriterion request) {
        Qualification.Criterion created = qualification.create(request.label(), request.weight());
        return ResponseEntity.created(URI.create("/api/v1/qualification-criteria/" + created.id().value()))
                .eTag(ETags.of(created.version())).body(created);
    }

    @ManagerOrAbove
    @PatchMapping("/qualification-criteria/{id}")
    Qualification.Criterion updateCriterion(@PathVariable CriterionId id, @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Patch patch = Patch.of(body, Set.of("label", "weight", "position", "retired"));
        long version = patch.version(ifMatch);
        Qualification.Criterion current = qualification.get(id);
        Integer position = PatchValues.integer(patch, "position", current.position());
        return qualification.change(id, patch.text("label", current.label()),
                PatchValues.integer(patch, "weight", current.weight()), position == null ? 0 : position,
                Boolean.TRUE.equals(patch.bool("retired", current.retired())), version);
    }

    @AnyRole
    @GetMapping("/lost-reasons")
    Page<LostReasons.LostReason> reasons() {
        return new Page<>(lostReasons.all(), null);
    }

    @ManagerOrAbove
    @PostMapping("/lost-reasons")
    ResponseEntity<LostReasons.LostReason> createReason(@RequestBody NewLostReason request) {
        LostReasons.LostReason created = lostReasons.create(request.label());
        return ResponseEntity.created(URI.create("/api/v1/lost-reasons/" + created.id().value()))
                .eTag(ETags.of(created.version())).body(created);
    }

    @ManagerOrAbove
    @PatchMapping("/lost-reasons/{id}")
    LostReasons.LostReason updateReason(@PathVariable LostReasonId id, @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Patch patch = Patch.of(body, Set.of("label", "position", "retired"));
        long version = patch.version(ifMatch);
        LostReasons.LostReason current = lostReasons.get(id);
        Integer position = PatchValues.integer(patch, "position", current.position());
        return lostReasons.change(id, patch.text("label", current.label()), position == null ? 0 : position,
                Boolean.TRUE.equals(patch.bool("retired", current.retired())), version);
    }

    private ResponseEntity<SettingsView> view(SalesSettings.Settings s) {
        boolean admin = Actors.current().is(Role.ADMIN);
        SettingsView view = new SettingsView(s.claimLimit(), s.leadIdleDays(), s.roundRobin(), s.roundRobinTeamId(),
                s.webFormEnabled(), admin ? s.webFormKey() : null, admin ? WebForm.path(s.webFormKey()) : null,
                settings.workspaceCurrency(), settings.acceptedCurrencies(), s.defaultPaymentTerms(), s.version());
        return ResponseEntity.ok().eTag(ETags.of(s.version())).body(view);
    }
}
