package org.ganeval4j.eval;

import java.util.List;
import java.util.Objects;
import org.ganeval4j.feature.ExtractorSpec;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.internal.HostValues;
import org.ganeval4j.metric.Direction;
import org.ganeval4j.metric.FrechetDistance;
import org.ganeval4j.stats.FeatureMatrix;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.stats.GaussianStatsAccumulator;
import org.ganeval4j.stats.StatsProvenance;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * FID (or FD on other features) of generated samples against reference statistics, e.g. a
 * {@code .npz} from {@code ganeval4j stats}. The reference is factored once and reused by every
 * evaluation. With fewer samples than feature dimensions the features are kept (at most d rows) for
 * the exact low-rank route; otherwise they stream into float64 statistics.
 *
 * <p>The reference's provenance must agree with the extractor (extractor, layer, dims, resize mode,
 * weights), else construction fails naming both — unless {@code force}.
 */
public final class FrechetMetric implements GanMetric, AutoCloseable {
    private final FeatureRequest request;
    private final FrechetDistance.Reference reference;
    private final String name;
    private final ExtractorSpec spec;
    private final GaussianStats referenceStats;

    /**
     * @param reference statistics of real data, computed with the same extractor and preprocessing
     * @param extractor the extractor whose main output is compared
     * @param force     compare even when the reference's provenance conflicts with the extractor
     */
    public FrechetMetric(GaussianStats reference, FeatureExtractor extractor, boolean force) {
        Objects.requireNonNull(reference, "reference");
        this.request = FeatureRequest.of(extractor);
        this.spec = extractor.spec();
        if (reference.dim() != spec.dims()) {
            throw new IllegalArgumentException("reference statistics have d=" + reference.dim() + " but "
                    + spec.id() + " gives d=" + spec.dims());
        }
        StatsProvenance mine = spec.provenance(null);
        List<String> conflicts = reference.provenance().conflictsWith(mine);
        if (!conflicts.isEmpty() && !force) {
            throw new IllegalArgumentException("reference statistics (" + reference.provenance().describe()
                    + ") were not computed with " + spec.id() + ": " + String.join("; ", conflicts));
        }
        this.referenceStats = reference;
        this.reference = FrechetDistance.reference(reference);
        this.name = org.ganeval4j.feature.Extractors.distanceName(mine, reference.provenance());
    }

    /** A Fréchet metric refusing conflicting provenance. */
    public FrechetMetric(GaussianStats reference, FeatureExtractor extractor) {
        this(reference, extractor, false);
    }

    /**
     * A Fréchet metric against a reference statistics file ({@code ganeval4j stats} output, or a
     * pytorch-fid {@code .npz}), whose metadata is checked against the extractor.
     *
     * @throws java.io.IOException      when the file cannot be read
     * @throws IllegalArgumentException when its metadata conflict with the extractor, naming both
     */
    public static FrechetMetric fromFile(java.nio.file.Path referenceStats, FeatureExtractor extractor)
            throws java.io.IOException {
        GaussianStats reference = org.ganeval4j.stats.StatsFile.read(referenceStats);
        try {
            return new FrechetMetric(reference, extractor, false);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(referenceStats + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Direction direction() {
        return FrechetDistance.DIRECTION;
    }

    /** {@code fid} with the extractor's options. */
    @Override
    public java.util.Optional<MetricSpec> spec() {
        return java.util.Optional.of(MetricSpec.of("fid").withExtractor(spec));
    }

    /** The reference statistics. */
    @Override
    public java.util.Optional<ReferenceData> reference() {
        return java.util.Optional.of(ReferenceData.of(referenceStats));
    }

    @Override
    public List<FeatureRequest> requires() {
        return List.of(request);
    }

    @Override
    public Accumulator start(int samples) {
        int d = spec.dims();
        return samples < d ? new LowRank(samples, d) : new Streaming(d);
    }

    /** Keeps the (fewer than d) feature rows for the exact low-rank route. */
    private final class LowRank implements Accumulator {
        private final float[] rows;
        private final int d;
        private int n;

        LowRank(int samples, int d) {
            this.rows = new float[samples * d];
            this.d = d;
        }

        @Override
        public void accept(FeatureBatch batch) {
            INDArray f = batch.features(request);
            int b = (int) f.size(0);
            if (n + b > rows.length / d) {
                throw new IllegalStateException("more samples than the " + rows.length / d + " announced");
            }
            float[] v = HostValues.floats(f);
            System.arraycopy(v, 0, rows, n * d, b * d);
            n += b;
        }

        @Override
        public List<MetricValue> finish() {
            float[] used = n * d == rows.length ? rows : java.util.Arrays.copyOf(rows, n * d);
            return List.of(MetricValue.of(name, reference.distanceTo(FeatureMatrix.of(used, n, d)).value(), spec.id()));
        }
    }

    /** Streams features into float64 statistics. */
    private final class Streaming implements Accumulator {
        private final GaussianStatsAccumulator acc;

        Streaming(int d) {
            this.acc = new GaussianStatsAccumulator(d);
        }

        @Override
        public void accept(FeatureBatch batch) {
            acc.add(batch.features(request));
        }

        @Override
        public List<MetricValue> finish() {
            try (acc) {
                return List.of(MetricValue.of(name,
                        reference.distanceTo(acc.toStats(StatsProvenance.unknown())).value(), spec.id()));
            }
        }
    }

    /** Releases the cached factorisation. */
    @Override
    public void close() {
        reference.close();
    }
}
