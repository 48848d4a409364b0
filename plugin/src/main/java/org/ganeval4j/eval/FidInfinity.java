package org.ganeval4j.eval;

import java.util.List;
import java.util.Objects;
import org.ganeval4j.feature.ExtractorSpec;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.metric.Direction;
import org.ganeval4j.metric.FrechetDistance;
import org.ganeval4j.metric.FrechetInfinity;
import org.ganeval4j.metric.InfinityFit;
import org.ganeval4j.metric.InfinityGrid;
import org.ganeval4j.stats.FeatureMatrix;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.stats.StatsProvenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FID∞ (Chong &amp; Forsyth, "Effectively Unbiased FID and Inception Score and where to find them",
 * CVPR 2020) of generated samples against reference statistics: FID_N on the first N samples for
 * every N of an {@link InfinityGrid} (default {@link InfinityGrid#REFERENCE}, 5,000 … 50,000 in 15
 * points), then the least-squares fit FID_N = FID∞ + slope/N; the value is the intercept FID∞, the
 * history's {@code details} hold {@code n}, {@code fid_n}, {@code slope} and {@code r2}
 * ({@link FrechetInfinity}). Named {@code FID-inf} (or {@code FD-<extractor>-inf} on other features).
 *
 * <p>It needs at least nMax samples per evaluation ({@code GanEvaluator.samples}); features are
 * extracted once and the prefix statistics read from one streaming accumulator (8·d² bytes). Pair
 * it with quasi-random latents ({@code LatentSpec.sobolNormal}), as the paper does, so that every
 * prefix of the samples covers the latent space evenly. It costs nMax samples: in training, run it
 * once at the end ({@code GanMetricsListener.Builder.finalEvaluation}).
 *
 * <p>{@link Builder#reshuffled(long)} computes FID_N the reference implementation's way instead
 * (seeded reshuffles of all nMax feature rows, kept in memory: 4·nMax·d bytes).
 */
public final class FidInfinity extends InfinityMetric implements AutoCloseable {
    /** Suffix of the metric's name: {@code FID-inf}. */
    public static final String SUFFIX = "-inf";
    private static final Logger LOG = LoggerFactory.getLogger(FidInfinity.class);

    private final ExtractorSpec spec;
    private final FrechetDistance.Reference reference;
    private final String name;

    private FidInfinity(Builder b) {
        super(FeatureRequest.of(b.extractor), b, "fid_n", b.extractor.spec().id());
        this.spec = b.extractor.spec();
        StatsProvenance mine = spec.provenance(null);
        this.name = org.ganeval4j.feature.Extractors.distanceName(mine, b.reference.provenance()) + SUFFIX;
        this.reference = FrechetDistance.reference(b.reference);
    }

    /** A builder for FID∞ of {@code extractor}'s main output against {@code reference}. */
    public static Builder builder(GaussianStats reference, FeatureExtractor extractor) {
        return new Builder(reference, extractor);
    }

    /** Validating builder; the reference grid, prefix form. Not thread safe. */
    public static final class Builder extends GridBuilder<Builder> {
        private final GaussianStats reference;
        private final FeatureExtractor extractor;
        private boolean force;

        private Builder(GaussianStats reference, FeatureExtractor extractor) {
            this.reference = Objects.requireNonNull(reference, "reference");
            this.extractor = Objects.requireNonNull(extractor, "extractor");
        }

        @Override
        Builder self() {
            return this;
        }

        /** Compare even when the reference's provenance conflicts with the extractor (default false). */
        public Builder force(boolean force) {
            this.force = force;
            return this;
        }

        /** Validates (dimension, provenance, seed) and factors the reference once. */
        public FidInfinity build() {
            ExtractorSpec spec = extractor.spec();
            if (reference.dim() != spec.dims()) {
                throw new IllegalArgumentException("reference statistics have d=" + reference.dim() + " but " + spec.id()
                        + " gives d=" + spec.dims());
            }
            List<String> conflicts = reference.provenance().conflictsWith(spec.provenance(null));
            if (!conflicts.isEmpty() && !force) {
                throw new IllegalArgumentException("reference statistics (" + reference.provenance().describe()
                        + ") were not computed with " + spec.id() + ": " + String.join("; ", conflicts));
            }
            checkGrid(LOG, "FID∞");
            return new FidInfinity(this);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Direction direction() {
        return FrechetInfinity.DIRECTION;
    }

    /** {@code fid-inf} with the extractor's options, the grid and the reshuffle seed if any. */
    @Override
    public java.util.Optional<MetricSpec> spec() {
        return withSeed(withGrid(MetricSpec.of("fid-inf").withExtractor(spec)));
    }

    /** The reference statistics. */
    @Override
    public java.util.Optional<ReferenceData> reference() {
        return java.util.Optional.of(ReferenceData.of(reference.stats()));
    }

    /** Samples an evaluation needs: nMax. */
    public int requiredSamples() {
        return grid.nMax();
    }

    @Override
    int columns() {
        return spec.dims();
    }

    @Override
    InfinityFit reshuffled(FeatureMatrix rows, long seed) {
        return FrechetInfinity.reshuffled(reference, rows, grid, seed);
    }

    @Override
    Accumulator prefix() {
        FrechetInfinity.Streaming s = FrechetInfinity.streaming(reference, grid);
        return new StreamingAccumulator(request, s::accept, () -> {
            try (s) {
                return value(s.finish());
            }
        });
    }

    /** Releases the cached factorisation of the reference. */
    @Override
    public void close() {
        reference.close();
    }
}
