package app.tickler.aftersale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.tickler.followup.CadenceId;
import app.tickler.followup.FollowUps;
import app.tickler.identity.Directory;
import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.Parties;
import app.tickler.party.RelationshipStage;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.Paging;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.ManagerOrAbove;
import app.tickler.platform.security.RepOrAbove;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The after-sale pages: the relationship actions of the account panel, stage suggestions, the product
 * catalogue, installed products, the lifecycle list with its CSV, and the settings.
 */
@Controller
class AftersalePages {

    private final RelationshipCycle cycle;
    private final InstalledBase base;
    private final Parties parties;
    private final Directory directory;
    private final FollowUps followUps;
    private final MessageSource messages;

    AftersalePages(RelationshipCycle cycle, InstalledBase base, Parties parties, Directory directory, FollowUps followUps,
            MessageSource messages) {
        this.cycle = cycle;
        this.base = base;
        this.parties = parties;
        this.directory = directory;
        this.followUps = followUps;
        this.messages = messages;
    }

    // --- relationship -----------------------------------------------------------------------------

    @RepOrAbove
    @PostMapping("/accounts/{id}/relationship")
    String override(@PathVariable long id, @RequestParam(required = false) RelationshipStage stage,
            @RequestParam(required = false) String reason, RedirectAttributes redirect, HttpServletRequest request) {
        cycle.override(new AccountId(id), stage, reason);
        redirect.addFlashAttribute("flash", message("relationship.changed", request));
        return "redirect:/accounts/" + id;
    }

    @RepOrAbove
    @PostMapping("/accounts/{id}/milestones")
    String milestone(@PathVariable long id, @RequestParam(required = false) String note, RedirectAttributes redirect,
            HttpServletRequest request) {
        cycle.milestone(new AccountId(id), note);
        redirect.addFlashAttribute("flash", message("relationship.milestoneLogged", request));
        return "redirect:/accounts/" + id;
    }

    @AnyRole
    @GetMapping("/relationship/suggestions")
    String suggestions(@RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("page", cycle.suggestions(null, Paging.of(null, cursor)));
        return "aftersale/suggestions";
    }

    @RepOrAbove
    @PostMapping("/relationship/suggestions/{id}/accept")
    String accept(@PathVariable long id, @RequestParam(required = false) String returnTo, RedirectAttributes redirect,
            HttpServletRequest request) {
        cycle.accept(id);
        redirect.addFlashAttribute("flash", message("relationship.changed", request));
        return "redirect:" + back(returnTo);
    }

    @RepOrAbove
    @PostMapping("/relationship/suggestions/{id}/dismiss")
    String dismiss(@PathVariable long id, @RequestParam(required = false) String returnTo) {
        cycle.dismiss(id);
        return "redirect:" + back(returnTo);
    }

    // --- products ---------------------------------------------------------------------------------

    @ManagerOrAbove
    @GetMapping("/products")
    String products(@RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("page", base.products(null, Paging.of(null, cursor)));
        return "aftersale/products";
    }

