package app.tickler.party;

import java.util.List;
import java.util.Map;

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
import app.tickler.platform.security.AdminOnly;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.RepOrAbove;
import jakarta.servlet.http.HttpServletRequest;

/** The contact pages: list with filters, saved views and bulk changes; the contact page; forms; merge; trash; erasure. */
@Controller
@RequestMapping("/contacts")
class ContactPages {

    private final Contacts contacts;
    private final Duplicates duplicates;
    private final PartyForms forms;
    private final PartyApiSupport support;
    private final SavedViews savedViews;
    private final MessageSource messages;

    ContactPages(Contacts contacts, Duplicates duplicates, PartyForms forms, PartyApiSupport support,
            SavedViews savedViews, MessageSource messages) {
        this.contacts = contacts;
        this.duplicates = duplicates;
        this.forms = forms;
        this.support = support;
        this.savedViews = savedViews;
        this.messages = messages;
    }

    @AnyRole
    @GetMapping
    String list(@RequestParam Map<String, String> params, Model model, HttpServletRequest request) {
        PartyList.Filter filter = ListParams.filter(params);
        model.addAttribute("page", contacts.list(filter, ListParams.sort(params.get("sort")),
                Paging.of(50, params.get("cursor"))));
        model.addAttribute("params", params);
        model.addAttribute("trash", filter.trash());
        model.addAttribute("query", PartyPages.queryWithout(request, "cursor"));
        forms.choices(model, "contact");
        return "party/contacts";
    }

    @RepOrAbove
    @PostMapping("/bulk")
    String bulk(@RequestParam(required = false) List<Long> ids, @RequestParam(required = false) Long ownerId,
            @RequestParam(required = false) String addTag, @RequestParam(required = false) String back,
            RedirectAttributes redirect, HttpServletRequest request) {
        int changed = contacts.bulk(new PartyList.BulkChange(ids == null ? List.of() : ids,
                ownerId == null ? null : new UserId(ownerId), addTag, null));
        redirect.addFlashAttribute("flash", message("bulk.done", request, changed));
        return "redirect:/contacts" + PartyPages.safeQuery(back);
    }

    @AnyRole
    @PostMapping("/views")
    String saveView(@RequestParam String name, @RequestParam(required = false) String query, RedirectAttributes redirect,
            HttpServletRequest request) {
        savedViews.save("contact", name, query);
        redirect.addFlashAttribute("flash", message("views.saved", request, name));
        return "redirect:/contacts" + PartyPages.safeQuery(query);
    }

    @AnyRole
    @PostMapping("/views/{id}/delete")
    String deleteView(@PathVariable SavedViewId id) {
        savedViews.delete(id.value());
        return "redirect:/contacts";
    }

    @RepOrAbove
    @GetMapping("/new")
    String newContact(@RequestParam(required = false) String account, Model model) {
        return form(model, null, PartyForms.ContactForm.empty(Actors.current().isManagerOrAdmin() ? null
                : Actors.current().userId(), account), null, List.of());
    }

    @RepOrAbove
    @PostMapping
    String create(PartyForms.ContactForm form, Model model, HttpServletRequest request, RedirectAttributes redirect) {
        try {
            ContactInput input = form.input(forms.custom("contact", request));
            List<Duplicates.Suspect> suspects = duplicates.ofContact(null, input);
            if (!suspects.isEmpty() && !Boolean.TRUE.equals(form.confirmDuplicates())) {
                return form(model, null, form, null, suspects);
            }
            Contact created = contacts.create(input);
            redirect.addFlashAttribute("flash", message("contacts.created", request, created.name()));
            return "redirect:/contacts/" + created.id().value();
        } catch (InvalidInput problems) {
            return form(model, null, form, problems, List.of());
        }
    }

    @AnyRole
    @GetMapping("/{id}")
    String show(@PathVariable ContactId id, Model model) {
        Contact contact = contacts.visible(id.value());
        model.addAttribute("contact", contact);
        model.addAttribute("owner", forms.ownerName(contact.ownerId()));
        model.addAttribute("referrer", contact.referredByUserId() != null ? forms.ownerName(contact.referredByUserId())
                : contact.referredByContactId() == null ? null
                : contacts.find(contact.referredByContactId().value()).map(Contact::name).orElse(null));
        model.addAttribute("timeline", support.timeline("contact", id.value(), 30, null));
        model.addAttribute("canWrite", Actors.current().canWrite(Contacts.owner(contact)));
        forms.choices(model, "contact");
        forms.recordPage(model, "contact", id.value());
        return "party/contact";
    }

    /** The likely duplicates of a record page, loaded after the page (htmx). */
    @AnyRole
    @GetMapping("/{id}/duplicates")
    String duplicatesOf(@PathVariable ContactId id, Model model) {
        Contact record = contacts.visible(id.value());
        model.addAttribute("suspects", duplicates.ofContact(id, ContactInput.of(record)));
        model.addAttribute("suspectsPath", "/contacts");
        model.addAttribute("suspectsId", id.value());
        return "party/fragments :: suspectsBox";
    }

