package app.tickler.platform.database;

import org.springframework.transaction.CannotCreateTransactionException;

/** A change waited its turn to write longer than allowed: nothing was written, and a retry will do. */
public class DatabaseBusy extends CannotCreateTransactionException {

    public DatabaseBusy(String message) {
        super(message);
    }

    public DatabaseBusy(String message, Throwable cause) {
        super(message, cause);
    }
}
