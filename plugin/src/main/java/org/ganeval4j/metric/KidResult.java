package org.ganeval4j.metric;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of {@link KernelInceptionDistance#compute}.
 *
 * @param mean KID: the mean of the per-subset unbiased MMD² (may be slightly negative when the sets
 *     are alike); torch-fidelity's {@code kernel_inception_distance_mean}
 * @param std population standard deviation (ddof 0) of the per-subset values;
 *     {@code kernel_inception_distance_std}
 * @param perSubset the per-subset MMD², in draw order (copied in and out)
 * @param realRows rows of the real set the subsets were drawn from
 * @param fakeRows rows of the fake set the subsets were drawn from
 * @param dimension feature dimension d
 * @param subsets number of subsets
 * @param subsetSize rows per set per subset
 * @param degree polynomial degree p
 * @param gamma the kernel scale γ used (1/d by default)
 * @param coef0 the kernel offset c₀
 * @param seed the {@code RandomState} seed
 */
public record KidResult(double mean, double std, double[] perSubset, int realRows, int fakeRows, int dimension,
        int subsets, int subsetSize, int degree, double gamma, double coef0, long seed) {

    /** Copies {@code perSubset}. */
    public KidResult {
        perSubset = perSubset.clone();
    }

    /** The headline value, {@link #mean()}. */
    public double value() {
        return mean;
    }

    /** {@link KernelInceptionDistance#DIRECTION}. */
    public Direction direction() {
        return KernelInceptionDistance.DIRECTION;
    }

    /** A copy of the per-subset values. */
    @Override
    public double[] perSubset() {
        return perSubset.clone();
    }

    /** The values under torch-fidelity's keys. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("kernel_inception_distance_mean", mean);
        m.put("kernel_inception_distance_std", std);
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KidResult r && Double.compare(mean, r.mean) == 0 && Double.compare(std, r.std) == 0
                && Arrays.equals(perSubset, r.perSubset) && realRows == r.realRows && fakeRows == r.fakeRows
                && dimension == r.dimension && subsets == r.subsets && subsetSize == r.subsetSize && degree == r.degree
                && Double.compare(gamma, r.gamma) == 0 && Double.compare(coef0, r.coef0) == 0 && seed == r.seed;
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(mean) + Arrays.hashCode(perSubset);
    }

    @Override
    public String toString() {
        return "KidResult[mean=" + mean + ", std=" + std + ", subsets=" + subsets + " × " + subsetSize + ", real=" + realRows
                + ", fake=" + fakeRows + ", d=" + dimension + ", kernel=(" + gamma + "·aᵀb + " + coef0 + ")^" + degree
                + ", seed=" + seed + "]";
    }
}
