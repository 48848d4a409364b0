package org.ganeval4j.metric.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The counts behind precision/recall (Kynkäänniemi et al. 2019) and density/coverage (Naeem et al.
 * 2020): k-nearest-neighbour balls around every real and every fake row, and which rows of the
 * other set fall in them.
 *
 * <p>Radius {@code r(z)} = Euclidean distance from {@code z} to its k-th nearest neighbour in its own
 * set, {@code z} itself excluded. A point {@code p} is in the ball of {@code z} when
 * {@code ‖p − z‖ ≤ r(z)} (inclusive, torch-fidelity) or {@code ‖p − z‖ < r(z)} (strict, prdc).
 *
 * <p>Distances are those of exact float64 arithmetic on the float32 inputs, computed in two tiers:
 * blocks of {@code ‖a‖² + ‖b‖² − 2aᵀb} (OpenBLAS {@code dgemm}, {@code blockRows × N_other} values
 * at a time; within a set, square tiles of as many values on and above the diagonal only, each
 * serving its rows and its columns), and, for the rare pairs whose decision lies within a rigorous rounding bound of that
 * form ({@code (4d + 32)·2⁻⁵³·(‖a‖² + ‖b‖² + r²)}), the direct {@code Σ (aᵢ − bᵢ)²} in float64. Radii
 * are the direct value of the k-th smallest. Every count therefore equals the count from direct
 * float64 distances, ties and pairs within 1e-6 of their radius included. Inputs with many exactly
 * duplicated rows make many pairs ambiguous and cost {@code d} operations each.
 *
 * <p>Memory: {@code 8·(N_real + N_fake)·d} bytes of native float64 copies, plus twice
 * {@code 8·blockRows·max(N_real, N_fake)} bytes for one block of products (native and heap), plus
 * a few candidates per row. Work: {@code (N_real²/2 + N_fake²/2 + N_real·N_fake)·d} multiply-adds.
 */
public final class KnnBallCounts {
    /** Default distance-block budget: 4 Mi float64 values (32 MiB). */
    public static final int DEFAULT_BLOCK_VALUES = 1 << 22;
    private static final double UNIT_ROUNDOFF = 0x1.0p-53;

    private KnnBallCounts() {
    }

    /**
     * The counts.
     *
     * @param precision fake rows inside at least one real ball
     * @param recall real rows inside at least one fake ball
     * @param densityPairs (fake, real) pairs with the fake row inside the real row's ball
     * @param coverage real rows whose ball holds at least one fake row
     * @param directPairs pairs (including radius candidates) that needed the direct distance
     */
    public record Counts(int precision, int recall, long densityPairs, int coverage, long directPairs) {
    }

    /** Rows per block so that a block holds at most {@link #DEFAULT_BLOCK_VALUES} values (at least 1 row). */
    public static int defaultBlockRows(int otherRows) {
        return Math.max(1, DEFAULT_BLOCK_VALUES / Math.max(1, otherRows));
    }

    /**
     * Counts for real and fake row-major float32 matrices with {@code d} columns.
     *
     * @param k neighbourhood size, 1 ≤ k &lt; min(N_real, N_fake)
     * @param inclusive {@code ≤} when true, {@code <} when false
     * @param blockRows rows per distance block, ≥ 1
     */
    public static Counts count(float[] real, int nReal, float[] fake, int nFake, int d, int k, boolean inclusive, int blockRows) {
        if (k < 1 || k >= nReal || k >= nFake) {
            throw new IllegalArgumentException("k must be in [1, min(N_real, N_fake) - 1], found k=" + k + " with N_real="
                    + nReal + ", N_fake=" + nFake);
        }
        if (blockRows < 1) {
            throw new IllegalArgumentException("blockRows must be >= 1, found " + blockRows);
        }
        double c = (4.0 * d + 32.0) * UNIT_ROUNDOFF;
        AtomicLong direct = new AtomicLong();
        double[] normR = rowNorms(real, nReal, d);
        double[] normF = rowNorms(fake, nFake, d);
        int maxRows = Math.max(nReal, nFake);
        int b = Math.min(blockRows, Math.min(maxRows, (Integer.MAX_VALUE - 8) / maxRows));
        try (OffHeapRows r = OffHeapRows.copyOf(real, nReal, d);
                OffHeapRows f = OffHeapRows.copyOf(fake, nFake, d);
                OffHeapRows block = OffHeapRows.allocate(b, maxRows)) {
            double[] heap = new double[b * maxRows];
            long blockValues = (long) b * maxRows;
            double[] radiusSqR = radii(r, real, normR, d, k, c, blockValues, block, heap, direct);
            double[] radiusSqF = radii(f, fake, normF, d, k, c, blockValues, block, heap, direct);
            double[] radiusR = sqrtAll(radiusSqR);
            double[] radiusF = sqrtAll(radiusSqF);

            boolean[] fakeInReal = new boolean[nFake];
            boolean[] realCovered = new boolean[nReal];
            boolean[] realInFake = new boolean[nReal];
            long[] pairsPerFake = new long[nFake];
            for (int f0 = 0; f0 < nFake; f0 += b) {
                int rows = Math.min(b, nFake - f0);
                OffHeapRows.gramBlock(f, f0, rows, r, block);
                block.read(0, heap, rows * nReal);
                final int first = f0;
                IntStream.range(0, rows).parallel().forEach(q -> {
                    int i = first + q;
                    int off = q * nReal;
                    double ni = normF[i];
                    long pairs = 0;
                    long refined = 0;
                    for (int y = 0; y < nReal; y++) {
                        double approx = ni + normR[y] - 2 * heap[off + y];
                        double bound = c * (ni + normR[y]);
                        double exact = -1;
                        int side = side(approx, radiusSqR[y], bound + c * radiusSqR[y]);
                        if (side == 0) {
                            exact = Math.sqrt(directSq(fake, i, real, y, d));
                            refined++;
                            side = inside(exact, radiusR[y], inclusive) ? 1 : -1;
                        }
                        if (side > 0) {
                            pairs++;
                            realCovered[y] = true;
                        }
                        int sideF = side(approx, radiusSqF[i], bound + c * radiusSqF[i]);
                        if (sideF == 0) {
                            if (exact < 0) {
                                exact = Math.sqrt(directSq(fake, i, real, y, d));
                                refined++;
                            }
                            sideF = inside(exact, radiusF[i], inclusive) ? 1 : -1;
                        }
                        if (sideF > 0) {
                            realInFake[y] = true;
                        }
                    }
                    pairsPerFake[i] = pairs;
                    fakeInReal[i] = pairs > 0;
                    if (refined > 0) {
                        direct.addAndGet(refined);
                    }
                });
            }
            long density = 0;
            for (long p : pairsPerFake) {
                density += p;
            }
            return new Counts(countTrue(fakeInReal), countTrue(realInFake), density, countTrue(realCovered), direct.get());
        }
    }

