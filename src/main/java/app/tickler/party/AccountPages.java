package app.tickler.party;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.tickler.identity.UserId;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.Paging;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.RepOrAbove;
import jakarta.servlet.http.HttpServletRequest;

/** The account pages: list with filters, saved views and bulk changes; the account page; forms; merge; trash. */
@Controller
@RequestMapping("/accounts")
class AccountPages {

    private final Accounts accounts;
    private final Duplicates duplicates;
    private final BuyingCentre buyingCentre;
    private final Memberships memberships;
    private final PartyForms forms;
    private final PartyApiSupport support;
    private final SavedViews savedViews;
    private final MessageSource messages;

    AccountPages(Accounts accounts, Duplicates duplicates, BuyingCentre buyingCentre, Memberships memberships,
            PartyForms forms, PartyApiSupport support, SavedViews savedViews, MessageSource messages) {
        this.accounts = accounts;
        this.duplicates = duplicates;
        this.buyingCentre = buyingCentre;
        this.memberships = memberships;
        this.forms = forms;
        this.support = support;
        this.savedViews = savedViews;
        this.messages = messages;
    }

    @AnyRole
    @GetMapping
    String list(@RequestParam Map<String, String> params, Model model, HttpServletRequest request) {
        PartyList.Filter filter = ListParams.filter(params);
        model.addAttribute("page", accounts.list(filter, ListParams.sort(params.get("sort")),
                Paging.of(50, params.get("cursor"))));
        model.addAttribute("params", params);
        model.addAttribute("trash", filter.trash());
        model.addAttribute("query", PartyPages.queryWithout(request, "cursor"));
        forms.choices(model, "account");
        return "party/accounts";
    }

    @RepOrAbove
    @PostMapping("/bulk")
    String bulk(@RequestParam(required = false) List<Long> ids, @RequestParam(required = false) Long ownerId,
            @RequestParam(required = false) String addTag, @RequestParam(required = false) CustomerLevel level,
            @RequestParam(required = false) String back, RedirectAttributes redirect, HttpServletRequest request) {
        int changed = accounts.bulk(new PartyList.BulkChange(ids == null ? List.of() : ids,
                ownerId == null ? null : new UserId(ownerId), addTag, level));
        redirect.addFlashAttribute("flash", message("bulk.done", request, changed));
        return "redirect:/accounts" + PartyPages.safeQuery(back);
    }

    @AnyRole
    @PostMapping("/views")
    String saveView(@RequestParam String name, @RequestParam(required = false) String query, RedirectAttributes redirect,
            HttpServletRequest request) {
        savedViews.save("account", name, query);
        redirect.addFlashAttribute("flash", message("views.saved", request, name));
        return "redirect:/accounts" + PartyPages.safeQuery(query);
    }

    @AnyRole
    @PostMapping("/views/{id}/delete")
    String deleteView(@PathVariable SavedViewId id) {
        savedViews.delete(id.value());
        return "redirect:/accounts";
    }

    @RepOrAbove
    @GetMapping("/new")
    String newAccount(Model model) {
        return form(model, null, PartyForms.AccountForm.empty(Actors.current().isManagerOrAdmin() ? null
                : Actors.current().userId()), null, List.of());
    }

    @RepOrAbove
    @PostMapping
    String create(PartyForms.AccountForm form, Model model, HttpServletRequest request, RedirectAttributes redirect) {
        try {
            AccountInput input = form.input(forms.custom("account", request));
            List<Duplicates.Suspect> suspects = duplicates.ofAccount(null, input);
            if (!suspects.isEmpty() && !Boolean.TRUE.equals(form.confirmDuplicates())) {
                return form(model, null, form, null, suspects);
            }
            Account created = accounts.create(input);
            redirect.addFlashAttribute("flash", message("accounts.created", request, created.name()));
            return "redirect:/accounts/" + created.id().value();
        } catch (InvalidInput problems) {
            return form(model, null, form, problems, List.of());
        }
    }

    @AnyRole
    @GetMapping("/{id}")
    String show(@PathVariable AccountId id, Model model) {
        Account account = accounts.visible(id.value());
        model.addAttribute("account", account);
        model.addAttribute("owner", forms.ownerName(account.ownerId()));
        model.addAttribute("parent", account.parentId() == null ? null
                : accounts.find(account.parentId().value()).orElse(null));
        model.addAttribute("members", buyingCentre.of(id));
        model.addAttribute("timeline", support.timeline("account", id.value(), 30, null));
        model.addAttribute("canWrite", Actors.current().canWrite(Accounts.owner(account)));
        forms.choices(model, "account");
        forms.recordPage(model, "account", id.value());
        return "party/account";
    }

    /** The likely duplicates of a record page, loaded after the page (htmx). */
    @AnyRole
    @GetMapping("/{id}/duplicates")
    String duplicatesOf(@PathVariable AccountId id, Model model) {
        Account record = accounts.visible(id.value());
        model.addAttribute("suspects", duplicates.ofAccount(id, AccountInput.of(record)));
        model.addAttribute("suspectsPath", "/accounts");
        model.addAttribute("suspectsId", id.value());
        return "party/fragments :: suspectsBox";
    }

