package app.tickler.insight;

import java.util.List;

/**
 * Renders a {@link Chart} as an accessible SVG image (a title and a description naming what it
 * shows; the same numbers stand in the table beside it): bars side by side or stacked, lines over
 * them, a value axis with four grid lines. Colours are presentation attributes, allowed by the CSP.
 */
final class Svg {

    static final String[] COLOURS = {"#2f6fb3", "#e07b39", "#3a9d5d", "#8e5ab5", "#c0392b", "#7f8c8d"};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 280;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    private static final int TOP = 34;
    private static final int BOTTOM = 48;
    private static final int MAX_LABELS = 14;

    private Svg() {
    }

    static String render(Chart chart) {
        String id = "chart-" + chart.id().replaceAll("[^A-Za-z0-9-]", "");
        List<String> categories = chart.categories();
        int n = Math.max(1, categories.size());
        double max = 0;
        for (int i = 0; i < categories.size(); i++) {
            double stack = 0;
            for (Chart.Series s : chart.series()) {
                double v = value(s, i);
                if (s.line()) {
                    max = Math.max(max, v);
                } else if (chart.stacked()) {
                    stack += Math.max(0, v);
                } else {
                    max = Math.max(max, v);
                }
            }
            max = Math.max(max, stack);
        }
        double top = niceCeiling(max);
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double slot = plotW / n;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ").append(id)
                .append("-desc\">");
        svg.append("<title id=\"").append(id).append("-title\">").append(escape(chart.title())).append("</title>");
        svg.append("<desc id=\"").append(id).append("-desc\">").append(escape(description(chart))).append("</desc>");
        // legend
        double x = LEFT;
        for (int s = 0; s < chart.series().size(); s++) {
            Chart.Series series = chart.series().get(s);
            String colour = COLOURS[s % COLOURS.length];
            if (series.line()) {
                svg.append(line(x, 14, x + 14, 14, colour, 2));
            } else {
                svg.append(rect(x, 8, 12, 12, colour, null));
            }
            svg.append(text(x + 18, 18, "start", 11, series.name()));
            x += 30 + series.name().length() * 6.2;
        }
        // axis and grid
        for (int g = 0; g <= 4; g++) {
            double value = top * g / 4;
            double y = TOP + plotH - plotH * g / 4;
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, g == 0 ? "#8a94a6" : "#e3e7ee", 1));
            svg.append(text(LEFT - 6, y + 4, "end", 10, Dashboard.format(value)));
        }
        int every = (int) Math.ceil(categories.size() / (double) MAX_LABELS);
        for (int i = 0; i < categories.size(); i++) {
            if (i % every == 0) {
                String label = categories.get(i);
                svg.append(text(LEFT + slot * i + slot / 2, HEIGHT - BOTTOM + 16, "middle", 10,
                        label.length() > 16 ? label.substring(0, 15) + "…" : label));
            }
        }
        // bars
        List<Chart.Series> bars = chart.series().stream().filter(s -> !s.line()).toList();
        for (int i = 0; i < categories.size(); i++) {
            double base = 0;
            for (int b = 0; b < bars.size(); b++) {
                Chart.Series series = bars.get(b);
                double v = Math.max(0, value(series, i));
                String colour = COLOURS[chart.series().indexOf(series) % COLOURS.length];
                double h = top == 0 ? 0 : plotH * v / top;
                double barX;
                double barW;
                if (chart.stacked()) {
                    barW = slot * 0.7;
                    barX = LEFT + slot * i + slot * 0.15;
                } else {
                    barW = slot * 0.7 / bars.size();
                    barX = LEFT + slot * i + slot * 0.15 + barW * b;
                }
                double y = TOP + plotH - (top == 0 ? 0 : plotH * base / top) - h;
                svg.append(rect(barX, y, Math.max(1, barW - 1), h, colour,
                        categories.get(i) + " · " + series.name() + ": " + shown(series, i, chart.unit())));
                if (chart.stacked()) {
                    base += v;
                }
            }
        }
        // lines
        for (int s = 0; s < chart.series().size(); s++) {
            Chart.Series series = chart.series().get(s);
            if (!series.line()) {
                continue;
            }
            String colour = COLOURS[s % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < categories.size(); i++) {
                if (series.values().get(i) == null) {
                    continue;
                }
                double px = LEFT + slot * i + slot / 2;
                double py = TOP + plotH - (top == 0 ? 0 : plotH * value(series, i) / top);
                points.append(fmt(px)).append(',').append(fmt(py)).append(' ');
                if (categories.size() <= 40) {
                    svg.append("<circle cx=\"").append(fmt(px)).append("\" cy=\"").append(fmt(py)).append("\" r=\"3\" fill=\"")
                            .append(colour).append("\"><title>").append(escape(categories.get(i) + " · " + series.name() + ": "
                                    + shown(series, i, chart.unit()))).append("</title></circle>");
                }
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"")
                    .append(points.toString().strip()).append("\"/>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static String description(Chart chart) {
        StringBuilder d = new StringBuilder(chart.title()).append(": ");
        for (Chart.Series s : chart.series()) {
            d.append(s.name()).append(s.line() ? " (line)" : " (bars)").append("; ");
        }
        d.append(chart.categories().size()).append(" categories");
        if (!chart.categories().isEmpty()) {
            d.append(" from ").append(chart.categories().get(0)).append(" to ")
                    .append(chart.categories().get(chart.categories().size() - 1));
        }
        return d.append(". The table below the chart has every value.").toString();
    }

    private static double value(Chart.Series series, int i) {
        Double v = series.values().get(i);
        return v == null ? 0 : v;
    }

    private static String shown(Chart.Series series, int i, String unit) {
        Double v = series.values().get(i);
        return v == null ? "—" : Dashboard.format(v) + (unit == null || unit.isEmpty() ? "" : " " + unit);
    }

    /** The smallest of 1, 2, 2.5, 5 × 10^k at or above the value. */
    static double niceCeiling(double max) {
        if (max <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String rect(double x, double y, double w, double h, String fill, String title) {
        String r = "<rect x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" width=\"" + fmt(w) + "\" height=\"" + fmt(h)
                + "\" fill=\"" + fill + "\"";
        return title == null ? r + "/>" : r + "><title>" + escape(title) + "</title></rect>";
    }

    private static String line(double x1, double y1, double x2, double y2, String stroke, int width) {
        return "<line x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\"" + fmt(y2)
                + "\" stroke=\"" + stroke + "\" stroke-width=\"" + width + "\"/>";
    }

    private static String text(double x, double y, String anchor, int size, String content) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\" font-size=\"" + size
                + "\" fill=\"#334\">" + escape(content) + "</text>";
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
