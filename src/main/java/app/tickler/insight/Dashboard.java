package app.tickler.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

import app.tickler.followup.FollowUpFigures;
import app.tickler.identity.Directory;
import app.tickler.identity.TeamId;
import app.tickler.identity.UserId;
import app.tickler.identity.UserSummary;
import app.tickler.party.PartyFigures;
import app.tickler.party.RelationshipStage;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.sales.DealOrigin;
import app.tickler.sales.PipelineSummary;
import app.tickler.sales.SalesCycle;
import app.tickler.sales.SalesFigures;
import app.tickler.sales.StageSummary;

/**
 * The KPI dashboard (seed 000: indicators that balance the short and the long term). Activity comes
 * from the daily counters (a team's quarter is a few thousand counter rows, whatever the number of
 * touches); deals, customers and forecasts from indexed reads of the sales and party modules. A rep
 * sees their own numbers; managers and admins anybody's, a team's or everybody's.
 */
@Service
class Dashboard {

    static final int MAX_DAYS = 366;
    static final int FORECAST_MONTHS = 12;
    static final int CASH_MONTHS_AHEAD = 6;

    /** What to show: a period and, optionally, a team or one person. */
    record Filter(LocalDate from, LocalDate to, TeamId team, UserId user) {
    }

    private final DailyCounters counters;
    private final FollowUpFigures followUps;
    private final SalesFigures sales;
    private final SalesCycle salesCycle;
    private final PartyFigures parties;
    private final CoverageSnapshots coverageSnapshots;
    private final Directory directory;
    private final MessageSource messages;
    private final Clock clock;

    Dashboard(DailyCounters counters, FollowUpFigures followUps, SalesFigures sales, SalesCycle salesCycle,
            PartyFigures parties, CoverageSnapshots coverageSnapshots, Directory directory, MessageSource messages,
            Clock clock) {
        this.coverageSnapshots = coverageSnapshots;
        this.counters = counters;
        this.followUps = followUps;
        this.sales = sales;
        this.salesCycle = salesCycle;
        this.parties = parties;
        this.directory = directory;
        this.messages = messages;
        this.clock = clock;
    }

    /** The filter as given, checked, with the defaults: this quarter, and for a rep always themselves. */
    Filter filter(LocalDate from, LocalDate to, TeamId team, UserId user) {
        Actor actor = Actors.current();
        LocalDate today = actor.today(clock);
        LocalDate quarterStart = today.withDayOfMonth(1).withMonth(((today.getMonthValue() - 1) / 3) * 3 + 1);
        LocalDate start = from == null ? quarterStart : from;
        LocalDate end = to == null ? (from == null ? quarterStart.plusMonths(3).minusDays(1) : start.plusMonths(3).minusDays(1)) : to;
        InvalidInput.Collector problems = new InvalidInput.Collector();
        problems.check(!end.isBefore(start), "to", "must not be before from");
        problems.check(!end.isAfter(start.plusDays(MAX_DAYS - 1)), "to", "a period is at most " + MAX_DAYS + " days");
        if (!actor.isManagerOrAdmin()) {
            problems.check(team == null, "teamId", "only managers see a team's numbers");
            problems.check(user == null || user.value() == actor.userId(), "userId", "you see your own numbers");
        }
        if (team != null && directory.teams().stream().noneMatch(t -> t.id().equals(team))) {
            problems.add("teamId", "is not a team of this workspace");
        }
        if (user != null && directory.user(user).isEmpty()) {
            problems.add("userId", "is not a user of this workspace");
        }
        problems.throwIfAny();
        return new Filter(start, end, team, actor.isManagerOrAdmin() ? user : new UserId(actor.userId()));
    }

    /** The users whose numbers are shown, null for everybody. */
    Set<Long> users(Filter filter) {
        if (filter.user() != null) {
            return Set.of(filter.user().value());
        }
        if (filter.team() != null) {
            Set<Long> members = new LinkedHashSet<>();
            directory.teamMembers(filter.team()).forEach(u -> members.add(u.value()));
            return members;
        }
        return null;
    }

