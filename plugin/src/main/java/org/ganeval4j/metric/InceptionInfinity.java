package org.ganeval4j.metric;

import org.ganeval4j.metric.internal.LegacyNumpyRandom;
import org.ganeval4j.stats.FeatureMatrix;
import org.nd4j.linalg.api.buffer.DataType;
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
        FrechetInfinity.requireRows("IS∞", logitsInOrder.rows(), grid);
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
        int[] sizes = grid.sizes();
        int nMax = grid.nMax();
        FrechetInfinity.requireRows("IS∞", logits.rows(), grid);
        int c = logits.cols();
        float[] all = logits.toArray();
        int[] order = new int[nMax];
        for (int i = 0; i < nMax; i++) {
            order[i] = i;
        }
        LegacyNumpyRandom random = new LegacyNumpyRandom(seed);
        double[] values = new double[sizes.length];
        for (int k = 0; k < sizes.length; k++) {
            random.shuffle(order);
            int n = sizes[k];
            float[] first = new float[n * c];
            for (int i = 0; i < n; i++) {
                System.arraycopy(all, order[i] * c, first, i * c, c);
            }
            values[k] = ONE_SPLIT.compute(FeatureMatrix.of(first, n, c)).mean();
        }
        return InfinityFit.of(sizes, values);
    }

    /** The prefix form: IS of the rows so far read at each N of the grid. Not thread safe. */
    public static final class Streaming {
        private final int classes;
        private final int[] sizes;
        private final double[] values;
        private final InceptionScore.Streaming is;
        private int next;
        private long seen;

        private Streaming(int classes, InfinityGrid grid) {
            this.classes = classes;
            this.sizes = grid.sizes();
            this.values = new double[sizes.length];
            this.is = ONE_SPLIT.streaming(grid.nMax(), classes);
        }

        /** Rows fed so far (including any beyond nMax). */
        public long seen() {
            return seen;
        }

        /** Feeds {@code rows} logits rows, row-major. */
        public void accept(float[] rowMajor, int rows) {
            if (rows < 0 || (long) rows * classes != rowMajor.length) {
                throw new IllegalArgumentException("expected " + rows + " × " + classes + " logits, found "
                        + rowMajor.length + " values");
            }
            int done = 0;
            while (done < rows && next < sizes.length) {
                int take = Math.min(rows - done, sizes[next] - is.seen());
                float[] part = done == 0 && take == rows ? rowMajor
                        : java.util.Arrays.copyOfRange(rowMajor, done * classes, (done + take) * classes);
                is.accept(part, take);
                done += take;
                if (is.seen() == sizes[next]) {
                    values[next] = is.scoreSoFar();
                    next++;
                }
            }
            seen += rows;
        }

        /** Feeds the rows of a logits batch [rows, classes]. */
        public void accept(INDArray logits) {
            if (logits.rank() != 2 || logits.size(1) != classes) {
                throw new IllegalArgumentException("expected logits [N, " + classes + "], found "
                        + java.util.Arrays.toString(logits.shape()));
            }
            accept(logits.castTo(DataType.FLOAT).dup('c').data().asFloat(), (int) logits.size(0));
        }

        /**
         * The fit once nMax rows were fed.
         *
         * @throws IllegalStateException with fewer than nMax rows
         */
        public InfinityFit finish() {
            if (next < sizes.length) {
                throw new IllegalStateException("IS∞ needs " + sizes[sizes.length - 1] + " samples, got " + seen);
            }
            return InfinityFit.of(sizes, values);
        }
    }
}
