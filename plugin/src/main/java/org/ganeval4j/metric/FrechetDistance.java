package org.ganeval4j.metric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.DoubleBuffer;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.ganeval4j.internal.linalg.NativeMatrix;
import org.ganeval4j.stats.FeatureMatrix;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.stats.StatsProvenance;
import org.ganeval4j.stats.StoredStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Fréchet distance between two Gaussians, the quantity behind FID (Heusel et al., "GANs Trained
 * by a Two Time-Scale Update Rule Converge to a Local Nash Equilibrium", NeurIPS 2017):
 *
 * <pre>d² = ‖μ_A − μ_B‖² + tr Σ_A + tr Σ_B − 2 tr (Σ_A Σ_B)^½</pre>
 *
 * <p>Computed in float64 through symmetric factorisations only — never complex arithmetic and
 * never a general matrix square root: with a pivoted Cholesky factor Σ_A = P L Lᵀ Pᵀ (rank r), the
 * eigenvalues of Σ_A Σ_B are those of the symmetric positive semi-definite matrix Lᵀ Pᵀ Σ_B P L, so
 * tr (Σ_A Σ_B)^½ = Σ √λᵢ. Eigenvalues that round-off makes slightly negative are clipped to 0 and
 * reported in the debug log. When a side is given as N &lt; d feature rows (the usual case during
 * training) the exact low-rank route works on an N × N matrix instead (see {@link FrechetResult.Route}).
 * pytorch-fid computes the same value with {@code scipy.linalg.sqrtm}; the results agree to ~1e-12
 * relative for full-rank covariances.
 *
 * <p>{@link #reference(GaussianStats)} factors a reference side once for repeated use.
 */
public final class FrechetDistance {
    /** Smaller distances mean more similar distributions. */
    public static final Direction DIRECTION = Direction.LOWER_IS_BETTER;

    private static final Logger LOG = LoggerFactory.getLogger(FrechetDistance.class);

    private FrechetDistance() {
    }

    /**
     * Loads the native LAPACK library the distance calls, which the first distance otherwise loads
     * (a few hundred milliseconds): e.g. in a background thread while statistics are being read.
     * Thread safe; does nothing once loaded.
     */
    public static void loadNativeLibrary() {
        NativeMatrix.load();
    }

    /**
     * The distance between two sets of statistics. Both covariances are factored and the one of
     * lower rank is used, which keeps the eigenproblem free of spurious zero eigenvalues when the
     * covariances are singular.
     */
    public static FrechetResult compute(GaussianStats a, GaussianStats b) {
        return onHeap(() -> compute(Sigma.of(a), Sigma.of(b)));
    }

    /** Work on statistics held on the heap, which cannot fail to read. */
    private static <T> T onHeap(HeapWork<T> work) {
        try {
            return work.run();
        } catch (IOException e) {
            throw new UncheckedIOException("statistics on the heap cannot fail to read", e);
        }
    }

    @FunctionalInterface
    private interface HeapWork<T> {
        T run() throws IOException;
    }

    /**
     * The distance between two statistics files, as {@link #compute(GaussianStats, GaussianStats)}
     * but with each Σ streamed from its file straight into the native memory the factorisation
     * works in: no d × d array on the Java heap (what {@code ganeval4j fid A.npz B.npz} does).
     *
     * @throws org.ganeval4j.io.FileFormatException when a file is corrupt or its Σ is not a
     *                                              covariance (not finite or not symmetric)
     */
    public static FrechetResult compute(StoredStats a, StoredStats b) throws IOException {
        return compute(Sigma.of(a), Sigma.of(b));
    }

    private static FrechetResult compute(Sigma a, Sigma b) throws IOException {
        requireSameDim(a.dim(), b.dim());
        // at large d most of the time before the factorisations is the first touch of fresh native
        // memory, which two threads share well: B's Σ is loaded beside A's
        FutureTask<Loaded> loadB = new FutureTask<>(() -> Loaded.of(b));
        if (b.dim() >= PARALLEL_LOAD_DIM) {
            Thread t = new Thread(loadB, "ganeval4j-frechet-load");
            t.setDaemon(true);
            t.start();
        } else {
            loadB.run();
        }
        Factor fa = null;
        Loaded lb = null;
        Factor fb = null;
        try {
            fa = Factor.of(a, Loaded.of(a));
            lb = Loaded.await(loadB);
            fb = Factor.of(b, lb);
            return full(a, fa, b, fb, true);
        } finally {
            if (fb != null) {
                fb.close();
            } else if (lb == null) {
                // a failure came first: B's memory is released once its load is over
                Loaded.closeWhenDone(loadB);
            }
            if (fa != null) {
                fa.close();
            }
        }
    }

    /** From this dimension on, the two sides' Σ are loaded on two threads. */
    private static final int PARALLEL_LOAD_DIM = 256;

    /** One side's Σ in fresh native memory, with tr Σ and its largest variance. */
    private record Loaded(NativeMatrix matrix, double trace, double maxVariance) {
        static Loaded of(Sigma s) throws IOException {
            int d = s.dim();
            NativeMatrix m = NativeMatrix.uninitialised(d, d);
            try {
                // row-major and column-major are the same for a symmetric matrix
                DoubleBuffer values = m.buffer();
                s.copyTo(values);
                double maxVar = 0;
                double trace = 0;
                for (int i = 0; i < d; i++) {
                    double v = values.get(i * d + i);
                    maxVar = Math.max(maxVar, v);
                    trace += v;
                    if (v < 0) {
                        throw new ArithmeticException("covariance is not positive semi-definite: variance Σ[" + i + ","
                                + i + "] = " + v);
                    }
                }
                return new Loaded(m, trace, maxVar);
            } catch (IOException | RuntimeException | Error e) {
                m.close();
                throw e;
            }
        }

        /** The task's result, its failure rethrown as it was thrown. */
        static Loaded await(FutureTask<Loaded> task) throws IOException {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while loading a covariance");
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof IOException io) {
                    throw io;
                }
                if (c instanceof RuntimeException r) {
                    throw r;
                }
                if (c instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(c);
            }
        }

        /** Releases what the task loaded once it is done, when nobody took it. */
        static void closeWhenDone(FutureTask<Loaded> task) {
            try {
                task.get().matrix().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // its failure was not the first: the one already on its way is reported
            }
        }
    }

    /**
     * One side's Σ wherever it lives — on the heap or left in its file: copied into native memory when a
     * factorisation needs it (more than once when a factorisation must start again), on the heap only
     * on the rare rank-deficient routes.
     */
    private record Sigma(GaussianStats heap, StoredStats stored) {
        static Sigma of(GaussianStats s) {
            return new Sigma(Objects.requireNonNull(s, "stats"), null);
        }

        static Sigma of(StoredStats s) {
            return new Sigma(null, Objects.requireNonNull(s, "stats"));
        }

        int dim() {
            return heap != null ? heap.dim() : stored.dim();
        }

        long count() {
            return heap != null ? heap.count() : stored.count();
        }

        double[] mean() {
            return heap != null ? heap.mean() : stored.mean();
        }

        /** Writes the d² values into {@code target} from index 0. */
        void copyTo(DoubleBuffer target) throws IOException {
            if (heap != null) {
                target.duplicate().clear().put(heap.covarianceView());
            } else {
                stored.copyCovarianceTo(target.duplicate().clear());
            }
        }

        /** The d² values on the heap. */
        double[] values() throws IOException {
            return heap != null ? heap.covariance() : stored.load().covariance();
        }
    }

    /** The distance between statistics and feature rows (the low-rank route when N &lt; d). */
    public static FrechetResult compute(GaussianStats a, FeatureMatrix b) {
        try (Reference ref = reference(a)) {
            return ref.distanceTo(b);
        }
    }

    /** The distance between two sets of feature rows (rows = samples). */
    public static FrechetResult compute(FeatureMatrix a, FeatureMatrix b) {
        requireSameDim(a.cols(), b.cols());
        requireSamples("A", a.rows());
        requireSamples("B", b.rows());
        int d = a.cols();
        if (Math.min(a.rows(), b.rows()) >= d) {
            return compute(a.toStats(StatsProvenance.unknown()), b.toStats(StatsProvenance.unknown()));
        }
        Centred ca = Centred.of(a);
        Centred cb = Centred.of(b);
        try (NativeMatrix xa = NativeMatrix.ofColumnMajor(ca.values, d, a.rows());
             NativeMatrix xb = NativeMatrix.ofColumnMajor(cb.values, d, b.rows());
             NativeMatrix g = NativeMatrix.gemm(1.0, xb, true, xa, false)) {
            int n = Math.min(a.rows(), b.rows());
            double scale = 1.0 / ((a.rows() - 1.0) * (b.rows() - 1.0));
            try (NativeMatrix k = NativeMatrix.zeros(n, n)) {
                if (b.rows() <= a.rows()) {
                    k.syrkLower(scale, g, 0.0);
                } else {
                    k.syrkTransLower(scale, g, 0.0);
                }
                return assemble(ca.mean, cb.mean, ca.trace, cb.trace, k.symmetricEigenvaluesInPlace(n),
                        FrechetResult.Route.LOW_RANK_BOTH, d);
            }
        }
    }

    /**
     * Factors {@code stats} once (pivoted Cholesky, O(d³/3)) for repeated distances against it, as
     * during training. Close it to release the factor's native memory early.
     */
    public static Reference reference(GaussianStats stats) {
        return new Reference(stats);
    }

    /**
     * A reference side with its factorisation cached. Thread safe: distances may be computed
     * concurrently.
     */
    public static final class Reference implements AutoCloseable {
        private final GaussianStats stats;
        private final double[] mean;
        private final double trace;
        private final Factor factor;

        private Reference(GaussianStats stats) {
            this.stats = Objects.requireNonNull(stats, "stats");
            this.mean = stats.mean();
            this.trace = stats.traceCovariance();
            Sigma s = Sigma.of(stats);
            this.factor = onHeap(() -> Factor.of(s, Loaded.of(s)));
            if (factor.rank < stats.dim()) {
                LOG.debug("reference covariance has numerical rank {} of {}", factor.rank, stats.dim());
            }
        }

        /** The reference statistics. */
        public GaussianStats stats() {
            return stats;
        }

        /** Numerical rank of the reference covariance. */
        public int rank() {
            return factor.rank;
        }

        /** The distance from the reference to {@code other} (whose covariance is factored too). */
        public FrechetResult distanceTo(GaussianStats other) {
            requireSameDim(stats.dim(), other.dim());
            Sigma o = Sigma.of(other);
            return onHeap(() -> {
                try (Factor fo = Factor.of(o, Loaded.of(o))) {
                    return full(Sigma.of(stats), factor, o, fo, false);
                }
            });
        }

        /** The distance from the reference to feature rows (exact low-rank route when N &lt; d). */
        public FrechetResult distanceTo(FeatureMatrix other) {
            int d = stats.dim();
            requireSameDim(d, other.cols());
            requireSamples("B", other.rows());
            int n = other.rows();
            if (n >= d) {
                return distanceTo(other.toStats(StatsProvenance.unknown()));
            }
            Centred c = Centred.of(other);
            int[] permutation = factor.permutation;
            int rank = factor.rank;
            double[] yt = new double[c.values.length];
            for (int s = 0; s < n; s++) {
                int o = s * d;
                for (int i = 0; i < d; i++) {
                    yt[o + i] = c.values[o + permutation[i]];
                }
            }
            try (NativeMatrix zt = NativeMatrix.ofColumnMajor(yt, d, n)) {
                zt.trmmLower(factor.lower, true, true);
                double scale = 1.0 / (n - 1.0);
                double[] eig;
                if (n <= rank) {
                    try (NativeMatrix k = NativeMatrix.zeros(n, n)) {
                        k.syrkTransLower(scale, zt, 0.0);
                        eig = k.symmetricEigenvaluesInPlace(n);
                    }
                } else {
                    try (NativeMatrix k = NativeMatrix.zeros(d, d)) {
                        k.syrkLower(scale, zt, 0.0);
                        eig = k.symmetricEigenvaluesInPlace(rank);
                    }
                }
                return assemble(mean, c.mean, trace, c.trace, eig, FrechetResult.Route.LOW_RANK, d);
            }
        }

        @Override
        public void close() {
            factor.close();
        }
    }

    /** A pivoted Cholesky factor Σ = P L Lᵀ Pᵀ of rank r, L in native memory, with tr Σ. */
    private static final class Factor implements AutoCloseable {
        final NativeMatrix lower;
        final int[] permutation;
        final int rank;
        final double trace;

        private Factor(NativeMatrix lower, int[] permutation, int rank, double trace) {
            this.lower = lower;
            this.permutation = permutation;
            this.rank = rank;
            this.trace = trace;
        }

        /** True when the permutation is the identity (plain Cholesky). */
        boolean identity() {
            for (int i = 0; i < permutation.length; i++) {
                if (permutation[i] != i) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Factors Σ: plain Cholesky ({@code dpotrf}) when Σ is numerically positive definite (every
         * pivot above d·ε·max Σᵢᵢ), else pivoted Cholesky ({@code dpstrf}), which finds the numerical
         * rank; statistics of N ≤ d samples go straight to the pivoted route. When the rank r is below d, the trailing Schur complement
         * Σ[rest, rest] − L_rest L_restᵀ must vanish for a positive semi-definite Σ; an entry
         * larger than 1e-5 of the largest variance means Σ is not a covariance matrix.
         */
        static Factor of(Sigma s, Loaded loaded) throws IOException {
            int d = s.dim();
            NativeMatrix m = loaded.matrix();
            try {
                DoubleBuffer values = m.buffer();
                double maxVar = loaded.maxVariance();
                double trace = loaded.trace();
                boolean knownSingular = s.count() > 0 && s.count() - 1 < d;
                boolean factored = !knownSingular && m.choleskyInPlace();
                if (!knownSingular && !factored) {
                    s.copyTo(values);
                }
                if (factored) {
                    double minPivot = Double.POSITIVE_INFINITY;
                    for (int i = 0; i < d; i++) {
                        double l = values.get(i * d + i);
                        minPivot = Math.min(minPivot, l * l);
                    }
                    if (minPivot > d * 0x1p-52 * maxVar) {
                        int[] identity = new int[d];
                        for (int i = 0; i < d; i++) {
                            identity[i] = i;
                        }
                        return new Factor(m, identity, d, trace);
                    }
                    // numerically singular: start again with the pivoted factorisation, which finds the rank
                    s.copyTo(values);
                }
                NativeMatrix.PivotedCholesky pc = m.pivotedCholeskyInPlace();
                Factor f = new Factor(m, pc.permutation(), pc.rank(), trace);
                if (f.rank < d && f.rank > 0) {
                    f.requireVanishingSchurComplement(s.values(), d, 1e-5 * maxVar);
                }
                return f;
            } catch (IOException | RuntimeException | Error e) {
                m.close();
                throw e;
            }
        }

        private void requireVanishingSchurComplement(double[] cov, int d, double tol) {
            int r = rank;
            int rest = d - r;
            double[] l = lower.toColumnMajor();
            double[] lr = new double[rest * r];
            for (int j = 0; j < r; j++) {
                System.arraycopy(l, j * d + r, lr, j * rest, rest);
            }
            double[] sigma = new double[rest * rest];
            for (int j = 0; j < rest; j++) {
                int pj = permutation[r + j] * d;
                for (int i = 0; i < rest; i++) {
                    sigma[j * rest + i] = cov[pj + permutation[r + i]];
                }
            }
            try (NativeMatrix lrest = NativeMatrix.ofColumnMajor(lr, rest, r);
                 NativeMatrix schur = NativeMatrix.ofColumnMajor(sigma, rest, rest)) {
                schur.syrkLower(-1.0, lrest, 1.0);
                double[] v = schur.toColumnMajor();
                for (int j = 0; j < rest; j++) {
                    for (int i = j; i < rest; i++) {
                        double x = v[j * rest + i];
                        if (Math.abs(x) > tol) {
                            throw new ArithmeticException("covariance is not positive semi-definite: after rank "
                                    + r + " of " + d + " its Schur complement has entry " + x + " (tolerance " + tol
                                    + ")");
                        }
                    }
                }
            }
        }

        @Override
        public void close() {
            lower.close();
        }
    }

    /**
     * tr (Σ_A Σ_B)^½ from the eigenvalues of Lᵀ Pᵀ Σ P L, with the factor of lower rank (fewer
     * structurally zero eigenvalues to perturb the sum of square roots).
     */
    private static FrechetResult full(Sigma a, Factor fa, Sigma b, Factor fb, boolean aIsTemporary) throws IOException {
        int d = a.dim();
        Factor f = fb.rank < fa.rank ? fb : fa;
        Sigma other = f == fa ? b : a;
        // the other side's factor is not needed any more: when nobody keeps it, its memory takes the product
        Factor spare = f == fa ? fb : (aIsTemporary ? fa : null);
        if (aIsTemporary && f == fa && fa.rank == d && fb.rank == d && fa.identity() && fb.identity()) {
            // both plain Cholesky factors, neither kept: Lᵀ_A Σ_B L_A = Y Yᵀ with Y = Lᵀ_A L_B — one
            // triangular product and a symmetric rank-d update, and Σ_B need not be loaded again
            fb.lower.trmmLower(fa.lower, true, true);
            fa.lower.syrkLower(1.0, fb.lower, 0.0);
            double[] eig = fa.lower.symmetricEigenvaluesInPlace(d);
            return assemble(a.mean(), b.mean(), fa.trace, fb.trace, eig, FrechetResult.Route.FULL, d);
        }
        NativeMatrix m = spare != null ? spare.lower : NativeMatrix.uninitialised(d, d);
        try {
            if (f.identity()) {
                other.copyTo(m.buffer());
            } else {
                double[] cov = other.values();
                int[] permutation = f.permutation;
                double[] permuted = new double[cov.length];
                for (int j = 0; j < d; j++) {
                    int pj = permutation[j] * d;
                    int o = j * d;
                    for (int i = 0; i < d; i++) {
                        permuted[o + i] = cov[pj + permutation[i]];
                    }
                }
                m.setColumnMajor(permuted);
            }
            m.trmmLower(f.lower, false, false);
            m.trmmLower(f.lower, true, true);
            double[] eig = m.symmetricEigenvaluesInPlace(f.rank);
            return assemble(a.mean(), b.mean(), fa.trace, fb.trace, eig, FrechetResult.Route.FULL, d);
        } finally {
            if (spare == null) {
                m.close();
            }
        }
    }

    /** Centred float64 rows with their mean and tr Σ. */
    private record Centred(double[] values, double[] mean, double trace) {
        static Centred of(FeatureMatrix m) {
            int n = m.rows();
            int d = m.cols();
            double[] v = m.rowsAsDouble(0, n);
            double[] mu = new double[d];
            for (int s = 0; s < n; s++) {
                for (int j = 0; j < d; j++) {
                    mu[j] += v[s * d + j];
                }
            }
            for (int j = 0; j < d; j++) {
                mu[j] /= n;
            }
            double ss = 0;
            for (int s = 0; s < n; s++) {
                for (int j = 0; j < d; j++) {
                    double x = v[s * d + j] - mu[j];
                    v[s * d + j] = x;
                    ss += x * x;
                }
            }
            return new Centred(v, mu, ss / (n - 1));
        }
    }

    private static FrechetResult assemble(double[] muA, double[] muB, double traceA, double traceB, double[] eig,
                                          FrechetResult.Route route, int d) {
        double meanTerm = 0;
        for (int i = 0; i < muA.length; i++) {
            double t = muA[i] - muB[i];
            meanTerm += t * t;
        }
        double max = 0;
        for (double l : eig) {
            max = Math.max(max, l);
        }
        double sum = 0;
        int clipped = 0;
        double mostNegative = 0;
        for (double l : eig) {
            if (l > 0) {
                sum += Math.sqrt(l);
            } else if (l < 0) {
                clipped++;
                mostNegative = Math.min(mostNegative, l);
            }
        }
        if (mostNegative < -1e-3 * max) {
            throw new ArithmeticException("a covariance is not positive semi-definite: Σ_A Σ_B has eigenvalue "
                    + mostNegative + " against a largest eigenvalue of " + max);
        }
        if (clipped > 0) {
            LOG.debug("clipped {} negative eigenvalues of Σ_A Σ_B to 0 (most negative {}, largest {})", clipped,
                    mostNegative, max);
        }
        double value = meanTerm + traceA + traceB - 2 * sum;
        return new FrechetResult(value, meanTerm, traceA, traceB, sum, route, clipped, d);
    }

    private static void requireSameDim(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("dimension mismatch: A has d=" + a + ", B has d=" + b);
        }
    }

    private static void requireSamples(String side, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("FID needs at least 2 samples, got " + n + " on side " + side);
        }
    }
}
