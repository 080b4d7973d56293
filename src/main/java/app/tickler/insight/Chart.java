package app.tickler.insight;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart of the dashboard and its table: one value per category in each series. Bars of several
 * series stand side by side, or on top of each other when {@code stacked}; line series are drawn
 * over them. {@code unit} names what the values are (a currency, "%", "days", or empty for counts).
 */
public record Chart(String id, String title, String unit, boolean stacked, List<String> categories, List<Series> series,
        String note) {

    public Chart {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
    }

    public record Series(String name, boolean line, List<Double> values) {

        public Series {
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
        }

        /** The value for tables: formatted, or a dash when there is none. */
        public String shown(int index) {
            Double value = values.get(index);
            return value == null ? "—" : Dashboard.format(value);
        }
    }

    public boolean isEmpty() {
        return categories.isEmpty() || series.stream().allMatch(s -> s.values().stream()
                .allMatch(v -> v == null || v == 0));
    }

    /** The table as CSV: the category, then one column per series. */
    String csv() {
        List<Object> header = new ArrayList<>();
        header.add(unit == null || unit.isEmpty() ? "category" : "category (" + unit + ")");
        series.forEach(s -> header.add(s.name()));
        Csv csv = new Csv().row(header);
        for (int i = 0; i < categories.size(); i++) {
            List<Object> row = new ArrayList<>();
            row.add(categories.get(i));
            for (Series s : series) {
                row.add(s.values().get(i) == null ? null : Dashboard.format(s.values().get(i)));
            }
            csv.row(row);
        }
        return csv.toString();
    }
}
