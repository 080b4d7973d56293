package app.tickler.sales;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import app.tickler.identity.Directory;
import app.tickler.identity.TeamId;
import app.tickler.identity.UserId;
import app.tickler.identity.UserSummary;
import app.tickler.party.Account;
import app.tickler.party.AccountId;
import app.tickler.party.AccountInput;
import app.tickler.party.BuyingCentreMember;
import app.tickler.party.Contact;
import app.tickler.party.ContactId;
import app.tickler.party.CustomFields;
import app.tickler.party.Parties;
import app.tickler.platform.Conflict;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.RepOrAbove;
import app.tickler.platform.timeline.Timeline;
import app.tickler.platform.web.RecordPanels;
import jakarta.servlet.http.HttpServletRequest;

/** The pipeline board, the deal list, the deal page and its forms (new, edit, win, lose), and payments. */
@Controller
class DealPages {

    /** The deal form as typed: amounts, numbers and dates are text until read. */
    record DealForm(String name, Long accountId, String accountName, String amount, String currency, String probability,
            String expectedCloseDate, String paymentTermsDays, Long ownerId, Long pipelineId, Long stageId, String notes,
            List<Long> contactIds, Long version) {
    }

    private final Deals deals;
    private final Pipelines pipelines;
    private final Board board;
    private final PipelineStatistics statistics;
    private final SalesQueries queries;
    private final Payments payments;
    private final LostReasons lostReasons;
    private final SalesSettings settings;
    private final Parties parties;
    private final Directory directory;
    private final Timeline timeline;
    private final RecordPanels panels;
    private final Money money;
    private final MessageSource messages;
    private final java.time.Clock clock;
    private final CustomFields customFields;

    DealPages(Deals deals, Pipelines pipelines, Board board, PipelineStatistics statistics, SalesQueries queries,
            Payments payments, LostReasons lostReasons, SalesSettings settings, Parties parties, Directory directory,
            Timeline timeline, RecordPanels panels, Money money, MessageSource messages, java.time.Clock clock,
            CustomFields customFields) {
        this.customFields = customFields;
        this.clock = clock;
        this.deals = deals;
        this.pipelines = pipelines;
        this.board = board;
        this.statistics = statistics;
        this.queries = queries;
        this.payments = payments;
        this.lostReasons = lostReasons;
        this.settings = settings;
        this.parties = parties;
        this.directory = directory;
        this.timeline = timeline;
        this.panels = panels;
        this.money = money;
        this.messages = messages;
    }

    // --- the board --------------------------------------------------------------------------

    @AnyRole
    @GetMapping("/pipeline")
    String pipeline(HttpServletRequest request) {
        String query = request.getQueryString();
        return "redirect:/pipeline/" + pipelines.defaultPipeline().id().value() + (query == null ? "" : "?" + query);
    }

    @AnyRole
    @GetMapping("/pipeline/{id}")
    String board(@PathVariable PipelineId id, @RequestParam(required = false) UserId ownerId,
            @RequestParam(required = false) TeamId teamId, @RequestParam(required = false) String fragment, Model model) {
        model.addAttribute("board", board.of(id, new Board.Filter(ownerId, teamId)));
        model.addAttribute("pipelines", pipelines.active());
        model.addAttribute("users", directory.activeUsers());
        model.addAttribute("teams", directory.teams());
        model.addAttribute("ownerId", ownerId == null ? null : ownerId.value());
        model.addAttribute("teamId", teamId == null ? null : teamId.value());
        return "board".equals(fragment) ? "sales/board :: board" : "sales/board";
    }

    /** The next cards of a column ("more"), replacing the button. */
    @AnyRole
    @GetMapping("/pipeline/{id}/stages/{stageId}/more")
    String more(@PathVariable PipelineId id, @PathVariable StageId stageId, @RequestParam String cursor,
            @RequestParam(required = false) UserId ownerId, @RequestParam(required = false) TeamId teamId, Model model) {
        Page<Board.Card> page = board.column(stageId, new Board.Filter(ownerId, teamId), Paging.of(Board.CARDS_PER_COLUMN, cursor));
        model.addAttribute("cards", page.items());
        model.addAttribute("next", page.nextCursor());
        model.addAttribute("pipelineId", id.value());
        model.addAttribute("stageId", stageId.value());
        model.addAttribute("ownerId", ownerId == null ? null : ownerId.value());
        model.addAttribute("teamId", teamId == null ? null : teamId.value());
        return "sales/board :: more";
    }