    @AnyRole
    @GetMapping("/{id}/timeline")
    String timeline(@PathVariable AccountId id, @RequestParam(required = false) String cursor, Model model) {
        accounts.visible(id.value());
        model.addAttribute("timeline", support.timeline("account", id.value(), 30, cursor));
        model.addAttribute("timelinePath", "/accounts/" + id.value() + "/timeline");
        return "party/timeline :: entries";
    }

    @RepOrAbove
    @GetMapping("/{id}/edit")
    String edit(@PathVariable AccountId id, Model model) {
        Account account = accounts.writable(id.value());
        String parentName = account.parentId() == null ? null
                : accounts.find(account.parentId().value()).map(Account::name).orElse("");
        return form(model, account, PartyForms.AccountForm.of(account, parentName), null, List.of());
    }

    @RepOrAbove
    @PostMapping("/{id}")
    String update(@PathVariable AccountId id, PartyForms.AccountForm form, Model model, HttpServletRequest request,
            RedirectAttributes redirect) {
        Account account = accounts.writable(id.value());
        try {
            accounts.update(id.value(), form.input(forms.custom("account", request)),
                    form.version() == null ? -1 : form.version());
        } catch (InvalidInput problems) {
            return form(model, account, form, problems, List.of());
        }
        redirect.addFlashAttribute("flash", message("flash.saved", request));
        return "redirect:/accounts/" + id.value();
    }

    @RepOrAbove
    @PostMapping("/{id}/trash")
    String trash(@PathVariable AccountId id, RedirectAttributes redirect, HttpServletRequest request) {
        accounts.moveToTrash(id.value());
        redirect.addFlashAttribute("flash", message("trash.moved", request));
        return "redirect:/accounts";
    }

    @RepOrAbove
    @PostMapping("/{id}/restore")
    String restore(@PathVariable AccountId id, RedirectAttributes redirect, HttpServletRequest request) {
        accounts.restore(id.value());
        redirect.addFlashAttribute("flash", message("trash.restored", request));
        return "redirect:/accounts/" + id.value();
    }

    @RepOrAbove
    @GetMapping("/{id}/merge")
    String compare(@PathVariable AccountId id, @RequestParam("with") AccountId duplicate, Model model) {
        Account into = accounts.writable(id.value());
        Account other = accounts.writable(duplicate.value());
        model.addAttribute("into", into);
        model.addAttribute("duplicate", other);
        model.addAttribute("fields", List.of("name", "website", "industry", "size", "phone", "address", "description",
                "ownerId", "level", "stage", "custom"));
        model.addAttribute("intoOwner", forms.ownerName(into.ownerId()));
        model.addAttribute("duplicateOwner", forms.ownerName(other.ownerId()));
        return "party/account-merge";
    }

    @RepOrAbove
    @PostMapping("/{id}/merge")
    String merge(@PathVariable AccountId id, @RequestParam("duplicateId") long duplicate,
            @RequestParam Map<String, String> choices, RedirectAttributes redirect, HttpServletRequest request) {
        Set<String> fromDuplicate = PartyPages.chosen(choices);
        Account merged = accounts.merge(id.value(), duplicate, fromDuplicate);
        redirect.addFlashAttribute("flash", message("merge.done", request, merged.name()));
        return "redirect:/accounts/" + id.value();
    }

    @AnyRole
    @PostMapping("/{id}/notes")
    String addNote(@PathVariable AccountId id, @RequestParam(required = false) String body, Model model,
            HttpServletRequest request) {
        accounts.visible(id.value());
        support.addNote("account", id.value(), body);
        if (request.getHeader("HX-Request") != null) {
            model.addAttribute("timeline", support.timeline("account", id.value(), 30, null));
            model.addAttribute("timelinePath", "/accounts/" + id.value() + "/timeline");
            return "party/timeline :: entries";
        }
        return "redirect:/accounts/" + id.value();
    }

    @RepOrAbove
    @PostMapping("/{id}/members")
    String addMember(@PathVariable AccountId id, @RequestParam(required = false) String contact,
            @RequestParam(required = false) BuyingRole role, @RequestParam(required = false) Boolean key,
            RedirectAttributes redirect, HttpServletRequest request) {
        Long contactId = PartyForms.idIn(contact, "contact");
        if (contactId == null) {
            throw new InvalidInput("contact", "choose a person from the suggestions");
        }
        memberships.place(id, new ContactId(contactId), role, Boolean.TRUE.equals(key));
        redirect.addFlashAttribute("flash", message("flash.saved", request));
        return "redirect:/accounts/" + id.value() + "#buying-centre";
    }

    @RepOrAbove
    @PostMapping("/{id}/members/{contactId}/remove")
    String removeMember(@PathVariable AccountId id, @PathVariable ContactId contactId) {
        memberships.remove(id, contactId);
        return "redirect:/accounts/" + id.value() + "#buying-centre";
    }

    private String form(Model model, Account account, PartyForms.AccountForm form, InvalidInput problems,
            List<Duplicates.Suspect> suspects) {
        model.addAttribute("account", account);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("suspects", suspects);
        forms.choices(model, "account");
        return "party/account-form";
    }

    private String message(String key, HttpServletRequest request, Object... args) {
        return messages.getMessage(key, args, request.getLocale());
    }
}
