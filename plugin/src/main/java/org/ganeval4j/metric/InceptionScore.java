package org.ganeval4j.metric;

import java.io.Serializable;
import org.ganeval4j.internal.HostValues;
import org.ganeval4j.metric.internal.LegacyNumpyRandom;
import org.ganeval4j.metric.internal.Moments;
import org.ganeval4j.metric.internal.RowCoverage;
import org.ganeval4j.stats.FeatureMatrix;

/**
 * Inception Score (Salimans, Goodfellow, Zaremba, Cheung, Radford and Chen, "Improved Techniques
 * for Training GANs", NeurIPS 2016) from classifier logits (our pipeline's {@code logits_unbiased}
 * of the FID Inception network, 1008 classes). Higher is better; it lies in [1, number of classes].
 *
 * <p>With {@code p(c|x) = softmax(logits(x))} and the rows cut into {@code S} splits, split
 * {@code i} holding rows {@code [⌊i·N/S⌋, ⌊(i+1)·N/S⌋)} (integer division, so sizes differ by at
 * most one):
 *
 * <pre>
 *   p̄ᵢ(c) = mean_{x ∈ split i} p(c|x)
 *   ISᵢ   = exp( mean_{x ∈ split i} Σ_c p(c|x) · [log p(c|x) − log p̄ᵢ(c)] )
 *   IS    = mean of the ISᵢ,   std = population std (ddof 0) of the ISᵢ
 * </pre>
 *
 * <p>As torch-fidelity's {@code isc_features_to_metric(logits, splits=10, shuffle=True,
 * rng_seed=2020)}: rows are first reordered by {@code numpy.random.RandomState(seed).permutation(N)}
 * (exactly the same permutation) unless shuffling is off; arithmetic is float64 (log-softmax with
 * the row maximum subtracted). A term with {@code p(c|x) = 0} (underflow) counts as 0, its limit,
 * where torch-fidelity would give NaN when a whole split underflows on a class.
 *
 * <p>Immutable and thread safe; {@link Serializable}.
 */
public final class InceptionScore implements Serializable {
    private static final long serialVersionUID = 1L;

    /** IS: larger is better. */
    public static final Direction DIRECTION = Direction.HIGHER_IS_BETTER;
    /** torch-fidelity's {@code isc_splits}. */
    public static final int DEFAULT_SPLITS = 10;
    /** torch-fidelity's {@code rng_seed}. */
    public static final long DEFAULT_SEED = 2020;

    private final int splits;
    private final boolean shuffle;
    private final long seed;

    private InceptionScore(Builder b) {
        this.splits = b.splits;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
    }

    /** torch-fidelity's defaults: 10 splits, shuffled with seed 2020. */
    public static InceptionScore defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@link Direction#HIGHER_IS_BETTER}. */
    public Direction direction() {
        return DIRECTION;
    }

    /** Number of splits. */
    public int splits() {
        return splits;
    }

    /** Whether rows are shuffled before splitting. */
    public boolean shuffle() {
        return shuffle;
    }

    /** Seed of the shuffle's {@code RandomState}. */
    public long seed() {
        return seed;
    }

    /**
     * The Inception Score of the rows of {@code logits}.
     *
     * @param logits {@code N × C} classifier logits (not probabilities), N ≥ splits, C ≥ 1
     * @throws IllegalArgumentException when there are fewer rows than splits (a split would be empty)
     */
    public InceptionScoreResult compute(FeatureMatrix logits) {
        Streaming s = streaming(logits.rows(), logits.cols());
        s.accept(logits.toArray(), logits.rows());
        return s.finish();
    }

    @Override
    public String toString() {
        return "InceptionScore[splits=" + splits + ", shuffle=" + shuffle + ", seed=" + seed + "]";
    }

    /** Builder with torch-fidelity's defaults; {@link #build()} validates. Not thread safe. */
    public static final class Builder {
        private int splits = DEFAULT_SPLITS;
        private boolean shuffle = true;
        private long seed = DEFAULT_SEED;

        private Builder() {
        }

        /** Number of splits, ≥ 1 (default 10). */
        public Builder splits(int splits) {
            this.splits = splits;
            return this;
        }

