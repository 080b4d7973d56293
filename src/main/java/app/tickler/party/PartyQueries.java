package app.tickler.party;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import app.tickler.identity.Directory;
import app.tickler.identity.UserId;
import app.tickler.platform.database.Dialect;
import app.tickler.platform.database.ListQuery;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Visibility;

/** Turns a list filter into the scoped, visible, filtered query of accounts or contacts. */
@Component
class PartyQueries {

    private final Directory directory;
    private final CustomFields customFields;
    private final Dialect dialect;

    PartyQueries(Directory directory, CustomFields customFields, Dialect dialect) {
        this.directory = directory;
        this.customFields = customFields;
        this.dialect = dialect;
    }

    ListQuery accounts(PartyList.Filter filter) {
        ListQuery query = common(ListQuery.of(AccountRepository.SELECT), "a", "account", filter, "account_tags", "account_id");
        if (filter.level() != null) {
            query.and("a.level = :level", "level", filter.level().name());
        }
        if (filter.stage() != null) {
            query.and("a.stage = :stage", "stage", filter.stage().name());
        }
        return query;
    }

    ListQuery contacts(PartyList.Filter filter) {
        ListQuery query = common(ListQuery.of(ContactRepository.SELECT), "c", "contact", filter, "contact_tags", "contact_id");
        // a person has the level and stage of the organisations they belong to
        if (filter.level() != null) {
            query.and("""
                    EXISTS (SELECT 1 FROM account_contacts m JOIN accounts a ON a.workspace_id = m.workspace_id AND a.id = m.account_id
                            WHERE m.workspace_id = c.workspace_id AND m.contact_id = c.id AND a.level = :level)""",
                    "level", filter.level().name());
        }
        if (filter.stage() != null) {
            query.and("""
                    EXISTS (SELECT 1 FROM account_contacts m JOIN accounts a ON a.workspace_id = m.workspace_id AND a.id = m.account_id
                            WHERE m.workspace_id = c.workspace_id AND m.contact_id = c.id AND a.stage = :stage)""",
                    "stage", filter.stage().name());
        }
        return query;
    }

    private ListQuery common(ListQuery query, String alias, String entity, PartyList.Filter filter, String tagTable,
            String tagColumn) {
        Actor actor = Actors.current();
        query.param("workspace", actor.workspaceId());
        query.and(alias + (filter.trash() ? ".deleted_at IS NOT NULL" : ".deleted_at IS NULL"));
        query.visibleTo(Visibility.of(actor, alias + ".owner_id", true));
        if (filter.q() != null && !filter.q().isBlank()) {
            query.and(dialect.startsWith(alias + ".sort_name", "q"));
            dialect.startsWithValue("q", PartyNames.sortKey(filter.q())).forEach(query::param);
        }
        if (filter.owner() != null) {
            query.and(alias + ".owner_id = :owner", "owner", filter.owner().value());
        }
        if (filter.team() != null) {
            List<Long> members = directory.teamMembers(filter.team()).stream().map(UserId::value).toList();
            query.and(alias + ".owner_id IN (:teamMembers)", "teamMembers", members.isEmpty() ? List.of(-1L) : members);
        }
        if (filter.tag() != null && !filter.tag().isBlank()) {
            query.and("EXISTS (SELECT 1 FROM " + tagTable + " t WHERE t.workspace_id = " + alias + ".workspace_id AND t."
                    + tagColumn + " = " + alias + ".id AND t.tag = :tag)", "tag", filter.tag().strip().toLowerCase());
        }
        if (filter.doNotContact() != null) {
            query.and(alias + ".do_not_contact = :dnc", "dnc", filter.doNotContact());
        }
        int index = 0;
        for (Map.Entry<String, String> custom : filter.custom().entrySet()) {
            CustomFields.Condition condition = customFields.condition(entity, alias, custom.getKey(), custom.getValue(), index++);
            query.and(condition.sql(), condition.parameter(), condition.value());
        }
        return query;
    }
}
