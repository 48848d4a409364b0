package org.ganeval4j.metric;

import java.util.List;
import java.util.Objects;
import org.ganeval4j.Beta;

/**
 * A HYPE score with its 95% bootstrap confidence interval and the evaluators it comes from
 * ({@link Hype#infinity}, {@link Hype#time}).
 *
 * @param mode            HYPE∞ (error rate, percent) or HYPE_time (threshold, ms)
 * @param score           HYPE∞: judgments in error / judgments × 100 (50 = indistinguishable from real,
 *                        above 50 = "hyper-realistic"); HYPE_time: the mean over evaluators of their
 *                        thresholds, ms. Higher means more realistic in both
 * @param ciLow           2.5th percentile of the bootstrap replicates (evaluators resampled with replacement)
 * @param ciHigh          97.5th percentile of the bootstrap replicates
 * @param standardError   standard deviation (ddof 1) of the bootstrap replicates
 * @param fakeErrorPercent fakes judged real / fakes × 100 (NaN without fakes)
 * @param realErrorPercent real images judged fake / real images × 100 (NaN without real images)
 * @param judgments       judgments scored
 * @param evaluators      one row per evaluator, ordered by name (the bootstrap's order)
 * @param replicates      bootstrap replicates drawn
 * @param seed            the bootstrap's SplitMix64 seed
 */
@Beta
public record HypeResult(Mode mode, double score, double ciLow, double ciHigh, double standardError,
                         double fakeErrorPercent, double realErrorPercent, long judgments, List<EvaluatorScore> evaluators,
                         int replicates, long seed) {
    public HypeResult {
        Objects.requireNonNull(mode, "mode");
        evaluators = List.copyOf(evaluators);
    }

    /** The two HYPE variants. */
    public enum Mode {
        /** HYPE∞: error rate without time limit, percent. */
        INFINITY("HYPE-infinity", "%"),
        /** HYPE_time: the perceptual threshold of timed exposures, milliseconds. */
        TIME("HYPE-time", "ms");

        private final String metricName;
        private final String unit;

        Mode(String metricName, String unit) {
            this.metricName = metricName;
            this.unit = unit;
        }

        /** The name in a metric history ({@code HYPE-infinity}, {@code HYPE-time}). */
        public String metricName() {
            return metricName;
        }

        /** {@code %} or {@code ms}. */
        public String unit() {
            return unit;
        }
    }

    /** {@link Direction#HIGHER_IS_BETTER}: a higher HYPE score means more realistic images. */
    public Direction direction() {
        return Hype.DIRECTION;
    }

    /**
     * One evaluator's part.
     *
     * @param evaluator         name or id
     * @param judgments         judgments scored
     * @param errors            judgments in error
     * @param score             HYPE∞: errors / judgments × 100; HYPE_time: the threshold, the mean of
     *                          {@code blockThresholdsMs}
     * @param fakeErrorPercent  fakes judged real / fakes × 100 (NaN without fakes)
     * @param realErrorPercent  real images judged fake / real images × 100 (NaN without real images)
     * @param blockThresholdsMs HYPE_time: the modal exposure of each block, in block order; empty for HYPE∞
     */
    public record EvaluatorScore(String evaluator, long judgments, long errors, double score, double fakeErrorPercent,
                                 double realErrorPercent, List<Double> blockThresholdsMs) {
        public EvaluatorScore {
            Objects.requireNonNull(evaluator, "evaluator");
            blockThresholdsMs = List.copyOf(blockThresholdsMs);
        }
    }
}