    DashboardView view(Filter filter, Locale locale) {
        long started = System.nanoTime();
        Set<Long> users = users(filter);
        Labels labels = new Labels(messages, locale);
        // the active colleagues all appear; one who has left appears where their figures are, by name
        Map<Long, String> names = new HashMap<>();
        Map<Long, String> former = new HashMap<>();
        directory.everyone().forEach(u -> (u.active() ? names : former).put(u.id().value(),
                u.active() ? u.displayName() : labels.get("insight.formerUserNamed", u.displayName())));
        Instant from = filter.from().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = filter.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<DashboardView.Kpi> kpis = new ArrayList<>();
        List<Chart> charts = new ArrayList<>();

        // --- short term: activity from the counters ---------------------------------------------
        Map<Metric, Map<Long, Long>> byUser = new HashMap<>();
        for (DailyCounters.Sum sum : counters.sums(List.of(Metric.TOUCHES, Metric.FOLLOW_UPS_DONE, Metric.FOLLOW_UPS_ON_TIME,
                Metric.EARLY_GIVE_UPS), filter.from(), filter.to(), users, "user")) {
            byUser.computeIfAbsent(sum.metric(), m -> new HashMap<>()).merge(Long.parseLong(sum.group()), sum.count(), Long::sum);
        }
        Map<Long, Long> overdue = followUps.overdueByAssignee(users, Actors.current().today(clock));
        List<SalesFigures.ClosedDeal> closed = sales.closedDeals(from, to, users);
        // by name, then id: two colleagues of the same name are two people
        java.util.function.Function<Long, String> nameOf = id -> names.getOrDefault(id,
                former.getOrDefault(id, labels.get("insight.formerUser")));
        Set<Long> people = new TreeSet<>(Comparator.comparing((Long id) -> names.getOrDefault(id,
                        "~" + former.getOrDefault(id, "~" + id))).thenComparing(Comparator.naturalOrder()));
        if (users != null) {
            people.addAll(users);
        } else {
            byUser.values().forEach(m -> people.addAll(m.keySet()));
            people.addAll(overdue.keySet());
            closed.forEach(d -> people.add(d.ownerId().value()));
            people.addAll(names.keySet());
        }
        people.remove(0L);
        List<Long> reps = new ArrayList<>(people);
        List<String> repNames = reps.stream().map(nameOf).toList();
        int workingDays = workingDays(filter.from(), filter.to());

        long touches = total(byUser.get(Metric.TOUCHES));
        long done = total(byUser.get(Metric.FOLLOW_UPS_DONE));
        long onTime = total(byUser.get(Metric.FOLLOW_UPS_ON_TIME));
        kpis.add(kpi("touchesPerRepPerDay", labels, reps.isEmpty() ? null
                : format(touches / (double) Math.max(1, workingDays) / reps.size()), "short"));
        kpis.add(kpi("onTime", labels, done == 0 ? null : percent(onTime, done) + "%", "short"));
        kpis.add(kpi("overdue", labels, Long.toString(total(overdue)), "short"));
        charts.add(new Chart("short-touches", labels.get("chart.touchesPerRep", workingDays), "", false, repNames,
                List.of(new Chart.Series(labels.get("series.touchesPerDay"), false, reps.stream()
                        .map(id -> round(get(byUser.get(Metric.TOUCHES), id) / (double) Math.max(1, workingDays))).toList())),
                null));
        Map<String, Long> touchesPerDay = new TreeMap<>();
        counters.sums(List.of(Metric.TOUCHES), filter.from(), filter.to(), users, "day")
                .forEach(s -> touchesPerDay.merge(s.group(), s.count(), Long::sum));
        List<String> days = new ArrayList<>();
        for (LocalDate d = filter.from(); !d.isAfter(filter.to()); d = d.plusDays(1)) {
            days.add(d.toString());
        }
        charts.add(new Chart("short-touches-daily", labels.get("chart.touchesPerDay"), "", false, days,
                List.of(new Chart.Series(labels.get("series.touches"), true,
                        days.stream().map(d -> (double) touchesPerDay.getOrDefault(d, 0L)).toList())), null));
        charts.add(new Chart("short-on-time", labels.get("chart.onTime"), "%", false, repNames,
                List.of(new Chart.Series(labels.get("series.onTime"), false, reps.stream().map(id -> {
                    long repDone = get(byUser.get(Metric.FOLLOW_UPS_DONE), id);
                    return repDone == 0 ? null : (double) percent(get(byUser.get(Metric.FOLLOW_UPS_ON_TIME), id), repDone);
                }).toList()), new Chart.Series(labels.get("series.done"), false,
                        reps.stream().map(id -> (double) get(byUser.get(Metric.FOLLOW_UPS_DONE), id)).toList())), null));
        charts.add(new Chart("short-overdue", labels.get("chart.overdue"), "", false, repNames,
                List.of(new Chart.Series(labels.get("series.overdue"), false,
                        reps.stream().map(id -> (double) get(overdue, id)).toList())), null));

        // new leads and the cash are the workspace's (a lead keeps no owner from its arrival, cash is the
        // company's): shown to those who may see the whole workspace, never on a rep's own dashboard
        List<String> months = months(YearMonth.from(filter.from()), YearMonth.from(filter.to()));
        boolean wholeWorkspace = Actors.current().isManagerOrAdmin();
        if (wholeWorkspace) {
            Map<String, Long> leadsByMonth = new TreeMap<>();
            counters.sums(List.of(Metric.NEW_LEADS), filter.from(), filter.to(), null, "month")
                    .forEach(s -> leadsByMonth.merge(s.group(), s.count(), Long::sum));
            kpis.add(kpi("newLeads", labels, Long.toString(total(leadsByMonth)), "short"));
            charts.add(new Chart("short-new-leads", labels.get("chart.newLeads"), "", false, months,
                    List.of(new Chart.Series(labels.get("series.newLeads"), false,
                            months.stream().map(m -> (double) leadsByMonth.getOrDefault(m, 0L)).toList())),
                    labels.get("note.workspaceWide")));
        }

        charts.add(conversion(filter, users, labels));

        Map<Long, long[]> wonLost = new HashMap<>();
        Map<Long, long[]> cycle = new HashMap<>();
        long won = 0;
        long lost = 0;
        long cycleDays = 0;
        for (SalesFigures.ClosedDeal deal : closed) {
            long owner = deal.ownerId().value();
            wonLost.computeIfAbsent(owner, k -> new long[2])[deal.won() ? 0 : 1]++;
            if (deal.won()) {
                won++;
                long daysTaken = Duration.between(deal.createdAt(), deal.closedAt()).toDays();
                cycleDays += daysTaken;
                long[] c = cycle.computeIfAbsent(owner, k -> new long[2]);
                c[0] += daysTaken;
                c[1]++;
            } else {
                lost++;
            }
        }
        kpis.add(kpi("winRate", labels, won + lost == 0 ? null : percent(won, won + lost) + "%", "short"));
        kpis.add(kpi("cycleLength", labels, won == 0 ? null : labels.get("insight.days", format(cycleDays / (double) won)),
                "short"));
        charts.add(new Chart("short-win-rate", labels.get("chart.winRate"), "%", false, repNames,
                List.of(new Chart.Series(labels.get("series.winRate"), false, reps.stream().map(id -> {
                    long[] wl = wonLost.get(id);
                    return wl == null || wl[0] + wl[1] == 0 ? null : (double) percent(wl[0], wl[0] + wl[1]);
                }).toList())), null));
        charts.add(new Chart("short-cycle", labels.get("chart.cycle"), labels.get("insight.unit.days"), false, repNames,
                List.of(new Chart.Series(labels.get("series.cycle"), false, reps.stream().map(id -> {
                    long[] c = cycle.get(id);
                    return c == null ? null : round(c[0] / (double) c[1]);
                }).toList())), null));

        // --- long term -----------------------------------------------------------------------------
        SalesFigures.Customers customers = sales.customers(from, to, users);
        kpis.add(kpi("retention", labels, customers.customersAtStart() == 0 ? null
                : percent(customers.retained(), customers.customersAtStart()) + "%", "long"));
        kpis.add(kpi("repeatRate", labels, customers.buyersInPeriod() == 0 ? null
                : percent(customers.repeatBuyers(), customers.buyersInPeriod()) + "%", "long"));
        charts.add(new Chart("long-customers", labels.get("chart.customers"), "", false,
                List.of(labels.get("customers.atStart"), labels.get("customers.retained"), labels.get("customers.buyers"),
                        labels.get("customers.repeat")),
                List.of(new Chart.Series(labels.get("series.customers"), false, List.of((double) customers.customersAtStart(),
                        (double) customers.retained(), (double) customers.buyersInPeriod(),
                        (double) customers.repeatBuyers()))), null));
        for (String currency : currencies(closed.stream().filter(SalesFigures.ClosedDeal::won)
                .map(SalesFigures.ClosedDeal::currency).toList())) {
            Map<String, double[]> byMonth = new TreeMap<>();
            for (SalesFigures.ClosedDeal deal : closed) {
                if (deal.won() && deal.currency().equals(currency)) {
                    byMonth.computeIfAbsent(YearMonth.from(deal.closedAt().atZone(ZoneOffset.UTC)).toString(),
                            k -> new double[2])[deal.origin() == DealOrigin.REPEAT ? 1 : 0] += major(deal.amountMinor(), currency);
                }
            }
            charts.add(new Chart("long-revenue-" + currency, labels.get("chart.revenue", currency), currency, true, months,
                    List.of(new Chart.Series(labels.get("series.newCustomers"), false,
                            months.stream().map(m -> byMonth.containsKey(m) ? round(byMonth.get(m)[0]) : 0.0).toList()),
                            new Chart.Series(labels.get("series.existingCustomers"), false,
                                    months.stream().map(m -> byMonth.containsKey(m) ? round(byMonth.get(m)[1]) : 0.0).toList())),
                    null));
        }
        Map<RelationshipStage, Long> mix = parties.stageMix(users);
        charts.add(new Chart("long-stage-mix", labels.get("chart.stageMix"), "", false,
                java.util.Arrays.stream(RelationshipStage.values()).map(s -> labels.get("stage." + s.name())).toList(),
                List.of(new Chart.Series(labels.get("series.accounts"), false, java.util.Arrays.stream(RelationshipStage.values())
                        .map(s -> (double) mix.getOrDefault(s, 0L)).toList())), labels.get("note.accountOwners")));
        CoverageSnapshots.Snapshot coverage = coverageSnapshots.latest(users);
        kpis.add(kpi("coverage", labels, coverage.people() == 0 ? null : percent(coverage.touched(), coverage.people()) + "%",
                "long"));
        kpis.add(kpi("influencerCoverage", labels, coverage.influencers() == 0 ? null
                : percent(coverage.influencersTouched(), coverage.influencers()) + "%", "long"));
        charts.add(new Chart("long-ickr-coverage", labels.get("chart.coverage"), "%", false,
                List.of(labels.get("coverage.people"), labels.get("coverage.influencers")),
                List.of(new Chart.Series(labels.get("series.reached"), false, List.of(
                        coverage.people() == 0 ? 0.0 : (double) percent(coverage.touched(), coverage.people()),
                        coverage.influencers() == 0 ? 0.0 : (double) percent(coverage.influencersTouched(), coverage.influencers())))),
                labels.get("note.coverage", coverage.day())));

        // --- persistence -----------------------------------------------------------------------------
        Map<Long, Integer> attempts = followUps.winningAttempts(from, to);
        int[] histogram = new int[22];
        for (SalesFigures.ClosedDeal deal : closed) {
            Integer attempt = deal.won() ? attempts.get(deal.id().value()) : null;
            if (attempt != null) {
                histogram[Math.min(21, Math.max(0, attempt))]++;
            }
        }
        List<String> attemptLabels = new ArrayList<>();
        List<Double> attemptCounts = new ArrayList<>();
        int wonFromFive = 0;
        int wonWithAttempt = 0;
        for (int i = 0; i < histogram.length; i++) {
            attemptLabels.add(i == 0 ? labels.get("attempt.inbound") : i == 21 ? "21+" : Integer.toString(i));
            attemptCounts.add((double) histogram[i]);
            wonWithAttempt += histogram[i];
            wonFromFive += i >= 5 ? histogram[i] : 0;
        }
        kpis.add(kpi("wonFromFifth", labels, wonWithAttempt == 0 ? null : percent(wonFromFive, wonWithAttempt) + "%",
                "persistence"));
        kpis.add(kpi("earlyGiveUps", labels, Long.toString(total(byUser.get(Metric.EARLY_GIVE_UPS))), "persistence"));
        charts.add(new Chart("persistence-attempts", labels.get("chart.attempts"), "", false, attemptLabels,
                List.of(new Chart.Series(labels.get("series.dealsWon"), false, attemptCounts)), labels.get("note.attempts")));
        charts.add(new Chart("persistence-give-ups", labels.get("chart.giveUps"), "", false, repNames,
                List.of(new Chart.Series(labels.get("series.giveUps"), false,
                        reps.stream().map(id -> (double) get(byUser.get(Metric.EARLY_GIVE_UPS), id)).toList())), null));

        // --- forecast --------------------------------------------------------------------------------
        forecast(filter, users, labels, kpis, charts);

        return new DashboardView(filter.from(), filter.to(), filter.team(), filter.user(), scope(filter, names, labels), kpis,
                charts, (System.nanoTime() - started) / 1_000_000);
    }

