package app.tickler.aftersale;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.followup.CadenceId;
import app.tickler.followup.FollowUps;
import app.tickler.identity.UserId;
import app.tickler.party.Account;
import app.tickler.party.AccountId;
import app.tickler.party.Parties;
import app.tickler.party.RelationshipStage;
import app.tickler.platform.Conflict;
import app.tickler.platform.Cursor;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.NotFound;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Change;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.timeline.Timeline;
import app.tickler.platform.timeline.TimelineEntry.Subject;

/**
 * The relationship cycle (seed 001): rules suggest a stage with a reason; with the workspace's
 * automation on the suggestion is applied at once, otherwise it waits for a person to accept or
 * dismiss it. A person may set any stage by hand, with a reason. Party owns the stage field
 * ({@link Parties#setStage}, which puts every change on the account's timeline); this module keeps
 * the history with trigger and source.
 */
@Service
public class RelationshipCycle {

    static final class SuggestionNotFound extends NotFound {
        SuggestionNotFound(long id) {
            super("Stage suggestion", id);
        }
    }

    private static final String SUGGESTION = """
            SELECT s.*, a.name AS account_name FROM relationship_suggestions s
            JOIN accounts a ON a.workspace_id = s.workspace_id AND a.id = s.account_id
            WHERE s.workspace_id = :workspace
            """;

    private final JdbcClient jdbc;
    private final Parties parties;
    private final FollowUps followUps;
    private final AftersaleSettingsStore settings;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditLog audit;
    private final Timeline timeline;

    RelationshipCycle(JdbcClient jdbc, Parties parties, FollowUps followUps, AftersaleSettingsStore settings,
            IdGenerator ids, Clock clock, AuditLog audit, Timeline timeline) {
        this.jdbc = jdbc;
        this.parties = parties;
        this.followUps = followUps;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
        this.timeline = timeline;
    }

    public AftersaleSettings settings() {
        return settings.get();
    }

    @Transactional
    public AftersaleSettings updateSettings(Boolean automationOn, Integer silenceAfterWinDays, Integer healthyDays,
            CadenceId onboardingCadenceId, boolean clearCadence, Integer renewalLeadDays, Boolean renewalDeals,
            Long version) {
        AftersaleSettings current = settings.get();
        InvalidInput.Collector problems = new InvalidInput.Collector();
        int silence = silenceAfterWinDays == null ? current.silenceAfterWinDays() : silenceAfterWinDays;
        int healthy = healthyDays == null ? current.healthyDays() : healthyDays;
        int lead = renewalLeadDays == null ? current.renewalLeadDays() : renewalLeadDays;
        problems.check(silence >= 1 && silence <= 3650, "silenceAfterWinDays", "must be between 1 and 3650");
        problems.check(healthy >= 1 && healthy <= 3650, "healthyDays", "must be between 1 and 3650");
        problems.check(lead >= 0 && lead <= 3650, "renewalLeadDays", "must be between 0 and 3650");
        CadenceId cadence = clearCadence ? null : onboardingCadenceId != null ? onboardingCadenceId
                : current.onboardingCadenceId();
        if (cadence != null && followUps.cadences().stream().noneMatch(c -> c.id().equals(cadence))) {
            problems.add("onboardingCadenceId", "is not a cadence of this workspace");
        }
        problems.throwIfAny();
        AftersaleSettings next = new AftersaleSettings(automationOn == null ? current.automationOn() : automationOn,
                silence, healthy, cadence, lead, renewalDeals == null ? current.renewalDeals() : renewalDeals,
                current.version());
        settings.save(next, version);
        audit.record("aftersale_settings", Actors.current().workspaceId(), "updated",
                Map.of("automationOn", new Change(current.automationOn(), next.automationOn())));
        return settings.get();
    }

    /**
     * A rule fired for an account: the stage it leads to is applied (automation on) or waits as a
     * suggestion (off). Nothing happens when the trigger does not apply to the current stage. Runs as
     * the workspace itself, so a colleague who may not edit the account (staff logging a call) still
     * moves it. Returns the stage suggested, if any.
     */
    @Transactional
    public Optional<RelationshipStage> suggest(AccountId accountId, RelationshipTrigger trigger, String reason) {
        Optional<Account> found = parties.account(accountId).filter(a -> !a.inTrash());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Account account = found.get();
        Optional<RelationshipStage> next = trigger.next(account.stage());
        if (next.isEmpty()) {
            return Optional.empty();
        }
        Actor actor = Actors.current();
        Actor system = Actor.system(actor.workspaceId(), actor.zone());
        if (settings.get().automationOn()) {
            Actors.runAs(system, () -> apply(account, next.get(), trigger, reason, "AUTOMATIC", null));
        } else {
            jdbc.sql("""
                    INSERT INTO relationship_suggestions (workspace_id, id, account_id, from_stage, to_stage, trigger_kind,
                                                          reason, status, created_at)
                    VALUES (:workspace, :id, :account, :from, :to, :trigger, :reason, 'PENDING', :now)
                    ON CONFLICT DO NOTHING
                    """).param("workspace", actor.workspaceId()).param("id", ids.next()).param("account", accountId.value())
                    .param("from", account.stage() == null ? null : account.stage().name()).param("to", next.get().name())
                    .param("trigger", trigger.name()).param("reason", clip(reason)).param("now", clock.millis()).update();
        }
        return next;
    }

