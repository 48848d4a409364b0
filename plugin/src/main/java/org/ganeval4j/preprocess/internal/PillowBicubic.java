package org.ganeval4j.preprocess.internal;

/**
 * Pillow's {@code Image.resize(size, BICUBIC)} of a mode 'F' (float32) image, as clean-fid's 'clean' mode applies
 * it per channel (Pillow 9.x {@code libImaging/Resample.c}), followed by clean-fid's {@code clip(0, 255)}.
 *
 * <p>Per axis, in double: {@code scale = in/out}, {@code fs = max(scale, 1)}, {@code support = 2*fs}; for output
 * index {@code i}: {@code center = (i+0.5)*scale}, {@code xmin = max((int)(center - support + 0.5), 0)},
 * {@code xmax = min((int)(center + support + 0.5), in)}, weights
 * {@code w_j = cubic((j + xmin - center + 0.5) * (1/fs))} for {@code j < xmax - xmin}, normalised by their sum;
 * {@code cubic} is Keys' kernel with {@code a = -0.5}. The horizontal pass runs only when the width changes, the
 * vertical only when the height changes; each output is a sequential double sum of float32 inputs times double
 * weights, stored as float32 (the intermediate image too). The support widens with the scale, so downscaling
 * low-pass filters (antialiases).
 */
public final class PillowBicubic extends PlaneResizer {
    private static final TableCache<Axis> CACHE = new TableCache<>(PillowBicubic::axis);

    private final Axis rows;
    private final Axis cols;

    public PillowBicubic(int inHeight, int inWidth, int outHeight, int outWidth) {
        super(inHeight, inWidth, outHeight, outWidth);
        this.rows = CACHE.get(inHeight, outHeight);
        this.cols = CACHE.get(inWidth, outWidth);
    }

    /** For output index i: taps {@code start[i] .. start[i]+count[i]-1} with weights {@code w[i*ksize + j]}. */
    record Axis(int[] start, int[] count, int ksize, double[] w) {
    }

    static double cubic(double x) {
        final double a = -0.5;
        if (x < 0.0) {
            x = -x;
        }
        if (x < 1.0) {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
    }

    static Axis axis(int in, int out) {
        double scale = (double) in / out;
        double filterScale = Math.max(scale, 1.0);
        double support = 2.0 * filterScale;
        double ss = 1.0 / filterScale;
        int ksize = (int) Math.ceil(support) * 2 + 1;
        int[] start = new int[out];
        int[] count = new int[out];
        double[] w = new double[out * ksize];
        for (int i = 0; i < out; i++) {
            double center = (i + 0.5) * scale;
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int xmax = Math.min((int) (center + support + 0.5), in) - xmin;
            double sum = 0.0;
            int k = i * ksize;
            for (int j = 0; j < xmax; j++) {
                double v = cubic(((double) (j + xmin) - center + 0.5) * ss);
                w[k + j] = v;
                sum += v;
            }
            if (sum != 0.0) {
                for (int j = 0; j < xmax; j++) {
                    w[k + j] /= sum;
                }
            }
            start[i] = xmin;
            count[i] = xmax;
        }
        return new Axis(start, count, ksize, w);
    }

    @Override
    protected void horizontal(float[] src, int srcOff, float[] dst, int dstOff) {
        int[] start = cols.start;
        int[] count = cols.count;
        double[] w = cols.w;
        int ksize = cols.ksize;
        for (int r = 0; r < inHeight; r++) {
            int s = srcOff + r * inWidth;
            int d = dstOff + r * outWidth;
            for (int x = 0; x < outWidth; x++) {
                int p = s + start[x];
                int k = x * ksize;
                double acc = 0.0;
                for (int j = 0, n = count[x]; j < n; j++) {
                    acc += src[p + j] * w[k + j];
                }
                dst[d + x] = (float) acc;
            }
        }
    }

    @Override
    protected void vertical(float[] src, int srcOff, float[] dst, int dstOff, Workspace ws) {
        int width = outWidth;
        double[] acc = ws.doubles(width);
        for (int y = 0; y < outHeight; y++) {
            java.util.Arrays.fill(acc, 0, width, 0.0);
            int k = y * rows.ksize;
            for (int j = 0, n = rows.count[y]; j < n; j++) {
                int s = srcOff + (rows.start[y] + j) * width;
                double wj = rows.w[k + j];
                for (int x = 0; x < width; x++) {
                    acc[x] += src[s + x] * wj;
                }
            }
            int d = dstOff + y * width;
            for (int x = 0; x < width; x++) {
                dst[d + x] = (float) acc[x];
            }
        }
    }

    /** clean-fid's {@code np.clip(x, 0, 255)}. */
    @Override
    protected void finish(float[] dst, int dstOff, int length) {
        for (int i = dstOff, end = dstOff + length; i < end; i++) {
            float v = dst[i];
            dst[i] = v < 0f ? 0f : (v > 255f ? 255f : v);
        }
    }
}
