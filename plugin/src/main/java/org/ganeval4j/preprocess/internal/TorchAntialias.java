package org.ganeval4j.preprocess.internal;

/**
 * PyTorch {@code F.interpolate(x, size, mode='bilinear', align_corners=False, antialias=True)} for float32 on CPU
 * (torch 1.13, ATen's separable antialiased kernel, AVX2+FMA build), as torchmetrics (1.8.0 and later) resizes
 * for FID, KID and IS by default: a Pillow-like triangle filter whose support grows with the downscaling factor.
 *
 * <p>Per axis, in float32 like ATen's {@code scalar_t}: {@code scale = (float) in / (float) out},
 * {@code support = scale >= 1 ? scale : 1}, {@code invscale = scale >= 1 ? (float) (1.0/scale) : 1}; for output
 * index {@code i}: {@code center = (float) (scale*(i+0.5))}, {@code xmin = max((long) ((center - support) + 0.5), 0)},
 * {@code xsize = min((long) ((center + support) + 0.5), in) - xmin},
 * {@code w_j = (float) max(0, 1 - |(float) (((j + xmin) - center + 0.5) * invscale)|)}, normalised by their float
 * sum. Width pass, then height pass.
 *
 * <p>Each output accumulates its taps in float32 in the order gcc compiled ATen's loop
 * {@code out = t0*w0; for (j = 1; j < n; j++) out += t_j*w_j;} (AVX2, {@code -O2}): the {@code n-1} additions run
 * in blocks of four with separately rounded products ({@code out = out + round(t_j*w_j)}, the vectorised loop
 * body) and the last {@code (n-1) % 4} as fused {@code fma(t_j, w_j, out)} (the scalar epilogue). Measured against
 * the Debian torch 1.13.1 build by probing one axis at a time; a plain fused or unfused chain differs by up to
 * 3 ulps once an output has five or more taps. When upscaling (at most three taps) it equals plain bilinear up to
 * rounding.
 */
public final class TorchAntialias extends PlaneResizer {
    private static final TableCache<Axis> CACHE = new TableCache<>(TorchAntialias::axis);

    private final Axis rows;
    private final Axis cols;

    public TorchAntialias(int inHeight, int inWidth, int outHeight, int outWidth) {
        super(inHeight, inWidth, outHeight, outWidth);
        this.rows = CACHE.get(inHeight, outHeight);
        this.cols = CACHE.get(inWidth, outWidth);
    }

    /** For output index i: taps {@code start[i] .. start[i]+count[i]-1} with weights {@code w[i*ksize + j]}. */
    record Axis(int[] start, int[] count, int ksize, float[] w) {
    }

    static float triangle(float x) {
        if (x < 0f) {
            x = -x;
        }
        return x < 1f ? (float) (1.0 - x) : 0f;
    }

    static Axis axis(int in, int out) {
        float scale = (float) in / (float) out;
        float support = scale >= 1f ? (float) (1.0 * scale) : 1f;
        float invscale = scale >= 1f ? (float) (1.0 / scale) : 1f;
        int ksize = (int) Math.ceil(support) * 2 + 1;
        int[] start = new int[out];
        int[] count = new int[out];
        float[] w = new float[out * ksize];
        for (int i = 0; i < out; i++) {
            float center = (float) (scale * (i + 0.5));
            int xmin = (int) Math.max((long) ((double) (center - support) + 0.5), 0L);
            int xsize = (int) Math.min((long) ((double) (center + support) + 0.5), in) - xmin;
            float total = 0f;
            int k = i * ksize;
            for (int j = 0; j < xsize; j++) {
                float arg = (float) (((double) ((float) (j + xmin) - center) + 0.5) * invscale);
                float v = triangle(arg);
                w[k + j] = v;
                total += v;
            }
            if (total != 0f) {
                for (int j = 0; j < xsize; j++) {
                    w[k + j] /= total;
                }
            }
            start[i] = xmin;
            count[i] = xsize;
        }
        return new Axis(start, count, ksize, w);
    }

    @Override
    protected void horizontal(float[] src, int srcOff, float[] dst, int dstOff) {
        int[] start = cols.start;
        int[] count = cols.count;
        float[] w = cols.w;
        int ksize = cols.ksize;
        for (int r = 0; r < inHeight; r++) {
            int s = srcOff + r * inWidth;
            int d = dstOff + r * outWidth;
            for (int x = 0; x < outWidth; x++) {
                int p = s + start[x];
                int k = x * ksize;
                int n = count[x];
                int blocked = 1 + ((n - 1) & ~3);
                float acc = src[p] * w[k];
                for (int j = 1; j < blocked; j++) {
                    acc += src[p + j] * w[k + j];
                }
                for (int j = blocked; j < n; j++) {
                    acc = Fma.fma(src[p + j], w[k + j], acc);
                }
                dst[d + x] = acc;
            }
        }
    }

    @Override
    protected void vertical(float[] src, int srcOff, float[] dst, int dstOff, Workspace ws) {
        int width = outWidth;
        for (int y = 0; y < outHeight; y++) {
            int k = y * rows.ksize;
            int d = dstOff + y * width;
            int s0 = srcOff + rows.start[y] * width;
            float w0 = rows.w[k];
            for (int x = 0; x < width; x++) {
                dst[d + x] = src[s0 + x] * w0;
            }
            int n = rows.count[y];
            int blocked = 1 + ((n - 1) & ~3);
            for (int j = 1; j < blocked; j++) {
                int s = s0 + j * width;
                float wj = rows.w[k + j];
                for (int x = 0; x < width; x++) {
                    dst[d + x] += src[s + x] * wj;
                }
            }
            for (int j = blocked; j < n; j++) {
                int s = s0 + j * width;
                float wj = rows.w[k + j];
                for (int x = 0; x < width; x++) {
                    dst[d + x] = Fma.fma(src[s + x], wj, dst[d + x]);
                }
            }
        }
    }
}
