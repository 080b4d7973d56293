package app.tickler.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Charts as SVG and CSV: accessible, escaped, and safe to open in a spreadsheet. */
class ChartRenderingTests {

    private static Chart chart(boolean stacked, String category) {
        return new Chart("forecast-cash-EUR", "Cash <flow>", "EUR", stacked, List.of(category, "2026-12"), List.of(
                new Chart.Series("Invoices", false, List.of(100.0, 50.0)),
                new Chart.Series("Deals", false, List.of(20.0, 30.0)),
                new Chart.Series("Received", true, Arrays.asList(80.0, null))), null);
    }

    @Test
    void aChartHasATitleADescriptionAndEscapedText() {
        String svg = Svg.render(chart(true, "<script>"));
        assertThat(svg).startsWith("<svg").contains("role=\"img\"")
                .contains("<title id=\"chart-forecast-cash-EUR-title\">Cash &lt;flow&gt;</title>")
                .contains("<desc id=\"chart-forecast-cash-EUR-desc\">").contains("&lt;script&gt;")
                .doesNotContain("<script>").contains("<polyline");
        assertThat(svg.split("<rect", -1)).as("2 legend squares and 4 bars").hasSize(7);
    }

    @Test
    void theValueAxisEndsOnARoundNumberAboveTheTallestStack() {
        assertThat(Svg.niceCeiling(120)).isEqualTo(200);
        assertThat(Svg.niceCeiling(0)).isEqualTo(1);
        assertThat(Svg.niceCeiling(7)).isEqualTo(10);
        assertThat(Svg.niceCeiling(2.2)).isEqualTo(2.5);
        assertThat(Svg.render(chart(true, "2026-11"))).as("stacked: 120 → 200").contains(">200</text>");
        assertThat(Svg.render(chart(false, "2026-11"))).as("side by side: 100").contains(">100</text>");
    }

    @Test
    void theCsvNeutralisesFormulasAndQuotes() {
        String csv = chart(false, "=HYPERLINK(\"http://evil\",\"x\")").csv();
        assertThat(csv.lines().toList()).containsExactly("category (EUR),Invoices,Deals,Received",
                "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",100,20,80", "2026-12,50,30,");
        assertThat(Csv.cell("+1")).isEqualTo("'+1");
        assertThat(Csv.cell("-2")).isEqualTo("'-2");
        assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.cell("\u00a0＋cmd")).isEqualTo("'\u00a0＋cmd");
        assertThat(Csv.cell(-3)).isEqualTo("-3");
        assertThat(Csv.cell(-2L)).as("numbers stay numbers").isEqualTo("-2");
        assertThat(Dashboard.format(12.5)).isEqualTo("12.5");
        assertThat(Dashboard.format(3.0)).isEqualTo("3");
    }
}
