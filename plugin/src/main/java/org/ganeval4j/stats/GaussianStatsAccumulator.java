package org.ganeval4j.stats;

import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Arrays;
import org.ganeval4j.internal.linalg.NativeMatrix;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Streaming float64 mean and covariance of feature vectors, fed in batches of any size.
 *
 * <p>Each batch B (b rows) is centred on its own mean m_B and merged with Chan, Golub &amp; LeVeque's
 * parallel update (1979): with δ = m_B − μ and n' = n + b,
 * {@code M2 += (X_B − m_B)ᵀ(X_B − m_B) + δδᵀ·n·b/n'} and {@code μ += δ·b/n'}; Σ = M2 / (N − 1).
 * The same update {@link #merge merges} two accumulators, so statistics computed in parallel
 * combine exactly. Results depend on batch size and order only through float64 rounding
 * (relative 1e-13 or so). The scatter matrix lives in native memory (8·d² bytes; 32 MB for d=2048).
 *
 * <p>{@link Serializable} (Java serialization, as Spark ships task results): the count, the mean and
 * the lower triangle of the scatter matrix travel ({@code 4·d·(d+3)} bytes), and a deserialized
 * accumulator continues and merges exactly as the original.
 *
 * <p>Not thread safe: use one accumulator per thread and merge.
 */
public final class GaussianStatsAccumulator implements AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;

    private final int dim;
    private final double[] mean;
    private final transient NativeMatrix m2;
    private long count;

    /** An empty accumulator for d-dimensional features. */
    public GaussianStatsAccumulator(int dim) {
        if (dim < 1) {
            throw new IllegalArgumentException("feature dimension must be >= 1, got " + dim);
        }
        this.dim = dim;
        this.mean = new double[dim];
        this.m2 = NativeMatrix.zeros(dim, dim);
    }

    private GaussianStatsAccumulator(int dim, double[] mean, NativeMatrix m2, long count) {
        this.dim = dim;
        this.mean = mean;
        this.m2 = m2;
        this.count = count;
    }

    /** Feature dimension d. */
    public int dim() {
        return dim;
    }

    /** Samples seen so far. */
    public long count() {
        return count;
    }

    /** Adds a batch [N, d] of any floating type. */
    public void add(INDArray batch) {
        if (batch.rank() != 2 || batch.columns() != dim) {
            throw new IllegalArgumentException("expected a feature batch [N, " + dim + "], got shape "
                    + Arrays.toString(batch.shape()));
        }
        if (batch.rows() == 0) {
            return;
        }
        double[] v = batch.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        add(v, (int) batch.rows());
    }

    /** Adds {@code rows} feature vectors given row-major as float32. */
    public void add(float[] rowMajor, int rows) {
        double[] v = new double[rowMajor.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = rowMajor[i];
        }
        add(v, rows);
    }

    /** Adds every row of a feature matrix, in blocks. */
    public void add(FeatureMatrix m) {
        if (m.cols() != dim) {
            throw new IllegalArgumentException("expected features of dimension " + dim + ", got " + m.cols());
        }
        int block = Math.max(1, (1 << 22) / dim);
        for (int from = 0; from < m.rows(); from += block) {
            int to = Math.min(m.rows(), from + block);
            add(m.rowsAsDouble(from, to), to - from);
        }
    }

    /** Adds {@code rows} feature vectors given row-major as float64 (the array is not modified). */
    public void add(double[] rowMajor, int rows) {
        if (rows < 0 || (long) rows * dim != rowMajor.length) {
            throw new IllegalArgumentException("expected " + rows + "×" + dim + " = " + (long) rows * dim
                    + " values, got " + rowMajor.length);
        }
        if (rows == 0) {
            return;
        }
        double[] batchMean = new double[dim];
        for (int i = 0; i < rows; i++) {
            int o = i * dim;
            for (int j = 0; j < dim; j++) {
                double x = rowMajor[o + j];
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("features must be finite, found " + x + " at row " + i
                            + ", column " + j + " of the batch");
                }
                batchMean[j] += x;
            }
        }
        for (int j = 0; j < dim; j++) {
            batchMean[j] /= rows;
        }
        double[] centred = new double[rowMajor.length];
        for (int i = 0; i < rows; i++) {
            int o = i * dim;
            for (int j = 0; j < dim; j++) {
                centred[o + j] = rowMajor[o + j] - batchMean[j];
            }
        }
        // row-major rows×d is column-major d×rows: M2 += Xcᵀ·Xc is syrk on that d×rows matrix
        try (NativeMatrix xt = NativeMatrix.ofColumnMajor(centred, dim, rows)) {
            m2.syrkLower(1.0, xt, 1.0);
        }
        combine(batchMean, rows);
    }

    private void combine(double[] otherMean, long otherCount) {
        long n = count + otherCount;
        double[] delta = new double[dim];
        for (int j = 0; j < dim; j++) {
            delta[j] = otherMean[j] - mean[j];
        }
        if (count > 0) {
            m2.syrLower((double) count * otherCount / n, delta);
        }
        double w = (double) otherCount / n;
        for (int j = 0; j < dim; j++) {
            mean[j] += delta[j] * w;
        }
        count = n;
    }

    /** Merges another accumulator's samples into this one (Chan's parallel update). */
    public void merge(GaussianStatsAccumulator other) {
        if (other.dim != dim) {
            throw new IllegalArgumentException("cannot merge statistics of dimension " + other.dim + " into " + dim);
        }
        if (other.count == 0) {
            return;
        }
        m2.addScaled(1.0, other.m2);
        combine(other.mean, other.count);
    }

    /**
     * The statistics so far.
     *
     * @throws IllegalStateException with fewer than 2 samples (the unbiased covariance needs N ≥ 2)
     */
    public GaussianStats toStats(StatsProvenance provenance) {
        if (count < 2) {
            throw new IllegalStateException("statistics need at least 2 samples, got " + count);
        }
        double[] lower = m2.toColumnMajor();
        double[] cov = new double[lower.length];
        double s = 1.0 / (count - 1);
        for (int j = 0; j < dim; j++) {
            for (int i = j; i < dim; i++) {
                double v = lower[i + j * dim] * s;
                cov[i * dim + j] = v;
                cov[j * dim + i] = v;
            }
        }
        return new GaussianStats(mean, cov, count, provenance);
    }

    private Object writeReplace() {
        double[] full = m2.toColumnMajor();
        double[] lower = new double[dim * (dim + 1) / 2];
        int k = 0;
        for (int j = 0; j < dim; j++) {
            for (int i = j; i < dim; i++) {
                lower[k++] = full[i + j * dim];
            }
        }
        return new Serial(dim, count, mean.clone(), lower);
    }

    private void readObject(ObjectInputStream in) throws java.io.InvalidObjectException {
        throw new java.io.InvalidObjectException("an accumulator is read through its serial form");
    }

    /** The serial form: count, mean and the lower triangle of M2, column by column. */
    private record Serial(int dim, long count, double[] mean, double[] lower) implements Serializable {
        private Object readResolve() throws java.io.InvalidObjectException {
            if (dim < 1 || count < 0 || mean == null || mean.length != dim || lower == null
                    || lower.length != (long) dim * (dim + 1) / 2) {
                throw new java.io.InvalidObjectException("inconsistent serialized accumulator of dimension " + dim);
            }
            double[] full = new double[dim * dim];
            int k = 0;
            for (int j = 0; j < dim; j++) {
                for (int i = j; i < dim; i++) {
                    full[i + j * dim] = lower[k++];
                }
            }
            return new GaussianStatsAccumulator(dim, mean.clone(), NativeMatrix.ofColumnMajor(full, dim, dim), count);
        }
    }

    /** Releases the native scatter matrix now (otherwise it goes with garbage collection). */
    @Override
    public void close() {
        m2.close();
    }
}