    /**
     * A card dropped on another column. Answers the moved card and both columns' new counts and sums;
     * a deal changed by someone else meanwhile answers 409 with where it is now, and the board reloads.
     */
    @RepOrAbove
    @PostMapping("/pipeline/deals/{id}/move")
    String drop(@PathVariable DealId id, @RequestParam StageId stageId, @RequestParam long version,
            @RequestParam(required = false) UserId ownerId, @RequestParam(required = false) TeamId teamId, Model model) {
        Deal before = deals.visible(id);
        Deal moved;
        try {
            moved = deals.move(id, stageId, version, null);
        } catch (StaleVersion stale) {
            Deal now = deals.visible(id);
            throw new Conflict("«" + now.name() + "» was changed by someone else meanwhile and is now in «"
                    + now.stageName() + "»" + (now.isOpen() ? "" : " (" + now.status().name().toLowerCase() + ")")
                    + ". The board shows it as it is now; move it again if you still want to.");
        }
        Board.Filter filter = new Board.Filter(ownerId, teamId);
        model.addAttribute("card", board.card(moved));
        model.addAttribute("pipelineId", moved.pipelineId().value());
        model.addAttribute("headers", List.of(board.header(before.stageId(), filter), board.header(moved.stageId(), filter)));
        return "sales/board :: moved";
    }

    @AnyRole
    @GetMapping("/pipeline/{id}/statistics")
    String statistics(@PathVariable PipelineId id, @RequestParam(required = false) LocalDate since, Model model) {
        model.addAttribute("stats", statistics.of(id, since));
        model.addAttribute("pipelines", pipelines.active());
        return "sales/statistics";
    }

    // --- the list ---------------------------------------------------------------------------

    @AnyRole
    @GetMapping("/deals")
    String list(@RequestParam(required = false) PipelineId pipelineId, @RequestParam(required = false) DealStatus status,
            @RequestParam(required = false) UserId ownerId, @RequestParam(required = false) TeamId teamId,
            @RequestParam(required = false) DealOrigin origin, @RequestParam(required = false) String q,
            @RequestParam(required = false) AccountId accountId, @RequestParam(required = false) ContactId contactId,
            @RequestParam(required = false) SalesQueries.DealSort sort, @RequestParam(required = false) String cursor,
            Model model) {
        Page<Deal> page = queries.deals(new SalesQueries.DealFilter(pipelineId, null, status, ownerId, teamId, accountId,
                contactId, origin, q), sort, Paging.of(50, cursor));
        model.addAttribute("page", page);
        model.addAttribute("accounts", accountNames(page.items()));
        model.addAttribute("owners", userNames(page.items().stream().map(Deal::ownerId).toList()));
        model.addAttribute("pipelines", pipelines.all());
        model.addAttribute("users", directory.activeUsers());
        model.addAttribute("teams", directory.teams());
        model.addAttribute("statuses", DealStatus.values());
        model.addAttribute("origins", DealOrigin.values());
        model.addAttribute("sorts", SalesQueries.DealSort.values());
        model.addAttribute("filter", Map.of("pipelineId", pipelineId == null ? "" : pipelineId.value(),
                "status", status == null ? "" : status.name(), "ownerId", ownerId == null ? "" : ownerId.value(),
                "teamId", teamId == null ? "" : teamId.value(), "origin", origin == null ? "" : origin.name(),
                "q", q == null ? "" : q, "sort", sort == null ? "" : sort.name()));
        return "sales/deals";
    }

    // --- one deal ---------------------------------------------------------------------------

