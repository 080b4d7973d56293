package app.tickler.sales;

import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import app.tickler.identity.Directory;
import app.tickler.identity.TeamId;
import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.ContactId;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.database.Dialect;
import app.tickler.platform.database.ListQuery;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Visibility;

/** The filtered, visible, keyset-paginated lists of leads and deals, shared by the pages and the API. */
@Component
class SalesQueries {

    /** Which leads: the pool (unowned, open), mine (open, owned by me), or all the caller may see. */
    enum LeadView {
        POOL, MINE, ALL
    }

    enum LeadSort {
        NEWEST, NAME
    }

    record LeadFilter(LeadView view, LeadStatus status, UserId owner, LeadSource source, UserId referredBy, String q) {

        static LeadFilter of(LeadView view) {
            return new LeadFilter(view, null, null, null, null, null);
        }
    }

    enum DealSort {
        NEWEST, NAME, UPDATED, AMOUNT
    }

    record DealFilter(PipelineId pipeline, StageId stage, DealStatus status, UserId owner, TeamId team,
            AccountId account, ContactId contact, DealOrigin origin, String q) {

        static DealFilter none() {
            return new DealFilter(null, null, null, null, null, null, null, null, null);
        }
    }

    private final LeadRepository leads;
    private final DealRepository deals;
    private final Directory directory;
    private final Dialect dialect;

    SalesQueries(LeadRepository leads, DealRepository deals, Directory directory, Dialect dialect) {
        this.leads = leads;
        this.deals = deals;
        this.directory = directory;
        this.dialect = dialect;
    }

    Page<Lead> leads(LeadFilter filter, LeadSort sort, Paging paging) {
        Actor actor = Actors.current();
        ListQuery query = ListQuery.of(LeadRepository.SELECT).param("workspace", actor.workspaceId())
                .visibleTo(Visibility.of(actor, "l.owner_id", true));
        LeadView view = filter.view() == null ? LeadView.ALL : filter.view();
        switch (view) {
            case POOL -> query.and("l.owner_id IS NULL AND l.active");
            case MINE -> query.and("l.owner_id = :me AND l.active", "me", actor.userId());
            case ALL -> {
            }
        }
        if (filter.status() != null) {
            query.and("l.status = :status", "status", filter.status().name());
        }
        if (filter.owner() != null) {
            query.and("l.owner_id = :owner", "owner", filter.owner().value());
        }
        if (filter.source() != null) {
            query.and("l.source = :source", "source", filter.source().name());
        }
        if (filter.referredBy() != null) {
            query.and("l.referred_by_user_id = :referrer", "referrer", filter.referredBy().value());
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            query.and(dialect.startsWith("l.sort_name", "q"));
            dialect.startsWithValue("q", filter.q().strip().toLowerCase(Locale.ROOT)).forEach(query::param);
        }
        ListQuery.Sort order = sort == LeadSort.NAME ? ListQuery.Sort.ascending("l.sort_name")
                : ListQuery.Sort.numeric("l.id", true);
        return leads.list(query, order, paging);
    }

    Page<Deal> deals(DealFilter filter, DealSort sort, Paging paging) {
        Actor actor = Actors.current();
        ListQuery query = ListQuery.of(DealRepository.SELECT).param("workspace", actor.workspaceId())
                .visibleTo(Visibility.of(actor, "d.owner_id", false));
        if (filter.pipeline() != null) {
            query.and("d.pipeline_id = :pipeline", "pipeline", filter.pipeline().value());
        }
        if (filter.stage() != null) {
            query.and("d.stage_id = :stage", "stage", filter.stage().value());
        }
        if (filter.status() != null) {
            query.and("d.status = :status", "status", filter.status().name());
        }
        if (filter.owner() != null) {
            query.and("d.owner_id = :owner", "owner", filter.owner().value());
        }
        if (filter.team() != null) {
            List<Long> members = directory.teamMembers(filter.team()).stream().map(UserId::value).toList();
            query.and("d.owner_id IN (:teamMembers)", "teamMembers", members.isEmpty() ? List.of(-1L) : members);
        }
        if (filter.account() != null) {
            query.and("d.account_id = :account", "account", filter.account().value());
        }
        if (filter.contact() != null) {
            query.and("EXISTS (SELECT 1 FROM deal_contacts c WHERE c.workspace_id = d.workspace_id AND c.deal_id = d.id"
                    + " AND c.contact_id = :contact)", "contact", filter.contact().value());
        }
        if (filter.origin() != null) {
            query.and("d.origin = :origin", "origin", filter.origin().name());
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            query.and(dialect.startsWith("d.sort_name", "q"));
            dialect.startsWithValue("q", filter.q().strip().toLowerCase(Locale.ROOT)).forEach(query::param);
        }
        ListQuery.Sort order = switch (sort == null ? DealSort.NEWEST : sort) {
            case NAME -> ListQuery.Sort.ascending("d.sort_name");
            case UPDATED -> ListQuery.Sort.numeric("d.updated_at", true);
            case AMOUNT -> ListQuery.Sort.numeric("d.amount_minor", true);
            case NEWEST -> ListQuery.Sort.numeric("d.id", true);
        };
        return deals.list(query, order, paging);
    }
}
