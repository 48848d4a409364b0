package org.ganeval4j.metric;

import java.util.Arrays;
import java.util.Objects;
import org.ganeval4j.metric.internal.NearestNeighbours;
import org.ganeval4j.stats.FeatureMatrix;

/**
 * Is the generator copying its training images? A nearest-neighbour check in feature space in the
 * spirit of Meehan, Chaudhuri &amp; Dasgupta, "A Non-Parametric Test to Detect Data-Copying in
 * Generative Models" (AISTATS 2020): for each generated sample the nearest training image by cosine
 * distance {@code 1 − a·b / (‖a‖ ‖b‖)} of the features, compared with the real-vs-real
 * nearest-neighbour distances — held-out real images to their nearest training image (Meehan's
 * setting), or, without a held-out set, each training image to its nearest other training image
 * (leave-one-out). Reported: every distance and partner, the fraction of generated samples closer
 * than a threshold (an absolute distance, or by default the {@value #DEFAULT_QUANTILE} quantile of
 * the real-vs-real distances: a generator that copies puts far more than that fraction of its
 * samples there), the Mann–Whitney Z of the two distance samples (Meehan's statistic without the
 * cells: markedly negative when generated samples sit closer to the training set than real data
 * does) and the closest pairs.
 *
 * <p>Neighbours are exact (the distances a direct float64 evaluation gives, ties to the lowest
 * training index), found blockwise ({@link NearestNeighbours}, the neighbourhood code behind
 * precision/recall) with working memory bounded by {@link Builder#memoryBudget} (default 128 MiB)
 * whatever the numbers of rows: for 50,000 × 2,048 training and generated features the search
 * allocates blocks of about 2,000 rows, never an N × N matrix. Work: N_gen · N_train · d
 * multiply-adds (and N_train² · d once for the leave-one-out reference).
 *
 * <p>Immutable and thread safe.
 */
public final class Memorisation {
    /** A smaller fraction of copied samples is better. */
    public static final Direction DIRECTION = Direction.LOWER_IS_BETTER;
    /** Default threshold quantile of the real-vs-real distances. */
    public static final double DEFAULT_QUANTILE = 0.01;

    private final double threshold;
    private final double quantile;
    private final int pairs;
    private final long budget;

    private Memorisation(Builder b) {
        this.threshold = b.threshold;
        this.quantile = b.quantile;
        this.pairs = b.pairs;
        this.budget = b.budget;
    }

    /** A builder with the defaults: threshold at the 0.01 quantile, 16 closest pairs, 128 MiB. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults. */
    public static Memorisation defaults() {
        return builder().build();
    }

    /** Number of closest pairs reported. */
    public int pairs() {
        return pairs;
    }

    /** The working-memory budget of a neighbour search, in bytes. */
    public long memoryBudget() {
        return budget;
    }

    /** Validating builder. Not thread safe. */
    public static final class Builder {
        private double threshold = Double.NaN;
        private double quantile = DEFAULT_QUANTILE;
        private int pairs = 16;
        private long budget = NearestNeighbours.DEFAULT_BUDGET_BYTES;

        private Builder() {
        }

        /** An absolute cosine-distance threshold (≥ 0), instead of a quantile of the real distances. */
        public Builder threshold(double distance) {
            this.threshold = distance;
            return this;
        }

        /** The threshold as this quantile (in [0, 1]) of the real-vs-real distances (default 0.01). */
        public Builder thresholdQuantile(double q) {
            this.quantile = q;
            this.threshold = Double.NaN;
            return this;
        }

        /** Closest pairs reported (≥ 0; default 16). */
        public Builder pairs(int k) {
            this.pairs = k;
            return this;
        }

        /** Working-memory budget of a neighbour search (≥ 1 MiB; default 128 MiB). */
        public Builder memoryBudget(long bytes) {
            this.budget = bytes;
            return this;
        }

