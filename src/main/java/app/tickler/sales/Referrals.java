package app.tickler.sales;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import app.tickler.identity.Directory;
import app.tickler.identity.UserId;
import app.tickler.identity.UserSummary;
import app.tickler.platform.security.Actors;

/**
 * The referral leaderboard: per colleague, the leads they referred, how many were converted, and the
 * revenue won from them — every employee can be a "farmer" (seed 001).
 */
@Component
class Referrals {

    record Revenue(String currency, long amountMinor) {
    }

    record Referrer(UserId userId, String name, String role, long referred, long converted, List<Revenue> won,
            long wonInWorkspaceCurrency) {
    }

    private final LeadRepository leads;
    private final Directory directory;
    private final SalesSettings settings;
    private final Clock clock;

    Referrals(LeadRepository leads, Directory directory, SalesSettings settings, Clock clock) {
        this.leads = leads;
        this.directory = directory;
        this.settings = settings;
        this.clock = clock;
    }

    /** The colleagues who referred leads since the date (null: ever), most revenue first, then most referrals. */
    List<Referrer> leaderboard(LocalDate since) {
        Long from = since == null ? null : since.atStartOfDay(Actors.current().zone()).toInstant().toEpochMilli();
        Map<Long, List<Revenue>> revenue = new HashMap<>();
        for (LeadRepository.ReferralRevenue r : leads.referralRevenue(from)) {
            revenue.computeIfAbsent(r.userId(), k -> new ArrayList<>()).add(new Revenue(r.currency(), r.amountMinor()));
        }
        List<LeadRepository.ReferralCount> counts = leads.referralCounts(from);
        Map<UserId, UserSummary> users = directory.users(counts.stream().map(c -> new UserId(c.userId())).toList())
                .stream().collect(Collectors.toMap(UserSummary::id, u -> u));
        String home = settings.workspaceCurrency();
        List<Referrer> board = new ArrayList<>();
        for (LeadRepository.ReferralCount c : counts) {
            UserSummary user = users.get(new UserId(c.userId()));
            List<Revenue> won = revenue.getOrDefault(c.userId(), List.of());
            long homeRevenue = won.stream().filter(r -> r.currency().equals(home)).mapToLong(Revenue::amountMinor).sum();
            board.add(new Referrer(new UserId(c.userId()), user == null ? "—" : user.displayName(),
                    user == null ? null : user.role().name(), c.referred(), c.converted(), won, homeRevenue));
        }
        board.sort(Comparator.comparingLong(Referrer::wonInWorkspaceCurrency).reversed()
                .thenComparing(Comparator.comparingLong(Referrer::referred).reversed())
                .thenComparing(Referrer::name));
        return board;
    }

    LocalDate defaultSince() {
        return Actors.current().today(clock).minusYears(1);
    }
}
