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
public final class DensityCoverage extends Neighbourhood.Metric {
    /** Density, coverage and their precision/recall: larger is better. */
    public static final Direction DIRECTION = Neighbourhood.DIRECTION;
    /** The {@code nearest_k} that Naeem et al. recommend. */
    public static final int DEFAULT_K = 5;

    private DensityCoverage(Neighbourhood n) {
        super(n);
    }

    /** Defaults: k = 5, strict balls. */
    public static DensityCoverage defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults (k = {@value #DEFAULT_K}). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Precision, recall, density and coverage of the fake features against the real ones.
     *
     * @param real real (reference) features, {@code N_real × d}, N_real &gt; k
     * @param fake generated features, {@code N_fake × d}, N_fake &gt; k
     * @throws IllegalArgumentException when the dimensions differ or a set has k rows or fewer
     */
    public DensityCoverageResult compute(FeatureMatrix real, FeatureMatrix fake) {
        KnnBallCounts.Counts c = n.count(real, fake);
        int nf = fake.rows();
        int nr = real.rows();
        int k = n.k();
        return new DensityCoverageResult((double) c.precision() / nf, (double) c.recall() / nr,
                (1.0 / k) * ((double) c.densityPairs() / nf), (double) c.coverage() / nr, c.precision(), c.recall(),
                c.densityPairs(), c.coverage(), nr, nf, real.cols(), k);
    }

    @Override
    public String toString() {
        return "DensityCoverage[k=" + n.k() + ", <]";
    }

    /** Builder (k, blockRows); {@link #build()} validates. Not thread safe. */
    public static final class Builder extends Neighbourhood.Builder<Builder, DensityCoverage> {
        private Builder() {
            super(DEFAULT_K);
        }

        @Override
        String name() {
            return "density/coverage";
        }

        @Override
        boolean inclusive() {
            return false;
        }

        @Override
        DensityCoverage create(Neighbourhood n) {
            return new DensityCoverage(n);
        }
    }
}
