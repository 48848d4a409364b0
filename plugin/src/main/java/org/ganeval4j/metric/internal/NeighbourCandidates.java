package org.ganeval4j.metric.internal;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * The candidates for one row's k-th nearest neighbour when distances are first computed
 * approximately (blocks of Gram products, which carry a rounding error bounded by
 * {@code window / 2}) and then exactly for the few that may matter: the k smallest approximate values
 * seen, and every column within {@code window} of the running k-th smallest (which only decreases,
 * so pruning against it never drops a column that the final threshold keeps). Used by
 * {@link KnnBallCounts} (radii of k-NN balls) and {@link NearestNeighbours} (k = 1). Not thread safe.
 */
public final class NeighbourCandidates {
    private final double[] best;
    private final double window;
    private int filled;
    private double threshold = Double.POSITIVE_INFINITY;
    private int[] index = new int[8];
    private double[] value = new double[8];
    private int count;

    /**
     * @param k      the neighbour sought (1 = the nearest)
     * @param window twice the largest difference between an approximate and an exact value
     */
    public NeighbourCandidates(int k, double window) {
        this.best = new double[k];
        this.window = window;
    }

    /** Offers column {@code j} with approximate value {@code v} (smaller = nearer). */
    public void offer(int j, double v) {
        if (v > threshold) {
            return;
        }
        int k = best.length;
        if (filled < k) {
            filled = insert(best, filled, v);
        } else if (v < best[k - 1]) {
            insert(best, k - 1, v);
        }
        if (filled == k) {
            threshold = best[k - 1] + window;
        }
        if (v <= threshold) {
            if (count == index.length) {
                prune();
                if (count == index.length) {
                    index = Arrays.copyOf(index, 2 * count);
                    value = Arrays.copyOf(value, 2 * count);
                }
            }
            index[count] = j;
            value[count] = v;
            count++;
        }
    }

    private void prune() {
        int w = 0;
        for (int r = 0; r < count; r++) {
            if (value[r] <= threshold) {
                index[w] = index[r];
                value[w] = value[r];
                w++;
            }
        }
        count = w;
    }

    /** Candidates kept after pruning. */
    public int size() {
        prune();
        return count;
    }

    /** The k-th smallest exact value among the surviving candidates ({@code exact} maps a column to it). */
    public double kthDirect(IntToDoubleFunction exact) {
        prune();
        double[] e = new double[count];
        for (int r = 0; r < count; r++) {
            e[r] = exact.applyAsDouble(index[r]);
        }
        Arrays.sort(e);
        return e[best.length - 1];
    }

    /**
     * The surviving column with the smallest exact value (the lowest column among equal values), or
     * −1 when nothing was offered; its exact value goes to {@code valueOut[0]}.
     */
    public int nearestDirect(IntToDoubleFunction exact, double[] valueOut) {
        prune();
        int arg = -1;
        double min = Double.POSITIVE_INFINITY;
        for (int r = 0; r < count; r++) {
            double e = exact.applyAsDouble(index[r]);
            if (arg < 0 || e < min || (e == min && index[r] < arg)) {
                min = e;
                arg = index[r];
            }
        }
        valueOut[0] = min;
        return arg;
    }

    /** Inserts v into the sorted prefix a[0, filled) (dropping the last element when full); returns the new fill. */
    private static int insert(double[] a, int filled, double v) {
        int p = filled;
        while (p > 0 && a[p - 1] > v) {
            if (p < a.length) {
                a[p] = a[p - 1];
            }
            p--;
        }
        if (p < a.length) {
            a[p] = v;
        }
        return Math.min(filled + 1, a.length);
    }
}
