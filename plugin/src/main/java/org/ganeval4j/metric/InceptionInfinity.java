package org.ganeval4j.metric;

import org.ganeval4j.internal.HostValues;
import org.ganeval4j.metric.internal.InfinityCurve;
import org.ganeval4j.stats.FeatureMatrix;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * IS∞ (Chong &amp; Forsyth, CVPR 2020): the Inception Score with one split, IS_N =
 * exp(mean_x KL(p(y|x) ‖ p(y))) over N samples, evaluated at every N of an {@link InfinityGrid} and
 * extrapolated to N = ∞ by the least-squares line IS_N = IS∞ + b/N ({@link InfinityFit}). As for
 * {@link FrechetInfinity}: the prefix form takes the first N samples in sample order in one pass
 * (memory O(classes)); the {@link #reshuffled reshuffled form} is the reference implementation's
 * (a legacy NumPy {@code shuffle} of the nMax rows before each N).
 *
 * <p>Stateless and thread safe; a {@link Streaming} is not thread safe.
 */
public final class InceptionInfinity {
    /** Larger is better, as for IS. */
    public static final Direction DIRECTION = Direction.HIGHER_IS_BETTER;
    private static final InceptionScore ONE_SPLIT = InceptionScore.builder().splits(1).shuffle(false).build();

    private InceptionInfinity() {
    }

    /** IS∞ of logits rows in sample order (prefix form). */
    public static InfinityFit compute(FeatureMatrix logitsInOrder, InfinityGrid grid) {
        Streaming s = streaming(logitsInOrder.cols(), grid);
        InfinityCurve.requireRows("IS∞", logitsInOrder.rows(), grid);
        s.accept(logitsInOrder.rows(0, grid.nMax()).toArray(), grid.nMax());
        return s.finish();
    }

    /** The prefix form over logits rows with {@code classes} columns, fed in sample order. */
    public static Streaming streaming(int classes, InfinityGrid grid) {
        return new Streaming(classes, grid);
    }

    /**
     * The reference implementation's form: the first nMax rows are shuffled in place before each N
     * (NumPy's legacy {@code RandomState(seed)}) and IS_N (one split) is taken on the first N.
     *
     * @throws IllegalArgumentException with fewer than nMax rows
     */
    public static InfinityFit reshuffled(FeatureMatrix logits, InfinityGrid grid, long seed) {
        return InfinityCurve.reshuffled("IS∞", logits, grid, seed, first -> ONE_SPLIT.compute(first).mean());
    }

    /** The prefix form: IS of the rows so far read at each N of the grid. Not thread safe. */
    public static final class Streaming {
        private final int classes;
        private final InceptionScore.Streaming is;
        private final InfinityCurve curve;

        private Streaming(int classes, InfinityGrid grid) {
            this.classes = classes;
            this.is = ONE_SPLIT.streaming(grid.nMax(), classes);
            this.curve = new InfinityCurve("IS∞", grid, is::scoreSoFar);
        }

        /** Rows fed so far (including any beyond nMax). */
        public long seen() {
            return curve.seen();
        }

        /** Feeds {@code rows} logits rows, row-major. */
        public void accept(float[] rowMajor, int rows) {
            if (rows < 0 || (long) rows * classes != rowMajor.length) {
                throw new IllegalArgumentException("expected " + rows + " × " + classes + " logits, found "
                        + rowMajor.length + " values");
            }
            curve.accept(rows, (from, to) -> is.accept(from == 0 && to == rows ? rowMajor
                    : java.util.Arrays.copyOfRange(rowMajor, from * classes, to * classes), to - from));
        }

        /** Feeds the rows of a logits batch [rows, classes]. */
        public void accept(INDArray logits) {
            if (logits.rank() != 2 || logits.size(1) != classes) {
                throw new IllegalArgumentException("expected logits [N, " + classes + "], found "
                        + java.util.Arrays.toString(logits.shape()));
            }
            accept(HostValues.floats(logits), (int) logits.size(0));
        }

        /**
         * The fit once nMax rows were fed.
         *
         * @throws IllegalStateException with fewer than nMax rows
         */
        public InfinityFit finish() {
            return curve.finish();
        }
    }
}
