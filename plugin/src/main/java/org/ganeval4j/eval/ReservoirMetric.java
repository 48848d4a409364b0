package org.ganeval4j.eval;

import java.util.List;
import java.util.Objects;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.metric.FeatureReservoir;
import org.ganeval4j.stats.FeatureMatrix;

/**
 * What the metrics that compare generated features with real features row by row share ({@link KidMetric},
 * {@link NeighbourhoodMetric}): the extractor's main output, the real rows, and a seeded reservoir of
 * at most {@code reservoir} generated rows (memory ≤ reservoir × (d × 4 + 20) bytes; every generated row
 * is used when the samples fit).
 */
abstract class ReservoirMetric implements GanMetric {
    final FeatureRequest request;
    final FeatureMatrix real;
    final int reservoir;
    final long seed;

    ReservoirMetric(FeatureMatrix real, FeatureExtractor extractor, int reservoir, long seed) {
        this.request = FeatureRequest.of(extractor);
        this.real = Objects.requireNonNull(real, "real");
        if (real.cols() != extractor.spec().dims()) {
            throw new IllegalArgumentException("real features have d=" + real.cols() + " but " + extractor.spec().id()
                    + " gives d=" + extractor.spec().dims());
        }
        if (reservoir < 2) {
            throw new IllegalArgumentException("reservoir must hold at least 2 rows, got " + reservoir);
        }
        this.reservoir = reservoir;
        this.seed = seed;
    }

    /** The metric's values for the real rows against the generated ones kept. */
    abstract List<MetricValue> compute(FeatureMatrix realRows, FeatureMatrix fakeRows);

    /** The real features. */
    @Override
    public final java.util.Optional<ReferenceData> reference() {
        return java.util.Optional.of(ReferenceData.of(real));
    }

    @Override
    public final List<FeatureRequest> requires() {
        return List.of(request);
    }

    @Override
    public final Accumulator start(int samples) {
        FeatureReservoir r = FeatureReservoir.builder(reservoir, real.cols()).seed(seed).build();
        return new StreamingAccumulator(request, r::add, () -> compute(real, r.snapshot()));
    }
}