    @AnyRole
    @GetMapping("/deals/{id}")
    String deal(@PathVariable DealId id, @RequestParam(required = false) String timelineCursor, Model model) {
        Deal deal = deals.visible(id);
        Pipeline pipeline = pipelines.get(deal.pipelineId());
        model.addAttribute("deal", deal);
        model.addAttribute("pipeline", pipeline);
        model.addAttribute("account", parties.account(deal.accountId()).orElse(null));
        Map<ContactId, Contact> contacts = parties.contacts(deal.contactIds());
        model.addAttribute("contacts", contacts);
        model.addAttribute("owner", directory.user(deal.ownerId()).map(UserSummary::displayName).orElse("—"));
        model.addAttribute("history", deals.history(id));
        model.addAttribute("payments", payments.ofDeal(id));
        model.addAttribute("today", Actors.current().today(clock));
        model.addAttribute("lostReasons", lostReasons.active());
        Pipeline.Stage stage = pipeline.stage(deal.stageId()).orElseThrow();
        model.addAttribute("idle", deal.idle(stage.idleDays(), clock.instant()));
        model.addAttribute("timeline", timeline.of(Deals.subject(deal), Paging.of(20, timelineCursor)));
        model.addAttribute("panels", panels.of("deal", id.value()));
        model.addAttribute("customFields", customFields.of("deal", true).stream()
                .filter(f -> !f.archived() || deal.custom().containsKey(f.key())).toList());
        model.addAttribute("actions", panels.actions("deal", id.value(), Actors.current().role()));
        model.addAttribute("canWrite", Actors.current().canWrite(deal.owner()));
        return "sales/deal";
    }

    @RepOrAbove
    @GetMapping("/deals/new")
    String newDeal(@RequestParam(required = false) AccountId accountId, @RequestParam(required = false) PipelineId pipelineId,
            @RequestParam(required = false) StageId stageId, Model model) {
        Account account = accountId == null ? null : parties.visibleAccount(accountId);
        Pipeline pipeline = pipelineId == null ? pipelines.defaultPipeline() : pipelines.get(pipelineId);
        DealForm form = new DealForm(account == null ? "" : account.name(), accountId == null ? null : accountId.value(),
                "", "", settings.workspaceCurrency(), "", "", Integer.toString(settings.current().defaultPaymentTerms()),
                Actors.current().userId(), pipeline.id().value(), stageId == null ? null : stageId.value(), "", List.of(),
                null);
        return form(model, null, form, null, null);
    }

    @RepOrAbove
    @PostMapping("/deals")
    String create(DealForm form, @RequestParam(required = false) Boolean accountConfirmed, Model model,
            RedirectAttributes redirect, HttpServletRequest request) {
        Map<String, Object> custom = customFields.fromForm("deal", request.getParameterMap());
        Deal created;
        try {
            DealInput input = input(form, null, custom);
            if (form.accountId() == null && !Boolean.TRUE.equals(accountConfirmed)
                    && !parties.accountDuplicates(AccountInput.named(form.accountName().strip())).isEmpty()) {
                // the duplicate detection found accounts like it: let the person pick one or confirm a new one
                throw new InvalidInput("accountName", "looks like an existing account: pick it below, or keep "
                        + "\"A new account\" to create one");
            }
            created = form.accountId() == null ? deals.createWithNewAccount(blankToNull(form.accountName()), input)
                    : deals.create(input, null);
        } catch (InvalidInput problems) {
            return form(model, null, form, problems, custom);
        }
        redirect.addFlashAttribute("flash", message("deals.created", request, created.name()));
        return "redirect:/deals/" + created.id().value();
    }

    @RepOrAbove
    @GetMapping("/deals/{id}/edit")
    String edit(@PathVariable DealId id, Model model) {
        Deal deal = deals.writable(id);
        DealForm form = new DealForm(deal.name(), deal.accountId().value(), null,
                money.plain(deal.amountMinor(), deal.currency()), deal.currency(),
                deal.probabilitySet() ? Integer.toString(deal.probability()) : "",
                deal.expectedCloseDate() == null ? "" : deal.expectedCloseDate().toString(),
                Integer.toString(deal.paymentTermsDays()), deal.ownerId().value(), deal.pipelineId().value(),
                deal.stageId().value(), deal.notes(), deal.contactIds().stream().map(ContactId::value).toList(),
                deal.version());
        return form(model, deal, form, null, null);
    }

