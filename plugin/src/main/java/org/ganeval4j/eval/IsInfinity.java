package org.ganeval4j.eval;

import java.util.List;
import java.util.Map;
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
public final class IsInfinity implements GanMetric {
    /** The metric's name. */
    public static final String NAME = "IS" + FidInfinity.SUFFIX;
    private static final Logger LOG = LoggerFactory.getLogger(IsInfinity.class);

    private final FeatureRequest request;
    private final InfinityGrid grid;
    private final Long reshuffleSeed;

    private IsInfinity(Builder b) {
        this.request = new FeatureRequest(b.extractor, b.output);
        this.grid = b.grid;
        this.reshuffleSeed = b.reshuffleSeed;
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
    public static final class Builder {
        private final FeatureExtractor extractor;
        private final String output;
        private InfinityGrid grid = InfinityGrid.REFERENCE;
        private Long reshuffleSeed;

        private Builder(FeatureExtractor extractor, String output) {
            this.extractor = Objects.requireNonNull(extractor, "extractor");
            this.output = Objects.requireNonNull(output, "output");
        }

        /** The N grid (default 5,000 … 50,000, 15 points). */
        public Builder grid(InfinityGrid grid) {
            this.grid = Objects.requireNonNull(grid, "grid");
            return this;
        }

        /** The N grid {@code linspace(nMin, nMax, points)}. */
        public Builder grid(int nMin, int nMax, int points) {
            return grid(new InfinityGrid(nMin, nMax, points));
        }

        /** IS_N on seeded reshuffles of all nMax rows, as the reference implementation (seed in [0, 2³²−1]). */
        public Builder reshuffled(long seed) {
            this.reshuffleSeed = seed;
            return this;
        }

        /** Validates and builds. */
        public IsInfinity build() {
            if (reshuffleSeed != null && (reshuffleSeed < 0 || reshuffleSeed > 0xffffffffL)) {
                throw new IllegalArgumentException("reshuffle seed must be in [0, 2^32-1] (numpy RandomState), found "
                        + reshuffleSeed);
            }
            IsInfinity m = new IsInfinity(this);
            if (grid.belowPaperRange()) {
                LOG.warn("IS∞ grid {} starts below the paper's range (N >= {}): the 1/N bias model is less reliable there",
                        grid, InfinityGrid.PAPER_MIN);
            }
            return m;
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

    @Override
    public List<FeatureRequest> requires() {
        return List.of(request);
    }

    /** The N grid. */
    public InfinityGrid grid() {
        return grid;
    }

    /** {@code is-inf} with the grid, the reshuffle seed and the resize mode, when it reads FID Inception's logits. */
    @Override
    public java.util.Optional<MetricSpec> spec() {
        if (!request.output().equals(InceptionScoreMetric.LOGITS)) {
            return java.util.Optional.empty();
        }
        MetricSpec s = MetricSpec.of("is-inf").with("n-min", grid.nMin()).with("n-max", grid.nMax())
                .with("points", grid.points()).with("resize", request.extractor().spec().resizeMode());
        return java.util.Optional.of(reshuffleSeed == null ? s : s.with("reshuffle", reshuffleSeed));
    }

    @Override
    public Accumulator start(int samples) {
        if (samples < grid.nMax()) {
            throw new IllegalArgumentException(NAME + " over " + grid + " needs at least " + grid.nMax()
                    + " samples per evaluation, the evaluator draws " + samples);
        }
        int classes = request.extractor().outputs().get(request.output());
        String id = request.extractor().spec().extractor() + "/" + request.output();
        if (reshuffleSeed != null) {
            float[] rows = new float[Math.multiplyExact(grid.nMax(), classes)];
            return new Accumulator() {
                private int n;

                @Override
                public void accept(FeatureBatch batch) {
                    int take = Math.min(batch.size(), grid.nMax() - n);
                    if (take > 0) {
                        float[] f = FeatureMatrix.of(batch.features(request)).toArray();
                        System.arraycopy(f, 0, rows, n * classes, take * classes);
                        n += take;
                    }
                }

                @Override
                public List<MetricValue> finish() {
                    return value(InceptionInfinity.reshuffled(FeatureMatrix.of(java.util.Arrays.copyOf(rows, n * classes), n,
                            classes), grid, reshuffleSeed), id);
                }
            };
        }
        InceptionInfinity.Streaming s = InceptionInfinity.streaming(classes, grid);
        return new Accumulator() {
            @Override
            public void accept(FeatureBatch batch) {
                s.accept(batch.features(request));
            }

            @Override
            public List<MetricValue> finish() {
                return value(s.finish(), id);
            }
        };
    }

    private List<MetricValue> value(InfinityFit fit, String id) {
        Map<String, Object> details = fit.details("is_n");
        details.put("mode", reshuffleSeed == null ? "prefix" : "reshuffled");
        if (reshuffleSeed != null) {
            details.put("seed", reshuffleSeed);
        }
        return List.of(new MetricValue(NAME, fit.intercept(), Double.NaN, id, details));
    }
}
