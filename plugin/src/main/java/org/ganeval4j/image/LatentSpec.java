package org.ganeval4j.image;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ganeval4j.image.internal.NormalQuantile;
import org.ganeval4j.image.internal.Sobol;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How to draw a generator's latent vectors: dimension, distribution and seed, and optionally class
 * labels for a conditional GAN. Rows are a pure function of (seed, row index), drawn with a private
 * {@link SplittableRandom} — never ND4J's global random generator, which training uses — so the
 * same samples are evaluated every time and evaluation leaves training's random stream untouched.
 *
 * @param dim          latent dimension (≥ 1; ≤ 1,000 for Sobol' latents)
 * @param distribution normal N(0,1) or uniform U(−1,1), pseudo-random or from a scrambled Sobol'
 *                     sequence
 * @param seed         the seed
 * @param numClasses   0 for an unconditional generator; else labels are one-hot over this many
 *                     classes, row i of class i mod numClasses (balanced)
 * @param shape        extra trailing dimensions of z: empty for [N, dim], {1, 1} for [N, dim, 1, 1]
 *                     (convolutional generators)
 */
public record LatentSpec(int dim, Distribution distribution, long seed, int numClasses, long[] shape) {
    /** Latent distributions. */
    public enum Distribution {
        /** Standard normal N(0, 1). */
        NORMAL,
        /** Uniform on [−1, 1). */
        UNIFORM,
        /**
         * N(0, 1) by quasi-Monte Carlo: row i is point i of a scrambled Sobol' sequence of the
         * latent dimension (Joe &amp; Kuo direction numbers, linear matrix scramble and digital shift
         * keyed by the seed) mapped through the inverse normal CDF (Wichura's AS 241), as Chong &amp;
         * Forsyth (CVPR 2020) recommend for FID∞. At most 1,000 dimensions.
         */
        SOBOL_NORMAL,
        /** U(−1, 1) as {@code 2u − 1} of the same scrambled Sobol' points (open interval). */
        SOBOL_UNIFORM;

        /** True for the quasi-random (Sobol') distributions. */
        public boolean isQuasiRandom() {
            return this == SOBOL_NORMAL || this == SOBOL_UNIFORM;
        }
    }

    public LatentSpec {
        if (dim < 1) {
            throw new IllegalArgumentException("latent dimension must be >= 1, got " + dim);
        }
        if (numClasses < 0) {
            throw new IllegalArgumentException("numClasses must be >= 0 (0 = unconditional), got " + numClasses);
        }
        java.util.Objects.requireNonNull(distribution, "distribution");
        if (distribution.isQuasiRandom() && dim > Sobol.MAX_DIMENSION) {
            throw new IllegalArgumentException("Sobol' latents support at most " + Sobol.MAX_DIMENSION
                    + " dimensions, got " + dim);
        }
        shape = shape == null ? new long[0] : shape.clone();
        for (long s : shape) {
            if (s != 1) {
                throw new IllegalArgumentException("trailing latent dimensions must be 1, got " + Arrays.toString(shape));
            }
        }
    }

    /** Standard normal latents of dimension {@code dim}, shape [N, dim]. */
    public static LatentSpec normal(int dim, long seed) {
        return new LatentSpec(dim, Distribution.NORMAL, seed, 0, new long[0]);
    }

    /** Uniform U(−1, 1) latents of dimension {@code dim}, shape [N, dim]. */
    public static LatentSpec uniform(int dim, long seed) {
        return new LatentSpec(dim, Distribution.UNIFORM, seed, 0, new long[0]);
    }

    /**
     * Quasi-random N(0, 1) latents of dimension {@code dim} (≤ 1,000), shape [N, dim]: row i is the
     * inverse normal CDF of point i of a Sobol' sequence scrambled with {@code seed} (see
     * {@link Distribution#SOBOL_NORMAL}). The first N rows of any N cover the latent space more
     * evenly than pseudo-random draws, which lowers the variance of FID_N across N.
     */
    public static LatentSpec sobolNormal(int dim, long seed) {
        return new LatentSpec(dim, Distribution.SOBOL_NORMAL, seed, 0, new long[0]);
    }

    /** Quasi-random U(−1, 1) latents: {@code 2u − 1} of the scrambled Sobol' points (see {@link #sobolNormal}). */
    public static LatentSpec sobolUniform(int dim, long seed) {
        return new LatentSpec(dim, Distribution.SOBOL_UNIFORM, seed, 0, new long[0]);
    }

    /** The same with class labels over {@code classes} classes. */
    public LatentSpec withClasses(int classes) {
        return new LatentSpec(dim, distribution, seed, classes, shape);
    }

    /** The same with z shaped [N, dim, 1, 1]. */
    public LatentSpec asConvolutional() {
        return new LatentSpec(dim, distribution, seed, numClasses, new long[] {1, 1});
    }

    /**
     * Parses the command line's latent description {@code DISTRIBUTION:DIM[:classes=K][:shape=1x1]}, e.g.
     * {@code normal:128}, {@code uniform:64:classes=10}; the distribution is {@code normal} or
     * {@code uniform}; {@code shape=1x1} shapes z as [N, dim, 1, 1].
     *
     * @throws IllegalArgumentException naming what was expected and what was found
     */
    public static LatentSpec parse(String text, long seed) {
        String[] parts = java.util.Objects.requireNonNull(text, "text").strip().split(":");
        String expected = "expected DISTRIBUTION:DIM[:classes=K][:shape=1x1] with DISTRIBUTION one of "
                + java.util.Arrays.stream(Distribution.values()).map(d -> d.name().toLowerCase(java.util.Locale.ROOT))
                        .toList();
        if (parts.length < 2) {
            throw new IllegalArgumentException(expected + ", found '" + text + "'");
        }
        Distribution d;
        try {
            d = Distribution.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(expected + ", found '" + parts[0] + "' in '" + text + "'");
        }
        int dim;
        try {
            dim = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(expected + ", found the dimension '" + parts[1] + "' in '" + text + "'");
        }
        int classes = 0;
        long[] shape = new long[0];
        for (int i = 2; i < parts.length; i++) {
            if (parts[i].startsWith("classes=")) {
                try {
                    classes = Integer.parseInt(parts[i].substring(8));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(expected + ", found '" + parts[i] + "' in '" + text + "'");
                }
            } else if (parts[i].equals("shape=1x1")) {
                shape = new long[] {1, 1};
            } else {
                throw new IllegalArgumentException(expected + ", found '" + parts[i] + "' in '" + text + "'");
            }
        }
        return new LatentSpec(dim, d, seed, classes, shape);
    }

    /** The description {@link #parse} reads back (without the seed), e.g. {@code normal:128:classes=10}. */
    public String describe() {
        return distribution.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ":" + dim
                + (numClasses > 0 ? ":classes=" + numClasses : "") + (shape.length > 0 ? ":shape=1x1" : "");
    }

    /** The same with another seed. */
    public LatentSpec withSeed(long otherSeed) {
        return new LatentSpec(dim, distribution, otherSeed, numClasses, shape);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Latent rows {@code [from, from + count)} as a float32 array. */
    public INDArray latents(long from, int count) {
        float[] v = new float[count * dim];
        if (distribution.isQuasiRandom()) {
            double[] u = new double[count * dim];
            sobol(dim, seed).points(from, count, u);
            for (int i = 0; i < u.length; i++) {
                v[i] = (float) (distribution == Distribution.SOBOL_NORMAL ? NormalQuantile.of(u[i]) : 2 * u[i] - 1);
            }
        }
        for (int i = 0; i < count && !distribution.isQuasiRandom(); i++) {
            SplittableRandom r = new SplittableRandom(mix(seed, from + i));
            for (int j = 0; j < dim; j++) {
                v[i * dim + j] = (float) (distribution == Distribution.NORMAL ? r.nextGaussian()
                        : r.nextDouble(-1.0, 1.0));
            }
        }
        long[] full = new long[2 + shape.length];
        full[0] = count;
        full[1] = dim;
        System.arraycopy(shape, 0, full, 2, shape.length);
        return Nd4j.create(v, full, 'c').castTo(DataType.FLOAT);
    }

    /** One-hot labels for rows {@code [from, from + count)}, or null when unconditional. */
    public INDArray labels(long from, int count) {
        if (numClasses == 0) {
            return null;
        }
        INDArray l = Nd4j.zeros(DataType.FLOAT, count, numClasses);
        for (int i = 0; i < count; i++) {
            l.putScalar(i, (int) ((from + i) % numClasses), 1f);
        }
        return l;
    }

    /** Recently used scrambled sequences (a few hundred kB each), so that batches reuse the scramble. */
    private static final java.util.Map<java.util.List<Long>, Sobol> SEQUENCES =
            new java.util.LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<java.util.List<Long>, Sobol> eldest) {
                    return size() > 4;
                }
            };

    private static Sobol sobol(int dim, long seed) {
        synchronized (SEQUENCES) {
            return SEQUENCES.computeIfAbsent(java.util.List.of((long) dim, seed), k -> Sobol.scrambled(dim, seed));
        }
    }

    private static long mix(long seed, long row) {
        long z = seed * 0x9E3779B97F4A7C15L + row;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatentSpec l && l.dim == dim && l.distribution == distribution && l.seed == seed
                && l.numClasses == numClasses && Arrays.equals(l.shape, shape);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seed) * 31 + dim;
    }

    @Override
    public String toString() {
        return "LatentSpec[" + distribution + " dim=" + dim + " seed=" + seed
                + (numClasses > 0 ? " classes=" + numClasses : "") + "]";
    }
}
