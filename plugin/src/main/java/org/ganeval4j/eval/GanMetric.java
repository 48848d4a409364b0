package org.ganeval4j.eval;

import java.util.List;
import org.ganeval4j.metric.Direction;

/**
 * A metric the {@link GanEvaluator} computes from generated samples: it names the extractor outputs
 * it needs, and accumulates them batch by batch. The evaluator runs each extractor once per batch,
 * however many metrics read it.
 */
public interface GanMetric {
    /** Name in histories and charts, e.g. {@code FID}. */
    String name();

    /** Whether lower or higher is better. */
    Direction direction();

    /** The extractor outputs read per batch. */
    List<FeatureRequest> requires();

    /** Starts one evaluation over {@code samples} generated images. */
    Accumulator start(int samples);

    /** What the metric keeps during one evaluation. Not thread safe. */
    interface Accumulator {
        /** Takes one batch of features. */
        void accept(FeatureBatch batch);

        /** The value once every batch has been seen. */
        MetricValue finish();
    }
}
