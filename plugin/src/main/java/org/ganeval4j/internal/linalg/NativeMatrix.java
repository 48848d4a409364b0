package org.ganeval4j.internal.linalg;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;

/**
 * A dense float64 matrix in column-major native memory, with the few BLAS/LAPACK operations the
 * statistics need. A row-major {@code n×d} Java array is the same memory as this class's
 * column-major {@code d×n} matrix, which is how feature rows are handed over without a copy
 * of the layout.
 *
 * <p>Native memory is released by {@link #close()} or, failing that, when the object is garbage
 * collected (JavaCPP deallocator). Not thread safe.
 */
public final class NativeMatrix implements AutoCloseable {
    static {
        Loader.load(openblas.class);
    }

    private final int rows;
    private final int cols;
    private final DoublePointer data;

    /** Loads the native library (this class's initialisation); returns at once when it is loaded. */
    public static void load() {
        // the static initialiser does the work
    }

    private NativeMatrix(int rows, int cols, DoublePointer data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** A zero matrix. */
    public static NativeMatrix zeros(int rows, int cols) {
        DoublePointer p = new DoublePointer((long) rows * cols);
        p.fill(0);
        return new NativeMatrix(rows, cols, p);
    }

    /**
     * A matrix whose elements are whatever the allocator left there: for a matrix about to be
     * filled through {@link #buffer()} (touching fresh memory twice costs time on large matrices).
     */
    public static NativeMatrix uninitialised(int rows, int cols) {
        return new NativeMatrix(rows, cols, new DoublePointer((long) rows * cols));
    }

    /** The column-major elements as a buffer over the native memory (no copy), position 0. */
    public java.nio.DoubleBuffer buffer() {
        return data.asBuffer();
    }

    /** A matrix whose column-major elements are {@code values} (copied). */
    public static NativeMatrix ofColumnMajor(double[] values, int rows, int cols) {
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException("expected " + (long) rows * cols + " values, got " + values.length);
        }
        return new NativeMatrix(rows, cols, new DoublePointer(values));
    }

    /** A matrix whose column-major elements are the remaining values of {@code values} (copied; the buffer is not moved). */
    public static NativeMatrix ofColumnMajor(java.nio.DoubleBuffer values, int rows, int cols) {
        NativeMatrix m = new NativeMatrix(rows, cols, new DoublePointer((long) rows * cols));
        m.setColumnMajor(values);
        return m;
    }