    @ManagerOrAbove
    @PostMapping("/products")
    String createProduct(@RequestParam(required = false) String name, @RequestParam(required = false) String lifespanMonths,
            @RequestParam(required = false) String warrantyMonths, @RequestParam(required = false) String serviceMonths,
            Model model, RedirectAttributes redirect, HttpServletRequest request) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        InstalledBase.ProductInput input = new InstalledBase.ProductInput(name, number(problems, "lifespanMonths",
                lifespanMonths), number(problems, "warrantyMonths", warrantyMonths),
                number(problems, "serviceMonths", serviceMonths), true);
        try {
            problems.throwIfAny();
            base.createProduct(input);
        } catch (InvalidInput invalid) {
            model.addAttribute("problems", invalid);
            model.addAttribute("draft", input);
            model.addAttribute("page", base.products(null, Paging.first(Paging.DEFAULT_LIMIT)));
            return "aftersale/products";
        }
        redirect.addFlashAttribute("flash", message("product.saved", request));
        return "redirect:/products";
    }

    @ManagerOrAbove
    @PostMapping("/products/{id}")
    String updateProduct(@PathVariable long id, @RequestParam(required = false) String name,
            @RequestParam(required = false) String lifespanMonths, @RequestParam(required = false) String warrantyMonths,
            @RequestParam(required = false) String serviceMonths, @RequestParam(defaultValue = "false") boolean active,
            @RequestParam long version, RedirectAttributes redirect, HttpServletRequest request) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        InstalledBase.ProductInput input = new InstalledBase.ProductInput(name, number(problems, "lifespanMonths",
                lifespanMonths), number(problems, "warrantyMonths", warrantyMonths),
                number(problems, "serviceMonths", serviceMonths), active);
        problems.throwIfAny();
        base.updateProduct(new ProductId(id), input, version);
        redirect.addFlashAttribute("flash", message("product.saved", request));
        return "redirect:/products";
    }

    // --- installed products -----------------------------------------------------------------------

    @RepOrAbove
    @GetMapping("/installed-products/new")
    String newInstalled(@RequestParam long accountId, Model model) {
        model.addAttribute("account", parties.visibleAccount(new AccountId(accountId)));
        model.addAttribute("products", base.products(true, Paging.first(Paging.MAX_LIMIT)).items());
        model.addAttribute("form", new InstalledForm(null, null, "1", null, null, null, null, null));
        return "aftersale/installed-form";
    }

    record InstalledForm(Long id, String productId, String quantity, String installDate, String warrantyEnd,
            String serviceEnd, String endOfLife, String notes) {
    }

    @RepOrAbove
    @PostMapping("/installed-products")
    String install(@RequestParam long accountId, @RequestParam(required = false) String productId,
            @RequestParam(required = false) String quantity, @RequestParam(required = false) String installDate,
            @RequestParam(required = false) String warrantyEnd, @RequestParam(required = false) String serviceEnd,
            @RequestParam(required = false) String endOfLife, @RequestParam(required = false) String notes, Model model,
            RedirectAttributes redirect, HttpServletRequest request) {
        try {
            InvalidInput.Collector problems = new InvalidInput.Collector();
            InstalledBase.InstalledInput input = new InstalledBase.InstalledInput(new AccountId(accountId),
                    productId(problems, productId),
                    number(problems, "quantity", quantity), date(problems, "installDate", installDate),
                    date(problems, "warrantyEnd", warrantyEnd), date(problems, "serviceEnd", serviceEnd),
                    date(problems, "endOfLife", endOfLife), null, notes);
            problems.throwIfAny();
            base.install(input);
        } catch (InvalidInput problems) {
            model.addAttribute("problems", problems);
            model.addAttribute("account", parties.visibleAccount(new AccountId(accountId)));
            model.addAttribute("products", base.products(true, Paging.first(Paging.MAX_LIMIT)).items());
            model.addAttribute("form", new InstalledForm(null, productId, quantity, installDate, warrantyEnd, serviceEnd,
                    endOfLife, notes));
            return "aftersale/installed-form";
        }
        redirect.addFlashAttribute("flash", message("installed.saved", request));
        return "redirect:/accounts/" + accountId;
    }

    @RepOrAbove
    @GetMapping("/installed-products/{id}/edit")
    String editInstalled(@PathVariable long id, Model model) {
        InstalledProduct installed = base.installed(new InstalledProductId(id));
        model.addAttribute("account", parties.visibleAccount(installed.accountId()));
        model.addAttribute("products", base.products(null, Paging.first(Paging.MAX_LIMIT)).items());
        model.addAttribute("form", new InstalledForm(id, Long.toString(installed.productId().value()),
                Integer.toString(installed.quantity()), text(installed.installDate()), text(installed.warrantyEnd()),
                text(installed.serviceEnd()), text(installed.endOfLife()), installed.notes()));
        model.addAttribute("version", installed.version());
        return "aftersale/installed-form";
    }

    @RepOrAbove
    @PostMapping("/installed-products/{id}")
    String updateInstalled(@PathVariable long id, @RequestParam long version,
            @RequestParam(required = false) String productId, @RequestParam(required = false) String quantity,
            @RequestParam(required = false) String installDate, @RequestParam(required = false) String warrantyEnd,
            @RequestParam(required = false) String serviceEnd, @RequestParam(required = false) String endOfLife,
            @RequestParam(required = false) String notes, Model model, RedirectAttributes redirect,
            HttpServletRequest request) {
        InstalledProduct installed = base.installed(new InstalledProductId(id));
        try {
            InvalidInput.Collector problems = new InvalidInput.Collector();
            InstalledBase.InstalledInput input = new InstalledBase.InstalledInput(null, productId(problems, productId),
                    number(problems, "quantity", quantity), date(problems, "installDate", installDate),
                    date(problems, "warrantyEnd", warrantyEnd), date(problems, "serviceEnd", serviceEnd),
                    date(problems, "endOfLife", endOfLife), null, notes);
            problems.throwIfAny();
            base.update(installed.id(), input, version);
        } catch (InvalidInput problems) {
            model.addAttribute("problems", problems);
            model.addAttribute("account", parties.visibleAccount(installed.accountId()));
            model.addAttribute("products", base.products(null, Paging.first(Paging.MAX_LIMIT)).items());
            model.addAttribute("form", new InstalledForm(id, productId, quantity, installDate, warrantyEnd, serviceEnd,
                    endOfLife, notes));
            model.addAttribute("version", version);
            return "aftersale/installed-form";
        }
        redirect.addFlashAttribute("flash", message("installed.saved", request));
        return "redirect:/accounts/" + installed.accountId().value();
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    @RepOrAbove
    @PostMapping("/installed-products/{id}/delete")
    String remove(@PathVariable long id, RedirectAttributes redirect, HttpServletRequest request) {
        InstalledProduct installed = base.installed(new InstalledProductId(id));
        base.remove(installed.id());
        redirect.addFlashAttribute("flash", message("installed.removed", request));
        return "redirect:/accounts/" + installed.accountId().value();
    }

    // --- the lifecycle list -----------------------------------------------------------------------

    @AnyRole
    @GetMapping("/installed-base")
    String lifecycle(@RequestParam(defaultValue = "90") int within, @RequestParam(required = false) EndKind kind,
            @RequestParam(required = false) Long ownerId, @RequestParam(required = false) Long productId,
            @RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("page", base.lifecycle(filter(within, kind, ownerId, productId), Paging.of(null, cursor)));
        model.addAttribute("within", within);
        model.addAttribute("kind", kind);
        model.addAttribute("ownerId", ownerId);
        model.addAttribute("productId", productId);
        model.addAttribute("users", directory.activeUsers());
        model.addAttribute("products", base.products(null, Paging.first(Paging.MAX_LIMIT)).items());
        return "aftersale/lifecycle";
    }

    @AnyRole
    @GetMapping("/installed-base/lifecycle.csv")
    void lifecycleCsv(@RequestParam(defaultValue = "90") int within, @RequestParam(required = false) EndKind kind,
            @RequestParam(required = false) Long ownerId, @RequestParam(required = false) Long productId,
            HttpServletResponse response) throws IOException {
        InstalledBase.LifecycleFilter filter = filter(within, kind, ownerId, productId);
        base.lifecycle(filter, Paging.first(1));
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"lifecycle-" + within + "-days.csv\"");
        LifecycleCsv.write(base, filter, response.getWriter());
    }

    // --- settings ---------------------------------------------------------------------------------

    @ManagerOrAbove
    @GetMapping("/settings/aftersale")
    String settings(Model model) {
        model.addAttribute("settings", cycle.settings());
        model.addAttribute("cadences", followUps.cadences());
        return "aftersale/settings";
    }

    @ManagerOrAbove
    @PostMapping("/settings/aftersale")
    String saveSettings(@RequestParam(defaultValue = "false") boolean automationOn,
            @RequestParam(required = false) String silenceAfterWinDays, @RequestParam(required = false) String healthyDays,
            @RequestParam(required = false) String onboardingCadenceId,
            @RequestParam(required = false) String renewalLeadDays, @RequestParam(defaultValue = "false") boolean renewalDeals,
            @RequestParam(required = false) Long version, Model model, RedirectAttributes redirect,
            HttpServletRequest request) {
        try {
            InvalidInput.Collector problems = new InvalidInput.Collector();
            Integer silence = number(problems, "silenceAfterWinDays", silenceAfterWinDays);
            Integer healthy = number(problems, "healthyDays", healthyDays);
            Integer lead = number(problems, "renewalLeadDays", renewalLeadDays);
            boolean clear = onboardingCadenceId == null || onboardingCadenceId.isBlank();
            Long cadence = null;
            if (!clear) {
                try {
                    cadence = Long.valueOf(onboardingCadenceId.strip());
                } catch (NumberFormatException e) {
                    problems.add("onboardingCadenceId", "is not one of the cadences");
                }
            }
            problems.throwIfAny();
            cycle.updateSettings(automationOn, silence, healthy, cadence == null ? null : new CadenceId(cadence), clear,
                    lead, renewalDeals, version);
        } catch (InvalidInput problems) {
            model.addAttribute("problems", problems);
            model.addAttribute("settings", cycle.settings());
            model.addAttribute("cadences", followUps.cadences());
            return "aftersale/settings";
        }
        redirect.addFlashAttribute("flash", message("aftersale.settingsSaved", request));
        return "redirect:/settings/aftersale";
    }

    private static InstalledBase.LifecycleFilter filter(int within, EndKind kind, Long ownerId, Long productId) {
        return new InstalledBase.LifecycleFilter(within, kind, ownerId == null ? null : new UserId(ownerId),
                productId == null ? null : new ProductId(productId));
    }

    private static String back(String returnTo) {
        return returnTo != null && returnTo.startsWith("/") && !returnTo.startsWith("//") ? returnTo
                : "/relationship/suggestions";
    }

    private static ProductId productId(InvalidInput.Collector problems, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new ProductId(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            problems.add("productId", "is not a product of the catalogue");
            return null;
        }
    }

    private static Integer number(InvalidInput.Collector problems, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            problems.add(field, "is not a whole number");
            return null;
        }
    }

    private static LocalDate date(InvalidInput.Collector problems, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(field, "is not a date (YYYY-MM-DD)");
            return null;
        }
    }

    private String message(String key, HttpServletRequest request) {
        return messages.getMessage(key, null, request.getLocale());
    }
}
