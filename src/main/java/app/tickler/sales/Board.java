package app.tickler.sales;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import app.tickler.identity.Directory;
import app.tickler.identity.TeamId;
import app.tickler.identity.UserId;
import app.tickler.identity.UserSummary;
import app.tickler.party.Account;
import app.tickler.party.AccountId;
import app.tickler.party.Parties;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;

/**
 * The pipeline board: one column per stage with the count and sum of its open deals and its first
 * cards, least recently worked first, idle ones marked. Each column is one keyset page on
 * {@code deals_board}; counts and sums come from one aggregate over {@code deals_column_totals}.
 */
@Component
class Board {

    static final int CARDS_PER_COLUMN = 50;

    /** Whose deals: one owner, one team, or (both null) everyone the caller may see. */
    record Filter(UserId owner, TeamId team) {
    }

    record Money(String currency, long amountMinor) {
    }

    record Card(DealId id, String name, AccountId accountId, String accountName, long amountMinor, String currency,
            int probability, LocalDate expectedCloseDate, UserId ownerId, String ownerName, Instant lastActivityAt,
            boolean idle, long daysWithoutActivity, long version) {
    }

    /** {@code takesDeals} false for a payment-collected stage: won deals arrive there, nobody drops one. */
    record Column(StageSummary stage, boolean takesDeals, long count, List<Money> totals, List<Card> cards,
            String nextCursor) {
    }

    record View(PipelineSummary pipeline, Filter filter, List<Column> columns, long count, List<Money> totals) {
    }

    private final Pipelines pipelines;
    private final DealRepository deals;
    private final Parties parties;
    private final Directory directory;
    private final SalesSettings settings;
    private final Clock clock;

    Board(Pipelines pipelines, DealRepository deals, Parties parties, Directory directory, SalesSettings settings,
            Clock clock) {
        this.pipelines = pipelines;
        this.deals = deals;
        this.parties = parties;
        this.directory = directory;
        this.settings = settings;
        this.clock = clock;
    }

    View of(PipelineId id, Filter filter) {
        Pipeline pipeline = pipelines.get(id);
        Set<Long> owners = owners(filter);
        Map<StageId, List<DealRepository.Total>> totals = deals.totals(pipeline.id(), owners).stream()
                .collect(Collectors.groupingBy(DealRepository.Total::stage));
        List<Pipeline.Stage> stages = pipeline.activeStages();
        Map<StageId, Page<DealRepository.Card>> pages = new LinkedHashMap<>();
        for (Pipeline.Stage stage : stages) {
            pages.put(stage.id(), deals.column(stage.id(), owners, Paging.first(CARDS_PER_COLUMN)));
        }
        Names names = names(pages.values().stream().flatMap(p -> p.items().stream()).toList());
        List<Column> columns = new ArrayList<>();
        for (Pipeline.Stage stage : stages) {
            List<DealRepository.Total> stageTotals = totals.getOrDefault(stage.id(), List.of());
            Page<DealRepository.Card> page = pages.get(stage.id());
            columns.add(new Column(stage.summary(), stage.takesDeals(),
                    stageTotals.stream().mapToLong(DealRepository.Total::count).sum(), money(stageTotals),
                    page.items().stream().map(c -> card(c, stage, names)).toList(), page.nextCursor()));
        }
        List<DealRepository.Total> all = totals.values().stream().flatMap(List::stream).toList();
        return new View(pipeline.summary(), filter, columns, all.stream().mapToLong(DealRepository.Total::count).sum(),
                money(all));
    }

    /** The next cards of one column, after its cursor. */
    Page<Card> column(StageId stageId, Filter filter, Paging paging) {
        Pipeline pipeline = pipelines.ofStage(stageId);
        Pipeline.Stage stage = pipeline.stage(stageId).orElseThrow();
        Page<DealRepository.Card> page = deals.column(stageId, owners(filter), paging);
        Names names = names(page.items());
        return page.map(c -> card(c, stage, names));
    }

