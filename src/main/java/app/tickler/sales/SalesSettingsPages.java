package app.tickler.sales;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.tickler.identity.Directory;
import app.tickler.identity.TeamId;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.AdminOnly;
import app.tickler.platform.security.ManagerOrAbove;
import app.tickler.platform.security.Role;
import jakarta.servlet.http.HttpServletRequest;

/** Settings of the sales cycle for managers and admins: pipelines, lost reasons, the checklist, the lead pool. */
@Controller
@RequestMapping("/settings")
@ManagerOrAbove
class SalesSettingsPages {

    private final Pipelines pipelines;
    private final Deals deals;
    private final LostReasons lostReasons;
    private final Qualification qualification;
    private final SalesSettings settings;
    private final Directory directory;
    private final MessageSource messages;

    SalesSettingsPages(Pipelines pipelines, Deals deals, LostReasons lostReasons, Qualification qualification,
            SalesSettings settings, Directory directory, MessageSource messages) {
        this.pipelines = pipelines;
        this.deals = deals;
        this.lostReasons = lostReasons;
        this.qualification = qualification;
        this.settings = settings;
        this.directory = directory;
        this.messages = messages;
    }

    // --- pipelines --------------------------------------------------------------------------

    @GetMapping("/pipelines")
    String pipelines(Model model) {
        return pipelinesPage(model, null);
    }

