package org.ganeval4j.eval;

import java.util.Iterator;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.stats.GaussianStatsAccumulator;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reference statistics of real images: the float64 mean and covariance of an extractor's main
 * output over batches of canonical images (NCHW, 0..255), with the extractor's provenance. What
 * {@code ganeval4j stats} writes and what {@link FrechetMetric} compares generated samples against.
 */
public final class ReferenceStatistics {
    private ReferenceStatistics() {
    }

    /**
     * Statistics of {@code extractor}'s main output over every batch.
     *
     * @param datasetId recorded in the provenance, e.g. {@code mnist-t10k}
     */
    public static GaussianStats compute(FeatureExtractor extractor, Iterator<INDArray> batches, String datasetId) {
        try (GaussianStatsAccumulator acc = new GaussianStatsAccumulator(extractor.spec().dims())) {
            while (batches.hasNext()) {
                INDArray b = batches.next();
                try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    acc.add(extractor.extract(b));
                }
            }
            if (acc.count() < 2) {
                throw new IllegalArgumentException("reference statistics need at least 2 images, got " + acc.count());
            }
            return acc.toStats(extractor.spec().provenance(datasetId));
        }
    }
}
