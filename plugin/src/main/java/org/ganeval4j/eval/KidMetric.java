package org.ganeval4j.eval;

import java.util.List;
import java.util.Objects;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.metric.Direction;
import org.ganeval4j.metric.KernelInceptionDistance;
import org.ganeval4j.metric.KidResult;
import org.ganeval4j.stats.FeatureMatrix;

/**
 * KID (Bińkowski et al., "Demystifying MMD GANs", ICLR 2018) of generated samples against real
 * features of the same extractor: mean and standard deviation of the unbiased polynomial-kernel
 * MMD² over seeded subsets ({@link KernelInceptionDistance}). Generated features are kept in a
 * seeded reservoir of at most {@code reservoir} rows (memory ≤ reservoir × (d × 4 + 20) bytes), so every
 * generated sample is used when {@code samples ≤ reservoir}.
 */
public final class KidMetric extends ReservoirMetric {
    private final KernelInceptionDistance kid;

    /**
     * @param real      features of real images from {@code extractor}'s main output
     * @param extractor the extractor
     * @param kid       the KID configuration (subsets, subset size, seed)
     * @param reservoir the most generated feature rows kept (≥ the KID subset size)
     */
    public KidMetric(FeatureMatrix real, FeatureExtractor extractor, KernelInceptionDistance kid, int reservoir) {
        super(real, extractor, reservoir, Objects.requireNonNull(kid, "kid").seed());
        this.kid = kid;
        if (reservoir < kid.subsetSize()) {
            throw new IllegalArgumentException("the reservoir (" + reservoir + " rows) must hold at least one KID subset ("
                    + kid.subsetSize() + ")");
        }
    }

    /** torch-fidelity's defaults (100 subsets of 1000) with a reservoir of 10,000 rows. */
    public KidMetric(FeatureMatrix real, FeatureExtractor extractor) {
        this(real, extractor, KernelInceptionDistance.defaults(), 10_000);
    }

    @Override
    public String name() {
        return "KID";
    }

    @Override
    public Direction direction() {
        return KernelInceptionDistance.DIRECTION;
    }

    /** {@code kid} with its subsets, subset size, seed, kernel, reservoir and extractor. */
    @Override
    public java.util.Optional<MetricSpec> spec() {
        MetricSpec s = MetricSpec.of("kid").with("subsets", kid.subsets()).with("subset-size", kid.subsetSize())
                .with("seed", seed).with("degree", kid.degree()).with("coef0", kid.coef0())
                .with("reservoir", reservoir);
        if (!Double.isNaN(kid.gamma())) {
            s = s.with("gamma", kid.gamma());
        }
        return java.util.Optional.of(s.withExtractor(request.extractor().spec()));
    }

    @Override
    List<MetricValue> compute(FeatureMatrix realRows, FeatureMatrix fakeRows) {
        KidResult k = kid.compute(realRows, fakeRows);
        return List.of(new MetricValue("KID", k.mean(), k.std(), request.extractor().spec().id()));
    }
}
