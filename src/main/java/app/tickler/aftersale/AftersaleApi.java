package app.tickler.aftersale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import app.tickler.followup.CadenceId;
import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.Parties;
import app.tickler.party.RelationshipStage;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.ManagerOrAbove;
import app.tickler.platform.security.RepOrAbove;
import app.tickler.sales.DealId;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

/** REST API of the relationship cycle, the product catalogue, the installed base and the lifecycle list. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "After the sale")
class AftersaleApi {

    record StageRequest(RelationshipStage stage, String reason) {
    }

    record MilestoneRequest(String note) {
    }

    record MilestoneResult(RelationshipStage suggested) {
    }

    record Relationship(AccountId accountId, RelationshipStage stage, Page<RelationshipChange> history,
            List<StageSuggestion> suggestions) {
    }

    record SettingsRequest(Boolean automationOn, Integer silenceAfterWinDays, Integer healthyDays,
            CadenceId onboardingCadenceId, Integer renewalLeadDays, Boolean renewalDeals, Long version) {
    }

    record ProductRequest(String name, Integer lifespanMonths, Integer warrantyMonths, Integer serviceMonths,
            Boolean active, Long version) {
        InstalledBase.ProductInput input() {
            return new InstalledBase.ProductInput(name, lifespanMonths, warrantyMonths, serviceMonths, active);
        }
    }

    record InstalledRequest(AccountId accountId, ProductId productId, Integer quantity, LocalDate installDate,
            LocalDate warrantyEnd, LocalDate serviceEnd, LocalDate endOfLife, Long dealId, String notes, Long version) {
        InstalledBase.InstalledInput input() {
            return new InstalledBase.InstalledInput(accountId, productId, quantity, installDate, warrantyEnd, serviceEnd,
                    endOfLife, dealId, notes);
        }
    }

    record FromDealRequest(DealId dealId, List<InstalledRequest> items) {
    }

    private final RelationshipCycle cycle;
    private final InstalledBase base;
    private final Parties parties;

    AftersaleApi(RelationshipCycle cycle, InstalledBase base, Parties parties) {
        this.cycle = cycle;
        this.base = base;
        this.parties = parties;
    }

    // --- relationship cycle -----------------------------------------------------------------------

    @AnyRole
    @GetMapping("/relationship/accounts/{accountId}")
    Relationship relationship(@PathVariable AccountId accountId, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        RelationshipStage stage = parties.visibleAccount(accountId).stage();
        return new Relationship(accountId, stage, cycle.history(accountId, Paging.of(limit, cursor)),
                cycle.suggestions(accountId, Paging.first(Paging.MAX_LIMIT)).items());
    }

    /** Sets the stage by hand, with a reason. */
    @RepOrAbove
    @PostMapping("/relationship/accounts/{accountId}/stage")
    RelationshipChange override(@PathVariable AccountId accountId, @RequestBody StageRequest request) {
        return cycle.override(accountId, request.stage(), request.reason());
    }

    @RepOrAbove
    @PostMapping("/relationship/accounts/{accountId}/milestones")
    @ResponseStatus(HttpStatus.CREATED)
    MilestoneResult milestone(@PathVariable AccountId accountId, @RequestBody MilestoneRequest request) {
        return new MilestoneResult(cycle.milestone(accountId, request.note()).orElse(null));
    }

    @AnyRole
    @GetMapping("/relationship/suggestions")
    Page<StageSuggestion> suggestions(@RequestParam(required = false) AccountId accountId,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return cycle.suggestions(accountId, Paging.of(limit, cursor));
    }

    @RepOrAbove
    @PostMapping("/relationship/suggestions/{id}/accept")
    RelationshipChange accept(@PathVariable long id) {
        return cycle.accept(id);
    }

    @RepOrAbove
    @PostMapping("/relationship/suggestions/{id}/dismiss")
    Map<String, String> dismiss(@PathVariable long id) {
        cycle.dismiss(id);
        return Map.of("status", "DISMISSED");
    }

    @AnyRole
    @GetMapping("/aftersale/settings")
    AftersaleSettings settings() {
        return cycle.settings();
    }

    @ManagerOrAbove
    @PutMapping("/aftersale/settings")
    AftersaleSettings updateSettings(@RequestBody SettingsRequest request) {
        return cycle.updateSettings(request.automationOn(), request.silenceAfterWinDays(), request.healthyDays(),
                request.onboardingCadenceId(), false, request.renewalLeadDays(), request.renewalDeals(), request.version());
    }

    // --- products ---------------------------------------------------------------------------------

    @AnyRole
    @GetMapping("/products")
    Page<Product> products(@RequestParam(required = false) Boolean active, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return base.products(active, Paging.of(limit, cursor));
    }

    @AnyRole
    @GetMapping("/products/{id}")
    Product product(@PathVariable ProductId id) {
        return base.product(id);
    }

    @ManagerOrAbove
    @PostMapping("/products")
    @ResponseStatus(HttpStatus.CREATED)
    Product createProduct(@RequestBody ProductRequest request) {
        return base.createProduct(request.input());
    }

    @ManagerOrAbove
    @PutMapping("/products/{id}")
    Product updateProduct(@PathVariable ProductId id, @RequestBody ProductRequest request) {
        return base.updateProduct(id, request.input(), required(request.version()));
    }

    // --- installed products -----------------------------------------------------------------------

    @AnyRole
    @GetMapping("/installed-products")
    Page<InstalledProduct> installed(@RequestParam(required = false) AccountId accountId,
            @RequestParam(required = false) ProductId productId, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return base.installedProducts(accountId, productId, Paging.of(limit, cursor));
    }

    @AnyRole
    @GetMapping("/installed-products/{id}")
    InstalledProduct installedProduct(@PathVariable InstalledProductId id) {
        return base.installed(id);
    }

    @RepOrAbove
    @PostMapping("/installed-products")
    @ResponseStatus(HttpStatus.CREATED)
    InstalledProduct install(@RequestBody InstalledRequest request) {
        return base.install(request.input());
    }

    /** The products of a won deal, installed on its account in one go (all or nothing). */
    @RepOrAbove
    @PostMapping("/installed-products/from-deal")
    @ResponseStatus(HttpStatus.CREATED)
    List<InstalledProduct> installFromDeal(@RequestBody FromDealRequest request) {
        if (request.dealId() == null) {
            throw new InvalidInput("dealId", "is required");
        }
        if (request.items() != null) {
            for (int i = 0; i < request.items().size(); i++) {
                if (request.items().get(i) == null) {
                    throw new InvalidInput("items[" + i + "]", "is required: a product to install");
                }
            }
        }
        return base.installFromDeal(request.dealId(), request.items() == null ? null
                : request.items().stream().map(InstalledRequest::input).toList());
    }

    @RepOrAbove
    @PutMapping("/installed-products/{id}")
    InstalledProduct update(@PathVariable InstalledProductId id, @RequestBody InstalledRequest request) {
        return base.update(id, request.input(), required(request.version()));
    }

    @RepOrAbove
    @DeleteMapping("/installed-products/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable InstalledProductId id) {
        base.remove(id);
    }

    /** What ends in the next {@code within} days (30, 90, 180…), soonest first. */
    @AnyRole
    @GetMapping("/installed-products/lifecycle")
    Page<LifecycleEnd> lifecycle(@RequestParam(defaultValue = "90") int within,
            @RequestParam(required = false) EndKind kind, @RequestParam(required = false) UserId ownerId,
            @RequestParam(required = false) ProductId productId, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return base.lifecycle(new InstalledBase.LifecycleFilter(within, kind, ownerId, productId), Paging.of(limit, cursor));
    }

    @AnyRole
    @GetMapping(value = "/installed-products/lifecycle.csv", produces = "text/csv")
    void lifecycleCsv(@RequestParam(defaultValue = "90") int within, @RequestParam(required = false) EndKind kind,
            @RequestParam(required = false) UserId ownerId, @RequestParam(required = false) ProductId productId,
            HttpServletResponse response) throws IOException {
        InstalledBase.LifecycleFilter filter = new InstalledBase.LifecycleFilter(within, kind, ownerId, productId);
        base.lifecycle(filter, Paging.first(1));
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"lifecycle-" + within + "-days.csv\"");
        LifecycleCsv.write(base, filter, response.getWriter());
    }

    private static long required(Long version) {
        if (version == null) {
            throw new InvalidInput("version", "is required");
        }
        return version;
    }
}
