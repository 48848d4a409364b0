package org.ganeval4j.metric.internal;

/**
 * Unbiased MMD² under the polynomial kernel {@code k(a, b) = (γ·aᵀb + c₀)^p} for many pairs of
 * equal-size row subsets of two float32 matrices, in float64, choosing the cheaper of two exact
 * routes:
 *
 * <ul>
 *   <li><b>per subset</b>: gather the {@code m} rows of each side, Gram blocks by OpenBLAS
 *       ({@code dsyrk} twice, {@code dgemm} once: {@code 2m²d} multiply-adds per subset, native
 *       memory {@code 8·m·(2d + m)} bytes);</li>
 *   <li><b>cached kernel</b>: when the {@code N_x² + N_y² + N_x·N_y} kernel values fit the cache
 *       budget and computing them ({@code dgemm} in row blocks, that many times d multiply-adds) and
 *       then summing {@code 3m²} cached values per subset is cheaper, every kernel value is computed
 *       once.</li>
 * </ul>
 *
 * Both routes evaluate the same float64 kernel values and differ only in summation order (~1e-16
 * relative).
 */
public final class PolynomialMmd {
    /** Multiply-adds that one read-and-add of a cached kernel value costs, roughly, in the cost model. */
    static final int SUM_COST = 4;

    private final double gamma;
    private final double coef0;
    private final int degree;

    /**
     * @param gamma γ &gt; 0
     * @param coef0 c₀
     * @param degree p ≥ 1
     */
    public PolynomialMmd(double gamma, double coef0, int degree) {
        this.gamma = gamma;
        this.coef0 = coef0;
        this.degree = degree;
    }

    /** {@code k} for a dot product. */
    public double kernel(double dot) {
        double t = gamma * dot + coef0;
        switch (degree) {
            case 1:
                return t;
            case 2:
                return t * t;
            case 3:
                return t * t * t;
            default:
                return Math.pow(t, degree);
        }
    }

    /**
     * Whether the cached-kernel route applies: its values fit {@code cacheBytes} and it is cheaper,
     * counting a cached value read in ascending order as {@value #SUM_COST} multiply-adds.
     */
    public static boolean useCache(int nX, int nY, int subsets, int m, int d, long cacheBytes) {
        double values = (double) nX * nX + (double) nY * nY + (double) nX * nY;
        double cachedCost = values * d + SUM_COST * 3.0 * subsets * m * m;
        double subsetCost = 2.0 * subsets * m * m * d;
        return values * Double.BYTES <= cacheBytes && cachedCost < subsetCost && (long) nX * nX <= Integer.MAX_VALUE - 8
                && (long) nY * nY <= Integer.MAX_VALUE - 8 && (long) nX * nY <= Integer.MAX_VALUE - 8;
    }

    /**
     * The unbiased MMD² of each subset pair {@code (x[xIndex[s]], y[yIndex[s]])}.
     *
     * @param x row-major {@code nX × d}
     * @param y row-major {@code nY × d}
     * @param xIndex per subset, m distinct row indices of x
     * @param yIndex per subset, m distinct row indices of y
     * @param cacheBytes budget of the cached-kernel route (0: never)
     */
    public double[] mmd2(float[] x, int nX, float[] y, int nY, int d, int[][] xIndex, int[][] yIndex, long cacheBytes) {
        int subsets = xIndex.length;
        int m = xIndex[0].length;
        return useCache(nX, nY, subsets, m, d, cacheBytes) ? cached(x, nX, y, nY, d, xIndex, yIndex)
                : perSubset(x, y, d, xIndex, yIndex);
    }

    private double combine(double sxx, double syy, double sxy, int m) {
        return (sxx + syy) / ((double) m * (m - 1)) - 2.0 * sxy / ((double) m * m);
    }

