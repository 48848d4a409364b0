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
public final class PrecisionRecall extends Neighbourhood.Metric {
    /** Precision and recall: larger is better. */
    public static final Direction DIRECTION = Neighbourhood.DIRECTION;
    /** torch-fidelity's {@code prc_neighborhood}. */
    public static final int DEFAULT_K = 3;

    private PrecisionRecall(Neighbourhood n) {
        super(n);
    }

    /** torch-fidelity's defaults: k = 3, inclusive balls. */
    public static PrecisionRecall defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults (k = {@value #DEFAULT_K}). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Precision and recall of the fake features against the real ones.
     *
     * @param real real (reference) features, {@code N_real × d}, N_real &gt; k
     * @param fake generated features, {@code N_fake × d}, N_fake &gt; k
     * @throws IllegalArgumentException when the dimensions differ or a set has k rows or fewer
     */
    public PrecisionRecallResult compute(FeatureMatrix real, FeatureMatrix fake) {
        KnnBallCounts.Counts c = n.count(real, fake);
        return new PrecisionRecallResult((double) c.precision() / fake.rows(), (double) c.recall() / real.rows(), c.precision(),
                c.recall(), real.rows(), fake.rows(), real.cols(), n.k());
    }

    @Override
    public String toString() {
        return "PrecisionRecall[k=" + n.k() + ", ≤]";
    }

    /** Builder (k, blockRows); {@link #build()} validates. Not thread safe. */
    public static final class Builder extends Neighbourhood.Builder<Builder, PrecisionRecall> {
        private Builder() {
            super(DEFAULT_K);
        }

        @Override
        String name() {
            return "precision/recall";
        }

        @Override
        boolean inclusive() {
            return true;
        }

        @Override
        PrecisionRecall create(Neighbourhood n) {
            return new PrecisionRecall(n);
        }
    }
}
