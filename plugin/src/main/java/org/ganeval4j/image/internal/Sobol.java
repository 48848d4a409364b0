package org.ganeval4j.image.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Sobol' low-discrepancy points in up to {@value #MAX_DIMENSION} dimensions with the direction
 * numbers of Joe &amp; Kuo (2008, {@code new-joe-kuo-6.21201}; the resource
 * {@code joe-kuo-6.21201-d1000.txt} beside this class, with its licence in
 * {@code NOTICE-joe-kuo.txt}), in Gray-code order (Antonov &amp; Saleev 1979).
 *
 * <p>Point {@code k} in dimension {@code j} is {@code x_j(k) / 2^B} with
 * {@code x_j(k) = XOR over the set bits b of g(k) = k XOR (k >> 1) of v_j[b]}, {@code B} =
 * {@value #BITS}, and the direction integers {@code v_j[b] = m_j[b+1] · 2^(B−b−1)} from the
 * recurrence of Bratley &amp; Fox (1988) on the primitive polynomial of dimension j. So any point is
 * computed directly from its index in O(B · d), and consecutive points with one XOR per coordinate.
 * Unscrambled, the points are those of {@code scipy.stats.qmc.Sobol(d, scramble=False).random(n)}
 * exactly (the first is the origin): scipy uses the same numbers, the same order and 30 bits, and
 * {@code x/2^52} equals scipy's {@code x/2^30} for every index below 2^30.
 *
 * <p>Scrambled ({@link #scrambled}): Matoušek's linear matrix scramble — each dimension's direction
 * integers are multiplied (over GF(2), most significant bit first) by a random lower-triangular bit
 * matrix with unit diagonal — followed by a random digital shift (XOR), both drawn from a
 * {@link SplittableRandom} of the seed; the value is the centre of its 2^−B cell,
 * {@code (x + ½) / 2^B}. Both operations are invertible on every leading block of bits, so the
 * first 2^k points still put each coordinate once into every cell {@code [i/2^k, (i+1)/2^k)}; no
 * scrambled value is 0 or 1, so the inverse normal CDF is finite everywhere.
 *
 * <p>Immutable and thread safe.
 */
public final class Sobol {
    /** Dimensions covered by the bundled direction numbers. */
    public static final int MAX_DIMENSION = 1000;
    /** Bits per coordinate; indices must be below 2^BITS. */
    public static final int BITS = 52;
    private static final String RESOURCE = "joe-kuo-6.21201-d1000.txt";
    private static final double SCALE = 0x1.0p-52;
    /** Direction numbers m_j[1..s] and polynomials of every dimension, read once. */
    private static volatile int[][] initial;
    private static volatile int[] degree;
    private static volatile int[] coefficients;

    private final int dim;
    private final boolean scrambled;
    private final long seed;
    /** v[b * dim + j]: direction integer of bit b in dimension j (scrambled when {@link #scrambled}). */
    private final long[] v;
    private final long[] shift;

    private Sobol(int dim, boolean scrambled, long seed) {
        if (dim < 1 || dim > MAX_DIMENSION) {
            throw new IllegalArgumentException("Sobol' points need a dimension in [1, " + MAX_DIMENSION + "], found " + dim);
        }
        this.dim = dim;
        this.scrambled = scrambled;
        this.seed = seed;
        this.v = new long[BITS * dim];
        this.shift = new long[dim];
        SplittableRandom random = scrambled ? new SplittableRandom(seed ^ 0x50B0_15C4_A3B1_E5D7L) : null;
        long[] column = new long[BITS];
        long[] lower = new long[BITS];
        for (int j = 0; j < dim; j++) {
            directionIntegers(j, column);
            if (random != null) {
                // row r of L (r = 0 the most significant bit) as a mask over bit positions: its
                // own bit and random bits of the more significant positions
                for (int r = 0; r < BITS; r++) {
                    long own = 1L << (BITS - 1 - r);
                    long above = r == 0 ? 0 : random.nextLong() & ~((own << 1) - 1) & ((1L << BITS) - 1);
                    lower[r] = own | above;
                }
                for (int b = 0; b < BITS; b++) {
                    long x = column[b];
                    long y = 0;
                    for (int r = 0; r < BITS; r++) {
                        if ((Long.bitCount(lower[r] & x) & 1) == 1) {
                            y |= 1L << (BITS - 1 - r);
                        }
                    }
                    column[b] = y;
                }
                shift[j] = random.nextLong() & ((1L << BITS) - 1);
            }
            for (int b = 0; b < BITS; b++) {
                v[b * dim + j] = column[b];
            }
        }
    }

    /** The plain sequence (scipy's {@code scramble=False}); its first point is the origin. */
    public static Sobol unscrambled(int dim) {
        return new Sobol(dim, false, 0);
    }

    /** A linear-matrix-scrambled, digitally shifted sequence, a pure function of {@code (dim, seed)}. */
    public static Sobol scrambled(int dim, long seed) {
        return new Sobol(dim, true, seed);
    }

    /** The dimension. */
    public int dimension() {
        return dim;
    }

    /** Whether the points are scrambled. */
    public boolean isScrambled() {
        return scrambled;
    }

    /** The scrambling seed (0 and meaningless when unscrambled). */
    public long seed() {
        return seed;
    }

    /**
     * Points {@code [from, from + count)} row-major into {@code out} ({@code count × dimension}
     * values in [0, 1); in (0, 1) when scrambled).
     *
     * @throws IllegalArgumentException for a negative index, an index at or above 2^{@value #BITS}, or a short array
     */
    public void points(long from, int count, double[] out) {
        if (from < 0 || count < 0 || from + count > (1L << BITS)) {
            throw new IllegalArgumentException("Sobol' point indices must lie in [0, 2^" + BITS + "), found [" + from
                    + ", " + (from + count) + ")");
        }
        if (out.length < (long) count * dim) {
            throw new IllegalArgumentException("expected room for " + count + " × " + dim + " values, found " + out.length);
        }
        if (count == 0) {
            return;
        }
        long[] x = integers(from);
        double offset = scrambled ? 0.5 : 0.0;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                // g(k) and g(k − 1) differ in the lowest set bit of k
                int b = Long.numberOfTrailingZeros(from + i);
                int o = b * dim;
                for (int j = 0; j < dim; j++) {
                    x[j] ^= v[o + j];
                }
            }
            int row = i * dim;
            for (int j = 0; j < dim; j++) {
                out[row + j] = (x[j] + offset) * SCALE;
            }
        }
    }

    /** Point {@code index} ({@code dimension} values). */
    public double[] point(long index) {
        double[] out = new double[dim];
        points(index, 1, out);
        return out;
    }

    /** The {@value #BITS}-bit integers {@code x_j(index)} of one point (shift included). */
    long[] integers(long index) {
        long g = index ^ (index >>> 1);
        long[] x = shift.clone();
        while (g != 0) {
            int b = Long.numberOfTrailingZeros(g);
            g &= g - 1;
            int o = b * dim;
            for (int j = 0; j < dim; j++) {
                x[j] ^= v[o + j];
            }
        }
        return x;
    }

    /** Unscrambled direction integers of dimension {@code j} (0-based) for bits 0..BITS−1 into {@code out}. */
    private static void directionIntegers(int j, long[] out) {
        long[] m = new long[BITS];
        if (j == 0) {
            java.util.Arrays.fill(m, 1);
        } else {
            load();
            int s = degree[j];
            int a = coefficients[j];
            int[] init = initial[j];
            for (int k = 0; k < s; k++) {
                m[k] = init[k];
            }
            // m_k = 2 a_1 m_(k−1) ⊕ 4 a_2 m_(k−2) ⊕ … ⊕ 2^(s−1) a_(s−1) m_(k−s+1) ⊕ 2^s m_(k−s) ⊕ m_(k−s)
            for (int k = s; k < BITS; k++) {
                long next = m[k - s] ^ (m[k - s] << s);
                for (int i = 1; i < s; i++) {
                    if (((a >>> (s - 1 - i)) & 1) == 1) {
                        next ^= m[k - i] << i;
                    }
                }
                m[k] = next;
            }
        }
        for (int b = 0; b < BITS; b++) {
            out[b] = m[b] << (BITS - 1 - b);
        }
    }

    private static void load() {
        if (initial != null) {
            return;
        }
        synchronized (Sobol.class) {
            if (initial != null) {
                return;
            }
            int[][] init = new int[MAX_DIMENSION][];
            int[] deg = new int[MAX_DIMENSION];
            int[] coef = new int[MAX_DIMENSION];
            try (InputStream in = Sobol.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " is missing from the class path");
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
                int expected = 2;
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("#") || line.startsWith("d ") || line.isBlank()) {
                        continue;
                    }
                    String[] f = line.trim().split("\\s+");
                    int d = Integer.parseInt(f[0]);
                    int s = Integer.parseInt(f[1]);
                    if (d != expected || f.length != 3 + s) {
                        throw new IllegalStateException(RESOURCE + ": expected dimension " + expected + " with 3 + s fields, found '"
                                + line + "'");
                    }
                    deg[d - 1] = s;
                    coef[d - 1] = Integer.parseInt(f[2]);
                    init[d - 1] = new int[s];
                    for (int k = 0; k < s; k++) {
                        init[d - 1][k] = Integer.parseInt(f[3 + k]);
                    }
                    expected++;
                }
                if (expected != MAX_DIMENSION + 1) {
                    throw new IllegalStateException(RESOURCE + ": expected dimensions 2.." + MAX_DIMENSION + ", found up to "
                            + (expected - 1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            degree = deg;
            coefficients = coef;
            initial = init;
        }
    }

    @Override
    public String toString() {
        return "Sobol[d=" + dim + (scrambled ? ", scrambled, seed=" + seed : ", unscrambled") + "]";
    }
}
