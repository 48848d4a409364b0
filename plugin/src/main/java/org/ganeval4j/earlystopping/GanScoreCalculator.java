package org.ganeval4j.earlystopping;

import java.util.Objects;
import java.util.function.Function;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.ganeval4j.eval.Evaluation;
import org.ganeval4j.eval.GanEvaluator;
import org.ganeval4j.eval.GanMetric;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.image.Generator;
import org.ganeval4j.metric.Direction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DL4J early-stopping {@link ScoreCalculator} scoring the network being trained by a ganeval4j
 * metric; {@link #minimizeScore()} follows the metric's direction. DL4J's {@code EarlyStoppingTrainer}
 * can drive a GAN in the combined-network pattern when its training iterator runs the discriminator
 * step in {@code next()} and returns the generator's batch (the example
 * {@code org.ganeval4j.examples.Dl4jEarlyStopping} does; the reference GAN's
 * {@code Gan.discriminatorStep} and {@code generatorBatch} are those two halves).
 *
 * <p>Made by the metrics listener ({@code GanMetricsListener.scoreCalculator(metric)}), it reuses the
 * listener's evaluation of the same iteration (e.g. with {@code EvaluationSchedule.everyEpochs(1)}),
 * so the trainer's score is the row of the history, evaluated once; otherwise the listener evaluates
 * then and records it. Made from an evaluator ({@link #of(GanEvaluator, String, Function)}), it
 * evaluates at every call. Either way the evaluation carries the model's real iteration and epoch
 * counts. A failed evaluation is logged at WARN with the reason and scores as the metric's worst value
 * (+∞ when lower is better), so the trainer never keeps a broken model as its best. Kept in memory by
 * the trainer (not serialisable in practice: it holds native resources). Not thread safe.
 */
public final class GanScoreCalculator implements ScoreCalculator<Model> {
    private static final Logger LOG = LoggerFactory.getLogger(GanScoreCalculator.class);
    private static final long serialVersionUID = 1L;

    private final transient EvaluationSource source;
    private final String metric;
    private final boolean minimize;

    /**
     * @param source    where the evaluations come from
     * @param metric    the metric value to score by
     * @param direction whether lower or higher is better
     */
    public GanScoreCalculator(EvaluationSource source, String metric, Direction direction) {
        this.source = Objects.requireNonNull(source, "source");
        this.metric = Objects.requireNonNull(metric, "metric");
        this.minimize = Objects.requireNonNull(direction, "direction").minimize();
    }

    /**
     * Scores by evaluating the model's generator with {@code evaluator} at every call.
     *
     * @param evaluator   the evaluator (its latents, format and metrics)
     * @param metric      the metric name to score by, one of the evaluator's
     * @param generatorOf the generator within the trained network, e.g. {@code m -> Generator.layerOf((MultiLayerNetwork) m, 2)}
     */
    public static GanScoreCalculator of(GanEvaluator evaluator, String metric, Function<Model, Generator> generatorOf) {
        Objects.requireNonNull(generatorOf, "generatorOf");
        return new GanScoreCalculator((model, it, ep) -> evaluator.evaluate(generatorOf.apply(model), it, ep), metric,
                directionOf(evaluator, metric));
    }

    /** The direction of {@code metric} among the evaluator's metrics. */
    public static Direction directionOf(GanEvaluator evaluator, String metric) {
        GanMetric m = evaluator.metrics().stream().filter(x -> x.names().contains(metric)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the evaluator does not compute " + metric + " (it computes "
                        + evaluator.metrics().stream().flatMap(x -> x.names().stream()).toList() + ")"));
        return m.direction();
    }

    @Override
    public double calculateScore(Model network) {
        long iteration = network instanceof MultiLayerNetwork m ? m.getIterationCount()
                : network instanceof ComputationGraph g ? g.getIterationCount() : 0;
        long epoch = network instanceof MultiLayerNetwork m ? m.getEpochCount()
                : network instanceof ComputationGraph g ? g.getEpochCount() : 0;
        Evaluation e = source.evaluationAt(network, iteration, epoch);
        MetricResult r = e == null ? null : e.result(metric);
        if (r == null || !r.ok()) {
            LOG.warn("{} at iteration {} failed ({}): scored as the worst value, {}", metric, iteration,
                    r == null ? "no result" : r.failure(), minimize ? "+Infinity" : "-Infinity");
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
