package org.ganeval4j.arbiter;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.ganeval4j.eval.GanMetric;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.metric.Direction;

/**
 * Scores an Arbiter candidate by a ganeval4j metric (FID, FD-SqueezeNet, KID, …) as evaluated during
 * its training by the metrics listener: the best value reached ({@link Selection#BEST}, the default;
 * the candidate's best generator is saved at that point) or the value at the end of training
 * ({@link Selection#FINAL}). {@link #minimize()} follows the metric's {@link Direction}. The model it
 * scores is a {@link TrainedGan}, as the {@link GanTaskCreator} produces; the data arguments are
 * ignored (each GAN holds its own data). Candidates that never evaluate successfully get no score:
 * {@link #select} throws and the candidate is recorded as failed, so a diverged run never becomes the
 * best. Immutable.
 */
public final class GanMetricScoreFunction implements ScoreFunction {
    private static final long serialVersionUID = 1L;

    /** Which of a candidate's evaluations counts. */
    public enum Selection {
        /** The best successful evaluation (by the metric's direction; the earliest of equal values). */
        BEST,
        /** The last evaluation, at the end of training. */
        FINAL
    }

    private final String metric;
    private final Direction direction;
    private final Selection selection;

    private GanMetricScoreFunction(String metric, Direction direction, Selection selection) {
        this.metric = Objects.requireNonNull(metric, "metric");
        this.direction = Objects.requireNonNull(direction, "direction");
        this.selection = Objects.requireNonNull(selection, "selection");
        if (metric.isBlank()) {
            throw new IllegalArgumentException("the metric name must not be blank");
        }
    }

    /** Scores by {@code metric}'s best value, in its direction. */
    public static GanMetricScoreFunction of(GanMetric metric) {
        return of(metric, Selection.BEST);
    }

    /**
     * Scores by {@code metric} (one with a single value: FID, FD, KID, IS; for a metric with several
     * values, e.g. precision/recall, name the value with {@link #of(String, Direction, Selection)}).
     */
    public static GanMetricScoreFunction of(GanMetric metric, Selection selection) {
        Objects.requireNonNull(metric, "metric");
        if (metric.names().size() != 1) {
            throw new IllegalArgumentException(metric.name() + " has several values " + metric.names()
                    + ": name the one to score by");
        }
        return new GanMetricScoreFunction(metric.names().get(0), metric.direction(), selection);
    }

    /** Scores by the metric value named {@code metric}, which is better in {@code direction}. */
    public static GanMetricScoreFunction of(String metric, Direction direction, Selection selection) {
        return new GanMetricScoreFunction(metric, direction, selection);
    }

    /** The metric's name. */
    public String metric() {
        return metric;
    }

    /** Whether lower or higher is better. */
    public Direction direction() {
        return direction;
    }

    /** Best or final. */
    public Selection selection() {
        return selection;
    }

    /**
     * The result that scores a candidate among its results of the metric (oldest first).
     *
     * @throws IllegalStateException when there is none: no successful evaluation, or (FINAL) a failed
     *                               last one
     */
    public MetricResult select(List<MetricResult> series) {
        if (series.isEmpty()) {
            throw new IllegalStateException(metric + " was never evaluated");
        }
        if (selection == Selection.FINAL) {
            MetricResult last = series.get(series.size() - 1);
            if (!last.ok()) {
                throw new IllegalStateException("the final evaluation of " + metric + " (iteration " + last.iteration()
                        + ") failed: " + last.failure());
            }
            return last;
        }
        MetricResult best = null;
        for (MetricResult r : series) {
            if (r.ok() && (best == null || direction.improves(r.value(), best.value(), 0))) {
                best = r;
            }
        }
        if (best == null) {
            MetricResult last = series.get(series.size() - 1);
            throw new IllegalStateException("no successful evaluation of " + metric + " in " + series.size()
                    + " (last, at iteration " + last.iteration() + ": " + last.failure() + ")");
        }
        return best;
    }

    /** The score of a trained candidate. */
    public double score(TrainedGan trained) {
        return select(trained.results(metric)).value();
    }

    private double scoreOf(Object model) {
        if (!(model instanceof TrainedGan t)) {
            throw new IllegalArgumentException("GanMetricScoreFunction scores a TrainedGan (as GanTaskCreator makes), got "
                    + (model == null ? "null" : model.getClass().getName()));
        }
        return score(t);
    }

    @Override
    @SuppressWarnings("deprecation") // Arbiter's signature
    public double score(Object model, DataProvider dataProvider, Map<String, Object> dataParameters) {
        return scoreOf(model);
    }

    @Override
    public double score(Object model, Class<? extends DataSource> dataSource, Properties dataSourceProperties) {
        return scoreOf(model);
    }

    @Override
    public boolean minimize() {
        return direction.minimize();
    }

    @Override
    public List<Class<?>> getSupportedModelTypes() {
        return List.of(TrainedGan.class);
    }

    @Override
    public List<Class<?>> getSupportedDataTypes() {
        return List.of();
    }

    @Override
    public String toString() {
        return "GanMetricScoreFunction(" + metric + ", " + selection + ", " + (minimize() ? "minimize" : "maximize") + ")";
    }
}