    @RepOrAbove
    @PostMapping("/deals/{id}")
    String update(@PathVariable DealId id, DealForm form, Model model, RedirectAttributes redirect,
            HttpServletRequest request) {
        Deal deal = deals.writable(id);
        Map<String, Object> custom = customFields.fromForm("deal", request.getParameterMap());
        try {
            deals.update(id, input(form, deal, custom), form.version() == null ? -1 : form.version());
        } catch (InvalidInput problems) {
            return form(model, deal, form, problems, custom);
        }
        redirect.addFlashAttribute("flash", message("flash.saved", request));
        return "redirect:/deals/" + id.value();
    }

    @RepOrAbove
    @PostMapping("/deals/{id}/move")
    String move(@PathVariable DealId id, @RequestParam StageId stageId, @RequestParam long version,
            @RequestParam(required = false) String reason, RedirectAttributes redirect, HttpServletRequest request) {
        Deal moved = deals.move(id, stageId, version, reason);
        redirect.addFlashAttribute("flash", message("deals.moved", request, moved.stageName()));
        return "redirect:/deals/" + id.value();
    }

    @RepOrAbove
    @PostMapping("/deals/repeat")
    String repeat(@RequestParam AccountId accountId, RedirectAttributes redirect, HttpServletRequest request) {
        Account account = parties.visibleAccount(accountId);
        Deal deal = deals.createRepeat(accountId, message("deals.repeat.name", request, account.name()), null);
        redirect.addFlashAttribute("flash", message("deals.repeat.created", request, deal.stageName()));
        return "redirect:/deals/" + deal.id().value();
    }

    // --- won and lost -----------------------------------------------------------------------

    @RepOrAbove
    @GetMapping("/deals/{id}/win")
    String winForm(@PathVariable DealId id, @RequestParam(required = false) String amount,
            @RequestParam(required = false) Integer installments, Model model) {
        Deal deal = deals.writable(id);
        InvalidInput.Collector problems = new InvalidInput.Collector();
        Long amountMinor = Money.parse("amount", amount, deal.currency(), problems);
        int count = installments == null ? 1 : Math.max(1, Math.min(60, installments));
        long won = amountMinor == null ? deal.amountMinor() : amountMinor;
        List<PaymentSchedule.Installment> schedule = deals.defaultSchedule(deal, won, count);
        List<Map<String, String>> rows = schedule.stream().map(i -> Map.of("amount", money.plain(i.amountMinor(), deal.currency()),
                "dueOn", i.dueOn().toString(), "reference", "")).collect(Collectors.toList());
        return winPage(model, deal, money.plain(won, deal.currency()), count, rows, null);
    }

    @RepOrAbove
    @PostMapping("/deals/{id}/win")
    String win(@PathVariable DealId id, @RequestParam(required = false) String amount, @RequestParam long version,
            @RequestParam(required = false) List<String> paymentAmount, @RequestParam(required = false) List<String> paymentDue,
            @RequestParam(required = false) List<String> paymentReference, Model model, RedirectAttributes redirect,
            HttpServletRequest request) {
        Deal deal = deals.writable(id);
        InvalidInput.Collector problems = new InvalidInput.Collector();
        Long won = Money.parse("amount", amount, deal.currency(), problems);
        List<Deals.Invoice> invoices = new ArrayList<>();
        List<Map<String, String>> rows = new ArrayList<>();
        int count = paymentAmount == null ? 0 : paymentAmount.size();
        for (int i = 0; i < count; i++) {
            String a = paymentAmount.get(i);
            String due = paymentDue != null && paymentDue.size() > i ? paymentDue.get(i) : "";
            String ref = paymentReference != null && paymentReference.size() > i ? paymentReference.get(i) : "";
            rows.add(Map.of("amount", a == null ? "" : a, "dueOn", due == null ? "" : due, "reference", ref == null ? "" : ref));
            if ((a == null || a.isBlank()) && (due == null || due.isBlank())) {
                continue;
            }
            Long minor = Money.parse("payments[" + i + "].amountMinor", a, deal.currency(), problems);
            LocalDate dueOn = null;
            try {
                dueOn = due == null || due.isBlank() ? null : LocalDate.parse(due);
            } catch (DateTimeParseException e) {
                problems.add("payments[" + i + "].dueOn", "must be a date YYYY-MM-DD");
            }
            invoices.add(new Deals.Invoice(minor, dueOn, ref));
        }
        try {
            problems.throwIfAny();
            deals.win(id, won, invoices, version);
        } catch (InvalidInput invalid) {
            return winPage(model, deal, amount, Math.max(1, rows.size()), rows, invalid);
        }
        redirect.addFlashAttribute("flash", message("deals.won.flash", request, deal.name()));
        return "redirect:/deals/" + id.value();
    }

