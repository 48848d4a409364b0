package org.ganeval4j.spark.internal;

import java.io.Serializable;
import java.util.List;

/**
 * The work of one partition: stream positions {@code [first, first + count)}, and for inputs the
 * files and images within them that hold those positions, in order.
 *
 * @param index    the partition index
 * @param first    the stream position of its first image or sample
 * @param count    images or samples
 * @param segments runs of images within one file (empty for generated samples)
 */
public record Slice(int index, long first, long count, List<Segment> segments) implements Serializable {
    public Slice {
        segments = List.copyOf(segments);
    }

    /**
     * Images of one file at consecutive stream positions.
     *
     * @param file          the file
     * @param indices       the images' indices within the file, ascending
     * @param firstPosition the stream position of the first
     */
    public record Segment(InputPlan.FileRef file, int[] indices, long firstPosition) implements Serializable {
    }
}
