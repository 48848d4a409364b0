package org.ganeval4j.preprocess.internal;

/**
 * TensorFlow 1.x {@code tf.image.resize_bilinear(align_corners=False)} as torch-fidelity re-implements it
 * ({@code interpolate_bilinear_2d_like_tensorflow1x}, method 'slow'; torch-fidelity, and torchmetrics' default up to 1.7.4), float32
 * throughout and without a half-pixel offset: output index {@code i} samples source position {@code i*in/out}.
 *
 * <p>Per axis: {@code s = (float) (in / (double) out)}, {@code g = i*s}, {@code lo = (long) g},
 * {@code hi = min(lo+1, in-1)}, {@code d = g - lo}. Along the width {@code a = x[lo] + (x[hi] - x[lo])*d}; along
 * the height {@code out = a[lo] + (a[hi] - a[lo])*d}. No antialiasing.
 */
public final class Tf1Bilinear extends PlaneResizer {
    private static final TableCache<Axis> CACHE = new TableCache<>(Tf1Bilinear::axis);

    private final Axis rows;
    private final Axis cols;

    public Tf1Bilinear(int inHeight, int inWidth, int outHeight, int outWidth) {
        super(inHeight, inWidth, outHeight, outWidth);
        this.rows = CACHE.get(inHeight, outHeight);
        this.cols = CACHE.get(inWidth, outWidth);
    }

    /** Source indices and fractions of each output index along one axis. */
    record Axis(int[] lo, int[] hi, float[] d) {
    }

    static Axis axis(int in, int out) {
        int[] lo = new int[out];
        int[] hi = new int[out];
        float[] d = new float[out];
        float s = (float) ((double) in / (double) out);
        for (int i = 0; i < out; i++) {
            float g = (float) i * s;
            int l = (int) Math.min((long) g, in - 1);
            lo[i] = l;
            hi[i] = Math.min(l + 1, in - 1);
            d[i] = g - (float) l;
        }
        return new Axis(lo, hi, d);
    }

    @Override
    protected void horizontal(float[] src, int srcOff, float[] dst, int dstOff) {
        int[] lo = cols.lo;
        int[] hi = cols.hi;
        float[] f = cols.d;
        for (int r = 0; r < inHeight; r++) {
            int s = srcOff + r * inWidth;
            int d = dstOff + r * outWidth;
            for (int x = 0; x < outWidth; x++) {
                float x0 = src[s + lo[x]];
                dst[d + x] = x0 + (src[s + hi[x]] - x0) * f[x];
            }
        }
    }

    @Override
    protected void vertical(float[] src, int srcOff, float[] dst, int dstOff, Workspace ws) {
        int w = outWidth;
        for (int y = 0; y < outHeight; y++) {
            int a = srcOff + rows.lo[y] * w;
            int b = srcOff + rows.hi[y] * w;
            float f = rows.d[y];
            int d = dstOff + y * w;
            for (int x = 0; x < w; x++) {
                float top = src[a + x];
                dst[d + x] = top + (src[b + x] - top) * f;
            }
        }
    }
}
