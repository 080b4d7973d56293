package app.tickler.insight;

import java.util.List;

import app.tickler.platform.SpreadsheetFormulas;

/**
 * CSV text (RFC 4180) that a spreadsheet cannot turn into a formula: a cell it would run
 * ({@link SpreadsheetFormulas#runs}) is prefixed with an apostrophe.
 */
final class Csv {

    private final StringBuilder text = new StringBuilder();

    Csv row(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(cell(cells.get(i)));
        }
        text.append("\r\n");
        return this;
    }

    Csv row(Object... cells) {
        return row(java.util.Arrays.asList(cells));
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!(value instanceof Number)) {
            text = SpreadsheetFormulas.neutralised(text);
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            text = '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
