package app.tickler.platform;

/** A record that does not exist in the caller's workspace, or that the caller may not see: both answer 404. */
public abstract class NotFound extends RuntimeException {

    protected NotFound(String what, Object id) {
        super(what + " " + id + " was not found");
    }
}
