package app.tickler.party;

import app.tickler.platform.Conflict;

/** Refuses any plan to reach a person or organisation marked do-not-contact, whatever the path. */
public class DoNotContact extends Conflict {

    public DoNotContact(String who, String reason) {
        super(who + " asked not to be contacted" + (reason == null || reason.isBlank() ? "" : " (" + reason + ")")
                + "; nothing can be planned for them");
    }
}
