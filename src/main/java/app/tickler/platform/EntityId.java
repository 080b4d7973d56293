package app.tickler.platform;

/**
 * Implemented by every id record ({@code record DealId(long value) implements EntityId}). Ids are
 * 64-bit, so JSON carries them as strings: JavaScript numbers lose precision above 2^53.
 */
public interface EntityId {

    long value();
}
