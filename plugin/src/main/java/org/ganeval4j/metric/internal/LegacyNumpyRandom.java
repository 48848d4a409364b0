package org.ganeval4j.metric.internal;

/**
 * A port of NumPy's legacy {@code numpy.random.RandomState(seed)} for an integer seed, as far as the
 * metrics need it: the MT19937 stream, {@code permutation(n)} and {@code choice(n, size, replace=False)}.
 * The draws are the same numbers, in the same order, as NumPy's (legacy streams are frozen, so every
 * NumPy version since 1.17 agrees, and so did earlier ones).
 *
 * <ul>
 *   <li>Seeding: {@code init_genrand(seed)} (Matsumoto and Nishimura 1998, 2002 initialisation),
 *       what {@code RandomState} does for an integer in [0, 2³²−1].</li>
 *   <li>{@link #interval(long)}: NumPy's {@code random_interval(max)}, a uniform integer in [0, max]
 *       by masked rejection (the smallest all-ones mask ≥ max, then redraw while the masked 32-bit
 *       draw exceeds max); array lengths here stay below 2³¹, so NumPy's 64-bit branch is never needed.</li>
 *   <li>{@link #shuffle(int[])}: the legacy Fisher–Yates loop {@code for i = n−1 … 1: j =
 *       interval(i); swap(x[i], x[j])}; {@link #permutation(int)} shuffles {@code arange(n)}.</li>
 *   <li>{@link #choiceWithoutReplacement(int, int)}: legacy {@code choice(n, size, replace=False)}
 *       without probabilities, which is {@code permutation(n)[:size]}; it consumes the draws of a
 *       full permutation of {@code n}.</li>
 * </ul>
 *
 * <p>Not thread safe.
 */
public final class LegacyNumpyRandom {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int pos;

    /**
     * {@code RandomState(seed)}.
     *
     * @param seed in [0, 2³²−1], as NumPy requires
     * @throws IllegalArgumentException for a seed outside that range
     */
    public LegacyNumpyRandom(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed must be between 0 and 2^32-1 (as numpy.random.RandomState), found " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            int prev = mt[i - 1];
            mt[i] = 1812433253 * (prev ^ (prev >>> 30)) + i;
        }
        pos = N;
    }

    /** The next raw 32-bit output of MT19937 (tempered), as an unsigned value in a long. */
    public long nextUint32() {
        if (pos >= N) {
            generate();
        }
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    private void generate() {
        int kk;
        int y;
        for (kk = 0; kk < N - M; kk++) {
            y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
        }
        for (; kk < N - 1; kk++) {
            y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
        }
        y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
        pos = 0;
    }

    /**
     * A uniform integer in [0, max], NumPy's {@code random_interval} (its 32-bit branch).
     *
     * @param max in [0, 2³²−1]
     */
    public long interval(long max) {
        if (max < 0 || max > 0xffffffffL) {
            throw new IllegalArgumentException("max must be in [0, 2^32-1], found " + max);
        }
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUint32() & mask;
        } while (value > max);
        return value;
    }

    /** Shuffles in place, as the legacy {@code RandomState.shuffle} does a 1-d array. */
    public void shuffle(int[] x) {
        for (int i = x.length - 1; i >= 1; i--) {
            int j = (int) interval(i);
            int t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }

    /**
     * {@code permutation(n)}: a shuffled {@code arange(n)}.
     *
     * @param n ≥ 0
     */
    public int[] permutation(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation length must be >= 0, found " + n);
        }
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        shuffle(x);
        return x;
    }

    /**
     * Legacy {@code choice(n, size, replace=False)} (no probabilities): the first {@code size}
     * entries of {@code permutation(n)}.
     *
     * @throws IllegalArgumentException when size &lt; 0 or size &gt; n (NumPy: "Cannot take a larger
     *     sample than population when 'replace=False'")
     */
    public int[] choiceWithoutReplacement(int n, int size) {
        if (size < 0 || size > n) {
            throw new IllegalArgumentException("cannot take a sample of " + size + " without replacement from a population of " + n);
        }
        int[] p = permutation(n);
        return size == n ? p : java.util.Arrays.copyOf(p, size);
    }
}
