package org.ganeval4j.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ganeval4j.metric.InfinityFit;
import org.ganeval4j.metric.InfinityGrid;
import org.ganeval4j.stats.FeatureMatrix;
import org.slf4j.Logger;

/**
 * What the extrapolated metrics of Chong &amp; Forsyth (CVPR 2020) share ({@link FidInfinity},
 * {@link IsInfinity}): one extractor output, the N grid, the optional reshuffle seed, the check that
 * an evaluation draws nMax samples, the reshuffled form's accumulator (the first nMax rows kept,
 * 4·nMax·columns bytes) and the history value M∞ with the fit's details. A subclass says what its
 * rows are ({@link #columns()}), how the two forms compute the fit, and its name.
 */
abstract class InfinityMetric implements GanMetric {
    final FeatureRequest request;
    final InfinityGrid grid;
    final Long reshuffleSeed;
    private final String valuesKey;
    private final String valueId;

    /**
     * @param valuesKey the details' key of M_N, e.g. {@code fid_n}
     * @param valueId   the feature the value was computed on, as {@link MetricValue} records it
     */
    InfinityMetric(FeatureRequest request, GridBuilder<?> b, String valuesKey, String valueId) {
        this.request = request;
        this.grid = b.grid;
        this.reshuffleSeed = b.reshuffleSeed;
        this.valuesKey = valuesKey;
        this.valueId = valueId;
    }

    /** The grid and the form of the reference implementation; the metric's builder adds what it needs. Not thread safe. */
    abstract static class GridBuilder<B extends GridBuilder<B>> {
        private InfinityGrid grid = InfinityGrid.REFERENCE;
        private Long reshuffleSeed;

        abstract B self();

        /** The N grid (default 5,000 … 50,000, 15 points). */
        public B grid(InfinityGrid grid) {
            this.grid = Objects.requireNonNull(grid, "grid");
            return self();
        }

        /** The N grid {@code linspace(nMin, nMax, points)}. */
        public B grid(int nMin, int nMax, int points) {
            return grid(new InfinityGrid(nMin, nMax, points));
        }

        /**
         * M_N (FID_N, IS_N) on seeded reshuffles of all nMax rows, as the reference implementation
         * (seed in [0, 2³²−1]).
         */
        public B reshuffled(long seed) {
            this.reshuffleSeed = seed;
            return self();
        }

        /** Checks the seed's range, and warns on {@code log} when the grid starts below the paper's range. */
        void checkGrid(Logger log, String metric) {
            if (reshuffleSeed != null && (reshuffleSeed < 0 || reshuffleSeed > 0xffffffffL)) {
                throw new IllegalArgumentException("reshuffle seed must be in [0, 2^32-1] (numpy RandomState), found "
                        + reshuffleSeed);
            }
            if (grid.belowPaperRange()) {
                log.warn("{} grid {} starts below the paper's range (N >= {}): the 1/N bias model is less reliable there",
                        metric, grid, InfinityGrid.PAPER_MIN);
            }
        }
    }

    /** The columns of the rows read (feature dimension, classes). */
    abstract int columns();

    /** The fit in the reshuffled form over the first nMax rows fed. */
    abstract InfinityFit reshuffled(FeatureMatrix rows, long seed);

    /** The prefix form's accumulator: a stream fed in sample order; its values come from {@link #value}. */
    abstract Accumulator prefix();

    @Override
    public final List<FeatureRequest> requires() {
        return List.of(request);
    }

    /** The N grid. */
    public final InfinityGrid grid() {
        return grid;
    }

    /** The spec's grid options: {@code n-min}, {@code n-max}, {@code points}. */
    final MetricSpec withGrid(MetricSpec s) {
        return s.with("n-min", grid.nMin()).with("n-max", grid.nMax()).with("points", grid.points());
    }

    /** The spec with the reshuffle seed, if any. */
    final java.util.Optional<MetricSpec> withSeed(MetricSpec s) {
        return java.util.Optional.of(reshuffleSeed == null ? s : s.with("reshuffle", reshuffleSeed));
    }

    @Override
    public final Accumulator start(int samples) {
        if (samples < grid.nMax()) {
            throw new IllegalArgumentException(name() + " over " + grid + " needs at least " + grid.nMax()
                    + " samples per evaluation, the evaluator draws " + samples);
        }
        if (reshuffleSeed == null) {
            return prefix();
        }
        int cols = columns();
        float[] rows = new float[Math.multiplyExact(grid.nMax(), cols)];
        return new Accumulator() {
            private int n;

            @Override
            public void accept(FeatureBatch batch) {
                int take = Math.min(batch.size(), grid.nMax() - n);
                if (take > 0) {
                    float[] f = FeatureMatrix.of(batch.features(request)).toArray();
                    System.arraycopy(f, 0, rows, n * cols, take * cols);
                    n += take;
                }
            }

            @Override
            public List<MetricValue> finish() {
                return value(reshuffled(FeatureMatrix.of(Arrays.copyOf(rows, n * cols), n, cols), reshuffleSeed));
            }
        };
    }

    /** M∞ as the metric's value, with the fit, the form and the seed in its details. */
    final List<MetricValue> value(InfinityFit fit) {
        Map<String, Object> details = fit.details(valuesKey);
        details.put("mode", reshuffleSeed == null ? "prefix" : "reshuffled");
        if (reshuffleSeed != null) {
            details.put("seed", reshuffleSeed);
        }
        return List.of(new MetricValue(name(), fit.intercept(), Double.NaN, valueId, details));
    }
}
