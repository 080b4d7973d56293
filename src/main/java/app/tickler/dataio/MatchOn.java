package app.tickler.dataio;

import java.util.List;

/**
 * How a line is matched to an existing record: the email (contacts, leads), the name (accounts; deals:
 * the name within the line's account) or website domain
 * (accounts), the id in the system the file came from (a column mapped to {@code externalId}; the only one
 * for installed products), the Tickler id of an own export, or a text custom field chosen by the import
 * (contacts and accounts: {@link Import#matchField()}, matched through {@link CustomMatches}).
 */
public enum MatchOn {
    EMAIL, NAME, DOMAIN, EXTERNAL_ID, ID, CUSTOM;

    static List<MatchOn> of(ImportEntity entity) {
        return switch (entity) {
            case CONTACT -> List.of(EMAIL, EXTERNAL_ID, ID, CUSTOM);
            case LEAD -> List.of(EMAIL, EXTERNAL_ID, ID);
            case ACCOUNT -> List.of(NAME, DOMAIN, EXTERNAL_ID, ID, CUSTOM);
            case DEAL -> List.of(EXTERNAL_ID, NAME, ID);
            case INSTALLED_PRODUCT, TOUCH -> List.of(EXTERNAL_ID);
        };
    }

    /** The field the match needs mapped ({@code CUSTOM}: the import's chosen one, see {@link Import#matchOnField()}). */
    String field() {
        return switch (this) {
            case EMAIL -> "email";
            case NAME -> "name";
            case DOMAIN -> "website";
            case EXTERNAL_ID -> "externalId";
            case ID -> "id";
            case CUSTOM -> null;
        };
    }
}
