package app.tickler.party;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import app.tickler.identity.UserId;

/**
 * A buying organisation (or a private customer).
 *
 * @param domain the website's host without {@code www.}, for duplicate detection
 * @param lastTouchAt the last interaction by anyone in the workspace, null if none yet
 */
public record Account(AccountId id, String name, String website, String domain, String industry, String size,
        String phone, Address address, String description, UserId ownerId, CustomerLevel level,
        LocalDate levelAssessedOn, RelationshipStage stage, boolean doNotContact, String doNotContactReason,
        Instant doNotContactSince, AccountId parentId, Map<String, Object> custom, List<String> tags,
        Instant lastTouchAt, long version, Instant createdAt, Instant updatedAt, Instant deletedAt) {

    public boolean inTrash() {
        return deletedAt != null;
    }
}
