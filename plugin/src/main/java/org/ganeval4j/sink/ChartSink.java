package org.ganeval4j.sink;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.ganeval4j.eval.Evaluation;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A PNG chart per metric over training iterations ({@code chart-<metric>.png}, e.g.
 * {@code chart-FID.png}), redrawn from the whole {@link MetricHistory} after each evaluation and
 * written atomically. The y-axis label says which direction is better; failed evaluations are left
 * out of the curve. A metric extrapolated in N (FID∞, IS∞: {@code details} with {@code n} and
 * {@code slope}) also gets {@code chart-<metric>-fit.png}: its points against 1/N and the fitted line.
 */
public final class ChartSink implements MetricSink {
    private final MetricHistory history;
    private final Path dir;
    private final int width;
    private final int height;

    /** Charts of {@code history}, 800 × 500 pixels, in the history's folder. */
    public ChartSink(MetricHistory history) {
        this(history, history.directory(), 800, 500);
    }

    /** Charts of {@code history} in {@code dir}. */
    public ChartSink(MetricHistory history, Path dir, int width, int height) {
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException("chart size must be at least 100×100, got " + width + "×" + height);
        }
        this.history = history;
        this.dir = dir;
        this.width = width;
        this.height = height;
    }

    /** The chart file of a metric. */
    public static String fileName(String metric) {
        return "chart-" + metric.replaceAll("[^A-Za-z0-9._-]+", "_") + ".png";
    }

    @Override
    public void accept(Evaluation evaluation) throws IOException {
        for (MetricResult r : evaluation.results()) {
            write(r.name(), history.series(r.name()));
            if (r.ok() && r.details().get("n") instanceof List<?> && r.details().get("slope") instanceof Number) {
                writeFit(r);
            }
        }
    }

    /** The chart file of an extrapolated metric's latest fit (FID∞, IS∞): {@code chart-<metric>-fit.png}. */
    public static String fitFileName(String metric) {
        return fileName(metric + "-fit");
    }

    /**
     * Draws the points (1/N, M_N) of an extrapolated metric's result (details {@code n}, the values,
     * {@code slope}) and its least-squares line down to 1/N = 0, where it meets the value M∞.
     */
    private void writeFit(MetricResult r) throws IOException {
        List<?> n = (List<?>) r.details().get("n");
        List<?> values = null;
        for (var e : r.details().entrySet()) {
            if (!e.getKey().equals("n") && e.getValue() instanceof List<?> l && l.size() == n.size()) {
                values = l;
                break;
            }
        }
        if (values == null || n.isEmpty()) {
            return;
        }
        double slope = ((Number) r.details().get("slope")).doubleValue();
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        double maxX = 0;
        for (int i = 0; i < n.size(); i++) {
            if (n.get(i) instanceof Number ni && values.get(i) instanceof Number vi) {
                x.add(1.0 / ni.doubleValue());
                y.add(vi.doubleValue());
                maxX = Math.max(maxX, 1.0 / ni.doubleValue());
            }
        }
        String unit = r.name();
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(unit + " = " + String.format(Locale.ROOT, "%.6g", r.value()) + " at iteration " + r.iteration()
                        + ": value at N against 1/N, least-squares line")
                .xAxisTitle("1/N").yAxisTitle("value at N").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        XYSeries points = chart.addSeries("value at N", x, y);
        points.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        XYSeries line = chart.addSeries("fit, " + unit + " at 1/N = 0", List.of(0.0, maxX),
                List.of(r.value(), r.value() + slope * maxX));
        line.setMarker(SeriesMarkers.NONE);
        var image = BitmapEncoder.getBufferedImage(chart);
        AtomicFiles.write(dir.resolve(fitFileName(r.name())), out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /** Draws one metric's series to its PNG file. */
    public void write(String metric, List<MetricResult> series) throws IOException {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        String better = "";
        for (MetricResult r : series) {
            better = r.direction().minimize() ? "lower is better" : "higher is better";
            if (r.ok()) {
                x.add((double) r.iteration());
                y.add(r.value());
            }
        }
        if (x.isEmpty()) {
            return;
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(metric + " over training")
                .xAxisTitle("iteration").yAxisTitle(metric + " (" + better + ")").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        XYSeries s = chart.addSeries(metric, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineColor(new Color(0x1f, 0x77, 0xb4));
        s.setMarkerColor(new Color(0x1f, 0x77, 0xb4));
        var image = BitmapEncoder.getBufferedImage(chart);
        AtomicFiles.write(dir.resolve(fileName(metric)), out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    @Override
    public String name() {
        return "charts " + dir;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ChartSink[%s]", dir);
    }
}
