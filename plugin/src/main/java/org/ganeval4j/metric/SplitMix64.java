package org.ganeval4j.metric;

/**
 * SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014),
 * spelled out so that a few lines of Python reproduce every draw (the HYPE bootstrap and the
 * evaluators' image orders are checked that way):
 *
 * <pre>
 * state += 0x9E3779B97F4A7C15
 * z = state; z = (z ^ (z &gt;&gt;&gt; 30)) * 0xBF58476D1CE4E5B9; z = (z ^ (z &gt;&gt;&gt; 27)) * 0x94D049BB133111EB
 * next() = z ^ (z &gt;&gt;&gt; 31)                       (all arithmetic mod 2⁶⁴)
 * index(n) = floor((next() &gt;&gt;&gt; 11) · 2⁻⁵³ · n)     (a uniform integer in [0, n), bias below 2⁻⁵³·n)
 * </pre>
 *
 * Not thread safe.
 */
public final class SplitMix64 {
    private long state;

    /** A generator whose first draw is {@code next()} after {@code state = seed}. */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** The next 64-bit output. */
    public long next() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform double in [0, 1) from the top 53 bits of {@link #next()}. */
    public double nextDouble() {
        return (next() >>> 11) * 0x1.0p-53;
    }

    /**
     * A uniform integer in [0, n).
     *
     * @throws IllegalArgumentException for n &lt; 1
     */
    public int index(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("index bound must be >= 1, got " + n);
        }
        return (int) (nextDouble() * n);
    }

    /** Shuffles {@code a} in place: for i = n−1 … 1, swap a[i] and a[index(i + 1)] (Fisher–Yates). */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = index(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