    @RepOrAbove
    @PostMapping("/deals/{id}/lose")
    String lose(@PathVariable DealId id, @RequestParam(required = false) LostReasonId reasonId,
            @RequestParam(required = false) String note, @RequestParam long version, Model model,
            RedirectAttributes redirect, HttpServletRequest request) {
        try {
            deals.lose(id, reasonId, note, version);
        } catch (InvalidInput problems) {
            model.addAttribute("loseProblems", problems);
            return deal(id, null, model);
        }
        redirect.addFlashAttribute("flash", message("deals.lost.flash", request));
        return "redirect:/deals/" + id.value();
    }

    @RepOrAbove
    @PostMapping("/deals/{id}/reopen")
    String reopen(@PathVariable DealId id, @RequestParam long version, RedirectAttributes redirect,
            HttpServletRequest request) {
        deals.reopen(id, version);
        redirect.addFlashAttribute("flash", message("deals.reopened", request));
        return "redirect:/deals/" + id.value();
    }

    // --- payments ---------------------------------------------------------------------------

    @RepOrAbove
    @PostMapping("/deals/{id}/payments")
    String addPayment(@PathVariable DealId id, @RequestParam(required = false) String amount,
            @RequestParam(required = false) String dueOn, @RequestParam(required = false) String reference,
            RedirectAttributes redirect, HttpServletRequest request) {
        Deal deal = deals.visible(id);
        InvalidInput.Collector problems = new InvalidInput.Collector();
        Long minor = Money.parse("amountMinor", amount, deal.currency(), problems);
        LocalDate due = null;
        try {
            due = dueOn == null || dueOn.isBlank() ? null : LocalDate.parse(dueOn);
        } catch (DateTimeParseException e) {
            problems.add("dueOn", "must be a date YYYY-MM-DD");
        }
        problems.throwIfAny();
        payments.add(id, minor, due, reference);
        redirect.addFlashAttribute("flash", message("flash.saved", request));
        return "redirect:/deals/" + id.value();
    }

    @RepOrAbove
    @PostMapping("/payments/{id}/paid")
    String paid(@PathVariable PaymentId id, @RequestParam long version, @RequestParam(required = false) LocalDate paidOn,
            RedirectAttributes redirect, HttpServletRequest request) {
        Payment payment = payments.markPaid(id, paidOn, version);
        redirect.addFlashAttribute("flash", message("payments.paid.flash", request));
        return "redirect:/deals/" + payment.dealId().value();
    }

    @RepOrAbove
    @PostMapping("/payments/{id}/unpaid")
    String unpaid(@PathVariable PaymentId id, @RequestParam long version, RedirectAttributes redirect,
            HttpServletRequest request) {
        Payment payment = payments.markUnpaid(id, version);
        redirect.addFlashAttribute("flash", message("flash.saved", request));
        return "redirect:/deals/" + payment.dealId().value();
    }

    // --- helpers ----------------------------------------------------------------------------

