package org.ganeval4j.metric;

import org.ganeval4j.stats.FeatureMatrix;

import org.ganeval4j.metric.internal.LegacyNumpyRandom;
import org.ganeval4j.metric.internal.Moments;
import org.ganeval4j.metric.internal.PolynomialMmd;

/**
 * Kernel Inception Distance (Bińkowski, Sutherland, Arbel and Gretton, "Demystifying MMD GANs",
 * ICLR 2018): the unbiased estimate of the squared maximum mean discrepancy between fake and real
 * features under the polynomial kernel, averaged over random subsets. Lower is better.
 *
 * <p>With the kernel {@code k(a, b) = (γ·aᵀb + c₀)^p} (defaults p = 3, γ = 1/d, c₀ = 1) and, per
 * subset, {@code m} fake rows {@code x} and {@code m} real rows {@code y}:
 *
 * <pre>
 *   MMD²ᵤ = [ Σ_{i≠j} k(xᵢ, xⱼ) + Σ_{i≠j} k(yᵢ, yⱼ) ] / (m(m−1))  −  2 Σ_{i,j} k(xᵢ, yⱼ) / m²
 *   KID   = mean over subsets of MMD²ᵤ,   std = population std (ddof 0) over subsets
 * </pre>
 *
 * <p>Subsets are drawn exactly as torch-fidelity's {@code kid_features_to_metric(fake, real)} draws
 * them: one {@code numpy.random.RandomState(seed)} stream, and per subset
 * {@code choice(N_fake, m, replace=False)} and then {@code choice(N_real, m, replace=False)}
 * (rows are distinct within a subset, subsets are independent). Defaults are torch-fidelity's: 100
 * subsets of 1000, seed 2020. A set smaller than the subset size is refused, as torch-fidelity
 * does. One subset of {@code m = N_fake = N_real} rows gives the unbiased MMD² of the full sets.
 *
 * <p>Arithmetic is float64 (float32 features are widened exactly; Gram matrices are OpenBLAS
 * {@code dsyrk}/{@code dgemm} products), so results agree with torch-fidelity run on float64
 * features to ~1e-13 and with its float32 default to float32 rounding (~1e-7 absolute).
 *
 * <p>Cost and memory: per subset {@code 2·m²·d} multiply-adds with {@code 8·m·(2d + m)} bytes of
 * native memory; or, when the sets are small enough that it is cheaper and
 * {@code 8·(N_fake² + N_real² + N_fake·N_real)} bytes fit {@link Builder#kernelCacheBytes} (256 MiB
 * by default), every kernel value once ({@code (N_fake + N_real)²·d} multiply-adds) and then only
 * sums per subset. Plus native float64 copies of both sets on that route.
 *
 * <p>Immutable and thread safe; {@link #compute} allocates its own buffers.
 */
public final class KernelInceptionDistance {
    /** KID: smaller is better. */
    public static final Direction DIRECTION = Direction.LOWER_IS_BETTER;
    /** torch-fidelity's {@code kid_subsets}. */
    public static final int DEFAULT_SUBSETS = 100;
    /** torch-fidelity's {@code kid_subset_size}. */
    public static final int DEFAULT_SUBSET_SIZE = 1000;
    /** torch-fidelity's {@code rng_seed}. */
    public static final long DEFAULT_SEED = 2020;
    /** torch-fidelity's {@code kid_kernel_poly_degree}. */
    public static final int DEFAULT_DEGREE = 3;
    /** torch-fidelity's {@code kid_kernel_poly_coef0}. */
    public static final double DEFAULT_COEF0 = 1.0;
    /** Default budget of the cached-kernel route: 256 MiB. */
    public static final long DEFAULT_KERNEL_CACHE_BYTES = 256L << 20;

    private final int subsets;
    private final int subsetSize;
    private final long seed;
    private final int degree;
    private final double gamma;
    private final double coef0;
    private final long kernelCacheBytes;

    private KernelInceptionDistance(Builder b) {
        this.subsets = b.subsets;
        this.subsetSize = b.subsetSize;
        this.seed = b.seed;
        this.degree = b.degree;
        this.gamma = b.gamma;
        this.coef0 = b.coef0;
        this.kernelCacheBytes = b.kernelCacheBytes;
    }

    /** torch-fidelity's defaults: 100 subsets of 1000 rows, seed 2020, kernel (aᵀb/d + 1)³. */
    public static KernelInceptionDistance defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@link Direction#LOWER_IS_BETTER}. */
    public Direction direction() {
        return DIRECTION;
    }

    /** Number of subsets. */
    public int subsets() {
        return subsets;
    }

    /** Rows drawn from each set per subset. */
    public int subsetSize() {
        return subsetSize;
    }

    /** Polynomial degree of the kernel. */
    public int degree() {
        return degree;
    }

    /** Kernel scale γ, or NaN for 1/d. */
    public double gamma() {
        return gamma;
    }

    /** Kernel offset c₀. */
    public double coef0() {
        return coef0;
    }

    /** Seed of the {@code RandomState} stream. */
    public long seed() {
        return seed;
    }

