package org.ganeval4j.metric;

import org.ganeval4j.stats.FeatureMatrix;

import org.ganeval4j.metric.internal.KnnBallCounts;

/**
 * Improved precision and recall (Kynkäänniemi, Karras, Laine, Lehtinen and Aila, "Improved
 * Precision and Recall Metric for Assessing Generative Models", NeurIPS 2019), as torch-fidelity's
 * {@code prc_features_to_metric(fake, real)} computes it. Higher is better for both.
 *
 * <p>Each set's manifold is the union of balls around its rows, of radius {@code r(z)} = distance to
 * the k-th nearest neighbour of {@code z} within its own set ({@code z} excluded; k = 3 by default):
 *
 * <pre>
 *   precision = (1/N_fake) · #{ fake f : ‖f − y‖ ≤ r(y) for some real y }
 *   recall    = (1/N_real) · #{ real y : ‖y − f‖ ≤ r(f) for some fake f }
 *   f_score   = 2 · precision · recall / max(1e-5, precision + recall)
 * </pre>
 *
 * <p>Distances are exact float64 Euclidean distances of the float32 features (see
 * {@link org.ganeval4j.metric.internal.KnnBallCounts}: matrix products in blocks of rows, direct
 * differences for pairs within rounding of a radius), so the counts equal those of any exact
 * computation, ties included. Memory: {@code 8·(N_real + N_fake)·d} bytes of native float64 copies
 * plus two distance blocks of {@code blockRows × max(N_real, N_fake)} float64 values (by default at
 * most 4 Mi values, 32 MiB, each). Cost: {@code (N_real + N_fake)²·d} multiply-adds.
 *
 * <p>Immutable and thread safe.
 */
public final class PrecisionRecall {
    /** Precision and recall: larger is better. */
    public static final Direction DIRECTION = Direction.HIGHER_IS_BETTER;
    /** torch-fidelity's {@code prc_neighborhood}. */
    public static final int DEFAULT_K = 3;

    private final int k;
    private final int blockRows;

    private PrecisionRecall(Builder b) {
        this.k = b.k;
        this.blockRows = b.blockRows;
    }

    /** torch-fidelity's defaults: k = 3, inclusive balls. */
    public static PrecisionRecall defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@link Direction#HIGHER_IS_BETTER}. */
    public Direction direction() {
        return DIRECTION;
    }

    /** The neighbourhood size k. */
    public int k() {
        return k;
    }

    /**
     * Precision and recall of the fake features against the real ones.
     *
     * @param real real (reference) features, {@code N_real × d}, N_real &gt; k
     * @param fake generated features, {@code N_fake × d}, N_fake &gt; k
     * @throws IllegalArgumentException when the dimensions differ or a set has k rows or fewer
     */
    public PrecisionRecallResult compute(FeatureMatrix real, FeatureMatrix fake) {
        NeighbourhoodChecks.check("precision/recall", real, fake, k);
        int rows = blockRows > 0 ? blockRows : KnnBallCounts.defaultBlockRows(Math.max(real.rows(), fake.rows()));
        KnnBallCounts.Counts c = KnnBallCounts.count(real.toArray(), real.rows(), fake.toArray(), fake.rows(), real.cols(), k, true, rows);
        return new PrecisionRecallResult((double) c.precision() / fake.rows(), (double) c.recall() / real.rows(), c.precision(),
                c.recall(), real.rows(), fake.rows(), real.cols(), k);
    }

    @Override
    public String toString() {
        return "PrecisionRecall[k=" + k + ", ≤]";
    }

    /** Builder; {@link #build()} validates. Not thread safe. */
    public static final class Builder {
        private int k = DEFAULT_K;
        private int blockRows;

        private Builder() {
        }

        /** Neighbourhood size k ≥ 1 (default 3); each set needs more than k rows. */
        public Builder k(int k) {
            this.k = k;
            return this;
        }

        /**
         * Rows per distance block, ≥ 1; by default {@code max(1, 4 Mi / max(N_real, N_fake))}, about
         * 32 MiB per block. Changes memory and speed, never the result.
         */
        public Builder blockRows(int blockRows) {
            if (blockRows < 1) {
                throw new IllegalArgumentException("blockRows must be >= 1, found " + blockRows);
            }
            this.blockRows = blockRows;
            return this;
        }

        /** Validates and builds. */
        public PrecisionRecall build() {
            if (k < 1) {
                throw new IllegalArgumentException("k (neighbourhood size) must be >= 1, found " + k);
            }
            return new PrecisionRecall(this);
        }
    }
}
