package org.ganeval4j.stats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.ganeval4j.io.FileFormatException;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.nd4j.linalg.api.buffer.DataType;
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
        if (rows < 0 || cols < 1 || (long) rows * cols != rowMajor.length) {
            throw new IllegalArgumentException("expected " + rows + "×" + cols + " = " + (long) rows * cols
                    + " values, got " + rowMajor.length);
        }
        float[] copy = rowMajor.clone();
        requireFinite(copy, cols);
        return new FeatureMatrix(copy, rows, cols);
    }

    /** A matrix from a 2-D ND4J array [N, d] of any floating type. */
    public static FeatureMatrix of(INDArray features) {
        if (features.rank() != 2) {
            throw new IllegalArgumentException("features must be a 2-D array [N, d], got shape "
                    + Arrays.toString(features.shape()));
        }
        float[] v = features.castTo(DataType.FLOAT).dup('c').data().asFloat();
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
        return data[i * cols + j];
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
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException("features must be finite, found " + v[i] + " at row " + i / cols
                        + ", column " + i % cols);
            }
        }
    }

    @Override
    public String toString() {
        return "FeatureMatrix[" + rows + "×" + cols + "]";
    }
}
