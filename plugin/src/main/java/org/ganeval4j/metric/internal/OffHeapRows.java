package org.ganeval4j.metric.internal;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;

/**
 * A row-major float64 matrix in native memory, for OpenBLAS ({@code cblas_dgemm}, {@code cblas_dsyrk}).
 * Float32 inputs are widened exactly. Holds {@code 8 · rows · cols} bytes until {@link #close()}.
 * Not thread safe.
 */
public final class OffHeapRows implements AutoCloseable {
    private static final int ROW_MAJOR = openblas.CblasRowMajor;
    private static final int NO_TRANS = openblas.CblasNoTrans;
    private static final int TRANS = openblas.CblasTrans;
    private static final int UPPER = openblas.CblasUpper;
    /** Doubles converted per transfer chunk. */
    private static final int CHUNK = 1 << 16;

    private final DoublePointer pointer;
    private final int rows;
    private final int cols;

    private OffHeapRows(int rows, int cols) {
        if (rows < 0 || cols < 1) {
            throw new IllegalArgumentException("expected rows >= 0 and cols >= 1, found " + rows + " × " + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.pointer = new DoublePointer(Math.max(1L, (long) rows * cols));
    }

    /** An uninitialised {@code rows × cols} matrix. */
    public static OffHeapRows allocate(int rows, int cols) {
        return new OffHeapRows(rows, cols);
    }

    /** A float64 copy of the row-major float32 matrix {@code data} ({@code rows × cols}). */
    public static OffHeapRows copyOf(float[] data, int rows, int cols) {
        OffHeapRows m = new OffHeapRows(rows, cols);
        double[] buf = new double[Math.min(CHUNK, Math.max(1, data.length))];
        for (int start = 0; start < data.length; start += buf.length) {
            int len = Math.min(buf.length, data.length - start);
            for (int i = 0; i < len; i++) {
                buf[i] = data[start + i];
            }
            m.pointer.position(start).put(buf, 0, len);
        }
        m.pointer.position(0);
        return m;
    }

    /**
     * Overwrites the first {@code rowIndex.length} rows with rows {@code rowIndex[i]} of the
     * row-major float32 matrix {@code source} (same number of columns), widened to float64.
     */
    public void gather(float[] source, int[] rowIndex) {
        if (rowIndex.length > rows) {
            throw new IllegalArgumentException("gathering " + rowIndex.length + " rows into a matrix of " + rows);
        }
        int rowsPerChunk = Math.max(1, CHUNK / cols);
        double[] buf = new double[rowsPerChunk * cols];
        for (int r0 = 0; r0 < rowIndex.length; r0 += rowsPerChunk) {
            int n = Math.min(rowsPerChunk, rowIndex.length - r0);
            for (int r = 0; r < n; r++) {
                int src = rowIndex[r0 + r] * cols;
                int dst = r * cols;
                for (int c = 0; c < cols; c++) {
                    buf[dst + c] = source[src + c];
                }
            }
            pointer.position((long) r0 * cols).put(buf, 0, n * cols);
        }
        pointer.position(0);
    }

    /** Number of rows. */
    public int rows() {
        return rows;
    }

    /** Number of columns. */
    public int cols() {
        return cols;
    }

    /** Copies {@code length} values from flat index {@code offset} into {@code target[0, length)}. */
    public void read(long offset, double[] target, int length) {
        read(offset, target, 0, length);
    }

    /** Copies {@code length} values from flat index {@code offset} into {@code target[targetOffset, +length)}. */
    public void read(long offset, double[] target, int targetOffset, int length) {
        pointer.position(offset).get(target, targetOffset, length);
        pointer.position(0);
    }

    private DoublePointer at(long rowOffset) {
        return new DoublePointer(pointer).position(rowOffset * cols);
    }

    /**
     * {@code out[0 .. count) × b.rows} = rows {@code [first, first + count)} of {@code a} times
     * {@code bᵀ}, row-major with leading dimension {@code b.rows} (a block of the Gram matrix).
     */
    public static void gramBlock(OffHeapRows a, int first, int count, OffHeapRows b, OffHeapRows out) {
        if (a.cols != b.cols) {
            throw new IllegalArgumentException("dimension mismatch: " + a.cols + " vs " + b.cols);
        }
        if ((long) count * b.rows > (long) out.rows * out.cols) {
            throw new IllegalArgumentException("output holds " + (long) out.rows * out.cols + " values, needs " + (long) count * b.rows);
        }
        if (count == 0 || b.rows == 0) {
            return;
        }
        openblas.cblas_dgemm(ROW_MAJOR, NO_TRANS, TRANS, count, b.rows, a.cols, 1.0, a.at(first), a.cols,
                b.at(0), b.cols, 0.0, out.at(0).position(0), b.rows);
    }

    /**
     * {@code out[0 .. aCount) × bCount} = rows {@code [aFirst, aFirst + aCount)} of {@code a} times
     * the transpose of rows {@code [bFirst, bFirst + bCount)} of {@code b}, row-major with leading
     * dimension {@code bCount} (one tile of the Gram matrix).
     */
    public static void gramTile(OffHeapRows a, int aFirst, int aCount, OffHeapRows b, int bFirst, int bCount, OffHeapRows out) {
        if (a.cols != b.cols) {
            throw new IllegalArgumentException("dimension mismatch: " + a.cols + " vs " + b.cols);
        }
        if ((long) aCount * bCount > (long) out.rows * out.cols) {
            throw new IllegalArgumentException("output holds " + (long) out.rows * out.cols + " values, needs " + (long) aCount * bCount);
        }
        if (aCount == 0 || bCount == 0) {
            return;
        }
        openblas.cblas_dgemm(ROW_MAJOR, NO_TRANS, TRANS, aCount, bCount, a.cols, 1.0, a.at(aFirst), a.cols, b.at(bFirst), b.cols,
                0.0, out.at(0).position(0), bCount);
    }

    /**
     * The upper triangle (with the diagonal) of {@code a_S a_Sᵀ} for the first {@code n} rows of
     * {@code a}, into {@code out} row-major with leading dimension {@code n}; the strict lower
     * triangle of {@code out} is left untouched.
     */
    public static void gramUpper(OffHeapRows a, int n, OffHeapRows out) {
        if ((long) n * n > (long) out.rows * out.cols) {
            throw new IllegalArgumentException("output holds " + (long) out.rows * out.cols + " values, needs " + (long) n * n);
        }
        if (n == 0) {
            return;
        }
        openblas.cblas_dsyrk(ROW_MAJOR, UPPER, NO_TRANS, n, a.cols, 1.0, a.at(0), a.cols, 0.0, out.at(0).position(0), n);
    }

    /**
     * {@code out = a_n · b_nᵀ} for the first {@code n} rows of {@code a} and of {@code b}, row-major
     * {@code n × n}.
     */
    public static void gramCross(OffHeapRows a, OffHeapRows b, int n, OffHeapRows out) {
        if (a.cols != b.cols) {
            throw new IllegalArgumentException("dimension mismatch: " + a.cols + " vs " + b.cols);
        }
        if ((long) n * n > (long) out.rows * out.cols) {
            throw new IllegalArgumentException("output holds " + (long) out.rows * out.cols + " values, needs " + (long) n * n);
        }
        if (n == 0) {
            return;
        }
        openblas.cblas_dgemm(ROW_MAJOR, NO_TRANS, TRANS, n, n, a.cols, 1.0, a.at(0), a.cols, b.at(0), b.cols, 0.0,
                out.at(0).position(0), n);
    }

    @Override
    public void close() {
        pointer.close();
    }
}
