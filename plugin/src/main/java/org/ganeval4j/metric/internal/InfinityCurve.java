package org.ganeval4j.metric.internal;

import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;
import org.ganeval4j.metric.InfinityFit;
import org.ganeval4j.metric.InfinityGrid;
import org.ganeval4j.stats.FeatureMatrix;

/**
 * The values M_N of a sample-size-biased metric at each N of an {@link InfinityGrid}, as FID∞ and IS∞
 * (Chong &amp; Forsyth, CVPR 2020) collect them before the fit M_N = M∞ + b/N ({@link InfinityFit}).
 *
 * <p>Prefix form (an instance): rows arrive in sample order; {@link #accept} splits each batch where
 * the count reaches an N of the grid, hands every piece to the metric's accumulator and reads the
 * metric's value so far there. Rows beyond nMax are counted but not handed on. Not thread safe.
 *
 * <p>Reshuffled form ({@link #reshuffled}): the reference implementation's (mchong6/FID_IS_infinity)
 * cumulative NumPy legacy {@code RandomState(seed).shuffle} of the nMax row indices before each N,
 * M_N on the first N rows.
 */
public final class InfinityCurve {
    /** Where the rows {@code [from, to)} of the current batch go. */
    @FunctionalInterface
    public interface Rows {
        void add(int from, int to);
    }

    private final String metric;
    private final int[] sizes;
    private final double[] values;
    private final DoubleSupplier valueSoFar;
    private long count;
    private long seen;
    private int next;

    /**
     * @param metric     the metric's symbol in messages, e.g. {@code FID∞}
     * @param valueSoFar M_N of the rows handed on so far
     */
    public InfinityCurve(String metric, InfinityGrid grid, DoubleSupplier valueSoFar) {
        this.metric = metric;
        this.sizes = grid.sizes();
        this.values = new double[sizes.length];
        this.valueSoFar = valueSoFar;
    }

    /** Rows fed so far (including any beyond nMax). */
    public long seen() {
        return seen;
    }

    /** Feeds a batch of {@code rows} rows: its pieces up to nMax go to {@code add}, M_N is read at each N. */
    public void accept(int rows, Rows add) {
        int done = 0;
        while (done < rows && next < sizes.length) {
            int take = (int) Math.min(rows - done, sizes[next] - count);
            add.add(done, done + take);
            done += take;
            count += take;
            if (count == sizes[next]) {
                values[next] = valueSoFar.getAsDouble();
                next++;
            }
        }
        seen += rows;
    }

    /**
     * The fit once nMax rows were fed.
     *
     * @throws IllegalStateException with fewer than nMax rows
     */
    public InfinityFit finish() {
        if (next < sizes.length) {
            throw new IllegalStateException(metric + " needs " + sizes[sizes.length - 1] + " samples, got " + seen);
        }
        return InfinityFit.of(sizes, values);
    }

    /**
     * The reshuffled form: the first nMax of {@code rows} are shuffled in place before each N (NumPy's
     * legacy {@code RandomState(seed)}, one {@code shuffle} per N, in grid order) and M_N is
     * {@code valueOf} the first N of them.
     *
     * @param seed NumPy {@code RandomState} seed in [0, 2³²−1]
     * @throws IllegalArgumentException with fewer than nMax rows
     */
    public static InfinityFit reshuffled(String metric, FeatureMatrix rows, InfinityGrid grid, long seed,
                                         ToDoubleFunction<FeatureMatrix> valueOf) {
        int[] sizes = grid.sizes();
        int nMax = grid.nMax();
        requireRows(metric, rows.rows(), grid);
        int d = rows.cols();
        float[] all = rows.toArray();
        int[] order = new int[nMax];
        for (int i = 0; i < nMax; i++) {
            order[i] = i;
        }
        LegacyNumpyRandom random = new LegacyNumpyRandom(seed);
        double[] values = new double[sizes.length];
        for (int k = 0; k < sizes.length; k++) {
            random.shuffle(order);
            int n = sizes[k];
            float[] first = new float[n * d];
            for (int i = 0; i < n; i++) {
                System.arraycopy(all, order[i] * d, first, i * d, d);
            }
            values[k] = valueOf.applyAsDouble(FeatureMatrix.of(first, n, d));
        }
        return InfinityFit.of(sizes, values);
    }

    /** @throws IllegalArgumentException with fewer than nMax rows */
    public static void requireRows(String metric, long rows, InfinityGrid grid) {
        if (rows < grid.nMax()) {
            throw new IllegalArgumentException(metric + " over " + grid + " needs at least " + grid.nMax()
                    + " samples, found " + rows);
        }
    }
}