    private void forecast(Filter filter, Set<Long> users, Labels labels, List<DashboardView.Kpi> kpis, List<Chart> charts) {
        LocalDate today = Actors.current().today(clock);
        YearMonth thisMonth = YearMonth.from(today);
        YearMonth last = thisMonth.plusMonths(FORECAST_MONTHS - 1);
        List<String> ahead = months(thisMonth, last);
        String overdueLabel = labels.get("forecast.overdue");
        String undatedLabel = labels.get("forecast.undated");
        List<String> pipelineMonths = new ArrayList<>();
        pipelineMonths.add(overdueLabel);
        pipelineMonths.addAll(ahead);
        pipelineMonths.add(undatedLabel);
        List<SalesFigures.PipelineMonth> open = sales.pipelineByMonth(last.atEndOfMonth(), users);
        for (String currency : currencies(open.stream().map(SalesFigures.PipelineMonth::currency).toList())) {
            Map<String, double[]> sums = new LinkedHashMap<>();
            pipelineMonths.forEach(m -> sums.put(m, new double[2]));
            for (SalesFigures.PipelineMonth month : open) {
                if (!month.currency().equals(currency)) {
                    continue;
                }
                String bucket = month.month() == null ? undatedLabel
                        : YearMonth.parse(month.month()).isBefore(thisMonth) ? overdueLabel : month.month();
                double[] s = sums.get(bucket);
                s[0] += major(month.weightedTimes100(), currency) / 100.0;
                s[1] += major(month.amountMinor(), currency);
            }
            charts.add(new Chart("forecast-pipeline-" + currency, labels.get("chart.weightedPipeline", currency), currency, false,
                    pipelineMonths, List.of(new Chart.Series(labels.get("series.weighted"), false,
                            pipelineMonths.stream().map(m -> round(sums.get(m)[0])).toList()),
                            new Chart.Series(labels.get("series.unweighted"), true,
                                    pipelineMonths.stream().map(m -> round(sums.get(m)[1])).toList())), null));
            kpis.add(kpi("weightedPipeline", labels, format(sums.values().stream().mapToDouble(s -> s[0]).sum()) + " "
                    + currency, "forecast"));
        }

        // cash: the company's, whoever sold — expected closes paid after their terms, open invoices, payments
        // received; so only for those who may see the whole workspace
        if (!Actors.current().isManagerOrAdmin()) {
            return;
        }
        YearMonth cashFrom = YearMonth.from(filter.from());
        YearMonth cashTo = thisMonth.plusMonths(CASH_MONTHS_AHEAD);
        List<String> cashMonths = months(cashFrom.isAfter(thisMonth) ? thisMonth : cashFrom, cashTo);
        List<SalesFigures.ExpectedClose> closes = sales.expectedCloses(cashTo.atEndOfMonth());
        List<SalesFigures.MonthlyAmount> invoices = sales.openInvoicesByMonth(cashTo.atEndOfMonth());
        Map<String, Map<String, Double>> received = new HashMap<>();
        counters.sums(List.of(Metric.PAYMENTS_RECEIVED), cashMonths.isEmpty() ? filter.from()
                : YearMonth.parse(cashMonths.get(0)).atDay(1), today, null, "month").forEach(s -> received
                .computeIfAbsent(s.currency(), c -> new HashMap<>()).merge(s.group(), major(s.amountMinor(), s.currency()), Double::sum));
        List<String> currencies = new ArrayList<>();
        closes.forEach(d -> currencies.add(d.currency()));
        invoices.forEach(i -> currencies.add(i.currency()));
        currencies.addAll(received.keySet());
        for (String currency : currencies(currencies)) {
            Map<String, Double> expected = new HashMap<>();
            for (SalesFigures.ExpectedClose close : closes) {
                if (close.currency().equals(currency)) {
                    YearMonth cashMonth = YearMonth.from(close.expectedCloseDate().plusDays(close.paymentTermsDays()));
                    String month = (cashMonth.isBefore(thisMonth) ? thisMonth : cashMonth).toString();
                    expected.merge(month, major(close.weightedTimes100(), currency) / 100.0, Double::sum);
                }
            }
            Map<String, Double> due = new HashMap<>();
            for (SalesFigures.MonthlyAmount invoice : invoices) {
                if (invoice.currency().equals(currency)) {
                    YearMonth month = YearMonth.parse(invoice.month());
                    due.merge((month.isBefore(thisMonth) ? thisMonth : month).toString(),
                            major(invoice.amountMinor(), currency), Double::sum);
                }
            }
            Map<String, Double> paid = received.getOrDefault(currency, Map.of());
            charts.add(new Chart("forecast-cash-" + currency, labels.get("chart.cashFlow", currency), currency, true,
                    cashMonths, List.of(
                            new Chart.Series(labels.get("series.openInvoices"), false,
                                    cashMonths.stream().map(m -> round(due.getOrDefault(m, 0.0))).toList()),
                            new Chart.Series(labels.get("series.expectedCloses"), false,
                                    cashMonths.stream().map(m -> round(expected.getOrDefault(m, 0.0))).toList()),
                            new Chart.Series(labels.get("series.received"), true, cashMonths.stream()
                                    .map(m -> YearMonth.parse(m).isAfter(thisMonth) ? null : round(paid.getOrDefault(m, 0.0)))
                                    .toList())),
                    labels.get("note.cash")));
        }
    }

