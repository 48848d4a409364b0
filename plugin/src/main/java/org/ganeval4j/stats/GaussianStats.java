package org.ganeval4j.stats;

import java.util.Objects;

/**
 * The Gaussian summary of a set of feature vectors that the Fréchet distance compares:
 * mean μ (length d) and unbiased covariance Σ = Σᵢ (xᵢ − μ)(xᵢ − μ)ᵀ / (N − 1) (d × d, row-major),
 * as pytorch-fid's {@code np.cov(rowvar=False)}.
 *
 * <p>Validated on construction: Σ must be d × d, finite and symmetric (to 1e-6 of its largest
 * element; a float32 round trip keeps that). Arrays are copied on the way in and out.
 *
 * @param mean       μ, length d ≥ 1
 * @param covariance Σ, row-major, length d²
 * @param count      number of samples N, 0 when unknown (files from other tools)
 * @param provenance extractor, layer, resize mode and data the statistics describe
 */
public record GaussianStats(double[] mean, double[] covariance, long count, StatsProvenance provenance) {

    public GaussianStats {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(covariance, "covariance");
        Objects.requireNonNull(provenance, "provenance");
        // checked as copied: the caller's arrays may change afterwards
        mean = mean.clone();
        covariance = covariance.clone();
        StatsChecks.requireMean(mean);
        int d = mean.length;
        if (covariance.length != (long) d * d) {
            throw new IllegalArgumentException("covariance must be d×d = " + d + "×" + d + " (" + (long) d * d
                    + " values) for a mean of length " + d + ", got " + covariance.length + " values");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0 (0 = unknown), got " + count);
        }
        StatsChecks.requireFiniteSymmetric(java.nio.DoubleBuffer.wrap(covariance), d);
    }

    /** The feature dimension d. */
    public int dim() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] covariance() {
        return covariance.clone();
    }

    /**
     * Σ as a read-only view (row-major, d² values) that copies nothing: for handing a large covariance
     * to native code without another d² array on the heap.
     */
    public java.nio.DoubleBuffer covarianceView() {
        return java.nio.DoubleBuffer.wrap(covariance).asReadOnlyBuffer();
    }

    /** tr Σ. */
    public double traceCovariance() {
        int d = mean.length;
        double t = 0;
        for (int i = 0; i < d; i++) {
            t += covariance[i * d + i];
        }
        return t;
    }

    /** A copy with other provenance. */
    public GaussianStats withProvenance(StatsProvenance p) {
        return new GaussianStats(mean, covariance, count, p);
    }

    @Override
    public String toString() {
        return "GaussianStats[d=" + mean.length + ", count=" + count + ", " + provenance.describe() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianStats g && g.count == count && java.util.Arrays.equals(g.mean, mean)
                && java.util.Arrays.equals(g.covariance, covariance) && g.provenance.equals(provenance);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(mean) * 31 + Long.hashCode(count);
    }
}
