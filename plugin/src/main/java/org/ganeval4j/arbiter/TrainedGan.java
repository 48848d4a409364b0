package org.ganeval4j.arbiter;

import java.util.List;
import java.util.Objects;
import org.ganeval4j.eval.Evaluation;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.gan.Gan;

/**
 * What training one candidate produced, and what a {@link GanMetricScoreFunction} scores: the GAN
 * as training left it and every evaluation the metrics listener made, oldest first.
 *
 * @param gan         the trained networks
 * @param evaluations the listener's evaluations, failed ones included
 * @param iterations  training iterations done
 */
public record TrainedGan(Gan gan, List<Evaluation> evaluations, long iterations) {
    public TrainedGan {
        Objects.requireNonNull(gan, "gan");
        evaluations = List.copyOf(evaluations);
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
    }

    /** The results of one metric, oldest first (failed evaluations included). */
    public List<MetricResult> results(String metric) {
        return evaluations.stream().map(e -> e.result(metric)).filter(Objects::nonNull).toList();
    }
}
