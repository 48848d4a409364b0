package org.ganeval4j.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * Images to read on the cluster: a path or URI that Hadoop's file systems read ({@code /data/x},
 * {@code file:/…}, {@code hdfs://…}, {@code s3a://…} with the connector on the class path), naming what
 * {@code ganeval4j stats} reads — a folder of PNG/JPEG images (recursive, sorted), a {@code .tar},
 * {@code .tar.gz} or {@code .tgz} of images, an IDX image file or a {@code .npy} uint8 array — or, on
 * Spark only, a folder or glob of {@code .tar*} or {@code .npy} shards (taken in sorted path order as one
 * sequence).
 *
 * @param path  the path, URI or glob
 * @param limit a seeded random subset of at most this many images (0: all), the same subset the local
 *              command takes
 * @param seed  the subset's seed
 */
public record ImageInput(String path, int limit, long seed) implements Serializable {
    public ImageInput {
        Objects.requireNonNull(path, "path");
        if (path.isBlank()) {
            throw new IllegalArgumentException("expected an input path, found a blank string");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 (0 = all), got " + limit);
        }
    }

    /** Every image of {@code path}. */
    public static ImageInput of(String path) {
        return new ImageInput(path, 0, 0);
    }
}
