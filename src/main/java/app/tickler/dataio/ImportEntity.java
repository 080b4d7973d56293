package app.tickler.dataio;

/** What an import creates: one record of this kind per line. */
public enum ImportEntity {
    CONTACT, ACCOUNT, LEAD, DEAL, INSTALLED_PRODUCT, TOUCH;

    /** The name other modules know the kind by (custom field definitions): {@code contact}, {@code lead}. */
    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
