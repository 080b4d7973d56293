package app.tickler.party;

import java.util.Arrays;
import java.util.List;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.tickler.platform.InvalidInput;
import app.tickler.platform.security.AdminOnly;
import jakarta.servlet.http.HttpServletRequest;

/** The settings page where admins define custom fields. */
@Controller
@RequestMapping("/settings/custom-fields")
@AdminOnly
class CustomFieldPages {

    record FieldForm(String entity, String key, String label, CustomFieldType type, String options, Boolean required,
            Integer position, Boolean archived, Long version) {

        List<String> optionList() {
            return options == null ? List.of() : Arrays.stream(options.split("\\R")).map(String::strip)
                    .filter(o -> !o.isEmpty()).toList();
        }
    }

    private final CustomFields customFields;
    private final MessageSource messages;

    CustomFieldPages(CustomFields customFields, MessageSource messages) {
        this.customFields = customFields;
        this.messages = messages;
    }

    @GetMapping
    String list(Model model) {
        return page(model, null, null);
    }

    @PostMapping
    String define(FieldForm form, Model model, RedirectAttributes redirect, HttpServletRequest request) {
        try {
            customFields.define(new CustomFields.Definition(form.entity(), form.key(), form.label(), form.type(),
                    form.optionList(), Boolean.TRUE.equals(form.required()), form.position()));
        } catch (InvalidInput problems) {
            return page(model, form, problems);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("flash.saved", null, request.getLocale()));
        return "redirect:/settings/custom-fields";
    }

    @PostMapping("/{id}")
    String change(@PathVariable CustomFieldId id, FieldForm form, Model model, RedirectAttributes redirect,
            HttpServletRequest request) {
        try {
            customFields.change(id.value(), form.label(), form.optionList(), Boolean.TRUE.equals(form.required()),
                    form.position() == null ? 0 : form.position(), Boolean.TRUE.equals(form.archived()),
                    form.version() == null ? -1 : form.version());
        } catch (InvalidInput problems) {
            return page(model, null, problems);
        }
        redirect.addFlashAttribute("flash", messages.getMessage("flash.saved", null, request.getLocale()));
        return "redirect:/settings/custom-fields";
    }

    private String page(Model model, FieldForm form, InvalidInput problems) {
        model.addAttribute("fields", customFields.all());
        model.addAttribute("form", form == null
                ? new FieldForm("account", "", "", CustomFieldType.TEXT, "", false, 0, false, null) : form);
        model.addAttribute("types", CustomFieldType.values());
        model.addAttribute("entities", List.of("account", "contact", "lead", "deal"));
        model.addAttribute("problems", problems);
        return "party/custom-fields";
    }
}
