package app.tickler.insight;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.stereotype.Service;

import app.tickler.followup.FollowUpFigures;
import app.tickler.followup.LevelPolicy;
import app.tickler.party.Account;
import app.tickler.party.AccountId;
import app.tickler.party.BuyingCentreMember;
import app.tickler.party.BuyingRole;
import app.tickler.party.Parties;
import app.tickler.platform.security.Actors;

/**
 * The ICKR scorecard of an account (seed 000: Interact, Connect, Know, Relate), computed from the
 * account, its buying centre, its touches and its insights with a fixed handful of queries, whatever
 * the size of the account.
 */
@Service
public class Ickr {

    static final int DAYS = 90;
    static final int KNOW_DAYS = 365;

    private final Parties parties;
    private final FollowUpFigures followUps;
    private final InsightMarks marks;
    private final Clock clock;

    Ickr(Parties parties, FollowUpFigures followUps, InsightMarks marks, Clock clock) {
        this.parties = parties;
        this.followUps = followUps;
        this.marks = marks;
        this.clock = clock;
    }

    /** The scorecard of an account the caller may see (404 otherwise). */
    public IckrScorecard scorecard(AccountId id) {
        Account account = parties.visibleAccount(id);
        Instant now = clock.instant();
        Instant since = now.minus(Duration.ofDays(DAYS));
        Instant yearAgo = now.minus(Duration.ofDays(KNOW_DAYS));
        FollowUpFigures.AccountTouches period = followUps.accountTouches(id, since);
        FollowUpFigures.AccountTouches year = followUps.accountTouches(id, yearAgo);
        InsightMarks.Summary marked = marks.summary(id, yearAgo);

        Integer silence = account.level() == null ? null : followUps.levelPolicies().stream()
                .filter(p -> p.level() == account.level()).findFirst().map(LevelPolicy::maxSilenceDays).orElse(null);
        Integer expected = silence == null ? null : (DAYS + silence - 1) / silence;
        IckrScorecard.Interact interact = new IckrScorecard.Interact(period.touches(), account.level(), silence, expected,
                expected == null ? null : percent(Math.min(period.touches(), expected), expected));

        List<BuyingCentreMember> people = parties.buyingCentre(id).stream().filter(m -> !m.doNotContact()).toList();
        List<IckrScorecard.Person> notReached = new ArrayList<>();
        int reached = 0;
        for (BuyingCentreMember m : people) {
            if (m.lastTouchAt() != null && !m.lastTouchAt().isBefore(since)) {
                reached++;
            } else {
                notReached.add(new IckrScorecard.Person(m.contactId(), m.name(), m.role(), m.key(), m.lastTouchAt()));
            }
        }
        notReached.sort(Comparator.comparing((IckrScorecard.Person p) -> !(p.key() || p.role() == BuyingRole.INFLUENCER)));
        IckrScorecard.Connect connect = new IckrScorecard.Connect(people.size(), reached, notReached,
                people.isEmpty() ? null : percent(reached, people.size()));

        Instant latest = Stream.of(marked.latest(), year.lastInsightReasonAt(), period.lastInsightReasonAt())
                .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        Long age = latest == null ? null : Math.max(0, Duration.between(latest, now).toDays());
        IckrScorecard.Know know = new IckrScorecard.Know(marked.since() + year.insightReason(), latest, age, knowScore(age));

        IckrScorecard.Relate relate = new IckrScorecard.Relate(period.touches(), period.valueAdding(),
                period.touches() == 0 ? null : percent(period.valueAdding(), period.touches()));

        List<Integer> scores = Stream.of(interact.score(), connect.score(), know.score(), relate.score())
                .filter(java.util.Objects::nonNull).toList();
        Integer overall = scores.isEmpty() ? null
                : (int) Math.round(scores.stream().mapToInt(Integer::intValue).average().orElse(0));
        return new IckrScorecard(id, account.name(), Actors.current().today(clock), DAYS, interact, connect, know, relate,
                overall);
    }

    static Integer knowScore(Long ageDays) {
        if (ageDays == null) {
            return 0;
        }
        return ageDays <= 90 ? 100 : ageDays <= 180 ? 50 : ageDays <= KNOW_DAYS ? 25 : 0;
    }

    static int percent(long part, long whole) {
        return whole == 0 ? 0 : (int) Math.round(part * 100.0 / whole);
    }
}
