package app.tickler.party;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import app.tickler.identity.Directory;
import app.tickler.identity.UserId;
import app.tickler.identity.UserSummary;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.security.Actor;

/** The field checks shared by accounts and contacts, each naming its field. */
@Component
class PartyChecks {

    static final int MAX_TAGS = 30;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final Directory directory;

    PartyChecks(Directory directory) {
        this.directory = directory;
    }

    static String text(InvalidInput.Collector problems, String field, String value, int max, boolean required) {
        String clean = value == null ? null : value.strip();
        if (clean != null && clean.isEmpty()) {
            clean = null;
        }
        if (clean == null && required) {
            problems.add(field, "is required");
        } else if (clean != null && clean.length() > max) {
            problems.add(field, "must have at most " + max + " characters");
        }
        return clean;
    }

    static Address address(InvalidInput.Collector problems, Address address) {
        if (address == null) {
            return Address.NONE;
        }
        return new Address(text(problems, "address.street", address.street(), 300, false),
                text(problems, "address.city", address.city(), 100, false),
                text(problems, "address.postalCode", address.postalCode(), 30, false),
                text(problems, "address.region", address.region(), 100, false),
                text(problems, "address.country", address.country(), 100, false));
    }

    static String email(InvalidInput.Collector problems, String field, String value) {
        String clean = text(problems, field, value, 254, true);
        if (clean != null && !EMAIL.matcher(clean).matches()) {
            problems.add(field, "is not a valid email address");
        }
        return clean;
    }

    static String phone(InvalidInput.Collector problems, String field, String value, boolean required) {
        String clean = text(problems, field, value, 50, required);
        if (clean != null && (PartyNames.phoneKey(clean) == null || !clean.matches("[0-9+()./\\-\\s]+(\\s*(x|ext\\.?)\\s*[0-9]+)?"))) {
            problems.add(field, "is not a valid phone number");
        }
        return clean;
    }

    static String website(InvalidInput.Collector problems, String value) {
        String clean = text(problems, "website", value, 500, false);
        if (clean != null) {
            String domain = PartyNames.domain(clean);
            if (domain == null || !domain.contains(".") || domain.contains(" ")) {
                problems.add("website", "is not a web address such as example.com");
            }
        }
        return clean;
    }

    /** Tags are lower-cased and trimmed, at most 50 characters each and {@value #MAX_TAGS} per record. */
    static List<String> tags(InvalidInput.Collector problems, List<String> tags) {
        List<String> clean = new ArrayList<>();
        if (tags == null) {
            return clean;
        }
        for (String tag : tags) {
            String t = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            if (t.length() > 50) {
                problems.add("tags", "must each have at most 50 characters");
            } else if (!clean.contains(t)) {
                clean.add(t);
            }
        }
        if (clean.size() > MAX_TAGS) {
            problems.add("tags", "must be at most " + MAX_TAGS);
        }
        return clean;
    }

    /** The owner must be an active user of the workspace; a rep may only give records to their team. */
    void owner(InvalidInput.Collector problems, UserId owner, Actor actor) {
        if (owner == null) {
            return;
        }
        UserSummary user = directory.user(owner).orElse(null);
        if (user == null || !user.active()) {
            problems.add("ownerId", "is not an active user of this workspace");
        } else if (!actor.canWrite(owner.value())) {
            problems.add("ownerId", "is outside your team: you could no longer work on the record");
        }
    }

    void referrer(InvalidInput.Collector problems, UserId user) {
        if (user != null && directory.user(user).isEmpty()) {
            problems.add("referredByUserId", "is not a user of this workspace");
        }
    }

    static String doNotContactReason(InvalidInput.Collector problems, boolean doNotContact, String reason) {
        String clean = text(problems, "doNotContactReason", reason, 500, false);
        if (doNotContact && clean == null) {
            problems.add("doNotContactReason", "is required when marking do-not-contact");
        }
        return doNotContact ? clean : null;
    }
}