    /** Sets the stage by hand, with a reason (required); the caller must be allowed to change the account. */
    @Transactional
    public RelationshipChange override(AccountId accountId, RelationshipStage stage, String reason) {
        Account account = parties.visibleAccount(accountId);
        Actor actor = Actors.current();
        if (!actor.canWrite(account.ownerId() == null ? null : account.ownerId().value())) {
            throw new AccessDeniedException("not yours to change");
        }
        InvalidInput.Collector problems = new InvalidInput.Collector();
        problems.check(stage != null, "stage", "is required");
        problems.check(reason != null && !reason.isBlank(), "reason", "is required: why does the stage change?");
        problems.check(reason == null || reason.length() <= 500, "reason", "is longer than 500 characters");
        problems.throwIfAny();
        if (account.stage() == stage) {
            throw new Conflict("The account is already at " + stage);
        }
        return apply(account, stage, RelationshipTrigger.MANUAL, reason.strip(), "MANUAL", actor.userId());
    }

    /** Logs an implementation milestone on the account's timeline; it may move the customer to enlightenment. */
    @Transactional
    public Optional<RelationshipStage> milestone(AccountId accountId, String note) {
        Account account = parties.visibleAccount(accountId);
        if (!Actors.current().canWrite(account.ownerId() == null ? null : account.ownerId().value())) {
            throw new AccessDeniedException("not yours to change");
        }
        if (note == null || note.isBlank()) {
            throw new InvalidInput("note", "is required: what was achieved?");
        }
        if (note.length() > 500) {
            throw new InvalidInput("note", "is longer than 500 characters");
        }
        timeline.recordChange(new Subject("account", account.id().value()), "aftersale.milestone",
                "Implementation milestone: " + note.strip(), Map.of());
        return suggest(accountId, RelationshipTrigger.MILESTONE, "Implementation milestone: " + note.strip());
    }

    @Transactional
    public RelationshipChange accept(long suggestionId) {
        StageSuggestion suggestion = pending(suggestionId);
        Account account = parties.visibleAccount(suggestion.accountId());
        Actor actor = Actors.current();
        if (!actor.canWrite(account.ownerId() == null ? null : account.ownerId().value())) {
            throw new AccessDeniedException("not yours to change");
        }
        decide(suggestionId, "ACCEPTED");
        return apply(account, suggestion.to(), suggestion.trigger(), suggestion.reason(), "ACCEPTED", actor.userId());
    }

    @Transactional
    public void dismiss(long suggestionId) {
        StageSuggestion suggestion = pending(suggestionId);
        Account account = parties.visibleAccount(suggestion.accountId());
        if (!Actors.current().canWrite(account.ownerId() == null ? null : account.ownerId().value())) {
            throw new AccessDeniedException("not yours to change");
        }
        decide(suggestionId, "DISMISSED");
    }