        /** Validates and builds. */
        public Memorisation build() {
            if (!Double.isNaN(threshold) && !(threshold >= 0 && threshold <= 2)) {
                throw new IllegalArgumentException("the cosine-distance threshold must be in [0, 2], found " + threshold);
            }
            if (!(quantile >= 0 && quantile <= 1)) {
                throw new IllegalArgumentException("the threshold quantile must be in [0, 1], found " + quantile);
            }
            if (pairs < 0) {
                throw new IllegalArgumentException("the number of closest pairs must be >= 0, found " + pairs);
            }
            if (budget < (1L << 20)) {
                throw new IllegalArgumentException("the memory budget must be at least 1 MiB, found " + budget + " bytes");
            }
            return new Memorisation(this);
        }
    }

    /** The check of {@code generated} against {@code train}, with leave-one-out real distances. */
    public MemorisationResult compute(FeatureMatrix train, FeatureMatrix generated) {
        return reference(train, null).check(generated);
    }

    /** The check of {@code generated} against {@code train}, with held-out real distances ({@code heldOut} may be null). */
    public MemorisationResult compute(FeatureMatrix train, FeatureMatrix heldOut, FeatureMatrix generated) {
        return reference(train, heldOut).check(generated);
    }

    /**
     * Prepares the training side once: its features and the real-vs-real distances (held-out to
     * train, or leave-one-out within train when {@code heldOut} is null), for checks of many
     * generated sets.
     */
    public Reference reference(FeatureMatrix train, FeatureMatrix heldOut) {
        return new Reference(train, heldOut);
    }

    /** The search plan for {@code queryRows} rows against {@code baseRows} rows of dimension d within the budget. */
    NearestNeighbours.Plan plan(int queryRows, int baseRows, int d) {
        return NearestNeighbours.Plan.forBudget(queryRows, baseRows, d, budget);
    }

    /**
     * Bytes of working memory (row blocks and one product block) that a search of {@code queryRows}
     * rows against {@code baseRows} rows of dimension d allocates; never more than the budget,
     * whatever the numbers of rows.
     */
    public long workingBytes(int queryRows, int baseRows, int d) {
        return plan(queryRows, baseRows, d).bytes();
    }

    /**
     * Nearest training rows.
     *
     * @param index    per query row, the nearest training row
     * @param distance its cosine distance
     */
    public record Nearest(int[] index, double[] distance) {
    }

    /** The training side with its real-vs-real distances. Immutable and thread safe. */
    public final class Reference {
        private final float[] train;
        private final int rows;
        private final int dim;
        private final double[] real;
        private final boolean heldOut;
        private final double limit;

        private Reference(FeatureMatrix train, FeatureMatrix heldOutRows) {
            Objects.requireNonNull(train, "train");
            this.rows = train.rows();
            this.dim = train.cols();
            this.train = train.toArray();
            this.heldOut = heldOutRows != null;
            if (heldOutRows != null) {
                if (heldOutRows.cols() != dim) {
                    throw new IllegalArgumentException("held-out features have d=" + heldOutRows.cols() + ", training d="
                            + dim);
                }
                if (heldOutRows.rows() < 1 || rows < 1) {
                    throw new IllegalArgumentException("expected at least one training and one held-out row, found "
                            + rows + " and " + heldOutRows.rows());
                }
                this.real = NearestNeighbours.nearest(heldOutRows.toArray(), heldOutRows.rows(), this.train, rows, dim,
                        NearestNeighbours.Metric.COSINE, false, plan(heldOutRows.rows(), rows, dim)).distance();
            } else {
                if (rows < 2) {
                    throw new IllegalArgumentException("leave-one-out distances need at least 2 training rows, found " + rows);
                }
                this.real = NearestNeighbours.nearest(this.train, rows, this.train, rows, dim, NearestNeighbours.Metric.COSINE,
                        true, plan(rows, rows, dim)).distance();
            }
            this.limit = Double.isNaN(threshold) ? quantile(real, quantile) : threshold;
        }

        /** Training rows. */
        public int rows() {
            return rows;
        }

        /** Feature dimension. */
        public int dim() {
            return dim;
        }

        /** The threshold in use (absolute, or the quantile of the real distances). */
        public double threshold() {
            return limit;
        }

