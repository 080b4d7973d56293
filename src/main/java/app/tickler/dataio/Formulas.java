package app.tickler.dataio;

import app.tickler.platform.SpreadsheetFormulas;

/**
 * Spreadsheet formula neutralisation. A cell a spreadsheet would run as a formula
 * ({@link SpreadsheetFormulas#runs}) is written with a leading apostrophe, which spreadsheets show as
 * text. So that Tickler can undo this exactly, a cell that already starts with an apostrophe gets one
 * more. Importing a file
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
        return value.charAt(0) == '\'' || SpreadsheetFormulas.runs(value);
    }
}