    /** The deal form; {@code custom} holds the custom field values as typed, or null to show the deal's. */
    private String form(Model model, Deal deal, DealForm form, InvalidInput problems, Map<String, Object> custom) {
        model.addAttribute("deal", deal);
        model.addAttribute("customFields", customFields.of("deal", false));
        model.addAttribute("customValues", custom != null ? custom : deal != null ? deal.custom() : Map.of());
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("pipelines", pipelines.active());
        model.addAttribute("users", directory.activeUsers().stream()
                .filter(u -> u.role() != app.tickler.platform.security.Role.STAFF).toList());
        model.addAttribute("currencies", settings.acceptedCurrencies());
        Account account = form.accountId() == null ? null : parties.account(new AccountId(form.accountId())).orElse(null);
        model.addAttribute("account", account);
        List<BuyingCentreMember> members = account == null ? List.of() : parties.buyingCentre(account.id());
        model.addAttribute("members", members);
        model.addAttribute("accountMatches", account == null && form.accountName() != null && !form.accountName().isBlank()
                ? parties.accountDuplicates(AccountInput.named(form.accountName())) : List.of());
        return "sales/deal-form";
    }

    private DealInput input(DealForm form, Deal before, Map<String, Object> custom) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String currency = blankToNull(form.currency());
        Long amount = Money.parse("amountMinor", form.amount(), currency == null ? settings.workspaceCurrency() : currency,
                problems);
        Integer probability = integer(problems, "probability", form.probability());
        Integer terms = integer(problems, "paymentTermsDays", form.paymentTermsDays());
        LocalDate close = null;
        try {
            close = blankToNull(form.expectedCloseDate()) == null ? null : LocalDate.parse(form.expectedCloseDate().strip());
        } catch (DateTimeParseException e) {
            problems.add("expectedCloseDate", "must be a date YYYY-MM-DD");
        }
        if (form.accountId() == null && blankToNull(form.accountName()) == null) {
            problems.add("accountName", "is required: the account the deal is with");
        }
        problems.throwIfAny();
        Map<ContactId, app.tickler.party.BuyingRole> roles = new LinkedHashMap<>();
        if (before != null) {
            before.contacts().forEach(c -> roles.put(c.contactId(), c.role()));
        }
        if (form.accountId() != null) {
            parties.buyingCentre(new AccountId(form.accountId())).forEach(m -> roles.putIfAbsent(m.contactId(), m.role()));
        }
        List<Deal.DealContact> contacts = form.contactIds() == null ? List.of() : form.contactIds().stream()
                .map(c -> new Deal.DealContact(new ContactId(c), roles.get(new ContactId(c)))).toList();
        return new DealInput(form.name(), form.accountId() == null ? null : new AccountId(form.accountId()), contacts,
                amount, currency, probability, close, terms, form.ownerId() == null ? null : new UserId(form.ownerId()),
                before == null ? DealOrigin.NEW_BUSINESS : before.origin(),
                form.pipelineId() == null ? null : new PipelineId(form.pipelineId()),
                form.stageId() == null ? null : new StageId(form.stageId()), form.notes(), custom);
    }

    private String winPage(Model model, Deal deal, String amount, int installments, List<Map<String, String>> rows,
            InvalidInput problems) {
        model.addAttribute("deal", deal);
        model.addAttribute("amount", amount);
        model.addAttribute("installments", installments);
        model.addAttribute("rows", rows);
        model.addAttribute("problems", problems);
        return "sales/win";
    }

    private Map<AccountId, String> accountNames(List<Deal> items) {
        return parties.accounts(items.stream().map(Deal::accountId).toList()).values().stream()
                .collect(Collectors.toMap(Account::id, Account::name));
    }

    private Map<UserId, String> userNames(List<UserId> ids) {
        return directory.users(ids).stream().collect(Collectors.toMap(UserSummary::id, UserSummary::displayName, (a, b) -> a));
    }

    private static Integer integer(InvalidInput.Collector problems, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            problems.add(field, "must be a whole number");
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private String message(String key, HttpServletRequest request, Object... args) {
        return messages.getMessage(key, args, request.getLocale());
    }
}
