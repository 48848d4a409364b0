package org.ganeval4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.ganeval4j.stats.FeatureMatrix;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.stats.StatsFile;
import org.ganeval4j.stats.StatsProvenance;
import org.ganeval4j.stats.StoredStats;

/**
 * One side of a comparison as given on the command line: reference statistics ({@code .npz}) or
 * a feature matrix ({@code .npy}, rows = samples).
 *
 * @param path       the file
 * @param stats      the statistics on the heap, or null
 * @param stored     statistics whose Σ stays in their file until needed, or null
 * @param features   the feature rows, or null for statistics
 * @param provenance what the file says about itself
 */
record StatsInput(Path path, GaussianStats stats, StoredStats stored, FeatureMatrix features, StatsProvenance provenance) {

    /**
     * The dimension a statistics or feature file declares in its headers, read without inflating any
     * data, or −1 when it is not such a file (images).
     */
    static long declaredDim(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npz") && !FeatureInputs.isFeaturesNpz(path)) {
            org.ganeval4j.io.NpyHeader mu = org.ganeval4j.io.Npz.headers(path).get("mu");
            return mu == null || mu.shape().length != 1 ? -1 : mu.shape()[0];
        }
        if (name.endsWith(".npy")) {
            long[] s = org.ganeval4j.io.Npy.readHeader(path).shape();
            return s.length == 2 ? s[1] : -1;
        }
        return -1;
    }

    /**
     * Opens statistics or loads features, checking the declared dimension against
     * {@code expectedDim} (−1: any) first; a statistics file's Σ stays in the file ({@link #stored()})
     * until a distance streams it into native memory.
     */
    static StatsInput open(Path path, long expectedDim) throws IOException {
        long d = declaredDim(path);
        if (expectedDim >= 0 && d >= 0 && d != expectedDim) {
            throw new BadInputException("dimension mismatch: " + path + " declares d=" + d + ", the other side d="
                    + expectedDim + " (checked before reading the data)");
        }
        return load(path, true);
    }

    static StatsInput load(Path path) throws IOException {
        return load(path, false);
    }

    private static StatsInput load(Path path, boolean lazy) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npz") && FeatureInputs.isFeaturesNpz(path)) {
            return new StatsInput(path, null, null, FeatureInputs.load(path), StatsProvenance.unknown());
        }
        if (name.endsWith(".npz") && lazy) {
            StoredStats s = StatsFile.open(path, -1);
            return new StatsInput(path, null, s, null, s.provenance());
        }
        if (name.endsWith(".npz")) {
            GaussianStats s = StatsFile.read(path);
            return new StatsInput(path, s, null, null, s.provenance());
        }
        if (name.endsWith(".npy")) {
            return new StatsInput(path, null, null, FeatureMatrix.read(path), StatsProvenance.unknown());
        }
        throw new BadInputException(path + ": expected a .npz statistics file or a .npy feature matrix");
    }

    /** Statistics computed from images. */
    static StatsInput ofImages(Path path, GaussianStats stats) {
        return new StatsInput(path, stats, null, null, stats.provenance());
    }

    boolean isStats() {
        return stats != null || stored != null;
    }

    /** The statistics on the heap (reading Σ from the file when it was left there). */
    GaussianStats heapStats() throws IOException {
        return stats != null ? stats : stored.load();
    }

    int dim() {
        return stats != null ? stats.dim() : stored != null ? stored.dim() : features.cols();
    }

    long count() {
        return stats != null ? stats.count() : stored != null ? stored.count() : features.rows();
    }

    String kind() {
        return isStats() ? "stats" : "features";
    }
}