        /** The real-vs-real distances. */
        public double[] realDistances() {
            return real.clone();
        }

        /**
         * The nearest training row of each row of {@code generated} (exact; ties to the lowest index).
         *
         * @throws ArithmeticException for a zero feature row (no cosine distance)
         */
        public Nearest nearest(FeatureMatrix generated) {
            if (generated.cols() != dim) {
                throw new IllegalArgumentException("generated features have d=" + generated.cols() + ", training d=" + dim);
            }
            NearestNeighbours.Result r = NearestNeighbours.nearest(generated.toArray(), generated.rows(), train, rows, dim,
                    NearestNeighbours.Metric.COSINE, false, plan(generated.rows(), rows, dim));
            return new Nearest(r.index(), r.distance());
        }

        /** The check of {@code generated}. */
        public MemorisationResult check(FeatureMatrix generated) {
            Nearest r = nearest(generated);
            return summarise(r.distance(), r.index());
        }

        /** The result for generated samples whose nearest distances and partners are known (e.g. found block by block). */
        public MemorisationResult summarise(double[] distances, int[] nearest) {
            if (distances.length != nearest.length || distances.length < 1) {
                throw new IllegalArgumentException("expected one distance and one partner per generated sample, found "
                        + distances.length + " and " + nearest.length);
            }
            Integer[] order = new Integer[distances.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> distances[a] != distances[b] ? Double.compare(distances[a], distances[b])
                    : Integer.compare(a, b));
            int[] closest = new int[Math.min(pairs, order.length)];
            for (int i = 0; i < closest.length; i++) {
                closest[i] = order[i];
            }
            return new MemorisationResult(distances, nearest, real, heldOut, limit, below(distances, limit),
                    below(real, limit), mannWhitneyZ(distances, real), closest);
        }
    }

    private static double below(double[] v, double t) {
        long n = Arrays.stream(v).filter(x -> x < t).count();
        return (double) n / v.length;
    }

    /** numpy's default (linear) quantile. */
    static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    /**
     * The Mann–Whitney U of {@code x} against {@code y} (U = Σᵢⱼ [xᵢ &gt; yⱼ] + ½ [xᵢ = yⱼ], scipy's
     * {@code mannwhitneyu(x, y).statistic}), standardised with the tie-corrected normal
     * approximation; 0 when every value is equal.
     */
    static double mannWhitneyZ(double[] x, double[] y) {
        return standardise(mannWhitneyU(x, y), x.length, y.length, ties(x, y));
    }

    /** U of x against y from average ranks of the pooled sample. */
    static double mannWhitneyU(double[] x, double[] y) {
        int m = x.length;
        int n = y.length;
        double[] all = new double[m + n];
        System.arraycopy(x, 0, all, 0, m);
        System.arraycopy(y, 0, all, m, n);
        Integer[] idx = new Integer[m + n];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(all[a], all[b]));
        double rankSumX = 0;
        for (int i = 0; i < idx.length;) {
            int j = i;
            while (j + 1 < idx.length && all[idx[j + 1]] == all[idx[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                if (idx[t] < m) {
                    rankSumX += rank;
                }
            }
            i = j + 1;
        }
        return rankSumX - m * (m + 1.0) / 2;
    }

    private static double ties(double[] x, double[] y) {
        double[] all = new double[x.length + y.length];
        System.arraycopy(x, 0, all, 0, x.length);
        System.arraycopy(y, 0, all, x.length, y.length);
        Arrays.sort(all);
        double sum = 0;
        for (int i = 0; i < all.length;) {
            int j = i;
            while (j + 1 < all.length && all[j + 1] == all[i]) {
                j++;
            }
            double t = j - i + 1;
            sum += t * t * t - t;
            i = j + 1;
        }
        return sum;
    }

    private static double standardise(double u, int m, int n, double ties) {
        double total = m + n;
        double var = m * (double) n / 12.0 * ((total + 1) - ties / (total * (total - 1)));
        return var > 0 ? (u - m * (double) n / 2) / Math.sqrt(var) : 0.0;
    }
}
