package org.ganeval4j.metric;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The extrapolation of a sample-size-biased metric to infinitely many samples (Chong &amp; Forsyth,
 * CVPR 2020): the ordinary least-squares line through the points (1/N, M_N),
 *
 * <pre>M_N = M∞ + slope / N</pre>
 *
 * with {@code slope = Σ (xᵢ − x̄)(yᵢ − ȳ) / Σ (xᵢ − x̄)²}, {@code M∞ = ȳ − slope · x̄} (xᵢ = 1/Nᵢ) and
 * {@code R² = 1 − Σ (yᵢ − ŷᵢ)² / Σ (yᵢ − ȳ)²} (1 when every M_N is equal and fitted exactly, as
 * scikit-learn's {@code r2_score}). M∞ is the value an infinite sample would give, so models
 * evaluated with different N, or whose bias slopes differ, can be compared by it.
 *
 * @param n         the sample sizes N, increasing
 * @param values    M_N at each N
 * @param intercept M∞, the extrapolated value
 * @param slope     the bias slope b (M_N − M∞ ≈ b/N)
 * @param r2        the fit's coefficient of determination
 */
public record InfinityFit(int[] n, double[] values, double intercept, double slope, double r2) {
    public InfinityFit {
        if (n.length != values.length || n.length < 2) {
            throw new IllegalArgumentException("expected at least 2 sizes with one value each, found " + n.length
                    + " sizes and " + values.length + " values");
        }
        n = n.clone();
        values = values.clone();
    }

    /** The least-squares fit of {@code values} against 1/{@code n}. */
    public static InfinityFit of(int[] n, double[] values) {
        if (n.length != values.length || n.length < 2) {
            throw new IllegalArgumentException("expected at least 2 sizes with one value each, found " + n.length
                    + " sizes and " + values.length + " values");
        }
        int k = n.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < k; i++) {
            if (!Double.isFinite(values[i])) {
                throw new ArithmeticException("value at N=" + n[i] + " is not finite: " + values[i]);
            }
            mx += 1.0 / n[i];
            my += values[i];
        }
        mx /= k;
        my /= k;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < k; i++) {
            double dx = 1.0 / n[i] - mx;
            double dy = values[i] - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double ssRes = 0;
        for (int i = 0; i < k; i++) {
            double r = values[i] - (intercept + slope / n[i]);
            ssRes += r * r;
        }
        double r2 = syy == 0 ? (ssRes == 0 ? 1.0 : 0.0) : 1 - ssRes / syy;
        return new InfinityFit(n, values, intercept, slope, r2);
    }

    @Override
    public int[] n() {
        return n.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /**
     * The fit as named details for histories and JSON: {@code n}, {@code valuesKey} (e.g.
     * {@code fid_n}), {@code slope}, {@code r2}.
     */
    public Map<String, Object> details(String valuesKey) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", n.clone());
        m.put(valuesKey, values.clone());
        m.put("slope", slope);
        m.put("r2", r2);
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InfinityFit f && Arrays.equals(f.n, n) && Arrays.equals(f.values, values)
                && Double.compare(f.intercept, intercept) == 0 && Double.compare(f.slope, slope) == 0
                && Double.compare(f.r2, r2) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(n) * 31 + Double.hashCode(intercept);
    }

    @Override
    public String toString() {
        return "InfinityFit[∞=" + intercept + ", slope=" + slope + ", R²=" + r2 + ", N=" + Arrays.toString(n) + "]";
    }
}