    @AnyRole
    @GetMapping("/{id}/timeline")
    String timeline(@PathVariable ContactId id, @RequestParam(required = false) String cursor, Model model) {
        contacts.visible(id.value());
        model.addAttribute("timeline", support.timeline("contact", id.value(), 30, cursor));
        model.addAttribute("timelinePath", "/contacts/" + id.value() + "/timeline");
        return "party/timeline :: entries";
    }

    @RepOrAbove
    @GetMapping("/{id}/edit")
    String edit(@PathVariable ContactId id, Model model) {
        Contact contact = contacts.writable(id.value());
        String referrer = contact.referredByContactId() == null ? null
                : contacts.find(contact.referredByContactId().value()).map(Contact::name).orElse("");
        return form(model, contact, PartyForms.ContactForm.of(contact, referrer), null, List.of());
    }

    @RepOrAbove
    @PostMapping("/{id}")
    String update(@PathVariable ContactId id, PartyForms.ContactForm form, Model model, HttpServletRequest request,
            RedirectAttributes redirect) {
        Contact contact = contacts.writable(id.value());
        try {
            ContactInput typed = form.input(forms.custom("contact", request));
            ContactInput kept = new ContactInput(typed.firstName(), typed.lastName(), typed.title(), typed.emails(),
                    typed.phones(), typed.address(), typed.birthday(), typed.preferredChannel(), typed.ownerId(),
                    typed.doNotContact(), typed.doNotContactReason(), typed.referredByContactId(),
                    typed.referredByUserId(), typed.custom(), typed.tags(), null, null, null);
            contacts.update(id.value(), kept, form.version() == null ? -1 : form.version());
        } catch (InvalidInput problems) {
            return form(model, contact, form, problems, List.of());
        }
        redirect.addFlashAttribute("flash", message("flash.saved", request));
        return "redirect:/contacts/" + id.value();
    }

    @RepOrAbove
    @PostMapping("/{id}/trash")
    String trash(@PathVariable ContactId id, RedirectAttributes redirect, HttpServletRequest request) {
        contacts.moveToTrash(id.value());
        redirect.addFlashAttribute("flash", message("trash.moved", request));
        return "redirect:/contacts";
    }

    @RepOrAbove
    @PostMapping("/{id}/restore")
    String restore(@PathVariable ContactId id, RedirectAttributes redirect, HttpServletRequest request) {
        contacts.restore(id.value());
        redirect.addFlashAttribute("flash", message("trash.restored", request));
        return "redirect:/contacts/" + id.value();
    }

    @AdminOnly
    @PostMapping("/{id}/erase")
    String erase(@PathVariable ContactId id, RedirectAttributes redirect, HttpServletRequest request) {
        contacts.erase(id.value());
        redirect.addFlashAttribute("flash", message("erase.done", request));
        return "redirect:/contacts";
    }

    @RepOrAbove
    @GetMapping("/{id}/merge")
    String compare(@PathVariable ContactId id, @RequestParam("with") ContactId duplicate, Model model) {
        Contact into = contacts.writable(id.value());
        Contact other = contacts.writable(duplicate.value());
        model.addAttribute("into", into);
        model.addAttribute("duplicate", other);
        model.addAttribute("fields", List.of("firstName", "lastName", "title", "address", "birthday", "preferredChannel",
                "ownerId", "custom"));
        model.addAttribute("intoOwner", forms.ownerName(into.ownerId()));
        model.addAttribute("duplicateOwner", forms.ownerName(other.ownerId()));
        return "party/contact-merge";
    }

    @RepOrAbove
    @PostMapping("/{id}/merge")
    String merge(@PathVariable ContactId id, @RequestParam("duplicateId") long duplicate,
            @RequestParam Map<String, String> choices, RedirectAttributes redirect, HttpServletRequest request) {
        Contact merged = contacts.merge(id.value(), duplicate, PartyPages.chosen(choices));
        redirect.addFlashAttribute("flash", message("merge.done", request, merged.name()));
        return "redirect:/contacts/" + id.value();
    }

    @AnyRole
    @PostMapping("/{id}/notes")
    String addNote(@PathVariable ContactId id, @RequestParam(required = false) String body, Model model,
            HttpServletRequest request) {
        contacts.visible(id.value());
        support.addNote("contact", id.value(), body);
        if (request.getHeader("HX-Request") != null) {
            model.addAttribute("timeline", support.timeline("contact", id.value(), 30, null));
            model.addAttribute("timelinePath", "/contacts/" + id.value() + "/timeline");
            return "party/timeline :: entries";
        }
        return "redirect:/contacts/" + id.value();
    }

    private String form(Model model, Contact contact, PartyForms.ContactForm form, InvalidInput problems,
            List<Duplicates.Suspect> suspects) {
        model.addAttribute("contact", contact);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("suspects", suspects);
        forms.choices(model, "contact");
        return "party/contact-form";
    }

    private String message(String key, HttpServletRequest request, Object... args) {
        return messages.getMessage(key, args, request.getLocale());
    }
}
