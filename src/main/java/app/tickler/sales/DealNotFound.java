package app.tickler.sales;

import app.tickler.platform.NotFound;

public class DealNotFound extends NotFound {

    public DealNotFound(long id) {
        super("Deal", id);
    }
}
