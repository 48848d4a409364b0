package org.ganeval4j.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.stats.FeatureMatrix;
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

    /**
     * Statistics of {@code extractor}'s main output over every image of {@code source}, read in
     * batches of {@code batch} (decoding runs ahead in the source's threads).
     *
     * @param progress told the number of images done after each batch (may be null)
     */
    public static GaussianStats compute(FeatureExtractor extractor, ImageSource source, int batch, String datasetId,
                                        LongConsumer progress) throws IOException {
        try (GaussianStatsAccumulator acc = new GaussianStatsAccumulator(extractor.spec().dims())) {
            INDArray b;
            while ((b = source.next(batch)) != null) {
                try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    acc.add(extractor.extract(b));
                }
                if (progress != null) {
                    progress.accept(acc.count());
                }
            }
            if (acc.count() < 2) {
                throw new IllegalArgumentException(source.description() + ": statistics need at least 2 readable images, got "
                        + acc.count());
            }
            return acc.toStats(extractor.spec().provenance(datasetId));
        }
    }

    /**
     * The given outputs of {@code extractor} for every image of {@code source}, one row per image in
     * source order (all kept in memory: rows × Σ dims × 4 bytes).
     */
    public static Map<String, FeatureMatrix> features(FeatureExtractor extractor, ImageSource source, int batch,
                                                      Set<String> outputs, LongConsumer progress) throws IOException {
        Map<String, List<float[]>> parts = new LinkedHashMap<>();
        for (String o : outputs) {
            parts.put(o, new ArrayList<>());
        }
        long n = 0;
        INDArray b;
        while ((b = source.next(batch)) != null) {
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                Map<String, INDArray> f = extractor.extract(b, outputs);
                for (String o : outputs) {
                    parts.get(o).add(f.get(o).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat());
                }
            }
            n += b.size(0);
            if (progress != null) {
                progress.accept(n);
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException(source.description() + " holds no readable images");
        }
        Map<String, FeatureMatrix> out = new LinkedHashMap<>();
        for (String o : outputs) {
            int d = extractor.outputs().get(o);
            float[] all = new float[Math.toIntExact(n * d)];
            int at = 0;
            for (float[] p : parts.get(o)) {
                System.arraycopy(p, 0, all, at, p.length);
                at += p.length;
            }
            out.put(o, FeatureMatrix.of(all, (int) n, d));
        }
        return out;
    }
}