    private double[] perSubset(float[] x, float[] y, int d, int[][] xIndex, int[][] yIndex) {
        int subsets = xIndex.length;
        int m = xIndex[0].length;
        double[] out = new double[subsets];
        try (OffHeapRows xs = OffHeapRows.allocate(m, d);
                OffHeapRows ys = OffHeapRows.allocate(m, d);
                OffHeapRows gram = OffHeapRows.allocate(m, m)) {
            double[] row = new double[m];
            for (int s = 0; s < subsets; s++) {
                xs.gather(x, xIndex[s]);
                ys.gather(y, yIndex[s]);
                OffHeapRows.gramUpper(xs, m, gram);
                double sxx = offDiagonalSum(gram, m, row);
                OffHeapRows.gramUpper(ys, m, gram);
                double syy = offDiagonalSum(gram, m, row);
                OffHeapRows.gramCross(xs, ys, m, gram);
                double sxy = fullSum(gram, m, row);
                out[s] = combine(sxx, syy, sxy, m);
            }
        }
        return out;
    }

    /** Σ_{i≠j} k over an upper-triangular Gram matrix: twice the strict upper sum. */
    private double offDiagonalSum(OffHeapRows gram, int m, double[] row) {
        double total = 0;
        for (int i = 0; i < m - 1; i++) {
            int len = m - i - 1;
            gram.read((long) i * m + i + 1, row, len);
            double s = 0;
            for (int j = 0; j < len; j++) {
                s += kernel(row[j]);
            }
            total += s;
        }
        return 2 * total;
    }

    private double fullSum(OffHeapRows gram, int m, double[] row) {
        double total = 0;
        for (int i = 0; i < m; i++) {
            gram.read((long) i * m, row, m);
            double s = 0;
            for (int j = 0; j < m; j++) {
                s += kernel(row[j]);
            }
            total += s;
        }
        return total;
    }

    private double[] cached(float[] x, int nX, float[] y, int nY, int d, int[][] xIndex, int[][] yIndex) {
        double[] kxx;
        double[] kyy;
        double[] kxy;
        try (OffHeapRows xs = OffHeapRows.copyOf(x, nX, d); OffHeapRows ys = OffHeapRows.copyOf(y, nY, d)) {
            kxx = kernelMatrix(xs, xs);
            kyy = kernelMatrix(ys, ys);
            kxy = kernelMatrix(xs, ys);
        }
        int subsets = xIndex.length;
        int m = xIndex[0].length;
        double[] out = new double[subsets];
        java.util.stream.IntStream.range(0, subsets).parallel().forEach(s -> {
            // ascending indices walk the cached rows in memory order; the sums are order-free
            int[] xi = xIndex[s].clone();
            int[] yi = yIndex[s].clone();
            java.util.Arrays.sort(xi);
            java.util.Arrays.sort(yi);
            double sxx = 0;
            double syy = 0;
            double sxy = 0;
            for (int a = 0; a < m; a++) {
                int xr = xi[a] * nX;
                int yr = yi[a] * nY;
                int xyr = xi[a] * nY;
                double rx = 0;
                double ry = 0;
                double rxy = 0;
                for (int b = 0; b < m; b++) {
                    if (b != a) {
                        rx += kxx[xr + xi[b]];
                        ry += kyy[yr + yi[b]];
                    }
                    rxy += kxy[xyr + yi[b]];
                }
                sxx += rx;
                syy += ry;
                sxy += rxy;
            }
            out[s] = combine(sxx, syy, sxy, m);
        });
        return out;
    }

    /** All kernel values {@code k(aᵢ, bⱼ)}, row-major {@code a.rows × b.rows}, computed in row blocks. */
    private double[] kernelMatrix(OffHeapRows a, OffHeapRows b) {
        int na = a.rows();
        int nb = b.rows();
        double[] k = new double[na * nb];
        int block = Math.max(1, Math.min(na, KnnBallCounts.DEFAULT_BLOCK_VALUES / Math.max(1, nb)));
        try (OffHeapRows g = OffHeapRows.allocate(block, nb)) {
            for (int i0 = 0; i0 < na; i0 += block) {
                int rows = Math.min(block, na - i0);
                OffHeapRows.gramBlock(a, i0, rows, b, g);
                g.read(0, k, i0 * nb, rows * nb);
            }
        }
        for (int i = 0; i < k.length; i++) {
            k[i] = kernel(k[i]);
        }
        return k;
    }
}
