package app.tickler.platform;

/**
 * What a spreadsheet would run as a formula when it opens a CSV cell, for every export to neutralise
 * the same way: a cell starting with a tab or a carriage return, or whose first character after any
 * leading spaces and line breaks is {@code = + - @} or one of their full-width forms {@code ＝ ＋ － ＠}
 * (spreadsheets skip the one and fold the other).
 */
public final class SpreadsheetFormulas {

    private SpreadsheetFormulas() {
    }

    public static boolean runs(String cell) {
        if (cell == null || cell.isEmpty()) {
            return false;
        }
        char first = cell.charAt(0);
        if (first == '\t' || first == '\r') {
            return true;
        }
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                return "=+-@＝＋－＠".indexOf(c) >= 0;
            }
        }
        return false;
    }

    /** The cell as text a spreadsheet shows rather than runs: with a leading apostrophe when it {@link #runs}. */
    public static String neutralised(String cell) {
        return runs(cell) ? "'" + cell : cell;
    }
}
