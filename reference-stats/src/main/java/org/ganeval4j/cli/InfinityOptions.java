package org.ganeval4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.ganeval4j.metric.InfinityFit;
import org.ganeval4j.metric.InfinityGrid;
import picocli.CommandLine.Option;

/** The N-grid options of {@code fid-inf} and {@code is-inf} (a picocli mixin). */
final class InfinityOptions {
    @Option(names = "--n-min", defaultValue = "5000", paramLabel = "A",
            description = "Smallest N (default ${DEFAULT-VALUE}, the paper's).")
    int nMin;

    @Option(names = "--n-max", defaultValue = "50000", paramLabel = "B",
            description = "Largest N, also the rows used (default ${DEFAULT-VALUE}).")
    int nMax;

    @Option(names = "--points", defaultValue = "15", paramLabel = "K",
            description = "Grid points, numpy.linspace(A, B, K).astype(int32) (default ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--reshuffle", paramLabel = "SEED",
            description = "The reference implementation's way: reshuffle all B rows before each N (numpy RandomState(SEED))"
                    + " instead of taking the first N rows in sample order.")
    Long reshuffleSeed;

    @Option(names = "--json", description = "Print a JSON object with the grid, every point and the fit.")
    boolean json;

    /** The grid, checked against the rows available; notes a grid below the paper's range on {@code err}. */
    InfinityGrid grid(String metric, Path input, long rows, PrintWriter err) {
        InfinityGrid grid = new InfinityGrid(nMin, nMax, points);
        if (rows < nMax) {
            throw new BadInputException(metric + " over " + grid + " needs " + nMax + " rows in sample order, " + input
                    + " has " + rows + " (choose --n-max, --n-min and --points)");
        }
        if (reshuffleSeed != null && (reshuffleSeed < 0 || reshuffleSeed > 0xffffffffL)) {
            throw new BadInputException("--reshuffle must be in [0, 2^32-1] (numpy RandomState), found " + reshuffleSeed);
        }
        if (grid.belowPaperRange()) {
            err.println("ganeval4j: note: the grid starts at N=" + nMin + ", below the paper's range (N >= "
                    + InfinityGrid.PAPER_MIN + "), where the 1/N bias model is less reliable");
        }
        return grid;
    }

    /** Prints the fit: plain (the extrapolated value, the slope, R², one per line) or as JSON. */
    void print(PrintWriter out, String metric, String infKey, String valuesKey, InfinityFit fit, InfinityGrid grid,
               long rows, com.fasterxml.jackson.databind.node.ObjectNode extra) {
        if (!json) {
            out.println(fit.intercept());
            out.println(fit.slope());
            out.println(fit.r2());
            return;
        }
        var o = Json.object();
        o.put("metric", metric);
        o.put(infKey, fit.intercept());
        o.put("slope", fit.slope());
        o.put("r2", fit.r2());
        var n = o.putArray("n");
        for (int v : fit.n()) {
            n.add(v);
        }
        var values = o.putArray(valuesKey);
        for (double v : fit.values()) {
            values.add(v);
        }
        var g = o.putObject("grid");
        g.put("n_min", grid.nMin());
        g.put("n_max", grid.nMax());
        g.put("points", grid.points());
        g.put("below_paper_range", grid.belowPaperRange());
        o.put("mode", reshuffleSeed == null ? "prefix" : "reshuffled");
        if (reshuffleSeed != null) {
            o.put("seed", reshuffleSeed);
        }
        o.put("rows", rows);
        o.setAll(extra);
        out.println(Json.write(o));
    }
}
