package org.ganeval4j.spark.internal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ganeval4j.feature.ExtractorSpec;
import org.ganeval4j.metric.FeatureReservoir;
import org.ganeval4j.metric.InceptionScore;
import org.ganeval4j.stats.GaussianStatsAccumulator;

/**
 * What one or more partitions computed: the mergeable accumulators (statistics, reservoir, Inception
 * Score), the images read, the unreadable ones by partition, and the extractor that made the
 * features. {@link #merge} is the {@code treeAggregate} operation; empty fields are adopted from the
 * other side, so the zero value costs nothing. Not thread safe.
 */
public final class Partial implements Serializable {
    private static final long serialVersionUID = 1L;

    private int partitions;
    private long images;
    private final TreeMap<Integer, List<String>> skipped = new TreeMap<>();
    private ExtractorSpec spec;
    private GaussianStatsAccumulator stats;
    private FeatureReservoir reservoir;
    private InceptionScore.Streaming inceptionScore;

    /** The zero of the aggregation. */
    public static Partial empty() {
        return new Partial();
    }

    /** One partition's result. */
    static Partial of(int partition, long images, List<String> skipped, ExtractorSpec spec, GaussianStatsAccumulator stats,
                      FeatureReservoir reservoir, InceptionScore.Streaming inceptionScore) {
        Partial p = new Partial();
        p.partitions = 1;
        p.images = images;
        p.skipped.put(partition, new ArrayList<>(skipped));
        p.spec = spec;
        p.stats = stats;
        p.reservoir = reservoir;
        p.inceptionScore = inceptionScore;
        return p;
    }

    /** Adds {@code other}'s partitions to this one (and returns this). */
    public Partial merge(Partial other) {
        if (other.partitions == 0) {
            return this;
        }
        if (partitions == 0) {
            return other;
        }
        if (spec != null && other.spec != null && !spec.equals(other.spec)) {
            throw new IllegalStateException("executors built different feature extractors: " + describe(spec) + " and "
                    + describe(other.spec) + "; give every executor the same weights (GANEVAL4J_ASSETS on each, or an"
                    + " explicit weights file, which is shipped to them)");
        }
        partitions += other.partitions;
        images += other.images;
        for (Map.Entry<Integer, List<String>> e : other.skipped.entrySet()) {
            if (skipped.putIfAbsent(e.getKey(), e.getValue()) != null) {
                throw new IllegalStateException("partition " + e.getKey() + " was counted twice");
            }
        }
        spec = spec != null ? spec : other.spec;
        stats = mergeStats(stats, other.stats);
        if (reservoir == null) {
            reservoir = other.reservoir;
        } else if (other.reservoir != null) {
            reservoir.merge(other.reservoir);
        }
        if (inceptionScore == null) {
            inceptionScore = other.inceptionScore;
        } else if (other.inceptionScore != null) {
            inceptionScore.merge(other.inceptionScore);
        }
        return this;
    }

    private static GaussianStatsAccumulator mergeStats(GaussianStatsAccumulator a, GaussianStatsAccumulator b) {
        if (a == null) {
            return b;
        }
        if (b != null) {
            a.merge(b);
        }
        return a;
    }

    private static String describe(ExtractorSpec s) {
        return s.id() + " (weights sha256 " + s.weightsSha256() + ")";
    }

    public int partitions() {
        return partitions;
    }

    public long images() {
        return images;
    }

    /** Unreadable images in input order. */
    public List<String> skipped() {
        List<String> out = new ArrayList<>();
        for (List<String> l : skipped.values()) {
            out.addAll(l);
        }
        return out;
    }

    public ExtractorSpec spec() {
        return spec;
    }

    public GaussianStatsAccumulator stats() {
        return stats;
    }

    public FeatureReservoir reservoir() {
        return reservoir;
    }

    public InceptionScore.Streaming inceptionScore() {
        return inceptionScore;
    }
}
