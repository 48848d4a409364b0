package org.ganeval4j.stats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.ganeval4j.internal.HostValues;
import org.ganeval4j.io.FileFormatException;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Feature vectors kept as they are (rows = samples, float32), for the computations that need the
 * samples rather than their statistics: the exact low-rank Fréchet distance when N &lt; d, KID,
 * precision/recall. Immutable; the values are copied on the way in and out.
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

    /** A matrix of {@code rows × cols} row-major values (copied). */
    public static FeatureMatrix of(float[] rowMajor, int rows, int cols) {
        if (rows < 0 || cols < 1) {
            throw new IllegalArgumentException("expected rows >= 0 and cols >= 1, found rows=" + rows + ", cols=" + cols);
        }
        if ((long) rows * cols != rowMajor.length) {
            throw new IllegalArgumentException("expected rows × cols = " + rows + " × " + cols + " = "
                    + (long) rows * cols + " values, found " + rowMajor.length);
        }
        float[] copy = rowMajor.clone();
        requireFinite(copy, cols);
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
        float[] data = new float[Math.multiplyExact(rows.length, cols)];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("expected every row to have " + cols + " values (as row 0), row " + i
                        + " has " + rows[i].length);
            }
            System.arraycopy(rows[i], 0, data, i * cols, cols);
        }
        return of(data, rows.length, cols);
    }

    /** A matrix from a 2-D ND4J array [N, d] of any floating type. */
    public static FeatureMatrix of(INDArray features) {
        if (features.rank() != 2) {
            throw new IllegalArgumentException("features must be a 2-D array [N, d], got shape "
                    + Arrays.toString(features.shape()));
        }
        float[] v = HostValues.floats(features);
        return of(v, (int) features.rows(), (int) features.columns());
    }

    /** A matrix from a 2-D NumPy array (rows = samples) of any numeric type. */
    public static FeatureMatrix of(NpyArray array) {
        if (array.ndim() != 2) {
            throw new IllegalArgumentException("a feature matrix must be 2-D (rows = samples), found shape "
                    + Arrays.toString(array.shape()) + " " + array.descriptor());
        }
        return of(array.toFloatArray(), Math.toIntExact(array.shape(0)), Math.toIntExact(array.shape(1)));
    }

    /** Reads a {@code .npy} feature matrix (rows = samples). */
    public static FeatureMatrix read(Path file) throws IOException {
        NpyArray a = Npy.read(file);
        if (a.ndim() != 2 || !a.dtype().isFloating()) {
            throw new FileFormatException(file + ": expected a 2-D float feature matrix (rows = samples), found "
                    + a.descriptor() + " " + Arrays.toString(a.shape()));
        }
        try {
            return of(a);
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the matrix as a float32 {@code .npy} (rows = samples), atomically; {@link #read} reads it back. */
    public void write(Path file) throws IOException {
        NpyArray a = NpyArray.ofFloats(data, rows, cols);
        org.ganeval4j.io.AtomicFiles.write(file, out -> Npy.write(a, out));
    }

    /** Number of samples N. */
    public int rows() {
        return rows;
    }

    /** Feature dimension d. */
    public int cols() {
        return cols;
    }

    /** Element (i, j). */
    public float get(int i, int j) {
        java.util.Objects.checkIndex(i, rows);
        java.util.Objects.checkIndex(j, cols);
        return data[i * cols + j];
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

    /** The row-major values (a copy). */
    public float[] toArray() {
        return data.clone();
    }

    /** Rows {@code [from, to)} as float64, row-major. */
    public double[] rowsAsDouble(int from, int to) {
        if (from < 0 || to > rows || from > to) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of " + rows);
        }
        double[] out = new double[(to - from) * cols];
        for (int i = 0, k = from * cols; i < out.length; i++, k++) {
            out[i] = data[k];
        }
        return out;
    }

    /** Mean and unbiased covariance of the rows, in float64. */
    public GaussianStats toStats(StatsProvenance provenance) {
        GaussianStatsAccumulator acc = new GaussianStatsAccumulator(cols);
        acc.add(this);
        return acc.toStats(provenance);
    }

    private static void requireFinite(float[] v, int cols) {
        requireFinite(v, cols, 0);
    }

    /**
     * Throws naming the first non-finite value of row-major {@code values}; {@code firstRow} offsets the
     * reported row index.
     */
    public static void requireFinite(float[] values, int cols, long firstRow) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("expected finite values, found " + values[i] + " at row "
                        + (firstRow + i / cols) + ", column " + i % cols);
            }
        }
    }

    @Override
    public String toString() {
        return "FeatureMatrix[" + rows + "×" + cols + "]";
    }
}
