package app.tickler.sales;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.tickler.identity.Directory;
import app.tickler.identity.UserId;
import app.tickler.identity.UserSummary;
import app.tickler.party.AccountId;
import app.tickler.party.BuyingRole;
import app.tickler.party.CustomFields;
import app.tickler.party.ContactId;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.RepOrAbove;
import app.tickler.platform.security.Role;
import app.tickler.platform.timeline.Timeline;
import app.tickler.platform.web.RecordPanels;
import jakarta.servlet.http.HttpServletRequest;

/** The lead pages: the pool and lists, capture and referral, the lead page, claim, qualify, convert, disqualify. */
@Controller
class LeadPages {

    record LeadForm(String firstName, String lastName, String title, String company, String email, String phone,
            LeadSource source, String sourceDetail, String notes, Long ownerId, Boolean keep, Long version) {
    }

    private final Leads leads;
    private final LeadConversion conversion;
    private final SalesQueries queries;
    private final Qualification qualification;
    private final Pipelines pipelines;
    private final Referrals referrals;
    private final Directory directory;
    private final Timeline timeline;
    private final RecordPanels panels;
    private final SalesSettings settings;
    private final MessageSource messages;
    private final CustomFields customFields;

    LeadPages(Leads leads, LeadConversion conversion, SalesQueries queries, Qualification qualification,
            Pipelines pipelines, Referrals referrals, Directory directory, Timeline timeline, RecordPanels panels,
            SalesSettings settings, MessageSource messages, CustomFields customFields) {
        this.customFields = customFields;
        this.leads = leads;
        this.conversion = conversion;
        this.queries = queries;
        this.qualification = qualification;
        this.pipelines = pipelines;
        this.referrals = referrals;
        this.directory = directory;
        this.timeline = timeline;
        this.panels = panels;
        this.settings = settings;
        this.messages = messages;
    }

    @AnyRole
    @GetMapping("/leads")
    String list(@RequestParam(required = false) SalesQueries.LeadView view,
            @RequestParam(required = false) LeadStatus status, @RequestParam(required = false) LeadSource source,
            @RequestParam(required = false) String q, @RequestParam(required = false) String cursor, Model model) {
        SalesQueries.LeadView shown = view != null ? view
                : Actors.current().role() == Role.STAFF ? SalesQueries.LeadView.ALL : SalesQueries.LeadView.POOL;
        UserId referrer = Actors.current().role() == Role.STAFF && shown == SalesQueries.LeadView.ALL
                ? new UserId(Actors.current().userId()) : null;
        Page<Lead> page = queries.leads(new SalesQueries.LeadFilter(shown, status, null, source, referrer, q),
                SalesQueries.LeadSort.NEWEST, Paging.of(50, cursor));
        model.addAttribute("page", page);
        model.addAttribute("view", shown.name());
        model.addAttribute("status", status == null ? "" : status.name());
        model.addAttribute("source", source == null ? "" : source.name());
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("statuses", LeadStatus.values());
        model.addAttribute("sources", LeadSource.values());
        model.addAttribute("owners", names(page.items().stream().map(Lead::ownerId).toList()));
        return "sales/leads";
    }

    @AnyRole
    @GetMapping("/leads/new")
    String newLead(Model model) {
        boolean staff = Actors.current().role() == Role.STAFF;
        return form(model, null, new LeadForm("", "", "", "", "", "", staff ? LeadSource.REFERRAL : LeadSource.OTHER, "",
                "", null, !staff, null), null, null);
    }

    /** Capture: a seller may keep the lead; staff (and sellers who do not keep it) refer it to the pool. */
    @AnyRole
    @PostMapping("/leads")
    String create(LeadForm form, Model model, RedirectAttributes redirect, HttpServletRequest request) {
        boolean staff = Actors.current().role() == Role.STAFF;
        boolean keep = !staff && Boolean.TRUE.equals(form.keep());
        UserId owner = keep ? (form.ownerId() == null ? new UserId(Actors.current().userId()) : new UserId(form.ownerId()))
                : null;
        Map<String, Object> custom = customFields.fromForm("lead", request.getParameterMap());
        Lead created;
        try {
            created = leads.create(new LeadInput(form.firstName(), form.lastName(), form.title(), form.company(),
                    form.email(), form.phone(), form.source(), form.sourceDetail(), null, null, form.notes(), owner,
                    custom));
        } catch (InvalidInput problems) {
            return form(model, null, form, problems, custom);
        }
        redirect.addFlashAttribute("flash", message(staff ? "leads.referred" : "leads.created", request,
                created.displayName()));
        return staff ? "redirect:/leads" : "redirect:/leads/" + created.id().value();
    }

