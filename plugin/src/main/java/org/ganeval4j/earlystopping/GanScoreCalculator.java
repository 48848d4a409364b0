package org.ganeval4j.earlystopping;

import java.util.Objects;
import java.util.function.Function;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.api.Model;
import org.ganeval4j.eval.Evaluation;
import org.ganeval4j.eval.GanEvaluator;
import org.ganeval4j.eval.GanMetric;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.image.Generator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DL4J early-stopping {@link ScoreCalculator} scoring the network being trained by a ganeval4j
 * metric (FID by default) through the {@link GanEvaluator}; {@link #minimizeScore()} follows the
 * metric's direction. For {@code EarlyStoppingTrainer} users; GAN loops that the trainer cannot
 * drive use the listener's termination conditions instead.
 *
 * <p>A failed evaluation scores as the metric's worst value (+∞ for lower-is-better), so the trainer
 * never keeps a broken model as the best. Not serialisable in practice (the evaluator holds native
 * resources): the trainer keeps it in memory only.
 */
public final class GanScoreCalculator implements ScoreCalculator<Model> {
    private static final Logger LOG = LoggerFactory.getLogger(GanScoreCalculator.class);
    private static final long serialVersionUID = 1L;

    private final transient GanEvaluator evaluator;
    private final transient Function<Model, Generator> generatorOf;
    private final String metric;
    private final boolean minimize;
    private long calls;

    /**
     * @param evaluator   the evaluator (its latents, format and metrics)
     * @param metric      the metric name to score by, one of the evaluator's
     * @param generatorOf the generator within the trained network, e.g. {@code m -> Generator.of((MultiLayerNetwork) m)}
     */
    public GanScoreCalculator(GanEvaluator evaluator, String metric, Function<Model, Generator> generatorOf) {
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.metric = Objects.requireNonNull(metric, "metric");
        this.generatorOf = Objects.requireNonNull(generatorOf, "generatorOf");
        GanMetric m = evaluator.metrics().stream().filter(x -> x.names().contains(metric)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the evaluator does not compute " + metric + " (it computes "
                        + evaluator.metrics().stream().flatMap(x -> x.names().stream()).toList() + ")"));
        this.minimize = m.direction().minimize();
    }

    @Override
    public double calculateScore(Model network) {
        Evaluation e = evaluator.evaluate(generatorOf.apply(network), calls++, 0);
        MetricResult r = e.result(metric);
        if (r == null || !r.ok()) {
            LOG.warn("{} at evaluation {} failed: {}; scored as the worst value", metric, e.iteration(),
                    r == null ? "no result" : r.failure());
            return minimize ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return r.value();
    }

    @Override
    public boolean minimizeScore() {
        return minimize;
    }

    @Override
    public String toString() {
        return "GanScoreCalculator(" + metric + ")";
    }
}
