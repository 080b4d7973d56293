package app.tickler.sales;

import app.tickler.platform.NotFound;

public class LeadNotFound extends NotFound {

    public LeadNotFound(long id) {
        super("Lead", id);
    }
}
