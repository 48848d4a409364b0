package org.ganeval4j.metric;

/**
 * The sample sizes N at which FID∞ and IS∞ (Chong &amp; Forsyth, "Effectively Unbiased FID and
 * Inception Score and where to find them", CVPR 2020) evaluate FID_N or IS_N before extrapolating to
 * N = ∞: {@code numpy.linspace(nMin, nMax, points).astype(numpy.int32)}, reproduced exactly (the
 * i-th size is {@code (int) (i · step + nMin)} with {@code step = (nMax − nMin) / (points − 1)} in
 * float64, the last one {@code nMax}). The reference implementation (mchong6/FID_IS_infinity) uses
 * 5,000 … 50,000 in 15 points ({@link #REFERENCE}); the paper's bias model FID_N ≈ FID∞ + b/N holds
 * there, while much smaller N add higher-order terms, so smaller grids are allowed but
 * {@link #belowPaperRange() flagged}.
 *
 * @param nMin   the smallest N (≥ 2)
 * @param nMax   the largest N (&gt; nMin), also the number of samples needed
 * @param points the number of sizes (≥ 2); the sizes must be distinct
 */
public record InfinityGrid(int nMin, int nMax, int points) {
    /** The reference implementation's grid: 5,000 … 50,000, 15 points. */
    public static final InfinityGrid REFERENCE = new InfinityGrid(5000, 50000, 15);
    /** The smallest N of the paper's range. */
    public static final int PAPER_MIN = 5000;

    public InfinityGrid {
        if (points < 2) {
            throw new IllegalArgumentException("an N grid needs at least 2 points to fit a line, found points=" + points);
        }
        if (nMin < 2) {
            throw new IllegalArgumentException("the smallest N must be >= 2 (a covariance needs 2 samples), found " + nMin);
        }
        if (nMax <= nMin) {
            throw new IllegalArgumentException("the largest N must exceed the smallest, found n-min=" + nMin + ", n-max="
                    + nMax);
        }
        if ((long) nMax - nMin + 1 < points) {
            throw new IllegalArgumentException("the grid " + nMin + " … " + nMax + " has fewer than " + points
                    + " distinct sizes");
        }
    }

    /** The sizes N, increasing. */
    public int[] sizes() {
        int[] n = new int[points];
        double step = ((double) nMax - nMin) / (points - 1);
        for (int i = 0; i < points; i++) {
            n[i] = (int) (i * step + nMin);
        }
        n[points - 1] = nMax;
        for (int i = 1; i < points; i++) {
            if (n[i] <= n[i - 1]) {
                throw new IllegalStateException("grid sizes repeat: " + java.util.Arrays.toString(n));
            }
        }
        return n;
    }

    /** True when the grid starts below the paper's 5,000 samples (its bias model is less reliable there). */
    public boolean belowPaperRange() {
        return nMin < PAPER_MIN;
    }

    @Override
    public String toString() {
        return "N = " + nMin + " … " + nMax + " (" + points + " points)";
    }
}
