package app.tickler.platform;

/** An update based on an older version of a record than the stored one: 409 with the current version. */
public class StaleVersion extends Conflict {

    private final String entity;
    private final long currentVersion;

    public StaleVersion(String entity, long currentVersion) {
        super(entity + " was changed by someone else in the meantime (now at version " + currentVersion
                + "); reload and apply your change again");
        this.entity = entity;
        this.currentVersion = currentVersion;
    }

    public String entity() {
        return entity;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
