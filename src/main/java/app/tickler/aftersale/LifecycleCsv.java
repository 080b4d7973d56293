package app.tickler.aftersale;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.SpreadsheetFormulas;

/**
 * The lifecycle list as CSV for a targeted campaign. Cells a spreadsheet would read as a formula
 * (starting with =, +, -, @, a tab or a carriage return) are prefixed with an apostrophe.
 */
final class LifecycleCsv {

    static final int MAX_ROWS = 100_000;

    private LifecycleCsv() {
    }

    static void write(InstalledBase base, InstalledBase.LifecycleFilter filter, Writer out) throws IOException {
        out.write(line(List.of("end_date", "kind", "account", "owner", "product", "quantity", "install_date",
                "account_id", "installed_product_id")));
        String cursor = null;
        int rows = 0;
        do {
            Page<LifecycleEnd> page = base.lifecycle(filter, new Paging(Paging.MAX_LIMIT, cursor));
            for (LifecycleEnd end : page.items()) {
                out.write(line(List.of(end.endDate().toString(), end.kind().name(), end.accountName(),
                        end.ownerName() == null ? "" : end.ownerName(), end.productName(), Integer.toString(end.quantity()),
                        end.installDate().toString(), Long.toString(end.accountId().value()),
                        Long.toString(end.installedProductId().value()))));
                rows++;
            }
            cursor = page.nextCursor();
        } while (cursor != null && rows < MAX_ROWS);
        out.flush();
    }

    static String line(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        return line.append("\r\n").toString();
    }

    /** One cell: neutralised against formulas, quoted when needed. */
    static String cell(String value) {
        String text = SpreadsheetFormulas.neutralised(value == null ? "" : value);
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