    @AnyRole
    @GetMapping("/leads/{id}")
    String lead(@PathVariable LeadId id, @RequestParam(required = false) String timelineCursor, Model model) {
        Lead lead = leads.visible(id);
        model.addAttribute("lead", lead);
        model.addAttribute("owner", lead.ownerId() == null ? null
                : directory.user(lead.ownerId()).map(UserSummary::displayName).orElse("—"));
        model.addAttribute("referrer", lead.referredByUserId() == null ? null
                : directory.user(lead.referredByUserId()).map(UserSummary::displayName).orElse("—"));
        model.addAttribute("criteria", qualification.active());
        model.addAttribute("canWrite", Actors.current().canWrite(lead.owner()));
        model.addAttribute("isOwner", lead.ownerId() != null && lead.ownerId().value() == Actors.current().userId());
        model.addAttribute("timeline", timeline.of(Leads.subject(lead), Paging.of(20, timelineCursor)));
        model.addAttribute("panels", panels.of("lead", id.value()));
        model.addAttribute("customFields", customFields.of("lead", true).stream()
                .filter(f -> !f.archived() || lead.custom().containsKey(f.key())).toList());
        model.addAttribute("actions", panels.actions("lead", id.value(), Actors.current().role()));
        if (lead.active() && Actors.current().canWrite(lead.owner()) && Actors.current().role() != Role.STAFF) {
            model.addAttribute("matches", conversion.matches(id));
            model.addAttribute("pipelines", pipelines.active());
            model.addAttribute("roles", BuyingRole.values());
            model.addAttribute("currencies", settings.acceptedCurrencies());
        }
        return "sales/lead";
    }

    @RepOrAbove
    @GetMapping("/leads/{id}/edit")
    String edit(@PathVariable LeadId id, Model model) {
        Lead lead = leads.writable(id);
        return form(model, lead, new LeadForm(lead.firstName(), lead.lastName(), lead.title(), lead.company(),
                lead.email(), lead.phone(), lead.source(), lead.sourceDetail(), lead.notes(),
                lead.ownerId() == null ? null : lead.ownerId().value(), null, lead.version()), null, null);
    }

    @RepOrAbove
    @PostMapping("/leads/{id}")
    String update(@PathVariable LeadId id, LeadForm form, Model model, RedirectAttributes redirect,
            HttpServletRequest request) {
        Lead lead = leads.writable(id);
        Map<String, Object> custom = customFields.fromForm("lead", request.getParameterMap());
        try {
            leads.update(id, new LeadInput(form.firstName(), form.lastName(), form.title(), form.company(), form.email(),
                    form.phone(), form.source(), form.sourceDetail(), lead.referredByUserId(), lead.referredByContactId(),
                    form.notes(), form.ownerId() == null ? null : new UserId(form.ownerId()), custom),
                    form.version() == null ? -1 : form.version());
        } catch (InvalidInput problems) {
            return form(model, lead, form, problems, custom);
        }
        redirect.addFlashAttribute("flash", message("flash.saved", request));
        return "redirect:/leads/" + id.value();
    }

    @RepOrAbove
    @PostMapping("/leads/{id}/claim")
    String claim(@PathVariable LeadId id, RedirectAttributes redirect, HttpServletRequest request) {
        Lead lead = leads.claim(id);
        redirect.addFlashAttribute("flash", message("leads.claimed", request, lead.displayName()));
        return "redirect:/leads/" + id.value();
    }

    @RepOrAbove
    @PostMapping("/leads/{id}/release")
    String release(@PathVariable LeadId id, RedirectAttributes redirect, HttpServletRequest request) {
        Lead lead = leads.release(id);
        redirect.addFlashAttribute("flash", message("leads.released", request, lead.displayName()));
        return "redirect:/leads?view=MINE";
    }

    @RepOrAbove
    @PostMapping("/leads/{id}/qualification")
    String qualify(@PathVariable LeadId id, @RequestParam(required = false) List<Long> checked,
            @RequestParam long version, RedirectAttributes redirect, HttpServletRequest request) {
        leads.qualify(id, checked == null ? List.of() : checked.stream().map(CriterionId::new).toList(), version);
        redirect.addFlashAttribute("flash", message("flash.saved", request));
        return "redirect:/leads/" + id.value();
    }

