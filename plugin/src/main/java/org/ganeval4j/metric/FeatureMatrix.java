package org.ganeval4j.metric;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An immutable matrix of float32 feature vectors (or logits), one row per sample, stored row-major:
 * the input of the sample-based metrics ({@link KernelInceptionDistance}, {@link InceptionScore},
 * {@link PrecisionRecall}, {@link DensityCoverage}) and the snapshot of a {@link FeatureReservoir}.
 *
 * <p>Every value is checked to be finite on the way in; the caller's array is copied, so later
 * changes to it do not reach the matrix. The metrics compute in float64 from these float32 values.
 * Thread safe (immutable).
 */
public final class FeatureMatrix {
    private final float[] data;
    private final int rows;
    private final int cols;

    private FeatureMatrix(float[] data, int rows, int cols) {
        this.data = data;
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * A matrix from row-major values.
     *
     * @param rowMajor {@code rows × cols} values, row {@code i} at {@code [i·cols, (i+1)·cols)}; copied
     * @param rows number of samples, ≥ 0
     * @param cols feature dimension, ≥ 1
     * @throws IllegalArgumentException when the length is not {@code rows × cols} or a value is NaN or infinite
     */
    public static FeatureMatrix of(float[] rowMajor, int rows, int cols) {
        checkShape(rows, cols);
        if ((long) rows * cols != rowMajor.length) {
            throw new IllegalArgumentException("expected rows × cols = " + rows + " × " + cols + " = "
                    + (long) rows * cols + " values, found " + rowMajor.length);
        }
        float[] copy = rowMajor.clone();
        checkFinite(copy, cols, 0);
        return new FeatureMatrix(copy, rows, cols);
    }

    /**
     * A matrix from rows of equal length (copied).
     *
     * @throws IllegalArgumentException for no rows, rows of different lengths or a non-finite value
     */
    public static FeatureMatrix of(float[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("expected at least one row to know the dimension, found 0 rows");
        }
        int cols = rows[0].length;
        checkShape(rows.length, cols);
        float[] data = new float[Math.multiplyExact(rows.length, cols)];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("expected every row to have " + cols + " values (as row 0), row " + i
                        + " has " + rows[i].length);
            }
            System.arraycopy(rows[i], 0, data, i * cols, cols);
        }
        checkFinite(data, cols, 0);
        return new FeatureMatrix(data, rows.length, cols);
    }

    /**
     * A matrix from a rank-2 ND4J array {@code [samples, features]} of any floating type (values are
     * rounded to float32 where the array holds float64).
     *
     * @throws IllegalArgumentException for another rank or a non-finite value
     */
    public static FeatureMatrix of(INDArray array) {
        if (array.rank() != 2) {
            throw new IllegalArgumentException("expected a rank-2 array [samples, features], found shape "
                    + Arrays.toString(array.shape()));
        }
        long r = array.size(0);
        long c = array.size(1);
        if (r > Integer.MAX_VALUE || c > Integer.MAX_VALUE || r * c > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("array too large for one feature matrix: shape " + Arrays.toString(array.shape()));
        }
        checkShape((int) r, (int) c);
        float[] data = array.castTo(DataType.FLOAT).dup('c').data().asFloat();
        checkFinite(data, (int) c, 0);
        return new FeatureMatrix(data, (int) r, (int) c);
    }

    /** Wraps an array this package already owns (no copy, no check). */
    static FeatureMatrix wrap(float[] data, int rows, int cols) {
        return new FeatureMatrix(data, rows, cols);
    }

    private static void checkShape(int rows, int cols) {
        if (rows < 0 || cols < 1) {
            throw new IllegalArgumentException("expected rows >= 0 and cols >= 1, found rows=" + rows + ", cols=" + cols);
        }
    }

    /** Throws naming the first non-finite value; {@code firstRow} offsets the reported row index. */
    static void checkFinite(float[] data, int cols, long firstRow) {
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IllegalArgumentException("expected finite values, found " + data[i] + " at row "
                        + (firstRow + i / cols) + ", column " + i % cols);
            }
        }
    }

    /** Number of samples. */
    public int rows() {
        return rows;
    }

    /** Feature dimension. */
    public int cols() {
        return cols;
    }

    /** One value. */
    public float get(int row, int col) {
        java.util.Objects.checkIndex(row, rows);
        java.util.Objects.checkIndex(col, cols);
        return data[row * cols + col];
    }

    /** A copy of one row. */
    public float[] row(int row) {
        java.util.Objects.checkIndex(row, rows);
        return Arrays.copyOfRange(data, row * cols, (row + 1) * cols);
    }

    /** The rows {@code [from, to)} as a new matrix. */
    public FeatureMatrix rows(int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, rows);
        return new FeatureMatrix(Arrays.copyOfRange(data, from * cols, to * cols), to - from, cols);
    }

    /** A row-major copy of the values. */
    public float[] toArray() {
        return data.clone();
    }

    /** The backing array, for this package's metrics only; never modified. */
    float[] data() {
        return data;
    }

    @Override
    public String toString() {
        return "FeatureMatrix[" + rows + " × " + cols + "]";
    }
}