        /** Whether to permute rows before splitting (default true). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Seed of NumPy's legacy {@code RandomState} for the shuffle, in [0, 2³²−1] (default 2020). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Validates and builds. */
        public InceptionScore build() {
            if (splits < 1) {
                throw new IllegalArgumentException("Inception Score needs at least 1 split, found splits=" + splits);
            }
            if (seed < 0 || seed > 0xffffffffL) {
                throw new IllegalArgumentException("seed must be in [0, 2^32-1] (numpy RandomState), found " + seed);
            }
            return new InceptionScore(this);
        }
    }

    /**
     * An exact streaming computation over {@code n} rows: each row's split is known in advance from
     * its position in [0, n) and the permutation of {@code n}, and a split needs only Σ p(c|x) and
     * Σ Σ p log p, since mean_x Σ_c p [log p − log p̄] = mean_x Σ_c p log p − Σ_c p̄ log p̄. Memory is
     * O(splits × classes) whatever {@code n}; the result equals {@link #compute} to float64 rounding.
     * Rows are fed in order ({@link Streaming#accept(float[], int)}) or at their positions
     * ({@link Streaming#accept(int, float[], int)}), so parts of the rows can be fed to separate
     * accumulators (in parallel, on other machines) and {@linkplain Streaming#merge merged}.
     *
     * @param n       rows that will be fed (≥ splits)
     * @param classes logits per row
     */
    public Streaming streaming(int n, int classes) {
        if (n < splits) {
            throw new IllegalArgumentException("Inception Score with " + splits + " splits needs at least " + splits
                    + " rows (one per split), found " + n);
        }
        if (classes < 1) {
            throw new IllegalArgumentException("expected at least one class, found " + classes);
        }
        return new Streaming(n, classes);
    }

    /**
     * See {@link #streaming(int, int)}. {@link Serializable} (the split of each row is recomputed
     * after deserialization, not shipped). Not thread safe.
     */
    public final class Streaming implements Serializable {
        private static final long serialVersionUID = 1L;

        private final int n;
        private final int classes;
        private transient int[] splitOfRow;
        private final double[] sumP;
        private final double[] sumPLogP;
        private final int[] count;
        private final RowCoverage coverage = new RowCoverage();

        private Streaming(int n, int classes) {
            this.n = n;
            this.classes = classes;
            this.sumP = new double[splits * classes];
            this.sumPLogP = new double[splits];
            this.count = new int[splits];
        }

        private int[] splitOfRow() {
            if (splitOfRow == null) {
                int[] split = new int[n];
                int[] order = shuffle ? new LegacyNumpyRandom(seed).permutation(n) : null;
                for (int s = 0; s < splits; s++) {
                    int from = (int) ((long) s * n / splits);
                    int to = (int) ((long) (s + 1) * n / splits);
                    for (int pos = from; pos < to; pos++) {
                        split[order == null ? pos : order[pos]] = s;
                    }
                }
                splitOfRow = split;
            }
            return splitOfRow;
        }

        /** Feeds the next rows of logits (row-major, {@code rows × classes}), after the last position fed. */
        public void accept(float[] rowMajor, int rows) {
            accept((int) coverage.end(), rowMajor, rows);
        }

        /**
         * Feeds rows of logits (row-major, {@code rows × classes}) at positions {@code firstRow},
         * {@code firstRow + 1}, … of the {@code n} rows; none may have been fed already.
         *
         * @throws IllegalArgumentException for a wrong length, a non-finite value or a position fed already
         * @throws IllegalStateException    for positions past the {@code n} announced
         */
        public void accept(int firstRow, float[] rowMajor, int rows) {
            if (rows < 0 || (long) rows * classes != rowMajor.length) {
                throw new IllegalArgumentException("expected " + rows + " × " + classes + " logits, found "
                        + rowMajor.length);
            }
            if (firstRow < 0 || (long) firstRow + rows > n) {
                throw new IllegalStateException("rows [" + firstRow + ", " + ((long) firstRow + rows)
                        + ") lie outside the " + n + " announced");
            }
            coverage.requireFree(firstRow, firstRow + rows);
            FeatureMatrix.requireFinite(rowMajor, classes, firstRow);
            int[] splitOf = splitOfRow();
            double[] lp = new double[classes];
            for (int r = 0; r < rows; r++) {
                int off = r * classes;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < classes; j++) {
                    max = Math.max(max, rowMajor[off + j]);
                }
                double sum = 0;
                for (int j = 0; j < classes; j++) {
                    sum += Math.exp(rowMajor[off + j] - max);
                }
                double lse = max + Math.log(sum);
                int s = splitOf[firstRow + r];
                int base = s * classes;
                double plogp = 0;
                for (int j = 0; j < classes; j++) {
                    lp[j] = rowMajor[off + j] - lse;
                    double p = Math.exp(lp[j]);
                    sumP[base + j] += p;
                    if (p > 0) {
                        plogp += p * lp[j];
                    }
                }
                sumPLogP[s] += plogp;
                count[s]++;
            }
            coverage.add(firstRow, firstRow + rows);
        }