    @RepOrAbove
    @PostMapping("/leads/{id}/disqualify")
    String disqualify(@PathVariable LeadId id, @RequestParam(required = false) String reason, @RequestParam long version,
            Model model, RedirectAttributes redirect, HttpServletRequest request) {
        try {
            leads.disqualify(id, reason, version);
        } catch (InvalidInput problems) {
            model.addAttribute("disqualifyProblems", problems);
            return lead(id, null, model);
        }
        redirect.addFlashAttribute("flash", message("leads.disqualified", request));
        return "redirect:/leads/" + id.value();
    }

    /**
     * Converts the lead: {@code account} is "new" or an existing account's id from the matches,
     * {@code contact} likewise; {@code withDeal} opens a deal in the chosen pipeline.
     */
    @RepOrAbove
    @PostMapping("/leads/{id}/convert")
    String convert(@PathVariable LeadId id, @RequestParam(defaultValue = "new") String account,
            @RequestParam(required = false) String accountName, @RequestParam(defaultValue = "new") String contact,
            @RequestParam(required = false) BuyingRole role, @RequestParam(required = false) Boolean keyPerson,
            @RequestParam(required = false) Boolean withDeal, @RequestParam(required = false) String dealName,
            @RequestParam(required = false) PipelineId pipelineId, @RequestParam(required = false) String amount,
            @RequestParam(required = false) String currency, @RequestParam long version, Model model,
            RedirectAttributes redirect, HttpServletRequest request) {
        LeadConversion.Result result;
        try {
            InvalidInput.Collector problems = new InvalidInput.Collector();
            String dealCurrency = currency == null || currency.isBlank() ? settings.workspaceCurrency() : currency;
            Long amountMinor = Money.parse("deal.amountMinor", amount, dealCurrency, problems);
            problems.throwIfAny();
            boolean newAccount = "new".equals(account);
            boolean newContact = "new".equals(contact);
            if ((!newAccount && !account.matches("\\d{1,19}")) || (!newContact && !contact.matches("\\d{1,19}"))) {
                throw new InvalidInput(newAccount ? "contact" : "account", "must be \"new\" or the id of a match");
            }
            result = conversion.convert(id, new LeadConversion.Conversion(
                    newAccount ? null : new AccountId(Long.parseLong(account)), accountName,
                    newContact ? null : new ContactId(Long.parseLong(contact)), role, keyPerson, newAccount || newContact,
                    Boolean.TRUE.equals(withDeal) ? new LeadConversion.NewDeal(dealName, pipelineId, null, amountMinor,
                            dealCurrency, null) : null, version));
        } catch (InvalidInput problems) {
            model.addAttribute("convertProblems", problems);
            return lead(id, null, model);
        }
        redirect.addFlashAttribute("flash", message("leads.converted", request, result.account().name()));
        return result.deal() != null ? "redirect:/deals/" + result.deal().id().value() : "redirect:/leads/" + id.value();
    }

    @AnyRole
    @GetMapping("/leads/referrals")
    String referrals(@RequestParam(required = false) LocalDate since, Model model) {
        LocalDate from = since == null ? referrals.defaultSince() : since;
        model.addAttribute("board", referrals.leaderboard(from));
        model.addAttribute("since", from);
        model.addAttribute("currency", settings.workspaceCurrency());
        return "sales/referrals";
    }

    /** The lead form; {@code custom} holds the custom field values as typed, or null to show the lead's. */
    private String form(Model model, Lead lead, LeadForm form, InvalidInput problems, Map<String, Object> custom) {
        model.addAttribute("lead", lead);
        model.addAttribute("customFields", customFields.of("lead", false));
        model.addAttribute("customValues", custom != null ? custom : lead != null ? lead.custom() : Map.of());
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("sources", LeadSource.values());
        model.addAttribute("staff", Actors.current().role() == Role.STAFF);
        model.addAttribute("users", directory.activeUsers().stream().filter(u -> u.role() != Role.STAFF).toList());
        return "sales/lead-form";
    }

    private Map<UserId, String> names(List<UserId> ids) {
        return directory.users(ids.stream().filter(java.util.Objects::nonNull).toList()).stream()
                .collect(Collectors.toMap(UserSummary::id, UserSummary::displayName, (a, b) -> a));
    }

    private String message(String key, HttpServletRequest request, Object... args) {
        return messages.getMessage(key, args, request.getLocale());
    }
}
