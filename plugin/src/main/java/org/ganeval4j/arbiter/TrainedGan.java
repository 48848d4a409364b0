package org.ganeval4j.arbiter;

import java.util.List;
import java.util.Objects;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.gan.TrainableGan;

/**
 * What training one candidate produced, and what a {@link GanMetricScoreFunction} scores: the GAN
 * as training left it and the metric results of its evaluations, oldest first.
 *
 * @param gan        the trained GAN
 * @param results    the results of every evaluation of this candidate (failed ones included), oldest first
 * @param iterations training iterations done
 */
public record TrainedGan(TrainableGan gan, List<MetricResult> results, long iterations) {
    public TrainedGan {
        Objects.requireNonNull(gan, "gan");
        results = List.copyOf(results);
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
    }

    /** The results of one metric, oldest first (failed evaluations included). */
    public List<MetricResult> results(String metric) {
        return results.stream().filter(r -> r.name().equals(metric)).toList();
    }
}
