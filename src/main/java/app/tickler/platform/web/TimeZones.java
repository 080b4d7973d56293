package app.tickler.platform.web;

import java.time.ZoneId;
import java.util.List;

/** The time zones offered in pickers: region ids such as Europe/Paris, plus UTC. */
public final class TimeZones {

    private static final List<String> IDS = ZoneId.getAvailableZoneIds().stream()
            .filter(id -> id.equals("UTC") || (id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/")))
            .sorted().toList();

    private TimeZones() {
    }

    public static List<String> ids() {
        return IDS;
    }
}
