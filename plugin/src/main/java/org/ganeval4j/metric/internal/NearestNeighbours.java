package org.ganeval4j.metric.internal;

import java.util.stream.IntStream;

/**
 * Exact nearest neighbours of query rows among base rows, blocked so that working memory is bounded
 * whatever the number of rows: blocks of {@code blockRows} query rows against tiles of
 * {@code tileRows} base rows, each a float64 Gram product on OpenBLAS ({@link OffHeapRows}), with
 * the candidates of each query row kept by {@link NeighbourCandidates} (as {@link KnnBallCounts} does
 * for k-NN radii) and decided by the direct float64 distance. The result is the one a direct float64
 * evaluation of every pair would give, ties going to the lowest base index.
 *
 * <p>Distances: Euclidean {@code √Σ (aᵢ − bᵢ)²}, or cosine {@code 1 − Σ aᵢbᵢ / √(Σ aᵢ² · Σ bᵢ²)} (as
 * {@code scipy.spatial.distance.cosine}; a zero row has no cosine distance and is refused). The Gram
 * products are within {@code (4d + 32)·2⁻⁵³} of the direct values (relative to ‖a‖², ‖b‖² for the
 * Euclidean form, absolutely for the cosine), which bounds the candidate window.
 *
 * <p>Memory ({@link Plan#bytes()}): {@code 8·d·(blockRows + tileRows)} bytes of native float64 rows,
 * {@code 16·blockRows·tileRows} bytes for one product block (native and heap), independent of the
 * numbers of rows; plus {@code 12} bytes per query row for the answer and a few candidates per row.
 * Stateless and thread safe.
 */
public final class NearestNeighbours {
    /** Default working-memory budget of a search: 128 MiB. */
    public static final long DEFAULT_BUDGET_BYTES = 128L << 20;
    private static final double UNIT_ROUNDOFF = 0x1.0p-53;

    private NearestNeighbours() {
    }

    /** The distance. */
    public enum Metric {
        /** ‖a − b‖₂. */
        EUCLIDEAN,
        /** 1 − cos(a, b). */
        COSINE
    }

    /**
     * Block sizes of a search and the bytes they allocate.
     *
     * @param blockRows query rows per block
     * @param tileRows  base rows per tile
     * @param dim       feature dimension
     */
    public record Plan(int blockRows, int tileRows, int dim) {
        public Plan {
            if (blockRows < 1 || tileRows < 1 || dim < 1) {
                throw new IllegalArgumentException("expected positive block rows, tile rows and dimension, found "
                        + blockRows + ", " + tileRows + ", " + dim);
            }
        }

        /** Working bytes the blocks allocate: native rows, the native product block and its heap copy. */
        public long bytes() {
            return 8L * dim * (blockRows + tileRows) + 16L * blockRows * tileRows;
        }

        /**
         * The largest square blocks (at most {@code queryRows} × {@code baseRows}) whose
         * {@link #bytes()} fit {@code budgetBytes}.
         */
        public static Plan forBudget(int queryRows, int baseRows, int dim, long budgetBytes) {
            // 16 s² + 16 d s ≤ budget
            double s = (-16.0 * dim + Math.sqrt(256.0 * dim * dim + 64.0 * budgetBytes)) / 32.0;
            int side = (int) Math.max(1, Math.min(Integer.MAX_VALUE / 2, Math.floor(s)));
            Plan p = new Plan(Math.max(1, Math.min(side, queryRows)), Math.max(1, Math.min(side, baseRows)), dim);
            if (p.bytes() > budgetBytes && side > 1) {
                throw new IllegalStateException("plan " + p + " exceeds " + budgetBytes + " bytes");
            }
            return p;
        }
    }

    /**
     * The answer: for query row i, base row {@code index[i]} at {@code distance[i]}.
     *
     * @param index        nearest base row per query row
     * @param distance     its exact distance
     * @param directPairs  pairs whose distance was computed directly
     * @param workingBytes bytes the blocks allocated ({@link Plan#bytes()})
     */
    public record Result(int[] index, double[] distance, long directPairs, long workingBytes) {
    }