    /** Pending suggestions the caller may see, oldest first ({@code account} null: all). */
    public Page<StageSuggestion> suggestions(AccountId account, Paging paging) {
        StringBuilder sql = new StringBuilder(SUGGESTION).append(" AND s.status = 'PENDING' AND a.deleted_at IS NULL");
        Map<String, Object> params = new HashMap<>();
        params.put("workspace", Actors.current().workspaceId());
        var visibility = app.tickler.platform.security.Visibility.of(Actors.current(), "a.owner_id", true);
        sql.append(" AND ").append(visibility.sql());
        params.putAll(visibility.parameters());
        if (account != null) {
            sql.append(" AND s.account_id = :account");
            params.put("account", account.value());
        }
        if (paging.hasCursor()) {
            sql.append(" AND s.id > :after");
            params.put("after", paging.after(1).longKey(0));
        }
        sql.append(" ORDER BY s.id LIMIT :limit");
        params.put("limit", paging.fetchSize());
        List<StageSuggestion> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> suggestion(rs)).list();
        return Page.of(rows, paging, s -> Cursor.of(s.id()));
    }

    /** An account's moves in the cycle, newest first. */
    public Page<RelationshipChange> history(AccountId accountId, Paging paging) {
        parties.visibleAccount(accountId);
        StringBuilder sql = new StringBuilder("""
                SELECT c.*, u.display_name AS changed_by_name FROM relationship_changes c
                LEFT JOIN users u ON u.workspace_id = c.workspace_id AND u.id = c.changed_by
                WHERE c.workspace_id = :workspace AND c.account_id = :account
                """);
        Map<String, Object> params = new HashMap<>();
        params.put("workspace", Actors.current().workspaceId());
        params.put("account", accountId.value());
        if (paging.hasCursor()) {
            sql.append(" AND c.id < :after");
            params.put("after", paging.after(1).longKey(0));
        }
        sql.append(" ORDER BY c.id DESC LIMIT :limit");
        params.put("limit", paging.fetchSize());
        List<RelationshipChange> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> change(rs)).list();
        return Page.of(rows, paging, c -> Cursor.of(c.id()));
    }

    private RelationshipChange apply(Account account, RelationshipStage stage, RelationshipTrigger trigger, String reason,
            String source, Long by) {
        long id = ids.next();
        long now = clock.millis();
        parties.setStage(account.id(), stage, reason);
        jdbc.sql("""
                INSERT INTO relationship_changes (workspace_id, id, account_id, from_stage, to_stage, trigger_kind, reason,
                                                  source, changed_by, changed_at)
                VALUES (:workspace, :id, :account, :from, :to, :trigger, :reason, :source, :by, :now)
                """).param("workspace", Actors.current().workspaceId()).param("id", id)
                .param("account", account.id().value())
                .param("from", account.stage() == null ? null : account.stage().name()).param("to", stage.name())
                .param("trigger", trigger.name()).param("reason", clip(reason)).param("source", source).param("by", by)
                .param("now", now).update();
        // a stage reached otherwise makes a suggestion of it moot
        jdbc.sql("""
                UPDATE relationship_suggestions SET status = 'DISMISSED', decided_at = :now
                WHERE workspace_id = :workspace AND account_id = :account AND status = 'PENDING'
                """).param("workspace", Actors.current().workspaceId()).param("account", account.id().value())
                .param("now", now).update();
        return new RelationshipChange(id, account.id(), account.stage(), stage, trigger, clip(reason), source,
                by == null ? null : new UserId(by), null, java.time.Instant.ofEpochMilli(now));
    }

    private StageSuggestion pending(long id) {
        return jdbc.sql(SUGGESTION + " AND s.id = :id AND s.status = 'PENDING'")
                .param("workspace", Actors.current().workspaceId()).param("id", id).query((rs, n) -> suggestion(rs))
                .optional().orElseThrow(() -> new SuggestionNotFound(id));
    }

    /** Decides a pending suggestion; a second decision (two people at once) is refused, not applied twice. */
    private void decide(long id, String status) {
        int decided = jdbc.sql("""
                UPDATE relationship_suggestions SET status = :status, decided_by = :by, decided_at = :now
                WHERE workspace_id = :workspace AND id = :id AND status = 'PENDING'
                """).param("status", status).param("by", Actors.current().userId()).param("now", clock.millis())
                .param("workspace", Actors.current().workspaceId()).param("id", id).update();
        if (decided != 1) {
            throw new Conflict("This suggestion was decided a moment ago by somebody else");
        }
    }

    private static StageSuggestion suggestion(ResultSet rs) throws SQLException {
        return new StageSuggestion(rs.getLong("id"), new AccountId(rs.getLong("account_id")), rs.getString("account_name"),
                stage(rs.getString("from_stage")), RelationshipStage.valueOf(rs.getString("to_stage")),
                RelationshipTrigger.valueOf(rs.getString("trigger_kind")), rs.getString("reason"), rs.getString("status"),
                Rows.instant(rs, "created_at"));
    }

    private static RelationshipChange change(ResultSet rs) throws SQLException {
        Long by = Rows.nullableLong(rs, "changed_by");
        return new RelationshipChange(rs.getLong("id"), new AccountId(rs.getLong("account_id")),
                stage(rs.getString("from_stage")), RelationshipStage.valueOf(rs.getString("to_stage")),
                RelationshipTrigger.valueOf(rs.getString("trigger_kind")), rs.getString("reason"), rs.getString("source"),
                by == null ? null : new UserId(by), rs.getString("changed_by_name"), Rows.instant(rs, "changed_at"));
    }

    private static RelationshipStage stage(String name) {
        return name == null ? null : RelationshipStage.valueOf(name);
    }

    private static String clip(String text) {
        return text == null ? "" : text.length() > 500 ? text.substring(0, 499) + "…" : text;
    }
}
