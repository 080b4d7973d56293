package app.tickler.platform.audit;

/** One field's value before and after a change; either side may be null. */
public record Change(Object before, Object after) {
}
