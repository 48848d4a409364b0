package org.ganeval4j.eval;

import java.util.List;
import java.util.Objects;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.metric.DensityCoverage;
import org.ganeval4j.metric.DensityCoverageResult;
import org.ganeval4j.metric.Direction;
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
public final class NeighbourhoodMetric extends ReservoirMetric {
    private final PrecisionRecall pr;
    private final DensityCoverage dc;

    private NeighbourhoodMetric(FeatureMatrix real, FeatureExtractor extractor, PrecisionRecall pr, DensityCoverage dc,
                                int reservoir, long seed) {
        super(real, extractor, reservoir, seed);
        this.pr = pr;
        this.dc = dc;
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
        return pr != null ? PrecisionRecall.DIRECTION : DensityCoverage.DIRECTION;
    }

    /** {@code pr} or {@code prdc} with k, the reservoir and the extractor. */
    @Override
    public java.util.Optional<MetricSpec> spec() {
        MetricSpec s = pr != null ? MetricSpec.of("pr").with("k", pr.k()) : MetricSpec.of("prdc").with("k", dc.k());
        return java.util.Optional.of(s.with("reservoir", reservoir).withExtractor(request.extractor().spec()));
    }

    @Override
    List<MetricValue> compute(FeatureMatrix realRows, FeatureMatrix fakeRows) {
        String id = request.extractor().spec().id();
        if (pr != null) {
            PrecisionRecallResult p = pr.compute(realRows, fakeRows);
            return List.of(MetricValue.of("precision", p.precision(), id), MetricValue.of("recall", p.recall(), id));
        }
        DensityCoverageResult d = dc.compute(realRows, fakeRows);
        return List.of(MetricValue.of("density", d.density(), id), MetricValue.of("coverage", d.coverage(), id));
    }
}
