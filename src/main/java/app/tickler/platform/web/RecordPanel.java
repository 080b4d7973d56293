package app.tickler.platform.web;

import java.util.Map;

/**
 * A section that one module contributes to another module's record page — the deals on an account
 * page, the follow-ups on a contact page — without the page's module knowing the contributor.
 * Implemented as a bean by each contributing module; pages ask {@link RecordPanels} for theirs.
 */
public interface RecordPanel {

    /** The record type whose page shows the panel: {@code account}, {@code contact}, {@code lead}, {@code deal}. */
    String subjectType();

    /** Position on the page, smaller first. */
    int order();

    /** The fragment that renders it, e.g. {@code sales/panels :: accountDeals}; it reads {@code panel}. */
    String fragment();

    /**
     * What the fragment shows for the record, read as the current actor (who may see the record),
     * or null to leave the panel out.
     */
    Map<String, Object> model(long subjectId);
}
