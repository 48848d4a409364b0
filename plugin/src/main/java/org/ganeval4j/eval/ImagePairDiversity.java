package org.ganeval4j.eval;

import java.util.List;
import java.util.function.Consumer;
import org.ganeval4j.metric.PairSelection;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What the diversities over pairs of generated images share ({@link LpipsDiversity},
 * {@link MsSsimDiversity}): a name, the pair selection, no extractor output (they read the batch's
 * canonical images), the two-sample minimum and the one-call form that hands a set of images over in
 * slices. Immutable.
 */
abstract class ImagePairDiversity implements GanMetric {
    /** Images handed to a session at a time by the one-call form. */
    private static final int SLICE = 64;

    final PairSelection pairs;
    final String name;
    private final String what;

    /** @param what the metric in messages, e.g. {@code LPIPS diversity} */
    ImagePairDiversity(String what, PairSelection pairs, String name) {
        this.what = what;
        this.pairs = pairs;
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    /** None: the metric reads the batch's images. */
    @Override
    public final List<FeatureRequest> requires() {
        return List.of();
    }

    /** The pair selection. */
    public final PairSelection pairs() {
        return pairs;
    }

    /** "needs at least 2 samples, got {@code n}". */
    final String tooFew(int n) {
        return what + " needs at least 2 samples, got " + n;
    }

    /** {@code n}, checked to be at least 2. */
    final int atLeastTwo(int n) {
        if (n < 2) {
            throw new IllegalArgumentException(tooFew(n));
        }
        return n;
    }

    /** Hands {@code images} (NCHW) to {@code add} in slices of at most 64 images, in order. */
    static void inSlices(INDArray images, Consumer<INDArray> add) {
        int n = (int) images.size(0);
        for (int from = 0; from < n; from += SLICE) {
            int count = Math.min(SLICE, n - from);
            add.accept(images.get(NDArrayIndex.interval(from, from + count), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all()));
        }
    }
}