    /**
     * Nearest neighbours of the rows of {@code query} ({@code nq × d}, row-major float32) among the
     * rows of {@code base}.
     *
     * @param leaveOneOut when true, {@code query} and {@code base} are the same rows and row i is not
     *                    its own neighbour (needs at least 2 rows)
     * @throws ArithmeticException for a zero row under the cosine distance
     */
    public static Result nearest(float[] query, int nq, float[] base, int nb, int d, Metric metric, boolean leaveOneOut,
                                 Plan plan) {
        if ((long) nq * d != query.length || (long) nb * d != base.length) {
            throw new IllegalArgumentException("expected " + nq + " × " + d + " query and " + nb + " × " + d
                    + " base values, found " + query.length + " and " + base.length);
        }
        if (nb < (leaveOneOut ? 2 : 1)) {
            throw new IllegalArgumentException("nearest neighbours need at least " + (leaveOneOut ? 2 : 1)
                    + " base rows, found " + nb);
        }
        if (leaveOneOut && nq != nb) {
            throw new IllegalArgumentException("leave-one-out needs the same rows on both sides, found " + nq + " and " + nb);
        }
        if (plan.dim() != d) {
            throw new IllegalArgumentException("plan for d=" + plan.dim() + ", rows of d=" + d);
        }
        double[] normQ = squaredNorms(query, nq, d, metric, "query");
        double[] normB = squaredNorms(base, nb, d, metric, "base");
        double maxB = 0;
        for (double v : normB) {
            maxB = Math.max(maxB, v);
        }
        double c = (4.0 * d + 32.0) * UNIT_ROUNDOFF;
        int bq = plan.blockRows();
        int bt = plan.tileRows();
        int[] index = new int[nq];
        double[] distance = new double[nq];
        long direct = 0;
        try (OffHeapRows q = OffHeapRows.allocate(bq, d);
             OffHeapRows t = OffHeapRows.allocate(bt, d);
             OffHeapRows block = OffHeapRows.allocate(bq, bt)) {
            double[] heap = new double[bq * bt];
            int[] rowsQ = new int[bq];
            int[] rowsT = new int[bt];
            for (int q0 = 0; q0 < nq; q0 += bq) {
                int nQ = Math.min(bq, nq - q0);
                for (int r = 0; r < nQ; r++) {
                    rowsQ[r] = q0 + r;
                }
                q.gather(query, java.util.Arrays.copyOf(rowsQ, nQ));
                NeighbourCandidates[] state = new NeighbourCandidates[nQ];
                for (int r = 0; r < nQ; r++) {
                    double w = metric == Metric.COSINE ? 2 * c : 2 * c * (normQ[q0 + r] + maxB);
                    state[r] = new NeighbourCandidates(1, w);
                }
                for (int t0 = 0; t0 < nb; t0 += bt) {
                    int nT = Math.min(bt, nb - t0);
                    for (int r = 0; r < nT; r++) {
                        rowsT[r] = t0 + r;
                    }
                    t.gather(base, java.util.Arrays.copyOf(rowsT, nT));
                    OffHeapRows.gramTile(q, 0, nQ, t, 0, nT, block);
                    block.read(0, heap, nQ * nT);
                    final int fq = q0;
                    final int ft = t0;
                    IntStream.range(0, nQ).parallel().forEach(r -> {
                        int i = fq + r;
                        double ni = normQ[i];
                        NeighbourCandidates s = state[r];
                        int off = r * nT;
                        for (int u = 0; u < nT; u++) {
                            int j = ft + u;
                            if (leaveOneOut && j == i) {
                                continue;
                            }
                            double g = heap[off + u];
                            s.offer(j, metric == Metric.COSINE ? 1 - g / Math.sqrt(ni * normB[j]) : ni + normB[j] - 2 * g);
                        }
                    });
                }
                long[] refined = new long[nQ];
                final int first = q0;
                IntStream.range(0, nQ).parallel().forEach(r -> {
                    int i = first + r;
                    double[] value = new double[1];
                    refined[r] = state[r].size();
                    index[i] = state[r].nearestDirect(j -> exact(query, i, base, j, d, metric), value);
                    distance[i] = value[0];
                });
                for (long v : refined) {
                    direct += v;
                }
            }
        }
        return new Result(index, distance, direct, plan.bytes());
    }

    /** The direct float64 distance between row i of {@code a} and row j of {@code b}. */
    public static double exact(float[] a, int i, float[] b, int j, int d, Metric metric) {
        if (metric == Metric.EUCLIDEAN) {
            return Math.sqrt(KnnBallCounts.directSq(a, i, b, j, d));
        }
        int ai = i * d;
        int bj = j * d;
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < d; k++) {
            double x = a[ai + k];
            double y = b[bj + k];
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return 1 - dot / Math.sqrt(na * nb);
    }

    private static double[] squaredNorms(float[] data, int n, int d, Metric metric, String side) {
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0, o = i * d; k < d; k++) {
                double v = data[o + k];
                s += v * v;
            }
            if (metric == Metric.COSINE && !(s > 0)) {
                throw new ArithmeticException("the cosine distance is undefined for a zero feature vector: row " + i
                        + " of the " + side + " rows");
            }
            norms[i] = s;
        }
        return norms;
    }
}
