package app.tickler.dataio;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

import app.tickler.platform.InvalidInput;
import app.tickler.platform.Paging;
import app.tickler.platform.security.RepOrAbove;

/** The import pages: the list with the upload form, the mapping with its preview, the progress. */
@Controller
@RequestMapping("/imports")
@RepOrAbove
class ImportPages {

    private final Imports imports;
    private final VCards vcards;
    private final MessageSource messages;

    ImportPages(Imports imports, VCards vcards, MessageSource messages) {
        this.imports = imports;
        this.vcards = vcards;
        this.messages = messages;
    }

    /** The upload form, with the kind of records chosen when a list's Import button leads here ({@code entity}). */
    @GetMapping
    String list(@RequestParam(required = false) String cursor, @RequestParam(required = false) String entity,
            Model model) {
        model.addAttribute("page", imports.list(Paging.of(50, cursor)));
        model.addAttribute("entities", ImportEntity.values());
        // an unknown kind (a hand-made link) chooses nothing rather than failing the page
        model.addAttribute("entity", java.util.Arrays.stream(ImportEntity.values())
                .filter(e -> e.name().equalsIgnoreCase(entity)).findFirst().orElse(null));
        return "dataio/imports";
    }

    @PostMapping
    String upload(@RequestParam(required = false) ImportEntity entity, @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String text, Model model) throws IOException {
        try {
            Import created = file != null && !file.isEmpty()
                    ? imports.upload(entity, file.getOriginalFilename(), file.getInputStream())
                    : imports.paste(entity, text);
            return "redirect:/imports/" + created.id().value();
        } catch (InvalidInput problems) {
            model.addAttribute("problems", problems);
            model.addAttribute("text", text);
            return list(null, entity == null ? null : entity.name(), model);
        }
    }

    @PostMapping("/vcards")
    String importCards(@RequestParam(required = false) MultipartFile file, Model model, RedirectAttributes redirect)
            throws IOException {
        try {
            if (file == null || file.isEmpty()) {
                throw new InvalidInput("file", "is empty: choose a vCard file");
            }
            VCards.Result result = vcards.importCards(file.getInputStream());
            redirect.addFlashAttribute("flash", messages.getMessage("vcards.imported",
                    new Object[] {result.created(), result.skipped()}, LocaleContextHolder.getLocale()));
            return "redirect:/imports";
        } catch (InvalidInput problems) {
            model.addAttribute("problems", problems);
            return list(null, null, model);
        }
    }

    @GetMapping("/{id}")
    String show(@PathVariable ImportId id, Model model) {
        Import job = imports.get(id);
        model.addAttribute("job", job);
        if (job.status() == ImportStatus.PENDING) {
            model.addAttribute("fields", imports.fields(job.entity()));
            model.addAttribute("matchOptions", MatchOn.of(job.entity()));
            model.addAttribute("matchCustomFields", imports.customMatchFields(job.entity()));
            model.addAttribute("modes", DuplicateMode.values());
            model.addAttribute("mappings", imports.mappings(job.entity()));
            if (!model.containsAttribute("preview")) {
                try {
                    model.addAttribute("preview", imports.preview(id));
                } catch (InvalidInput problems) {
                    model.addAttribute("problems", problems);
                }
            }
        } else {
            model.addAttribute("errors", imports.firstErrors(id, 20));
        }
        return "dataio/import";
    }

    /** The progress panel alone, for htmx polling while the import runs. */
    @GetMapping("/{id}/progress")
    String progress(@PathVariable ImportId id, Model model) {
        model.addAttribute("job", imports.get(id));
        model.addAttribute("errors", imports.firstErrors(id, 20));
        return "dataio/import :: progress";
    }

    @PostMapping("/{id}/settings")
    String settings(@PathVariable ImportId id, @RequestParam Map<String, String> form, Model model,
            RedirectAttributes redirect) {
        Map<Integer, String> mapping = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("column.") && value != null && !value.isBlank()) {
                try {
                    mapping.put(Integer.parseInt(name.substring("column.".length())), value);
                } catch (NumberFormatException e) {
                    throw new InvalidInput(name, "is not a column");
                }
            }
        });
        try {
            // the match select offers the entity's text custom fields as "custom.<key>"
            String match = form.get("matchOn");
            boolean custom = match != null && match.startsWith("custom.");
            imports.configure(id, new Imports.Settings(mapping, option(DuplicateMode.class, form.get("duplicates")),
                    custom ? MatchOn.CUSTOM : option(MatchOn.class, match), custom ? match : null,
                    "true".equals(form.get("strict"))));
        } catch (InvalidInput problems) {
            model.addAttribute("problems", problems);
            return show(id, model);
        }
        if ("start".equals(form.get("then"))) {
            return start(id, model);
        }
        redirect.addFlashAttribute("flash", message("imports.saved"));
        return "redirect:/imports/" + id.value();
    }

    @PostMapping("/{id}/start")
    String start(@PathVariable ImportId id, Model model) {
        try {
            imports.start(id);
        } catch (InvalidInput problems) {
            model.addAttribute("problems", problems);
            return show(id, model);
        }
        return "redirect:/imports/" + id.value();
    }

    @PostMapping("/{id}/cancel")
    String cancel(@PathVariable ImportId id) {
        imports.cancel(id);
        return "redirect:/imports/" + id.value();
    }

    @PostMapping("/{id}/undo")
    String undo(@PathVariable ImportId id) {
        imports.undo(id);
        return "redirect:/imports/" + id.value();
    }

    @PostMapping("/{id}/mapping")
    String saveMapping(@PathVariable ImportId id, @RequestParam(required = false) String name, Model model,
            RedirectAttributes redirect) {
        try {
            imports.saveMapping(id, name);
        } catch (InvalidInput problems) {
            model.addAttribute("problems", problems);
            return show(id, model);
        }
        redirect.addFlashAttribute("flash", message("imports.mappingSaved"));
        return "redirect:/imports/" + id.value();
    }

    @PostMapping("/{id}/mapping/apply")
    String applyMapping(@PathVariable ImportId id, @RequestParam(required = false) String mappingId, Model model) {
        try {
            imports.applyMapping(id, ImportDownloads.id("mappingId", mappingId));
        } catch (InvalidInput problems) {
            model.addAttribute("problems", problems);
            return show(id, model);
        }
        return "redirect:/imports/" + id.value();
    }

    @GetMapping("/{id}/errors.csv")
    void errors(@PathVariable ImportId id, HttpServletResponse response) throws IOException {
        imports.get(id);
        ImportDownloads.csv(response, "import-" + id.value() + "-errors.csv", out -> imports.writeErrors(id, out));
    }

    private String message(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    private static <E extends Enum<E>> E option(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(type.getSimpleName(), "'" + Conversion.shorten(value) + "' is not a choice");
        }
    }
}