    /** The one card of a deal, as its column shows it (after a move on the board). */
    Card card(Deal deal) {
        Pipeline.Stage stage = pipelines.get(deal.pipelineId()).stage(deal.stageId()).orElseThrow();
        DealRepository.Card raw = new DealRepository.Card(deal.id(), deal.name(), deal.accountId(), deal.amountMinor(),
                deal.currency(), deal.probability(), deal.expectedCloseDate(), deal.ownerId(), deal.lastActivityAt(),
                deal.version());
        return card(raw, stage, names(List.of(raw)));
    }

    /** Count and sums of one stage's column, for refreshing a column header after a move. */
    Column header(StageId stageId, Filter filter) {
        Pipeline pipeline = pipelines.ofStage(stageId);
        Pipeline.Stage stage = pipeline.stage(stageId).orElseThrow();
        List<DealRepository.Total> totals = deals.totals(pipeline.id(), owners(filter)).stream()
                .filter(t -> t.stage().equals(stageId)).toList();
        return new Column(stage.summary(), stage.takesDeals(), totals.stream().mapToLong(DealRepository.Total::count).sum(),
                money(totals), List.of(), null);
    }

    /**
     * The owners whose deals the board shows: the filter's, narrowed to what the caller may see; null
     * for everyone (no narrowing needed).
     */
    private Set<Long> owners(Filter filter) {
        Actor actor = Actors.current();
        Set<Long> visible = actor.role() == Role.REP && !actor.openVisibility() ? actor.teamOwners() : null;
        Set<Long> wanted = null;
        if (filter.owner() != null) {
            wanted = Set.of(filter.owner().value());
        } else if (filter.team() != null) {
            wanted = new HashSet<>(directory.teamMembers(filter.team()).stream().map(UserId::value).toList());
        }
        if (visible == null) {
            return wanted;
        }
        if (wanted == null) {
            return visible;
        }
        Set<Long> both = new HashSet<>(wanted);
        both.retainAll(visible);
        return both;
    }

    private record Names(Map<AccountId, String> accounts, Map<UserId, String> users) {
    }

    private Names names(Collection<DealRepository.Card> cards) {
        Map<AccountId, String> accounts = parties.accounts(cards.stream().map(DealRepository.Card::accountId).toList())
                .values().stream().collect(Collectors.toMap(Account::id, Account::name));
        Map<UserId, String> users = directory.users(cards.stream().map(DealRepository.Card::ownerId).distinct().toList())
                .stream().collect(Collectors.toMap(UserSummary::id, UserSummary::displayName, (a, b) -> a));
        return new Names(accounts, users);
    }

    private Card card(DealRepository.Card c, Pipeline.Stage stage, Names names) {
        Instant now = clock.instant();
        long days = Duration.between(c.lastActivityAt(), now).toDays();
        boolean idle = stage.idleDays() != null && c.lastActivityAt().plus(Duration.ofDays(stage.idleDays())).isBefore(now);
        return new Card(c.id(), c.name(), c.accountId(), names.accounts().getOrDefault(c.accountId(), "—"),
                c.amountMinor(), c.currency(), c.probability(), c.expectedCloseDate(), c.ownerId(),
                names.users().getOrDefault(c.ownerId(), "—"), c.lastActivityAt(), idle, days, c.version());
    }

    /** Sums per currency, the workspace currency first. */
    private List<Money> money(List<DealRepository.Total> totals) {
        Map<String, Long> sums = new LinkedHashMap<>();
        totals.forEach(t -> sums.merge(t.currency(), t.amountMinor(), Long::sum));
        String home = settings.workspaceCurrency();
        return sums.entrySet().stream().map(e -> new Money(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing((Money m) -> !m.currency().equals(home)).thenComparing(Money::currency))
                .toList();
    }

    static <T, K> Map<K, T> index(Collection<T> items, Function<T, K> key) {
        return items.stream().collect(Collectors.toMap(key, Function.identity(), (a, b) -> a));
    }
}
