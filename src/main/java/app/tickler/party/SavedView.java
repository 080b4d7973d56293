package app.tickler.party;

/** A user's named filters and sort of a list, kept as the list's query string. */
public record SavedView(SavedViewId id, String entity, String name, String query) {
}