    /** A pipeline from a template, or a custom one from a list of stage names, one per line. */
    @PostMapping("/pipelines")
    String createPipeline(@RequestParam(required = false) String name, @RequestParam(required = false) String template,
            @RequestParam(required = false) String stages, Model model, RedirectAttributes redirect,
            HttpServletRequest request) {
        Pipeline created;
        try {
            PipelineTemplate chosen = template == null || template.isBlank() ? null : PipelineTemplate.valueOf(template);
            List<Pipelines.NewStage> custom = new ArrayList<>();
            if (chosen == null && stages != null) {
                List<String> names = Arrays.stream(stages.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
                for (int i = 0; i < names.size(); i++) {
                    custom.add(new Pipelines.NewStage(names.get(i), Math.min(100, (i + 1) * 100 / (names.size() + 1)), 14,
                            false));
                }
            }
            created = pipelines.create(new Pipelines.NewPipeline(name, chosen, chosen == null ? custom : null, false));
        } catch (InvalidInput problems) {
            return pipelinesPage(model, problems);
        }
        redirect.addFlashAttribute("flash", message("flash.saved", request));
        return "redirect:/settings/pipelines/" + created.id().value();
    }

    @GetMapping("/pipelines/{id}")
    String pipeline(@PathVariable PipelineId id, Model model) {
        return pipelinePage(model, pipelines.get(id), null);
    }

    @PostMapping("/pipelines/{id}")
    String changePipeline(@PathVariable PipelineId id, @RequestParam(required = false) String name,
            @RequestParam(required = false) Boolean isDefault, @RequestParam(required = false) StageId repeatStageId,
            @RequestParam(required = false) Boolean archived, @RequestParam long version, Model model,
            RedirectAttributes redirect, HttpServletRequest request) {
        Pipeline current = pipelines.get(id);
        try {
            pipelines.change(id, new Pipelines.PipelineChange(name, current.isDefault() || Boolean.TRUE.equals(isDefault),
                    repeatStageId, Boolean.TRUE.equals(archived)), version);
        } catch (InvalidInput problems) {
            return pipelinePage(model, current, problems);
        }
        redirect.addFlashAttribute("flash", message("flash.saved", request));
        return "redirect:/settings/pipelines/" + id.value();
    }

    @PostMapping("/pipelines/{id}/stages")
    String addStage(@PathVariable PipelineId id, @RequestParam(required = false) String name,
            @RequestParam(required = false) Integer probability, @RequestParam(required = false) Integer idleDays,
            @RequestParam long version, Model model, RedirectAttributes redirect, HttpServletRequest request) {
        try {
            pipelines.addStage(id, new Pipelines.NewStage(name, probability, idleDays, false), version);
        } catch (InvalidInput problems) {
            return pipelinePage(model, pipelines.get(id), problems);
        }
        redirect.addFlashAttribute("flash", message("flash.saved", request));
        return "redirect:/settings/pipelines/" + id.value();
    }

    @PostMapping("/pipelines/{id}/stages/{stageId}")
    String changeStage(@PathVariable PipelineId id, @PathVariable StageId stageId,
            @RequestParam(required = false) String name, @RequestParam(required = false) Integer probability,
            @RequestParam(required = false) Integer idleDays, @RequestParam long version, Model model,
            RedirectAttributes redirect, HttpServletRequest request) {
        try {
            pipelines.changeStage(stageId, new Pipelines.StageChange(name, probability == null ? -1 : probability, idleDays),
                    version);
        } catch (InvalidInput problems) {
            return pipelinePage(model, pipelines.get(id), problems);
        }
        redirect.addFlashAttribute("flash", message("flash.saved", request));
        return "redirect:/settings/pipelines/" + id.value();
    }

    /** Moves a stage one place up or down. */
    @PostMapping("/pipelines/{id}/stages/{stageId}/shift")
    String shift(@PathVariable PipelineId id, @PathVariable StageId stageId, @RequestParam String direction,
            @RequestParam long version, RedirectAttributes redirect, HttpServletRequest request) {
        Pipeline pipeline = pipelines.get(id);
        List<StageId> order = new ArrayList<>(pipeline.stages().stream().map(Pipeline.Stage::id).toList());
        int index = order.indexOf(stageId);
        int other = "up".equals(direction) ? index - 1 : index + 1;
        if (index >= 0 && other >= 0 && other < order.size()) {
            order.set(index, order.get(other));
            order.set(other, stageId);
            pipelines.reorder(id, order, version);
        }
        redirect.addFlashAttribute("flash", message("flash.saved", request));
        return "redirect:/settings/pipelines/" + id.value();
    }

    @PostMapping("/pipelines/{id}/stages/{stageId}/retire")
    String retire(@PathVariable PipelineId id, @PathVariable StageId stageId,
            @RequestParam(required = false) StageId moveTo, @RequestParam long version, Model model,
            RedirectAttributes redirect, HttpServletRequest request) {
        try {
            deals.retireStage(stageId, moveTo, version);
        } catch (InvalidInput problems) {
            return pipelinePage(model, pipelines.get(id), problems);
        }
        redirect.addFlashAttribute("flash", message("flash.saved", request));
        return "redirect:/settings/pipelines/" + id.value();
    }

    @PostMapping("/pipelines/{id}/stages/{stageId}/restore")
    String restore(@PathVariable PipelineId id, @PathVariable StageId stageId, @RequestParam long version,
            RedirectAttributes redirect, HttpServletRequest request) {
        pipelines.setRetired(stageId, false, version);
        redirect.addFlashAttribute("flash", message("flash.saved", request));
        return "redirect:/settings/pipelines/" + id.value();
    }

    private String pipelinesPage(Model model, InvalidInput problems) {
        model.addAttribute("pipelines", pipelines.all());
        model.addAttribute("templates", PipelineTemplate.values());
        model.addAttribute("problems", problems);
        return "sales/settings-pipelines";
    }

    private String pipelinePage(Model model, Pipeline pipeline, InvalidInput problems) {
        model.addAttribute("pipeline", pipeline);
        model.addAttribute("problems", problems);
        return "sales/settings-pipeline";
    }

    // --- lost reasons and the qualification checklist ---------------------------------------

    @GetMapping("/lost-reasons")
    String reasons(Model model) {
        model.addAttribute("reasons", lostReasons.all());
        return "sales/settings-lost-reasons";
    }

    @PostMapping("/lost-reasons")
    String addReason(@RequestParam(required = false) String label, Model model, RedirectAttributes redirect,
            HttpServletRequest request) {
        try {
            lostReasons.create(label);
        } catch (InvalidInput problems) {
            model.addAttribute("problems", problems);
            return reasons(model);
        }
        redirect.addFlashAttribute("flash", message("flash.saved", request));
        return "redirect:/settings/lost-reasons";
    }

    @PostMapping("/lost-reasons/{id}")
    String changeReason(@PathVariable LostReasonId id, @RequestParam(required = false) String label,
            @RequestParam(required = false) Integer position, @RequestParam(required = false) Boolean retired,
            @RequestParam long version, Model model, RedirectAttributes redirect, HttpServletRequest request) {
        try {
            lostReasons.change(id, label, position == null ? 0 : position, Boolean.TRUE.equals(retired), version);
        } catch (InvalidInput problems) {
            model.addAttribute("problems", problems);
            return reasons(model);
        }
        redirect.addFlashAttribute("flash", message("flash.saved", request));
        return "redirect:/settings/lost-reasons";
    }

    @GetMapping("/qualification")
    String checklist(Model model) {
        model.addAttribute("criteria", qualification.all());
        return "sales/settings-qualification";
    }

    @PostMapping("/qualification")
    String addCriterion(@RequestParam(required = false) String label, @RequestParam(required = false) Integer weight,
            Model model, RedirectAttributes redirect, HttpServletRequest request) {
        try {
            qualification.create(label, weight);
        } catch (InvalidInput problems) {
            model.addAttribute("problems", problems);
            return checklist(model);
        }
        redirect.addFlashAttribute("flash", message("flash.saved", request));
        return "redirect:/settings/qualification";
    }

    @PostMapping("/qualification/{id}")
    String changeCriterion(@PathVariable CriterionId id, @RequestParam(required = false) String label,
            @RequestParam(required = false) Integer weight, @RequestParam(required = false) Integer position,
            @RequestParam(required = false) Boolean retired, @RequestParam long version, Model model,
            RedirectAttributes redirect, HttpServletRequest request) {
        try {
            qualification.change(id, label, weight, position == null ? 0 : position, Boolean.TRUE.equals(retired), version);
        } catch (InvalidInput problems) {
            model.addAttribute("problems", problems);
            return checklist(model);
        }
        redirect.addFlashAttribute("flash", message("flash.saved", request));
        return "redirect:/settings/qualification";
    }

    // --- the lead pool and the web form ----------------------------------------------------

    @GetMapping("/lead-pool")
    String pool(Model model) {
        return poolPage(model, null);
    }

    @PostMapping("/lead-pool")
    String changePool(@RequestParam(required = false) Integer claimLimit, @RequestParam(required = false) Integer leadIdleDays,
            @RequestParam(required = false) Boolean roundRobin, @RequestParam(required = false) TeamId roundRobinTeamId,
            @RequestParam(required = false) Boolean webFormEnabled, @RequestParam(required = false) String acceptedCurrencies,
            @RequestParam(required = false) Integer defaultPaymentTerms, @RequestParam long version, Model model,
            RedirectAttributes redirect, HttpServletRequest request) {
        SalesSettings.Settings current = settings.current();
        boolean form = Boolean.TRUE.equals(webFormEnabled);
        if (form != current.webFormEnabled() && !Actors.current().is(Role.ADMIN)) {
            throw new AccessDeniedException("only an admin opens or closes the public web form");
        }
        List<String> currencies = acceptedCurrencies == null ? List.of()
                : Arrays.stream(acceptedCurrencies.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        try {
            settings.change(new SalesSettings.Change(claimLimit == null ? 0 : claimLimit,
                    leadIdleDays == null ? 0 : leadIdleDays, Boolean.TRUE.equals(roundRobin), roundRobinTeamId, form,
                    currencies, defaultPaymentTerms == null ? -1 : defaultPaymentTerms, version));
        } catch (InvalidInput problems) {
            return poolPage(model, problems);
        }
        redirect.addFlashAttribute("flash", message("flash.saved", request));
        return "redirect:/settings/lead-pool";
    }

    @AdminOnly
    @PostMapping("/lead-pool/form-key")
    String newFormKey(@RequestParam long version, RedirectAttributes redirect, HttpServletRequest request) {
        settings.newFormKey(version);
        redirect.addFlashAttribute("flash", message("leadPool.form.renewed", request));
        return "redirect:/settings/lead-pool";
    }

    private String poolPage(Model model, InvalidInput problems) {
        SalesSettings.Settings current = settings.current();
        model.addAttribute("settings", current);
        model.addAttribute("teams", directory.teams());
        model.addAttribute("workspaceCurrency", settings.workspaceCurrency());
        model.addAttribute("admin", Actors.current().is(Role.ADMIN));
        model.addAttribute("formPath", WebForm.path(current.webFormKey()));
        model.addAttribute("problems", problems);
        return "sales/settings-lead-pool";
    }

    private String message(String key, HttpServletRequest request, Object... args) {
        return messages.getMessage(key, args, request.getLocale());
    }
}
