package app.tickler.dataio;

/**
 * Spreadsheet formula neutralisation. A cell a spreadsheet would run as a formula — it starts with a
 * tab or a carriage return, or its first character after any leading spaces and line breaks is
 * {@code = + - @} or their full-width forms {@code ＝ ＋ － ＠} (spreadsheets skip the one and fold the
 * other) — is written with a leading apostrophe, which spreadsheets show as text. So that Tickler can
 * undo this exactly, a cell that already starts with an apostrophe gets one more. Importing a file
 * Tickler marked as its own export ({@link #EXPORT_MARKER} as the first header) removes exactly one
 * leading apostrophe from such cells, restoring the original values.
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
        return marked(value) ? "'" + value : value;
    }

    static String restore(String value) {
        if (value != null && value.length() > 1 && value.charAt(0) == '\'' && marked(value.substring(1))) {
            return value.substring(1);
        }
        return value;
    }

    /** Whether {@link #neutralise} puts an apostrophe before the value: it would run, or it starts with one. */
    private static boolean marked(String value) {
        char first = value.charAt(0);
        if (first == '\'' || first == '\t' || first == '\r') {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                return "=+-@＝＋－＠".indexOf(c) >= 0;
            }
        }
        return false;
    }
}
