package app.tickler.aftersale;

import java.util.List;
import java.util.Locale;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import app.tickler.followup.Cadence;
import app.tickler.followup.CadenceId;
import app.tickler.followup.FollowUps;
import app.tickler.followup.TouchLogged;
import app.tickler.party.ContactId;
import app.tickler.party.Parties;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.sales.DealOrigin;
import app.tickler.sales.DealStageChanged;
import app.tickler.sales.DealSummary;
import app.tickler.sales.DealWon;
import app.tickler.sales.SalesCycle;

/**
 * The relationship rules that fire on other modules' events, in their transaction: the first touch,
 * a deal reaching a closing stage, a win (and the onboarding plan it starts), a repeat purchase.
 */
@Component
class AftersaleEvents {

    private final RelationshipCycle cycle;
    private final AftersaleSettingsStore settings;
    private final Parties parties;
    private final SalesCycle sales;
    private final FollowUps followUps;
    private final JdbcClient jdbc;

    AftersaleEvents(RelationshipCycle cycle, AftersaleSettingsStore settings, Parties parties, SalesCycle sales,
            FollowUps followUps, JdbcClient jdbc) {
        this.cycle = cycle;
        this.settings = settings;
        this.parties = parties;
        this.sales = sales;
        this.followUps = followUps;
        this.jdbc = jdbc;
    }

    @EventListener
    void on(TouchLogged touch) {
        if (touch.account() != null) {
            cycle.suggest(touch.account(), RelationshipTrigger.FIRST_TOUCH, "First touch: " + touch.channel().name()
                    .toLowerCase(Locale.ROOT).replace('_', ' '));
        }
    }

    @EventListener
    void on(DealStageChanged moved) {
        sales.deal(moved.deal()).filter(deal -> deal.accountId() != null && isClosing(deal.stageName()))
                .ifPresent(deal -> cycle.suggest(deal.accountId(), RelationshipTrigger.DEAL_CLOSING,
                        "Deal " + deal.name() + " reached " + deal.stageName()));
    }

    @EventListener
    void on(DealWon won) {
        DealSummary deal = sales.deal(won.deal()).orElse(null);
        if (deal == null || won.account() == null) {
            return;
        }
        jdbc.sql("""
                INSERT INTO customer_wins (workspace_id, account_id, last_won_at) VALUES (:workspace, :account, :at)
                ON CONFLICT (workspace_id, account_id) DO UPDATE SET last_won_at = excluded.last_won_at
                """).param("workspace", Actors.current().workspaceId()).param("account", won.account().value())
                .param("at", won.at().toEpochMilli()).update();
        if (deal.origin() == DealOrigin.REPEAT) {
            cycle.suggest(won.account(), RelationshipTrigger.REPEAT_PURCHASE, "Repeat purchase: " + deal.name() + " won");
        } else {
            cycle.suggest(won.account(), RelationshipTrigger.DEAL_WON, "Deal " + deal.name() + " won");
        }
        enrolInOnboarding(deal);
    }

    /** The won deal's people (or, without any, the account's buying centre) start the onboarding plan. */
    private void enrolInOnboarding(DealSummary deal) {
        CadenceId cadence = onboardingCadence();
        if (cadence == null) {
            return;
        }
        List<ContactId> people = deal.contactIds().isEmpty() ? parties.members(deal.accountId()) : deal.contactIds();
        if (people.isEmpty()) {
            return;
        }
        Actor actor = Actors.current();
        // as the workspace: whoever closed the deal, its owner's plan is set up
        Actors.runAs(Actor.system(actor.workspaceId(), actor.zone()), () -> followUps.enrolAll(cadence,
                people.size() > 1000 ? people.subList(0, 1000) : people, deal.ownerId()));
    }

    CadenceId onboardingCadence() {
        CadenceId chosen = settings.get().onboardingCadenceId();
        List<Cadence> cadences = followUps.cadences();
        if (chosen != null && cadences.stream().anyMatch(c -> c.id().equals(chosen))) {
            return chosen;
        }
        return cadences.stream().filter(c -> "onboarding".equals(c.template())).map(Cadence::id).findFirst().orElse(null);
    }

    /** Closing stages of the shipped templates: "closing", "closing & execution", "ask for contract". */
    static boolean isClosing(String stageName) {
        if (stageName == null) {
            return false;
        }
        String name = stageName.toLowerCase(Locale.ROOT);
        return name.contains("clos") || name.contains("contract");
    }
}
