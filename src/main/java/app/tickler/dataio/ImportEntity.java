package app.tickler.dataio;

/** What an import creates: one record of this kind per line. */
public enum ImportEntity {
    CONTACT, ACCOUNT;

    String party() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