    /** +1 when certainly inside (below radius² by more than the bound), −1 when certainly outside, 0 when ambiguous. */
    private static int side(double approxSq, double radiusSq, double bound) {
        if (approxSq < radiusSq - bound) {
            return 1;
        }
        if (approxSq > radiusSq + bound) {
            return -1;
        }
        return 0;
    }

    private static boolean inside(double distance, double radius, boolean inclusive) {
        return inclusive ? distance <= radius : distance < radius;
    }

    /**
     * Squared radii (direct float64 values) of every row of {@code m}: the k-th smallest distance to
     * the other rows. The Gram matrix is visited in {@code tile × tile} tiles on and above the
     * diagonal only; each tile serves its rows and, transposed, its columns.
     */
    private static double[] radii(OffHeapRows m, float[] data, double[] norms, int d, int k, double c, long blockValues,
            OffHeapRows block, double[] heap, AtomicLong direct) {
        int n = m.rows();
        double maxNorm = 0;
        for (double v : norms) {
            maxNorm = Math.max(maxNorm, v);
        }
        int tile = (int) Math.max(1, Math.min(n, (long) Math.sqrt((double) blockValues)));
        NeighbourCandidates[] state = new NeighbourCandidates[n];
        for (int i = 0; i < n; i++) {
            // every approximation is within c·(‖a_i‖² + max‖a_j‖²) of its direct value, so the k-th
            // smallest direct value lies among the approximations within twice that of the k-th
            state[i] = new NeighbourCandidates(k, 2 * c * (norms[i] + maxNorm));
        }
        for (int i0 = 0; i0 < n; i0 += tile) {
            int rowsI = Math.min(tile, n - i0);
            for (int j0 = i0; j0 < n; j0 += tile) {
                int rowsJ = Math.min(tile, n - j0);
                OffHeapRows.gramTile(m, i0, rowsI, m, j0, rowsJ, block);
                block.read(0, heap, rowsI * rowsJ);
                final int fi = i0;
                final int fj = j0;
                IntStream.range(0, rowsI).parallel().forEach(q -> {
                    int i = fi + q;
                    NeighbourCandidates s = state[i];
                    double ni = norms[i];
                    int off = q * rowsJ;
                    for (int t = 0; t < rowsJ; t++) {
                        int j = fj + t;
                        if (j != i) {
                            s.offer(j, ni + norms[j] - 2 * heap[off + t]);
                        }
                    }
                });
                if (j0 != i0) {
                    int chunk = Math.max(1, (rowsJ + 63) / 64);
                    IntStream.range(0, (rowsJ + chunk - 1) / chunk).parallel().forEach(part -> {
                        int t0 = part * chunk;
                        int t1 = Math.min(rowsJ, t0 + chunk);
                        for (int q = 0; q < rowsI; q++) {
                            int i = fi + q;
                            double ni = norms[i];
                            int off = q * rowsJ;
                            for (int t = t0; t < t1; t++) {
                                int j = fj + t;
                                state[j].offer(i, ni + norms[j] - 2 * heap[off + t]);
                            }
                        }
                    });
                }
            }
        }
        double[] radiusSq = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            NeighbourCandidates s = state[i];
            radiusSq[i] = s.kthDirect(j -> directSq(data, i, data, j, d));
            direct.addAndGet(s.size());
            state[i] = null;
        });
        return radiusSq;
    }

    /** Σ (a_i − b_j)² in float64, in column order. */
    public static double directSq(float[] a, int i, float[] b, int j, int d) {
        int ai = i * d;
        int bj = j * d;
        double s = 0;
        for (int t = 0; t < d; t++) {
            double diff = (double) a[ai + t] - (double) b[bj + t];
            s += diff * diff;
        }
        return s;
    }

    private static double[] rowNorms(float[] data, int n, int d) {
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int t = 0, o = i * d; t < d; t++) {
                double v = data[o + t];
                s += v * v;
            }
            norms[i] = s;
        }
        return norms;
    }

    private static double[] sqrtAll(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.sqrt(v[i]);
        }
        return r;
    }

    private static int countTrue(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            if (x) {
                n++;
            }
        }
        return n;
    }
}
