package app.tickler.platform.web;

import app.tickler.platform.InvalidInput;

/** Versions as entity tags: {@code ETag: "3"} on reads, {@code If-Match: "3"} on writes. */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The version in an If-Match header, or null when there is none. */
    public static Long parse(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String text = ifMatch.trim();
        if (text.startsWith("W/")) {
            text = text.substring(2);
        }
        text = text.replace("\"", "");
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidInput("If-Match", "must be the version of the record, e.g. \"3\"");
        }
    }

    /** The version from a request: required, either as body field or as If-Match. */
    public static long required(Long fromBody, String ifMatch) {
        Long fromHeader = parse(ifMatch);
        if (fromBody != null && fromHeader != null && !fromBody.equals(fromHeader)) {
            throw new InvalidInput("version", "differs from the If-Match header");
        }
        Long version = fromBody != null ? fromBody : fromHeader;
        if (version == null) {
            throw new InvalidInput("version", "is required (or send If-Match) so that no change is silently overwritten");
        }
        return version;
    }
}
