package app.tickler.party;

/** One result of search as you type: an account or a contact, with what to show and where it lives. */
public record SearchHit(String type, String id, String title, String subtitle, String link, boolean doNotContact) {
}
