package org.ganeval4j.metric;

import org.ganeval4j.metric.internal.KnnBallCounts;
import org.ganeval4j.stats.FeatureMatrix;

/**
 * What the k-nearest-neighbour metrics share ({@link PrecisionRecall}, {@link DensityCoverage}): the
 * neighbourhood size, the distance block size, whether a ball holds its radius (≤, torch-fidelity) or
 * not (&lt;, prdc), and the input checks.
 *
 * @param metric    the metric's name in messages
 * @param k         neighbourhood size, ≥ 1
 * @param blockRows rows per distance block, or 0 for the default (about 32 MiB per block)
 * @param inclusive balls are closed (≤) rather than open (&lt;)
 */
record Neighbourhood(String metric, int k, int blockRows, boolean inclusive) {
    /** The neighbourhood metrics' values (precision, recall, density, coverage): larger is better. */
    static final Direction DIRECTION = Direction.HIGHER_IS_BETTER;

    Neighbourhood {
        if (k < 1) {
            throw new IllegalArgumentException("k (neighbourhood size) of " + metric + " must be >= 1, found " + k);
        }
        if (blockRows < 0) {
            throw new IllegalArgumentException("blockRows must be >= 1, found " + blockRows);
        }
    }

    /** The ball counts of the fake features against the real ones, after checking both sets. */
    KnnBallCounts.Counts count(FeatureMatrix real, FeatureMatrix fake) {
        if (real.cols() != fake.cols()) {
            throw new IllegalArgumentException(metric + " needs real and fake features of the same dimension, found real d="
                    + real.cols() + " and fake d=" + fake.cols());
        }
        enough("real", real.rows());
        enough("fake", fake.rows());
        int rows = blockRows > 0 ? blockRows : KnnBallCounts.defaultBlockRows(Math.max(real.rows(), fake.rows()));
        return KnnBallCounts.count(real.toArray(), real.rows(), fake.toArray(), fake.rows(), real.cols(), k, inclusive, rows);
    }

    private void enough(String which, int rows) {
        if (rows <= k) {
            throw new IllegalArgumentException(metric + " with k=" + k + " needs more than " + k + " rows in each set (the "
                    + k + " nearest neighbours exclude the row itself), the " + which + " set has " + rows);
        }
    }

    /** What both metrics are: a neighbourhood, higher is better. Immutable and thread safe. */
    abstract static class Metric {
        final Neighbourhood n;

        Metric(Neighbourhood n) {
            this.n = n;
        }

        /** {@link Direction#HIGHER_IS_BETTER}. */
        public Direction direction() {
            return DIRECTION;
        }

        /** The neighbourhood size k. */
        public int k() {
            return n.k();
        }
    }

    /** The builder both metrics share; {@link #build()} validates. Not thread safe. */
    abstract static class Builder<B extends Builder<B, T>, T> {
        private int k;
        private int blockRows;

        Builder(int defaultK) {
            this.k = defaultK;
        }

        /** Neighbourhood size k ≥ 1; each set needs more than k rows. */
        public B k(int value) {
            this.k = value;
            return self();
        }

        /**
         * Rows per distance block, ≥ 1; by default {@code max(1, 4 Mi / max(N_real, N_fake))}, about
         * 32 MiB per block. Changes memory and speed, never the result.
         */
        public B blockRows(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("blockRows must be >= 1, found " + rows);
            }
            this.blockRows = rows;
            return self();
        }

        /** Validates and builds. */
        public T build() {
            return create(new Neighbourhood(name(), k, blockRows, inclusive()));
        }

        abstract String name();

        abstract boolean inclusive();

        abstract T create(Neighbourhood n);

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }
    }
}
