package org.ganeval4j.image.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded subsets of indices, kept in ascending (file) order. */
public final class Subset {
    private Subset() {
    }

    /** {@code limit} of {@code n} indices chosen by a seeded partial Fisher–Yates shuffle, sorted; all when limit is 0 or ≥ n. */
    public static int[] choose(int n, int limit, long seed) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (limit == 0 || limit >= n) {
            return idx;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < limit; i++) {
            int j = i + r.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] out = Arrays.copyOf(idx, limit);
        Arrays.sort(out);
        return out;
    }
}
