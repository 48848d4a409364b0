package org.ganeval4j.metric;

import org.ganeval4j.stats.FeatureMatrix;

import org.ganeval4j.metric.internal.KnnBallCounts;

/**
 * Density and coverage, with their companion precision and recall (Naeem, Oh, Uh, Choi and Yoo,
 * "Reliable Fidelity and Diversity Metrics for Generative Models", ICML 2020), as clovaai's
 * {@code prdc.compute_prdc(real, fake, nearest_k=5)} computes them. Higher is better for all four
 * (density is not bounded by 1; about 1 when the fake rows are distributed like the real ones).
 *
 * <p>With {@code r(z)} = distance from {@code z} to its k-th nearest neighbour in its own set
 * ({@code z} excluded; k = 5 by default) and <em>strict</em> ball membership {@code ‖p − z‖ < r(z)}:
 *
 * <pre>
 *   precision = (1/N_fake) · #{ fake f : ‖f − y‖ &lt; r(y) for some real y }
 *   recall    = (1/N_real) · #{ real y : ‖y − f‖ &lt; r(f) for some fake f }
 *   density   = 1/(k·N_fake) · Σ_f Σ_y 1[ ‖f − y‖ &lt; r(y) ]
 *   coverage  = (1/N_real) · #{ real y : min_f ‖y − f‖ &lt; r(y) }
 * </pre>
 *
 * <p>Distances are exact float64 Euclidean distances of the float32 features, in blocks of rows
 * (see {@link PrecisionRecall} for memory and cost, which are the same).
 *
 * <p>Immutable and thread safe.
 */
public final class DensityCoverage {
    /** Density, coverage and their precision/recall: larger is better. */
    public static final Direction DIRECTION = Direction.HIGHER_IS_BETTER;
    /** The {@code nearest_k} that Naeem et al. recommend. */
    public static final int DEFAULT_K = 5;

    private final int k;
    private final int blockRows;

    private DensityCoverage(Builder b) {
        this.k = b.k;
        this.blockRows = b.blockRows;
    }

    /** Defaults: k = 5, strict balls. */
    public static DensityCoverage defaults() {
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
     * Precision, recall, density and coverage of the fake features against the real ones.
     *
     * @param real real (reference) features, {@code N_real × d}, N_real &gt; k
     * @param fake generated features, {@code N_fake × d}, N_fake &gt; k
     * @throws IllegalArgumentException when the dimensions differ or a set has k rows or fewer
     */
    public DensityCoverageResult compute(FeatureMatrix real, FeatureMatrix fake) {
        NeighbourhoodChecks.check("density/coverage", real, fake, k);
        int rows = blockRows > 0 ? blockRows : KnnBallCounts.defaultBlockRows(Math.max(real.rows(), fake.rows()));
        KnnBallCounts.Counts c = KnnBallCounts.count(real.toArray(), real.rows(), fake.toArray(), fake.rows(), real.cols(), k, false, rows);
        int nf = fake.rows();
        int nr = real.rows();
        return new DensityCoverageResult((double) c.precision() / nf, (double) c.recall() / nr,
                (1.0 / k) * ((double) c.densityPairs() / nf), (double) c.coverage() / nr, c.precision(), c.recall(),
                c.densityPairs(), c.coverage(), nr, nf, real.cols(), k);
    }

    @Override
    public String toString() {
        return "DensityCoverage[k=" + k + ", <]";
    }

    /** Builder; {@link #build()} validates. Not thread safe. */
    public static final class Builder {
        private int k = DEFAULT_K;
        private int blockRows;

        private Builder() {
        }

        /** Neighbourhood size k ≥ 1 (default 5); each set needs more than k rows. */
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
        public DensityCoverage build() {
            if (k < 1) {
                throw new IllegalArgumentException("k (nearest_k) must be >= 1, found " + k);
            }
            return new DensityCoverage(this);
        }
    }
}
