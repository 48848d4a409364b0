package org.ganeval4j.eval;

import java.util.List;
import org.ganeval4j.metric.Direction;

/**
 * A metric the {@link GanEvaluator} computes from generated samples: it names the extractor outputs
 * it needs, and accumulates them batch by batch. The evaluator runs each extractor once per batch,
 * however many metrics read it.
 */
public interface GanMetric {
    /** Name in histories and charts, e.g. {@code FID}; for a metric with several values, the group's name. */
    String name();

    /**
     * The names of the values {@link Accumulator#finish()} returns, in order (e.g. {@code precision},
     * {@code recall}); by default just {@link #name()}.
     */
    default java.util.List<String> names() {
        return java.util.List.of(name());
    }

    /** Whether lower or higher is better. */
    Direction direction();

    /** The extractor outputs read per batch. */
    List<FeatureRequest> requires();

    /**
     * How to build this metric again ({@link MetricSpec}, the command line's {@code --metrics} syntax),
     * recorded with a saved generator so that {@code ganeval4j eval} repeats the evaluation; empty when
     * the metric cannot be described that way (the default, e.g. a custom metric).
     */
    default java.util.Optional<MetricSpec> spec() {
        return java.util.Optional.empty();
    }

    /**
     * The real data the metric compares against — statistics (FID) or features (KID, precision/recall)
     * — saved beside a generator with its {@link #spec()}; empty when it needs none (the default).
     */
    default java.util.Optional<ReferenceData> reference() {
        return java.util.Optional.empty();
    }

    /** Starts one evaluation over {@code samples} generated images. */
    Accumulator start(int samples);

    /** What the metric keeps during one evaluation. Not thread safe. */
    interface Accumulator {
        /** Takes one batch of features. */
        void accept(FeatureBatch batch);

        /** The values (one per {@link GanMetric#names()} entry, in order) once every batch has been seen. */
        java.util.List<MetricValue> finish();
    }
}
