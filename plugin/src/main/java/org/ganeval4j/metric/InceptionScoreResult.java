package org.ganeval4j.metric;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of {@link InceptionScore#compute}.
 *
 * @param mean the Inception Score, mean of the per-split scores; torch-fidelity's
 *     {@code inception_score_mean}
 * @param std population standard deviation (ddof 0) of the per-split scores; {@code inception_score_std}
 * @param perSplit the per-split scores in split order (copied in and out)
 * @param rows number of logit rows used
 * @param classes number of classes (logit columns)
 * @param splits number of splits
 * @param shuffled whether rows were permuted before splitting
 * @param seed the shuffle's {@code RandomState} seed (meaningless when not shuffled)
 */
public record InceptionScoreResult(double mean, double std, double[] perSplit, int rows, int classes, int splits,
        boolean shuffled, long seed) {

    /** Copies {@code perSplit}. */
    public InceptionScoreResult {
        perSplit = perSplit.clone();
    }

    /** The headline value, {@link #mean()}. */
    public double value() {
        return mean;
    }

    /** {@link InceptionScore#DIRECTION}. */
    public Direction direction() {
        return InceptionScore.DIRECTION;
    }

    /** A copy of the per-split scores. */
    @Override
    public double[] perSplit() {
        return perSplit.clone();
    }

    /** The values under torch-fidelity's keys. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("inception_score_mean", mean);
        m.put("inception_score_std", std);
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InceptionScoreResult r && Double.compare(mean, r.mean) == 0 && Double.compare(std, r.std) == 0
                && Arrays.equals(perSplit, r.perSplit) && rows == r.rows && classes == r.classes && splits == r.splits
                && shuffled == r.shuffled && seed == r.seed;
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(mean) + Arrays.hashCode(perSplit);
    }

    @Override
    public String toString() {
        return "InceptionScoreResult[mean=" + mean + ", std=" + std + ", rows=" + rows + ", classes=" + classes + ", splits="
                + splits + (shuffled ? ", shuffled with seed " + seed : ", unshuffled") + "]";
    }
}
