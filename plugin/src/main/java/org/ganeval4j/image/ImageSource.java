package org.ganeval4j.image;

import java.io.IOException;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Real images read from files, in batches of the canonical form every extractor takes: float32
 * NCHW, pixel values 0..255, 1 (gray) or 3 (RGB) channels, all images of a batch of one size.
 * Open one with {@link ImageSources#open}. Not thread safe.
 */
public interface ImageSource extends AutoCloseable {
    /** Images this source will produce (after any limit), or -1 when unknown in advance. */
    long size();

    /**
     * The next batch of at most {@code maxBatch} images (fewer at the end, or where the image size
     * changes), or null when there are no more.
     */
    INDArray next(int maxBatch) throws IOException;

    /**
     * The names of the images of the batch {@link #next} returned last, in row order: a file's path in
     * its folder or archive, or {@code #k} for row k of an array or IDX file — so that rows of features
     * can be matched to their images when unreadable ones were skipped. Empty when the source does not
     * track names.
     */
    default List<String> lastNames() {
        return List.of();
    }

    /** Images that could not be decoded so far, each as {@code name: reason}; they are skipped. */
    List<String> skipped();

    /** What is being read, e.g. {@code IDX file t10k-images-idx3-ubyte.gz (10000 images 28×28)}. */
    String description();

    @Override
    void close() throws IOException;
}
