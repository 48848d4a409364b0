package org.ganeval4j.metric;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Which pairs of samples a pairwise diversity averages over: all {@code N(N−1)/2} unordered pairs,
 * or {@code count} distinct unordered pairs drawn uniformly at random with a seed (the same seed and
 * sample count give the same pairs). Asking for at least as many pairs as exist means all pairs.
 *
 * @param count number of random pairs, or 0 for all pairs
 * @param seed  seed of the random choice (unused for all pairs)
 */
public record PairSelection(long count, long seed) {
    public PairSelection {
        if (count < 0) {
            throw new IllegalArgumentException("the number of pairs must be >= 1 (or 0 for all pairs), got " + count);
        }
    }

    /** All pairs. */
    public static PairSelection all() {
        return new PairSelection(0, 0);
    }

    /** {@code count} (≥ 1) distinct random pairs chosen with {@code seed}. */
    public static PairSelection random(long count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("the number of random pairs must be >= 1, got " + count);
        }
        return new PairSelection(count, seed);
    }

    /** True when every pair of {@code n} samples is used. */
    public boolean coversAll(int n) {
        return count == 0 || count >= pairsOf(n);
    }

    /**
     * The pairs of {@code n} samples this selection uses, as {@code i·n + j} with {@code i < j}, in
     * increasing order: all of them, or {@code count} distinct unordered pairs drawn uniformly with a
     * {@link SplittableRandom} seeded with {@code seed} (draw i, then j ≠ i, reject repeats; above half
     * of all pairs, the pairs left out are drawn instead). Depends only on (n, count, seed).
     */
    public long[] choose(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("pairs need at least 2 samples, got " + n);
        }
        long total = pairsOf(n);
        boolean all = coversAll(n);
        long k = all ? total : count;
        Set<Long> drawn = new HashSet<>();
        boolean complement = !all && k > total / 2;
        if (!all) {
            SplittableRandom r = new SplittableRandom(seed);
            long draw = complement ? total - k : k;
            while (drawn.size() < draw) {
                int i = r.nextInt(n);
                int j = r.nextInt(n - 1);
                if (j >= i) {
                    j++;
                }
                drawn.add((long) Math.min(i, j) * n + Math.max(i, j));
            }
        }
        long[] out = new long[Math.toIntExact(k)];
        if (all || complement) {
            int p = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    long key = (long) i * n + j;
                    if (all || !drawn.contains(key)) {
                        out[p++] = key;
                    }
                }
            }
        } else {
            int p = 0;
            for (long key : drawn) {
                out[p++] = key;
            }
            Arrays.sort(out);
        }
        return out;
    }

    /** {@code n(n−1)/2}. */
    public static long pairsOf(int n) {
        return (long) n * (n - 1) / 2;
    }

    /** {@code all} or the number of pairs, as the CLI writes it. */
    @Override
    public String toString() {
        return count == 0 ? "all" : count + " random pairs (seed " + seed + ")";
    }
}
