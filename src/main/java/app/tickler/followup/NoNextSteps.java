package app.tickler.followup;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import app.tickler.party.PartyNames;
import app.tickler.platform.Cursor;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Visibility;

/**
 * The rule of the product — every open lead, open deal and active customer always has a next step —
 * checked: active customers (accounts with a customer level, not do-not-contact) and their people
 * without an open follow-up, and through {@link SalesHooks} the open leads and deals without one.
 */
@Service
class NoNextSteps {

    private final JdbcClient jdbc;
    private final SalesHooks sales;

    NoNextSteps(JdbcClient jdbc, SalesHooks sales) {
        this.jdbc = jdbc;
        this.sales = sales;
    }

    Page<NoNextStep> list(String type, Paging paging) {
        return switch (type == null ? "account" : type) {
            case "account" -> accounts(paging);
            case "contact" -> contacts(paging);
            case "lead", "deal" -> sales.openLeadsAndDealsWithoutNextStep(type, paging);
            default -> throw new InvalidInput("type", "must be account, contact, lead or deal");
        };
    }

    private Page<NoNextStep> accounts(Paging paging) {
        Actor actor = Actors.current();
        Visibility visibility = Visibility.of(actor, "a.owner_id", true);
        Map<String, Object> params = new HashMap<>(visibility.parameters());
        params.put("workspace", actor.workspaceId());
        params.put("limit", paging.fetchSize());
        String keyset = "";
        if (paging.hasCursor()) {
            Cursor after = paging.after(2);
            keyset = " AND (a.sort_name, a.id) > (:afterName, :afterId)";
            params.put("afterName", after.key(0));
            params.put("afterId", after.longKey(1));
        }
        record Row(NoNextStep item, String sortName) {
        }
        List<Row> rows = jdbc.sql("""
                SELECT a.id, a.name, a.sort_name, a.level, a.last_touch_at, u.display_name FROM accounts a
                LEFT JOIN users u ON u.workspace_id = a.workspace_id AND u.id = a.owner_id
                WHERE a.workspace_id = :workspace AND a.level IS NOT NULL AND a.do_not_contact = FALSE AND a.deleted_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.workspace_id = a.workspace_id AND f.account_id = a.id
                                  AND f.status = 'OPEN')
                  AND\s""" + visibility.sql() + keyset + " ORDER BY a.sort_name, a.id LIMIT :limit")
                .params(params)
                .query((rs, n) -> new Row(new NoNextStep("account", rs.getLong("id"), rs.getString("name"),
                        "Level " + rs.getString("level"), rs.getString("display_name"), touch(rs.getLong("last_touch_at")),
                        "/accounts/" + rs.getLong("id")), rs.getString("sort_name")))
                .list();
        return Page.of(rows, paging, r -> Cursor.of(r.sortName(), r.item().id())).map(Row::item);
    }

    private Page<NoNextStep> contacts(Paging paging) {
        Actor actor = Actors.current();
        Visibility visibility = Visibility.of(actor, "c.owner_id", true);
        Map<String, Object> params = new HashMap<>(visibility.parameters());
        params.put("workspace", actor.workspaceId());
        params.put("limit", paging.fetchSize());
        String keyset = "";
        if (paging.hasCursor()) {
            Cursor after = paging.after(2);
            keyset = " AND (c.sort_name, c.id) > (:afterName, :afterId)";
            params.put("afterName", after.key(0));
            params.put("afterId", after.longKey(1));
        }
        record Row(NoNextStep item, String sortName) {
        }
        List<Row> rows = jdbc.sql("""
                SELECT c.id, c.first_name, c.last_name, c.sort_name, c.last_touch_at, u.display_name,
                       (SELECT MIN(a.name) FROM account_contacts m JOIN accounts a ON a.workspace_id = m.workspace_id
                          AND a.id = m.account_id WHERE m.workspace_id = c.workspace_id AND m.contact_id = c.id
                          AND a.level IS NOT NULL) AS account_name
                FROM contacts c
                LEFT JOIN users u ON u.workspace_id = c.workspace_id AND u.id = c.owner_id
                WHERE c.workspace_id = :workspace AND c.do_not_contact = FALSE AND c.deleted_at IS NULL
                  AND EXISTS (SELECT 1 FROM account_contacts m JOIN accounts a ON a.workspace_id = m.workspace_id
                              AND a.id = m.account_id
                              WHERE m.workspace_id = c.workspace_id AND m.contact_id = c.id AND a.level IS NOT NULL
                                AND a.do_not_contact = FALSE AND a.deleted_at IS NULL
                                AND NOT EXISTS (SELECT 1 FROM follow_ups g WHERE g.workspace_id = a.workspace_id
                                                AND g.account_id = a.id AND g.contact_id IS NULL AND g.status = 'OPEN'))
                  AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.workspace_id = c.workspace_id AND f.contact_id = c.id
                                  AND f.status = 'OPEN')
                  AND\s""" + visibility.sql() + keyset + " ORDER BY c.sort_name, c.id LIMIT :limit")
                .params(params)
                .query((rs, n) -> new Row(new NoNextStep("contact", rs.getLong("id"),
                        PartyNames.fullName(rs.getString("first_name"), rs.getString("last_name")),
                        rs.getString("account_name"), rs.getString("display_name"), touch(rs.getLong("last_touch_at")),
                        "/contacts/" + rs.getLong("id")), rs.getString("sort_name")))
                .list();
        return Page.of(rows, paging, r -> Cursor.of(r.sortName(), r.item().id())).map(Row::item);
    }

    private static Instant touch(long millis) {
        return millis == 0 ? null : Instant.ofEpochMilli(millis);
    }
}
