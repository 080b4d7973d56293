package app.tickler.dataio;

/**
 * Spreadsheet formula neutralisation. A cell a spreadsheet would run as a formula (it starts with
 * {@code = + - @}, a tab or a carriage return) is written with a leading apostrophe, which spreadsheets
 * show as text. So that Tickler can undo this exactly, a cell that already starts with an apostrophe
 * gets one more. Importing a file Tickler marked as its own export ({@link #EXPORT_MARKER} as the first
 * header) removes exactly one leading apostrophe from such cells, restoring the original values.
 */
final class Formulas {

    /** The first header of every Tickler CSV export: the record's id, and the sign of an own export. */
    static final String EXPORT_MARKER = "tickler.id";

    private Formulas() {
    }

    static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        return triggers(value.charAt(0)) || value.charAt(0) == '\'' ? "'" + value : value;
    }

    static String restore(String value) {
        if (value != null && value.length() > 1 && value.charAt(0) == '\''
                && (triggers(value.charAt(1)) || value.charAt(1) == '\'')) {
            return value.substring(1);
        }
        return value;
    }

    private static boolean triggers(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
