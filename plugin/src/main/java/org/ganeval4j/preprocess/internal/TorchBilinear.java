package org.ganeval4j.preprocess.internal;

/**
 * PyTorch {@code F.interpolate(x, size, mode='bilinear', align_corners=False)} without antialiasing, as ATen's
 * generic NCHW CPU kernel computes it for float32 (torch 1.13, AVX2+FMA build); used by pytorch-fid.
 *
 * <p>Per axis, with {@code scale = (float) in / (float) out} and output index {@code i}:
 * {@code src = max(scale*(i+0.5) - 0.5, 0)} (in double), {@code i0 = min((long) src, in-1)},
 * {@code i1 = i0 + (i0 < in-1 ? 1 : 0)}, {@code l1 = (float) clamp(src - i0, 0, 1)}, {@code l0 = 1f - l1}.
 * A row is {@code fma(x[i0], l0, x[i1]*l1)} along the width, the output {@code fma(row[y0], l0, row[y1]*l1)}
 * along the height, all in float32.
 */
public final class TorchBilinear extends PlaneResizer {
    private static final TableCache<Axis> CACHE = new TableCache<>(TorchBilinear::axis);

    private final Axis rows;
    private final Axis cols;

    public TorchBilinear(int inHeight, int inWidth, int outHeight, int outWidth) {
        super(inHeight, inWidth, outHeight, outWidth);
        this.rows = CACHE.get(inHeight, outHeight);
        this.cols = CACHE.get(inWidth, outWidth);
    }

    /** Source indices and weights of each output index along one axis. */
    record Axis(int[] i0, int[] i1, float[] l0, float[] l1) {
    }

    static Axis axis(int in, int out) {
        int[] i0 = new int[out];
        int[] i1 = new int[out];
        float[] l0 = new float[out];
        float[] l1 = new float[out];
        float scale = (float) in / (float) out;
        for (int i = 0; i < out; i++) {
            double src = Math.max(scale * (i + 0.5) - 0.5, 0.0);
            int a = (int) Math.min((long) src, in - 1);
            i0[i] = a;
            i1[i] = a + (a < in - 1 ? 1 : 0);
            l1[i] = (float) Math.min(Math.max(src - a, 0.0), 1.0);
            l0[i] = 1f - l1[i];
        }
        return new Axis(i0, i1, l0, l1);
    }

    @Override
    protected void horizontal(float[] src, int srcOff, float[] dst, int dstOff) {
        int[] i0 = cols.i0;
        int[] i1 = cols.i1;
        float[] l0 = cols.l0;
        float[] l1 = cols.l1;
        for (int r = 0; r < inHeight; r++) {
            int s = srcOff + r * inWidth;
            int d = dstOff + r * outWidth;
            for (int x = 0; x < outWidth; x++) {
                dst[d + x] = Fma.fma(src[s + i0[x]], l0[x], src[s + i1[x]] * l1[x]);
            }
        }
    }

    @Override
    protected void vertical(float[] src, int srcOff, float[] dst, int dstOff, Workspace ws) {
        int w = outWidth;
        for (int y = 0; y < outHeight; y++) {
            int a = srcOff + rows.i0[y] * w;
            int b = srcOff + rows.i1[y] * w;
            float w0 = rows.l0[y];
            float w1 = rows.l1[y];
            int d = dstOff + y * w;
            for (int x = 0; x < w; x++) {
                dst[d + x] = Fma.fma(src[a + x], w0, src[b + x] * w1);
            }
        }
    }
}
