package app.tickler.platform;

/** The request is valid but contradicts the current state (already claimed, already completed…): 409. */
public class Conflict extends RuntimeException {

    public Conflict(String message) {
        super(message);
    }
}