    private Chart conversion(Filter filter, Set<Long> users, Labels labels) {
        Map<Long, long[]> byStage = new HashMap<>();
        for (DailyCounters.Sum sum : counters.sums(List.of(Metric.STAGE_ENTERED, Metric.STAGE_PROGRESSED), filter.from(),
                filter.to(), users, "dim")) {
            byStage.computeIfAbsent(Long.parseLong(sum.group()), k -> new long[2])[sum.metric() == Metric.STAGE_ENTERED ? 0 : 1]
                    += sum.count();
        }
        List<String> categories = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        List<Double> entered = new ArrayList<>();
        List<PipelineSummary> pipelines = salesCycle.pipelines();
        for (PipelineSummary pipeline : pipelines) {
            for (StageSummary stage : pipeline.stages()) {
                long[] counts = byStage.get(stage.id().value());
                if (counts == null) {
                    continue;
                }
                categories.add(pipelines.size() > 1 ? pipeline.name() + " · " + stage.name() : stage.name());
                rates.add(counts[0] == 0 ? null : (double) percent(counts[1], counts[0]));
                entered.add((double) counts[0]);
            }
        }
        return new Chart("short-conversion", labels.get("chart.conversion"), "%", false, categories,
                List.of(new Chart.Series(labels.get("series.conversion"), false, rates),
                        new Chart.Series(labels.get("series.entered"), false, entered)), labels.get("note.conversion"));
    }