    /**
     * KID between the real and the fake features.
     *
     * @param real real (reference) features, {@code N_real × d}, {@code N_real ≥ subsetSize}
     * @param fake generated features, {@code N_fake × d}, {@code N_fake ≥ subsetSize}
     * @throws IllegalArgumentException when the dimensions differ or a set has fewer rows than the subset size
     */
    public KidResult compute(FeatureMatrix real, FeatureMatrix fake) {
        if (real.cols() != fake.cols()) {
            throw new IllegalArgumentException("KID needs real and fake features of the same dimension, found real d="
                    + real.cols() + " and fake d=" + fake.cols());
        }
        checkEnough("fake", fake.rows());
        checkEnough("real", real.rows());
        int d = real.cols();
        double g = Double.isNaN(gamma) ? 1.0 / d : gamma;
        int m = subsetSize;
        LegacyNumpyRandom rng = new LegacyNumpyRandom(seed);
        int[][] fakeIndex = new int[subsets][];
        int[][] realIndex = new int[subsets][];
        for (int s = 0; s < subsets; s++) {
            fakeIndex[s] = rng.choiceWithoutReplacement(fake.rows(), m);
            realIndex[s] = rng.choiceWithoutReplacement(real.rows(), m);
        }
        double[] mmd = new PolynomialMmd(g, coef0, degree).mmd2(fake.toArray(), fake.rows(), real.toArray(), real.rows(), d, fakeIndex,
                realIndex, kernelCacheBytes);
        return new KidResult(Moments.mean(mmd), Moments.populationStd(mmd), mmd, real.rows(), fake.rows(), d, subsets, m,
                degree, g, coef0, seed);
    }

    private void checkEnough(String which, int rows) {
        if (rows < subsetSize) {
            throw new IllegalArgumentException("KID subset size " + subsetSize + " is larger than the " + which + " set, which has "
                    + rows + " rows (subsets are drawn without replacement, as torch-fidelity; use a subset size <= " + rows + ")");
        }
    }

    @Override
    public String toString() {
        return "KernelInceptionDistance[subsets=" + subsets + ", subsetSize=" + subsetSize + ", seed=" + seed + ", kernel=(" 
                + (Double.isNaN(gamma) ? "1/d" : Double.toString(gamma)) + "·aᵀb + " + coef0 + ")^" + degree + "]";
    }

    /** Builder with torch-fidelity's defaults; {@link #build()} validates. Not thread safe. */
    public static final class Builder {
        private int subsets = DEFAULT_SUBSETS;
        private int subsetSize = DEFAULT_SUBSET_SIZE;
        private long seed = DEFAULT_SEED;
        private int degree = DEFAULT_DEGREE;
        private double gamma = Double.NaN;
        private double coef0 = DEFAULT_COEF0;
        private long kernelCacheBytes = DEFAULT_KERNEL_CACHE_BYTES;

        private Builder() {
        }

        /** Number of subsets, ≥ 1 (default 100). */
        public Builder subsets(int subsets) {
            this.subsets = subsets;
            return this;
        }

        /** Rows per set per subset, ≥ 2 (default 1000); both sets need at least this many rows. */
        public Builder subsetSize(int subsetSize) {
            this.subsetSize = subsetSize;
            return this;
        }

        /** Seed of NumPy's legacy {@code RandomState}, in [0, 2³²−1] (default 2020). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Polynomial degree p ≥ 1 (default 3). */
        public Builder degree(int degree) {
            this.degree = degree;
            return this;
        }

        /** Kernel scale γ &gt; 0; by default 1/d, d the feature dimension. */
        public Builder gamma(double gamma) {
            if (Double.isNaN(gamma)) {
                throw new IllegalArgumentException("gamma must be a positive finite number, found NaN");
            }
            this.gamma = gamma;
            return this;
        }

        /** Kernel offset c₀ (default 1), finite. */
        public Builder coef0(double coef0) {
            this.coef0 = coef0;
            return this;
        }

        /**
         * Heap budget of the cached-kernel route, ≥ 0 bytes (default 256 MiB; 0 turns it off): when
         * {@code 8·(N_fake² + N_real² + N_fake·N_real)} bytes fit and that is fewer products than the
         * subsets need, every kernel value is computed once and the subsets only sum them. Changes
         * speed and memory, not the result (beyond float64 summation order).
         */
        public Builder kernelCacheBytes(long kernelCacheBytes) {
            if (kernelCacheBytes < 0) {
                throw new IllegalArgumentException("kernelCacheBytes must be >= 0, found " + kernelCacheBytes);
            }
            this.kernelCacheBytes = kernelCacheBytes;
            return this;
        }

        /** Validates and builds. */
        public KernelInceptionDistance build() {
            if (subsets < 1) {
                throw new IllegalArgumentException("KID needs at least 1 subset, found subsets=" + subsets);
            }
            if (subsetSize < 2) {
                throw new IllegalArgumentException("the unbiased MMD² needs subsets of at least 2 rows, found subsetSize=" + subsetSize);
            }
            if (seed < 0 || seed > 0xffffffffL) {
                throw new IllegalArgumentException("seed must be in [0, 2^32-1] (numpy RandomState), found " + seed);
            }
            if (degree < 1) {
                throw new IllegalArgumentException("polynomial degree must be >= 1, found " + degree);
            }
            if (!Double.isNaN(gamma) && !(gamma > 0 && Double.isFinite(gamma))) {
                throw new IllegalArgumentException("gamma must be a positive finite number, found " + gamma);
            }
            if (!Double.isFinite(coef0)) {
                throw new IllegalArgumentException("coef0 must be finite, found " + coef0);
            }
            return new KernelInceptionDistance(this);
        }
    }
}
