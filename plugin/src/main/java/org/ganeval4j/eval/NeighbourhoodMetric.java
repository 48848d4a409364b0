package org.ganeval4j.eval;

import java.util.List;
import java.util.Objects;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.metric.DensityCoverage;
import org.ganeval4j.metric.DensityCoverageResult;
import org.ganeval4j.metric.Direction;
import org.ganeval4j.metric.FeatureReservoir;
import org.ganeval4j.metric.PrecisionRecall;
import org.ganeval4j.metric.PrecisionRecallResult;
import org.ganeval4j.stats.FeatureMatrix;

/**
 * k-nearest-neighbour fidelity and diversity of generated samples against real features:
 * improved precision and recall (Kynkäänniemi et al., NeurIPS 2019; values {@code precision},
 * {@code recall}) or density and coverage (Naeem et al., ICML 2020; values {@code density},
 * {@code coverage}). Generated features are kept in a seeded reservoir of at most {@code reservoir}
 * rows (memory ≤ reservoir × (d × 4 + 20) bytes).
 */
public final class NeighbourhoodMetric implements GanMetric {
    private final FeatureRequest request;
    private final FeatureMatrix real;
    private final PrecisionRecall pr;
    private final DensityCoverage dc;
    private final int reservoir;
    private final long seed;

    private NeighbourhoodMetric(FeatureMatrix real, FeatureExtractor extractor, PrecisionRecall pr, DensityCoverage dc,
                                int reservoir, long seed) {
        this.request = FeatureRequest.of(extractor);
        this.real = Objects.requireNonNull(real, "real");
        if (real.cols() != extractor.spec().dims()) {
            throw new IllegalArgumentException("real features have d=" + real.cols() + " but " + extractor.spec().id()
                    + " gives d=" + extractor.spec().dims());
        }
        if (reservoir < 2) {
            throw new IllegalArgumentException("reservoir must hold at least 2 rows, got " + reservoir);
        }
        this.pr = pr;
        this.dc = dc;
        this.reservoir = reservoir;
        this.seed = seed;
    }

    /** Precision and recall (k = 3, as torch-fidelity) with a reservoir of {@code reservoir} generated rows. */
    public static NeighbourhoodMetric precisionRecall(FeatureMatrix real, FeatureExtractor extractor, int reservoir) {
        return new NeighbourhoodMetric(real, extractor, PrecisionRecall.defaults(), null, reservoir, 2020);
    }

    /** Precision and recall as {@code pr} computes them, with a reservoir of {@code reservoir} generated rows. */
    public static NeighbourhoodMetric precisionRecall(FeatureMatrix real, FeatureExtractor extractor, PrecisionRecall pr,
                                                      int reservoir) {
        return new NeighbourhoodMetric(real, extractor, Objects.requireNonNull(pr, "pr"), null, reservoir, 2020);
    }

    /** Density and coverage as {@code dc} computes them, with a reservoir of {@code reservoir} generated rows. */
    public static NeighbourhoodMetric densityCoverage(FeatureMatrix real, FeatureExtractor extractor, DensityCoverage dc,
                                                      int reservoir) {
        return new NeighbourhoodMetric(real, extractor, null, Objects.requireNonNull(dc, "dc"), reservoir, 2020);
    }

    /** Density and coverage (k = 5, as prdc) with a reservoir of {@code reservoir} generated rows. */
    public static NeighbourhoodMetric densityCoverage(FeatureMatrix real, FeatureExtractor extractor, int reservoir) {
        return new NeighbourhoodMetric(real, extractor, null, DensityCoverage.defaults(), reservoir, 2020);
    }

    @Override
    public String name() {
        return pr != null ? "precision-recall" : "density-coverage";
    }

    @Override
    public List<String> names() {
        return pr != null ? List.of("precision", "recall") : List.of("density", "coverage");
    }

    @Override
    public Direction direction() {
        return Direction.HIGHER_IS_BETTER;
    }

    /** {@code pr} or {@code prdc} with k, the reservoir and the extractor. */
    @Override
    public java.util.Optional<MetricSpec> spec() {
        MetricSpec s = pr != null ? MetricSpec.of("pr").with("k", pr.k()) : MetricSpec.of("prdc").with("k", dc.k());
        return java.util.Optional.of(s.with("reservoir", reservoir).withExtractor(request.extractor().spec()));
    }

    /** The real features. */
    @Override
    public java.util.Optional<ReferenceData> reference() {
        return java.util.Optional.of(ReferenceData.of(real));
    }

    @Override
    public List<FeatureRequest> requires() {
        return List.of(request);
    }

    @Override
    public Accumulator start(int samples) {
        FeatureReservoir r = FeatureReservoir.builder(reservoir, real.cols()).seed(seed).build();
        String id = request.extractor().spec().id();
        return new Accumulator() {
            @Override
            public void accept(FeatureBatch batch) {
                r.add(batch.features(request));
            }

            @Override
            public List<MetricValue> finish() {
                if (pr != null) {
                    PrecisionRecallResult p = pr.compute(real, r.snapshot());
                    return List.of(MetricValue.of("precision", p.precision(), id), MetricValue.of("recall", p.recall(), id));
                }
                DensityCoverageResult d = dc.compute(real, r.snapshot());
                return List.of(MetricValue.of("density", d.density(), id), MetricValue.of("coverage", d.coverage(), id));
            }
        };
    }
}