    /** Replaces the elements with the remaining values of {@code values} (column-major, same size; the buffer is not moved). */
    public void setColumnMajor(java.nio.DoubleBuffer values) {
        if (values.remaining() != (long) rows * cols) {
            throw new IllegalArgumentException("expected " + (long) rows * cols + " values, got " + values.remaining());
        }
        data.asBuffer().put(values.duplicate());
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    DoublePointer pointer() {
        return data;
    }

    /** Element (i, j). */
    public double get(int i, int j) {
        return data.get(i + (long) j * rows);
    }

    /** Sets element (i, j). */
    public void set(int i, int j, double v) {
        data.put(i + (long) j * rows, v);
    }

    /** The column-major elements (a copy). */
    public double[] toColumnMajor() {
        double[] out = new double[Math.toIntExact((long) rows * cols)];
        data.get(out);
        return out;
    }

    /** A copy of this matrix. */
    public NativeMatrix copy() {
        DoublePointer p = new DoublePointer((long) rows * cols);
        Pointer.memcpy(p, data, (long) rows * cols * Double.BYTES);
        return new NativeMatrix(rows, cols, p);
    }

    /** Copies the lower triangle of a square matrix into its upper triangle. */
    public void symmetrizeFromLower() {
        requireSquare();
        double[] a = toColumnMajor();
        int n = rows;
        for (int j = 0; j < n; j++) {
            for (int i = j + 1; i < n; i++) {
                a[j + i * n] = a[i + j * n];
            }
        }
        data.put(a);
    }

    /** Replaces the elements with {@code values} (column-major, same size). */
    public void setColumnMajor(double[] values) {
        if (values.length != (long) rows * cols) {
            throw new IllegalArgumentException("expected " + (long) rows * cols + " values, got " + values.length);
        }
        data.put(values);
    }

    /** {@code this := beta·this + alpha·A·Aᵀ}, lower triangle only ({@code dsyrk}). */
    public void syrkLower(double alpha, NativeMatrix a, double beta) {
        requireSquare();
        if (a.rows != rows) {
            throw new IllegalArgumentException("syrk: " + a.rows + " rows, expected " + rows);
        }
        openblas.cblas_dsyrk(openblas.CblasColMajor, openblas.CblasLower, openblas.CblasNoTrans, rows, a.cols,
                alpha, a.data, a.rows, beta, data, rows);
    }

    /** {@code this := beta·this + alpha·Aᵀ·A}, lower triangle only ({@code dsyrk}). */
    public void syrkTransLower(double alpha, NativeMatrix a, double beta) {
        requireSquare();
        if (a.cols != rows) {
            throw new IllegalArgumentException("syrk: " + a.cols + " cols, expected " + rows);
        }
        openblas.cblas_dsyrk(openblas.CblasColMajor, openblas.CblasLower, openblas.CblasTrans, rows, a.rows,
                alpha, a.data, a.rows, beta, data, rows);
    }

    /** {@code this := this + alpha·x·xᵀ}, lower triangle only ({@code dsyr}). */
    public void syrLower(double alpha, double[] x) {
        requireSquare();
        try (DoublePointer px = new DoublePointer(x)) {
            openblas.cblas_dsyr(openblas.CblasColMajor, openblas.CblasLower, rows, alpha, px, 1, data, rows);
        }
    }

    /** {@code this := this + alpha·B} elementwise ({@code daxpy}). */
    public void addScaled(double alpha, NativeMatrix b) {
        if (b.rows != rows || b.cols != cols) {
            throw new IllegalArgumentException("shape mismatch");
        }
        openblas.cblas_daxpy(rows * cols, alpha, b.data, 1, data, 1);
    }

    /** {@code C = alpha·op(A)·op(B)} as a new matrix ({@code dgemm}). */
    public static NativeMatrix gemm(double alpha, NativeMatrix a, boolean transA, NativeMatrix b, boolean transB) {
        int m = transA ? a.cols : a.rows;
        int k = transA ? a.rows : a.cols;
        int kb = transB ? b.cols : b.rows;
        int n = transB ? b.rows : b.cols;
        if (k != kb) {
            throw new IllegalArgumentException("gemm: inner dimensions " + k + " and " + kb);
        }
        NativeMatrix c = zeros(m, n);
        openblas.cblas_dgemm(openblas.CblasColMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, a.data, a.rows, b.data, b.rows,
                0.0, c.data, m);
        return c;
    }

    /**
     * {@code this := op(L)·this} ({@code left}) or {@code this := this·op(L)}, where {@code L} is the lower
     * triangle of the square matrix {@code l} ({@code dtrmm}).
     */
    public void trmmLower(NativeMatrix l, boolean left, boolean transpose) {
        l.requireSquare();
        openblas.cblas_dtrmm(openblas.CblasColMajor, left ? openblas.CblasLeft : openblas.CblasRight,
                openblas.CblasLower, transpose ? openblas.CblasTrans : openblas.CblasNoTrans, openblas.CblasNonUnit,
                rows, cols, 1.0, l.data, l.rows, data, rows);
    }

    /**
     * Pivoted Cholesky factorisation of this symmetric positive semi-definite matrix, in place
     * ({@code dpstrf}, lower): {@code Pᵀ·A·P = L·Lᵀ} with {@code L} of rank {@code r}. On return the
     * lower triangle holds {@code L}, with columns from {@code r} on and the strict upper triangle
     * set to zero.
     *
     * @return the permutation (0-based: row {@code k} of {@code Pᵀ·A·P} is row {@code piv[k]} of A) and the rank
     */
    public PivotedCholesky pivotedCholeskyInPlace() {
        requireSquare();
        int n = rows;
        try (IntPointer piv = new IntPointer(n); IntPointer rank = new IntPointer(1)) {
            int info = openblas.LAPACKE_dpstrf(openblas.LAPACK_COL_MAJOR, (byte) 'L', n, data, n, piv, rank, -1.0);
            if (info < 0) {
                throw new ArithmeticException("dpstrf: illegal argument " + (-info));
            }
            int r = rank.get();
            int[] p = new int[n];
            for (int i = 0; i < n; i++) {
                p[i] = piv.get(i) - 1;
            }
            zeroStrictUpper();
            if (r < n) {
                // JavaCPP passes a pointer's address plus its position
                data.position((long) r * n);
                try {
                    openblas.LAPACKE_dlaset(openblas.LAPACK_COL_MAJOR, (byte) 'A', n, n - r, 0.0, 0.0, data, n);
                } finally {
                    data.position(0);
                }
            }
            return new PivotedCholesky(p, r);
        }
    }

    /**
     * Cholesky factorisation {@code A = L·Lᵀ} of this symmetric matrix, in place ({@code dpotrf},
     * lower). On success the strict upper triangle is set to zero.
     *
     * @return false when the matrix is not (numerically) positive definite; its contents are then
     *         partly overwritten (restore them with {@link #setColumnMajor} before using it again)
     */
    public boolean choleskyInPlace() {
        requireSquare();
        int n = rows;
        int info = openblas.LAPACKE_dpotrf(openblas.LAPACK_COL_MAJOR, (byte) 'L', n, data, n);
        if (info != 0) {
            return false;
        }
        zeroStrictUpper();
        return true;
    }

    /** Sets the strict upper triangle of this square matrix to zero ({@code dlaset} on columns 1..n−1). */
    private void zeroStrictUpper() {
        int n = rows;
        if (n > 1) {
            data.position(n);
            try {
                openblas.LAPACKE_dlaset(openblas.LAPACK_COL_MAJOR, (byte) 'U', n - 1, n - 1, 0.0, 0.0, data, n);
            } finally {
                data.position(0);
            }
        }
    }

    /** Result of {@link #pivotedCholeskyInPlace()}. */
    public record PivotedCholesky(int[] permutation, int rank) {
    }

    /**
     * Eigenvalues (ascending) of the symmetric matrix held in the lower triangle of the leading
     * {@code n×n} block ({@code dsyev}, values only). Destroys the block's contents.
     */
    public double[] symmetricEigenvaluesInPlace(int n) {
        requireSquare();
        if (n == 0) {
            return new double[0];
        }
        try (DoublePointer w = new DoublePointer(n)) {
            // dsyev (tridiagonalisation + Pal-Walker-Kahan QR) is faster than dsyevd for values only
            int info = openblas.LAPACKE_dsyev(openblas.LAPACK_COL_MAJOR, (byte) 'N', (byte) 'L', n, data, rows, w);
            if (info != 0) {
                throw new ArithmeticException("symmetric eigendecomposition (dsyev) failed to converge, info=" + info);
            }
            double[] out = new double[n];
            w.get(out);
            return out;
        }
    }

    private void requireSquare() {
        if (rows != cols) {
            throw new IllegalArgumentException("expected a square matrix, got " + rows + "x" + cols);
        }
    }

    @Override
    public void close() {
        data.close();
    }
}
