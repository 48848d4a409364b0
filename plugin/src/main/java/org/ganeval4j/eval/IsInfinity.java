package org.ganeval4j.eval;

import java.util.Objects;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.metric.Direction;
import org.ganeval4j.metric.InceptionInfinity;
import org.ganeval4j.metric.InfinityFit;
import org.ganeval4j.metric.InfinityGrid;
import org.ganeval4j.stats.FeatureMatrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IS∞ (Chong &amp; Forsyth, CVPR 2020) of generated samples: the Inception Score with one split on
 * the first N samples for every N of an {@link InfinityGrid} (default 5,000 … 50,000, 15 points),
 * extrapolated by the least-squares line IS_N = IS∞ + slope/N ({@link InceptionInfinity}); the
 * value is IS∞ (named {@code IS-inf}, higher is better), the history's {@code details} hold
 * {@code n}, {@code is_n}, {@code slope} and {@code r2}. Reads an extractor's logits output
 * ({@code logits_unbiased} of the FID Inception network, as for {@link InceptionScoreMetric}); memory
 * O(classes) in the prefix form, 4·nMax·classes bytes {@link Builder#reshuffled reshuffled}. Needs
 * at least nMax samples per evaluation.
 */
public final class IsInfinity extends InfinityMetric {
    /** The metric's name. */
    public static final String NAME = "IS" + FidInfinity.SUFFIX;
    private static final Logger LOG = LoggerFactory.getLogger(IsInfinity.class);

    private IsInfinity(Builder b, FeatureRequest request) {
        super(request, b, "is_n", request.extractor().spec().extractor() + "/" + request.output());
    }

    /** A builder reading {@value InceptionScoreMetric#LOGITS} of {@code inception}. */
    public static Builder builder(FeatureExtractor inception) {
        return new Builder(inception, InceptionScoreMetric.LOGITS);
    }

    /** A builder reading the logits output {@code output} of {@code extractor}. */
    public static Builder builder(FeatureExtractor extractor, String output) {
        return new Builder(extractor, output);
    }

    /** Validating builder; the reference grid, prefix form. Not thread safe. */
    public static final class Builder extends GridBuilder<Builder> {
        private final FeatureExtractor extractor;
        private final String output;

        private Builder(FeatureExtractor extractor, String output) {
            this.extractor = Objects.requireNonNull(extractor, "extractor");
            this.output = Objects.requireNonNull(output, "output");
        }

        @Override
        Builder self() {
            return this;
        }

        /** Validates and builds. */
        public IsInfinity build() {
            checkGrid(LOG, "IS∞");
            return new IsInfinity(this, new FeatureRequest(extractor, output));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Direction direction() {
        return InceptionInfinity.DIRECTION;
    }

    /** {@code is-inf} with the grid, the reshuffle seed and the resize mode, when it reads FID Inception's logits. */
    @Override
    public java.util.Optional<MetricSpec> spec() {
        if (!request.output().equals(InceptionScoreMetric.LOGITS)) {
            return java.util.Optional.empty();
        }
        return withSeed(withGrid(MetricSpec.of("is-inf")).with("resize", request.extractor().spec().resizeMode()));
    }

    @Override
    int columns() {
        return request.extractor().outputs().get(request.output());
    }

    @Override
    InfinityFit reshuffled(FeatureMatrix rows, long seed) {
        return InceptionInfinity.reshuffled(rows, grid, seed);
    }

    @Override
    Accumulator prefix() {
        InceptionInfinity.Streaming s = InceptionInfinity.streaming(columns(), grid);
        return new StreamingAccumulator(request, s::accept, () -> value(s.finish()));
    }
}
