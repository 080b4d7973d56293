package app.tickler.party;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import app.tickler.identity.UserId;

/**
 * Every editable field of an account: the body of a create, and the merged result of an update.
 * {@code levelAssessedOn} null means "today" when the level changes. {@code custom} holds the custom
 * field values to set (null removes one).
 */
public record AccountInput(String name, String website, String industry, String size, String phone, Address address,
        String description, UserId ownerId, CustomerLevel level, LocalDate levelAssessedOn, RelationshipStage stage,
        Boolean doNotContact, String doNotContactReason, AccountId parentId, Map<String, Object> custom,
        List<String> tags) {

    public static AccountInput named(String name) {
        return new AccountInput(name, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    static AccountInput of(Account a) {
        return new AccountInput(a.name(), a.website(), a.industry(), a.size(), a.phone(), a.address(), a.description(),
                a.ownerId(), a.level(), a.levelAssessedOn(), a.stage(), a.doNotContact(), a.doNotContactReason(),
                a.parentId(), a.custom(), a.tags());
    }
}
