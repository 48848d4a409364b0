package org.ganeval4j.cli.spi;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ganeval4j.feature.Extractors;
import org.ganeval4j.stats.GaussianStats;

/**
 * Computes what {@code ganeval4j stats} computes, on a cluster: {@code ganeval4j stats INPUT -o OUT.npz
 * --spark MASTER} finds the implementation named {@code spark} through {@link java.util.ServiceLoader}
 * (the {@code ganeval4j-spark} module registers one) and writes its result exactly as the local command
 * does. Implementations are stateless.
 */
public interface ClusterStats {
    /** The engine's name, the option that selects it: {@code spark}. */
    String name();

    /**
     * Statistics of every readable image of the input.
     *
     * @param err where progress and notes go (one line each)
     * @throws IOException              when the input cannot be read
     * @throws IllegalArgumentException for input the user must fix
     */
    Result compute(Request request, PrintWriter err) throws IOException;

    /**
     * What to compute.
     *
     * @param input      the images: a local path or any URI the engine reads (folder, archive, IDX, .npy)
     * @param master     where to run, e.g. {@code local[*]}, {@code spark://host:7077}; null: the engine's
     *                   configuration (as under {@code spark-submit})
     * @param extractor  the extractor; weights null to resolve them where the work runs
     * @param limit      a seeded subset of at most this many images, 0 for all
     * @param seed       the subset's seed
     * @param datasetId  recorded in the metadata
     * @param partitions parts the input is cut into, 0 for the engine's default
     * @param progress   report progress on {@code err}
     */
    record Request(String input, String master, Extractors.Choice extractor, int limit, long seed, String datasetId,
                   int partitions, boolean progress) {
        public Request {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(extractor, "extractor");
            Objects.requireNonNull(datasetId, "datasetId");
            if (limit < 0) {
                throw new IllegalArgumentException("limit must be >= 0 (0 = all), got " + limit);
            }
            if (partitions < 0) {
                throw new IllegalArgumentException("partitions must be >= 0 (0 = the engine's default), got " + partitions);
            }
        }
    }

    /**
     * What was computed.
     *
     * @param stats       the statistics, provenance included
     * @param skipped     unreadable images in input order, each {@code name: reason}, as the local command lists them
     * @param description what was read, as the local command describes it
     * @param metadata    extra metadata entries for the statistics file (e.g. {@code partitions})
     */
    record Result(GaussianStats stats, List<String> skipped, String description, Map<String, Object> metadata) {
        public Result {
            Objects.requireNonNull(stats, "stats");
            skipped = List.copyOf(skipped);
            Objects.requireNonNull(description, "description");
            metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
        }
    }
}
