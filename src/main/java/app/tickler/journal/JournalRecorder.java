package app.tickler.journal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import app.tickler.followup.CommitmentBroken;
import app.tickler.followup.CommitmentKept;
import app.tickler.followup.FollowUpCompleted;
import app.tickler.followup.FollowUpMissed;
import app.tickler.followup.FollowUpSkipped;
import app.tickler.followup.FollowUpSnoozed;
import app.tickler.followup.TouchLogged;
import app.tickler.identity.Directory;
import app.tickler.identity.UserId;
import app.tickler.identity.UserSummary;
import app.tickler.party.Account;
import app.tickler.party.AccountId;
import app.tickler.party.Contact;
import app.tickler.party.ContactId;
import app.tickler.party.CustomerLevelChanged;
import app.tickler.party.Parties;
import app.tickler.party.RelationshipStageChanged;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.sales.DealLost;
import app.tickler.sales.DealStageChanged;
import app.tickler.sales.DealSummary;
import app.tickler.sales.DealWon;
import app.tickler.sales.SalesCycle;
import app.tickler.sales.StageSummary;

/**
 * Writes the journal's lines as things happen, in the transaction of the change: the journal of a
 * day is then one range of {@code journal_items}' primary key, however many touches the workspace
 * holds. A line goes to the rep who did it (the touch's author, the follow-up's assignee, the
 * promise's owner), on the day in that rep's time zone. What a job does on nobody's behalf goes to
 * the record's owner.
 */
@Component
class JournalRecorder {

    private final JournalRepository repository;
    private final Directory directory;
    private final Parties parties;
    private final SalesCycle sales;
    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final Clock clock;

