package org.ganeval4j.feature;

import java.util.List;

/**
 * Images as vectors whose squared distance is their LPIPS distance:
 * {@code φ(x) = concat_l √|w_l| ⊙ f̂_l(x) / √(H_l W_l)} (f̂_l: tap l normalised over channels,
 * w_l: its linear head, one value per channel, broadcast over H_l×W_l; channels with w = 0 are left
 * out), so that
 * <pre>LPIPS(x, y) = Σ_l (1/H_lW_l) Σ_{c,h,w} w_lc (f̂_l(x) − f̂_l(y))²_chw = Σ_k s_k (φ_k(x) − φ_k(y))²</pre>
 * with {@code s_k = sign(w)} of column k. The lpips v0.1 and v0.0 heads are non-negative (checked
 * when they are loaded), so {@code s_k = +1} and LPIPS is a squared Euclidean distance between
 * embeddings ({@link #nonNegative()}).
 *
 * <p>Immutable: values are copied on the way out.
 */
public final class LpipsEmbedding {
    private final float[] values;
    private final int rows;
    private final int dim;
    private final int[] layerOffsets;
    private final List<String> layerNames;
    private final boolean[] negative;

    LpipsEmbedding(float[] values, int rows, int dim, int[] layerOffsets, List<String> layerNames, boolean[] negative) {
        this.values = values;
        this.rows = rows;
        this.dim = dim;
        this.layerOffsets = layerOffsets.clone();
        this.layerNames = List.copyOf(layerNames);
        this.negative = negative == null ? null : negative.clone();
    }

    /** Number of images. */
    public int rows() {
        return rows;
    }

    /** Length of one embedding (depends on the image size). */
    public int dim() {
        return dim;
    }

    /** Row-major {@code rows × dim} values (a copy). */
    public float[] values() {
        return values.clone();
    }

    /** The embedding of image {@code i} (a copy). */
    public float[] row(int i) {
        float[] r = new float[dim];
        System.arraycopy(values, i * dim, r, 0, dim);
        return r;
    }

    /** Where each layer's columns start, and {@code dim} at the end ({@code layers + 1} values). */
    public int[] layerOffsets() {
        return layerOffsets.clone();
    }

    /** The layers (taps) in column order. */
    public List<String> layerNames() {
        return layerNames;
    }

    /** True when every column has weight sign +1 (no head has a negative weight). */
    public boolean nonNegative() {
        return negative == null;
    }

    /** Per column: true where the head weight is negative; null when none is. */
    public boolean[] negativeColumns() {
        return negative == null ? null : negative.clone();
    }

    /** {@code Σ_k s_k (φ_k(x_i) − φ_k(x_j))²} in float64: LPIPS(x_i, x_j). */
    public double distance(int i, int j) {
        double s = 0;
        int a = i * dim;
        int b = j * dim;
        for (int k = 0; k < dim; k++) {
            double d = (double) values[a + k] - values[b + k];
            s += negative != null && negative[k] ? -d * d : d * d;
        }
        return s;
    }
}
