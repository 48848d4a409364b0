package org.ganeval4j.metric;

import java.util.Objects;
import org.ganeval4j.metric.internal.InfinityCurve;
import org.ganeval4j.stats.FeatureMatrix;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.stats.GaussianStatsAccumulator;
import org.ganeval4j.stats.StatsProvenance;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * FID∞ (Chong &amp; Forsyth, "Effectively Unbiased FID and Inception Score and where to find them",
 * CVPR 2020): FID computed from N samples is biased, its expectation falling like FID∞ + b/N with a
 * slope b that depends on the generator, so models compared at one N (or at different N) can be
 * ranked wrongly. FID_N is evaluated at every N of an {@link InfinityGrid} and the least-squares line
 * FID_N = FID∞ + b/N ({@link InfinityFit}) is extrapolated to N = ∞.
 *
 * <p>{@link #streaming Prefix form} (the default): FID_N is the Fréchet distance between the
 * reference and the <em>first</em> N samples in the order they were drawn — with quasi-random
 * (scrambled Sobol') latents every prefix covers the latent space evenly, which is what makes the
 * points lie on a line. One pass over the samples: the streaming float64 statistics
 * ({@link GaussianStatsAccumulator}) are read at each N of the grid and the distance is computed
 * there; memory is that of one accumulator (8·d² bytes), whatever N.
 *
 * <p>{@link #reshuffled Reshuffled form}: the reference implementation's way (mchong6/FID_IS_infinity):
 * before each N the nMax feature rows are shuffled in place (cumulatively, NumPy's legacy
 * {@code RandomState(seed).shuffle}) and FID_N is computed on the first N of them. Keeps all nMax
 * rows (4·nMax·d bytes).
 *
 * <p>Stateless and thread safe; a {@link Streaming} is not thread safe.
 */
public final class FrechetInfinity {
    /** Smaller is better, as for FID. */
    public static final Direction DIRECTION = Direction.LOWER_IS_BETTER;

    private FrechetInfinity() {
    }

    /** FID∞ of feature rows in sample order against reference statistics (prefix form). */
    public static InfinityFit compute(GaussianStats reference, FeatureMatrix rowsInOrder, InfinityGrid grid) {
        try (FrechetDistance.Reference ref = FrechetDistance.reference(reference); Streaming s = streaming(ref, grid)) {
            int d = rowsInOrder.cols();
            int block = Math.max(1, (1 << 20) / d);
            for (int from = 0; from < Math.min(rowsInOrder.rows(), grid.nMax()); from += block) {
                int to = Math.min(rowsInOrder.rows(), from + block);
                s.accept(rowsInOrder.rowsAsDouble(from, to), to - from);
            }
            return s.finish();
        }
    }

    /**
     * The prefix form, fed in sample order; {@code reference} stays owned by the caller (and may be
     * shared by several streams).
     */
    public static Streaming streaming(FrechetDistance.Reference reference, InfinityGrid grid) {
        return new Streaming(reference, grid);
    }

    /**
     * The reference implementation's form: the first nMax rows of {@code rows} are shuffled in
     * place before each N (NumPy's legacy {@code RandomState(seed)}, one {@code shuffle} per N, in
     * grid order) and FID_N is the distance of the first N of them.
     *
     * @param seed NumPy {@code RandomState} seed in [0, 2³²−1]
     * @throws IllegalArgumentException with fewer than nMax rows
     */
    public static InfinityFit reshuffled(FrechetDistance.Reference reference, FeatureMatrix rows, InfinityGrid grid,
                                         long seed) {
        Objects.requireNonNull(reference, "reference");
        return InfinityCurve.reshuffled("FID∞", rows, grid, seed, first -> reference.distanceTo(first).value());
    }

    /**
     * The prefix form over a stream of feature rows in sample order: rows are added to float64
     * statistics, and when the count reaches an N of the grid (batches are split there) the distance
     * of the statistics so far is computed and kept. Rows beyond nMax are ignored. Not thread safe.
     */
    public static final class Streaming implements AutoCloseable {
        private final FrechetDistance.Reference reference;
        private final InfinityCurve curve;
        private GaussianStatsAccumulator acc;

        private Streaming(FrechetDistance.Reference reference, InfinityGrid grid) {
            this.reference = Objects.requireNonNull(reference, "reference");
            this.curve = new InfinityCurve("FID∞", grid,
                    () -> this.reference.distanceTo(acc.toStats(StatsProvenance.unknown())).value());
        }

        /** Rows fed so far (including any beyond nMax). */
        public long seen() {
            return curve.seen();
        }

        /** Feeds {@code rows} feature rows, row-major float64 (not modified). */
        public void accept(double[] rowMajor, int rows) {
            int d = reference.stats().dim();
            if (rows < 0 || (long) rows * d != rowMajor.length) {
                throw new IllegalArgumentException("expected " + rows + " × " + d + " features, found " + rowMajor.length
                        + " values");
            }
            if (acc == null) {
                acc = new GaussianStatsAccumulator(d);
            }
            curve.accept(rows, (from, to) -> acc.add(from == 0 && to == rows ? rowMajor
                    : java.util.Arrays.copyOfRange(rowMajor, from * d, to * d), to - from));
        }

        /** Feeds the rows of a feature batch [rows, d] of any floating type. */
        public void accept(INDArray batch) {
            int d = reference.stats().dim();
            if (batch.rank() != 2 || batch.size(1) != d) {
                throw new IllegalArgumentException("expected a feature batch [N, " + d + "], found "
                        + java.util.Arrays.toString(batch.shape()));
            }
            accept(batch.castTo(DataType.DOUBLE).dup('c').data().asDouble(), (int) batch.size(0));
        }

        /**
         * The fit once nMax rows were fed.
         *
         * @throws IllegalStateException with fewer than nMax rows
         */
        public InfinityFit finish() {
            return curve.finish();
        }

        /** Releases the accumulator's native memory. */
        @Override
        public void close() {
            if (acc != null) {
                acc.close();
            }
        }
    }
}