    JournalRecorder(JournalRepository repository, Directory directory, Parties parties, SalesCycle sales, JdbcClient jdbc,
            IdGenerator ids, Clock clock) {
        this.repository = repository;
        this.directory = directory;
        this.parties = parties;
        this.sales = sales;
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    @EventListener
    void on(TouchLogged touch) {
        // the touch's author, as stored with it (an email step sent by the sweep is its assignee's)
        Long author = jdbc.sql("SELECT logged_by FROM touches WHERE workspace_id = :workspace AND id = :id")
                .param("workspace", Actors.current().workspaceId()).param("id", touch.touch().value())
                .query((rs, n) -> Rows.nullableLong(rs, "logged_by")).optional().orElse(null);
        if (author == null) {
            return;
        }
        StringBuilder text = new StringBuilder(label(touch.channel().name()));
        String who = who(touch.account(), touch.contacts());
        if (!who.isEmpty()) {
            text.append(" — ").append(who);
        }
        text.append(touch.attempt() > 0 ? ": attempt " + touch.attempt() : ": they reached us");
        if (touch.outcome() != null) {
            text.append(", ").append(touch.outcome().name().toLowerCase(Locale.ROOT));
        }
        add(author, JournalItemKind.TOUCH, touch.at(), text.toString(), accountLink(touch.account()),
                touch.account(), touch.touch().value());
    }

    @EventListener
    void on(CustomerLevelChanged changed) {
        if (changed.onCreation()) {
            return; // a new account's first level is part of creating it, not a reassessment of the day
        }
        Optional<Account> account = parties.account(changed.account());
        Long user = actingOr(account.map(a -> a.ownerId() == null ? null : a.ownerId().value()).orElse(null));
        String name = account.map(Account::name).orElse("an account");
        String text = changed.from() == changed.to() ? "Level of " + name + " confirmed at " + changed.to()
                : "Level of " + name + ": " + (changed.from() == null ? "none" : changed.from()) + " → " + changed.to();
        add(user, JournalItemKind.LEVEL_CHANGE, clock.instant(), text, accountLink(changed.account()), changed.account(),
                null);
    }

    @EventListener
    void on(RelationshipStageChanged changed) {
        Optional<Account> account = parties.account(changed.account());
        Long user = actingOr(account.map(a -> a.ownerId() == null ? null : a.ownerId().value()).orElse(null));
        String text = "Relationship with " + account.map(Account::name).orElse("an account") + ": "
                + (changed.from() == null ? "none" : label(changed.from().name())) + " → " + label(changed.to().name());
        add(user, JournalItemKind.RELATIONSHIP_STAGE, clock.instant(), text, accountLink(changed.account()),
                changed.account(), null);
    }

    @EventListener
    void on(DealStageChanged moved) {
        if (moved.from() == null) {
            return;
        }
        sales.deal(moved.deal()).ifPresent(deal -> {
            Map<Long, String> names = new java.util.HashMap<>();
            for (StageSummary stage : sales.stages(deal.pipelineId())) {
                names.put(stage.id().value(), stage.name());
            }
            String text = "Deal " + deal.name() + (moved.progressed() ? " moved forward: " : " moved back: ")
                    + names.getOrDefault(moved.from().value(), "?") + " → " + names.getOrDefault(moved.to().value(), "?");
            add(actingOr(owner(deal)), JournalItemKind.STAGE_MOVE, moved.at(), text, "/deals/" + deal.id().value(),
                    deal.accountId(), deal.id().value());
        });
    }

    @EventListener
    void on(DealWon won) {
        sales.deal(won.deal()).ifPresent(deal -> add(actingOr(owner(deal)), JournalItemKind.DEAL_WON, won.at(),
                "Won " + deal.name() + " (" + money(won.amountMinor(), won.currency()) + ")", "/deals/" + deal.id().value(),
                won.account(), deal.id().value()));
    }

    @EventListener
    void on(DealLost lost) {
        sales.deal(lost.deal()).ifPresent(deal -> add(actingOr(owner(deal)), JournalItemKind.DEAL_LOST, lost.at(),
                "Lost " + deal.name() + (lost.reason() == null ? "" : ": " + lost.reason()), "/deals/" + deal.id().value(),
                lost.account(), deal.id().value()));
    }

    @EventListener
    void on(FollowUpCompleted done) {
        FollowUpLine f = followUp(done.followUp().value());
        add(actingOr(done.assignee().value()), JournalItemKind.FOLLOW_UP_DONE, done.at(),
                "Follow-up done" + (done.onTime() ? "" : " (late)") + ": " + f.text(), f.link(), f.account(),
                done.followUp().value());
    }

    @EventListener
    void on(FollowUpSkipped skipped) {
        FollowUpLine f = followUp(skipped.followUp().value());
        add(skipped.assignee().value(), JournalItemKind.FOLLOW_UP_SKIPPED, clock.instant(),
                "Follow-up skipped: " + f.text() + (skipped.reason() == null ? "" : " — " + skipped.reason()), f.link(),
                f.account(), skipped.followUp().value());
    }

    @EventListener
    void on(FollowUpSnoozed snoozed) {
        FollowUpLine f = followUp(snoozed.followUp().value());
        add(snoozed.assignee().value(), JournalItemKind.FOLLOW_UP_SNOOZED, clock.instant(),
                "Follow-up put off from " + snoozed.from() + " to " + snoozed.to() + ": " + f.text(), f.link(), f.account(),
                snoozed.followUp().value());
    }

    @EventListener
    void on(FollowUpMissed missed) {
        FollowUpLine f = followUp(missed.followUp().value());
        add(missed.assignee().value(), JournalItemKind.FOLLOW_UP_MISSED, clock.instant(),
                "Follow-up missed (due " + missed.dueDate() + "): " + f.text(), f.link(), f.account(),
                missed.followUp().value());
    }

    @EventListener
    void on(CommitmentKept kept) {
        PromiseLine p = promise(kept.commitment().value());
        add(kept.owner().value(), JournalItemKind.PROMISE_KEPT, clock.instant(),
                "Promise kept" + (kept.onTime() ? "" : " (late)") + ": " + p.text(), "/commitments", p.account(),
                kept.commitment().value());
    }

    @EventListener
    void on(CommitmentBroken broken) {
        PromiseLine p = promise(broken.commitment().value());
        add(broken.owner().value(), JournalItemKind.PROMISE_BROKEN, clock.instant(),
                "Promise broken (due " + broken.due() + "): " + p.text(), "/commitments", p.account(),
                broken.commitment().value());
    }

    // --- helpers ----------------------------------------------------------------------------------

    private void add(Long user, JournalItemKind kind, Instant at, String text, String link, AccountId account, Long ref) {
        if (user == null || user == 0L) {
            return;
        }
        LocalDate day = LocalDate.now(clock.withZone(zoneOf(user)));
        repository.addItem(ids.next(), user, day, kind, (at == null ? clock.instant() : at).toEpochMilli(), text, link,
                account == null ? null : account.value(), ref);
    }

    private ZoneId zoneOf(long user) {
        Actor actor = Actors.current();
        if (actor.userId() == user) {
            return actor.zone();
        }
        Optional<UserSummary> person = directory.user(new UserId(user));
        if (person.isPresent() && person.get().timeZone() != null) {
            return ZoneId.of(person.get().timeZone());
        }
        return actor.isSystem() ? actor.zone() : directory.currentWorkspace().zone();
    }

    /** The acting user, or — for a job acting for nobody — the given fallback. */
    private static Long actingOr(Long fallback) {
        Actor actor = Actors.current();
        return actor.isSystem() ? fallback : Long.valueOf(actor.userId());
    }

    private static Long owner(DealSummary deal) {
        return deal.ownerId() == null ? null : deal.ownerId().value();
    }

    private String who(AccountId account, List<ContactId> contacts) {
        String people = contacts.isEmpty() ? "" : String.join(", ", parties.contacts(contacts).values().stream()
                .map(c -> c.firstName() + " " + c.lastName()).sorted().toList());
        String company = account == null ? "" : parties.account(account).map(Account::name).orElse("");
        if (people.isEmpty()) {
            return company;
        }
        return company.isEmpty() ? people : people + " (" + company + ")";
    }

    private record FollowUpLine(String text, String link, AccountId account) {
    }

    /** A follow-up as a line: "Call Ann Baker (Roofs Ltd) — Ask about the spring order". */
    private FollowUpLine followUp(long id) {
        return jdbc.sql("""
                SELECT f.channel, f.instructions, f.account_id, a.name AS account_name, c.first_name, c.last_name
                FROM follow_ups f
                LEFT JOIN accounts a ON a.workspace_id = f.workspace_id AND a.id = f.account_id
                LEFT JOIN contacts c ON c.workspace_id = f.workspace_id AND c.id = f.contact_id
                WHERE f.workspace_id = :workspace AND f.id = :id
                """).param("workspace", Actors.current().workspaceId()).param("id", id).query((rs, n) -> {
                    String person = rs.getString("first_name") == null ? null
                            : rs.getString("first_name") + " " + rs.getString("last_name");
                    String company = rs.getString("account_name");
                    String subject = person != null && company != null ? person + " (" + company + ")"
                            : person != null ? person : company != null ? company : "";
                    String instructions = rs.getString("instructions");
                    String text = label(rs.getString("channel")) + " " + subject
                            + (instructions == null || instructions.isBlank() ? "" : " — " + instructions);
                    Long account = Rows.nullableLong(rs, "account_id");
                    return new FollowUpLine(text.strip(), "/follow-ups/" + id, account == null ? null : new AccountId(account));
                }).optional().orElse(new FollowUpLine("a follow-up", "/follow-ups/" + id, null));
    }

    private record PromiseLine(String text, AccountId account) {
    }

    private PromiseLine promise(long id) {
        return jdbc.sql("""
                SELECT m.description, m.account_id, a.name AS account_name FROM commitments m
                LEFT JOIN accounts a ON a.workspace_id = m.workspace_id AND a.id = m.account_id
                WHERE m.workspace_id = :workspace AND m.id = :id
                """).param("workspace", Actors.current().workspaceId()).param("id", id).query((rs, n) -> {
                    Long account = Rows.nullableLong(rs, "account_id");
                    String company = rs.getString("account_name");
                    return new PromiseLine(rs.getString("description") + (company == null ? "" : " (" + company + ")"),
                            account == null ? null : new AccountId(account));
                }).optional().orElse(new PromiseLine("a promise", null));
    }

    private static String accountLink(AccountId account) {
        return account == null ? null : "/accounts/" + account.value();
    }

    /** {@code HANDWRITTEN_NOTE} → "Handwritten note". */
    static String label(String constant) {
        String words = constant.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static String money(long minor, String currency) {
        return String.format(Locale.ROOT, "%,.2f %s", minor / 100.0, currency);
    }
}