        /** Feeds the next rows of logits from an ND4J array [rows, classes]. */
        public void accept(org.nd4j.linalg.api.ndarray.INDArray logits) {
            accept((int) coverage.end(), logits);
        }

        /** Feeds rows of logits from an ND4J array [rows, classes] at positions {@code firstRow}, … */
        public void accept(int firstRow, org.nd4j.linalg.api.ndarray.INDArray logits) {
            if (logits.rank() != 2 || logits.size(1) != classes) {
                throw new IllegalArgumentException("expected logits [N, " + classes + "], found "
                        + java.util.Arrays.toString(logits.shape()));
            }
            accept(firstRow, HostValues.floats(logits),
                    (int) logits.size(0));
        }

        /** Rows fed so far (including merged accumulators' rows). */
        public int seen() {
            return (int) coverage.count();
        }

        /**
         * Adds the rows {@code other} was fed (Σ p and Σ p log p per split add up); {@code other} is
         * unchanged. The result equals one accumulator fed every row, to float64 rounding.
         *
         * @throws IllegalArgumentException when the two differ in rows, classes, splits, shuffle or seed, or
         *                                  share a row
         */
        public void merge(Streaming other) {
            InceptionScore o = other.owner();
            if (other == this) {
                throw new IllegalArgumentException("cannot merge an accumulator with itself");
            }
            if (other.n != n || other.classes != classes || o.splits != splits || o.shuffle != shuffle || o.seed != seed) {
                throw new IllegalArgumentException("expected an accumulator of " + n + " rows × " + classes + " classes, "
                        + InceptionScore.this + ", found " + other.n + " rows × " + other.classes + " classes, " + o);
            }
            coverage.addAll(other.coverage);
            for (int i = 0; i < sumP.length; i++) {
                sumP[i] += other.sumP[i];
            }
            for (int s = 0; s < splits; s++) {
                sumPLogP[s] += other.sumPLogP[s];
                count[s] += other.count[s];
            }
        }

        private InceptionScore owner() {
            return InceptionScore.this;
        }

        /**
         * The score of the rows fed so far, for one unshuffled split: the Inception Score of the first
         * {@link #seen()} rows (what IS∞ evaluates at each N). Feeding may continue afterwards.
         *
         * @throws IllegalStateException with several splits or shuffling, or fewer than one row
         */
        public double scoreSoFar() {
            if (splits != 1 || shuffle) {
                throw new IllegalStateException("the score so far needs one unshuffled split, found splits=" + splits
                        + ", shuffle=" + shuffle);
            }
            if (coverage.count() < 1) {
                throw new IllegalStateException("no rows fed yet");
            }
            return splitScore(0);
        }

        private double splitScore(int s) {
            double entropyOfMean = 0;
            for (int j = 0; j < classes; j++) {
                double q = sumP[s * classes + j] / count[s];
                if (q > 0) {
                    entropyOfMean += q * Math.log(q);
                }
            }
            return Math.exp(sumPLogP[s] / count[s] - entropyOfMean);
        }

        /** The score once all {@code n} rows were fed. */
        public InceptionScoreResult finish() {
            if (coverage.count() != n) {
                throw new IllegalStateException("expected " + n + " rows, got " + coverage.count());
            }
            double[] scores = new double[splits];
            for (int s = 0; s < splits; s++) {
                scores[s] = splitScore(s);
            }
            return new InceptionScoreResult(Moments.mean(scores), Moments.populationStd(scores), scores, n, classes,
                    splits, shuffle, seed);
        }
    }
}
