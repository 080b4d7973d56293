package app.tickler.platform.security;

import java.util.Map;

/**
 * The SQL form of {@link Actor#canRead}: a predicate on a record's owner column that list and search
 * queries add, so that a REP only ever reads own and team records unless the workspace is open.
 */
public record Visibility(String sql, Map<String, Object> parameters) {

    /**
     * @param ownerColumn the qualified owner column, e.g. {@code c.owner_id}
     * @param includeUnowned whether records without owner are readable (a lead pool is)
     */
    public static Visibility of(Actor actor, String ownerColumn, boolean includeUnowned) {
        if (actor.role() != Role.REP || actor.openVisibility()) {
            return new Visibility("1 = 1", Map.of());
        }
        String owned = ownerColumn + " IN (:visibleOwners)";
        String sql = includeUnowned ? "(" + owned + " OR " + ownerColumn + " IS NULL)" : owned;
        return new Visibility(sql, Map.of("visibleOwners", actor.teamOwners()));
    }
}
