package app.tickler.party;

import java.util.List;
import java.util.Map;

import app.tickler.identity.TeamId;
import app.tickler.identity.UserId;
import app.tickler.platform.database.ListQuery;

/** The filters and sort orders of the account and contact lists, shared by the pages, the API and exports. */
public final class PartyList {

    private PartyList() {
    }

    /**
     * What a list shows. {@code custom} maps custom field keys to a value to match; {@code trash}
     * shows deleted records instead of live ones.
     */
    public record Filter(String q, UserId owner, TeamId team, CustomerLevel level, RelationshipStage stage, String tag,
            Boolean doNotContact, Map<String, String> custom, boolean trash) {

        public static Filter none() {
            return new Filter(null, null, null, null, null, null, null, Map.of(), false);
        }
    }

    public enum Sort {
        NAME, UPDATED, CREATED, LAST_TOUCH;

        ListQuery.Sort on(String alias) {
            return switch (this) {
                case NAME -> ListQuery.Sort.ascending(alias + ".sort_name");
                case UPDATED -> ListQuery.Sort.numeric(alias + ".updated_at", true);
                case CREATED -> ListQuery.Sort.numeric(alias + ".id", true);
                case LAST_TOUCH -> ListQuery.Sort.numeric(alias + ".last_touch_at", false);
            };
        }
    }

    public static final int MAX_BULK = 500;

    /** A bulk change applied to the selected records of a list. */
    public record BulkChange(List<Long> ids, UserId newOwner, String addTag, CustomerLevel newLevel) {
    }
}
