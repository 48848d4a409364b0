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
 * out of the curve.
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
        }
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