    private String scope(Filter filter, Map<Long, String> names, Labels labels) {
        if (filter.user() != null) {
            return directory.user(filter.user()).map(UserSummary::displayName).orElse(labels.get("insight.formerUser"));
        }
        if (filter.team() != null) {
            return directory.teams().stream().filter(t -> t.id().equals(filter.team())).findFirst()
                    .map(t -> labels.get("insight.team", t.name())).orElse("");
        }
        return labels.get("insight.everybody");
    }

    // --- formatting and arithmetic ----------------------------------------------------------------------------

    /** Labels through the messages, so that every title and series name can be translated. */
    record Labels(MessageSource messages, Locale locale) {
        String get(String key, Object... args) {
            return messages.getMessage(key, args, locale);
        }
    }

    private static DashboardView.Kpi kpi(String id, Labels labels, String value, String section) {
        return new DashboardView.Kpi(id, labels.get("kpi." + id), value, section);
    }

    private List<String> currencies(Collection<String> found) {
        String home = directory.currentWorkspace().currency();
        List<String> sorted = new ArrayList<>(new TreeSet<>(found));
        sorted.remove(home);
        sorted.add(0, home);
        return found.isEmpty() ? List.of(home) : sorted;
    }

    static List<String> months(YearMonth from, YearMonth to) {
        List<String> months = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            months.add(m.toString());
        }
        return months;
    }

    static int workingDays(LocalDate from, LocalDate to) {
        int days = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days++;
            }
        }
        return Math.max(1, days);
    }

    static double major(long minor, String currency) {
        int digits;
        try {
            digits = Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return BigDecimal.valueOf(minor).movePointLeft(digits).doubleValue();
    }

    private static long total(Map<?, Long> values) {
        return values == null ? 0 : values.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long get(Map<Long, Long> values, long id) {
        return values == null ? 0 : values.getOrDefault(id, 0L);
    }

    static int percent(long part, long whole) {
        return Ickr.percent(part, whole);
    }

    static double round(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    /** A value for tables and CSV: whole numbers without decimals, others with at most two. */
    static String format(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
    }
}
