package org.ganeval4j.spark;

import java.util.List;
import org.ganeval4j.feature.ExtractorSpec;
import org.ganeval4j.metric.FeatureReservoir;
import org.ganeval4j.metric.InceptionScoreResult;
import org.ganeval4j.stats.GaussianStats;

/**
 * What a {@link SparkEvaluation} computed.
 *
 * @param statistics     the Gaussian statistics with provenance, or null when not asked for
 * @param reservoir      the feature reservoir, or null when not asked for
 * @param inceptionScore the Inception Score, or null when not asked for
 * @param images         images (or samples) that went through the extractor
 * @param skipped        unreadable images in input order, each {@code name: reason}
 * @param partitions     the number of partitions
 * @param description    what was read, worded as the local command words it
 * @param extractor      the extractor the executors built
 */
public record SparkResult(GaussianStats statistics, FeatureReservoir reservoir, InceptionScoreResult inceptionScore,
                          long images, List<String> skipped, int partitions, String description, ExtractorSpec extractor) {
    public SparkResult {
        skipped = List.copyOf(skipped);
    }
}
