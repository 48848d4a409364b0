package org.ganeval4j.feature.internal;

/**
 * Antialiased bilinear resizing as torch's
 * {@code F.interpolate(x, size, mode='bilinear', align_corners=False, antialias=True)} computes it
 * on float32 data (the {@code antialias} mode of torchmetrics' FID): a triangle filter whose support
 * grows with the shrink factor, width pass first, then height; weights and sums in float32. When
 * enlarging it equals plain bilinear interpolation ({@code align_corners=False}).
 *
 * <p>Per output index i along an axis of {@code in → out}: {@code scale = in/out} (float32),
 * {@code center = scale·(i + 0.5)}, {@code support = max(scale, 1)}, taps {@code j} from
 * {@code max(trunc(center − support + 0.5), 0)} to {@code min(trunc(center + support + 0.5), in)} with
 * weights {@code max(0, 1 − |(j − center + 0.5)/max(scale, 1)|)} normalised to sum 1; the output is
 * {@code Σ_j w_j x_j} accumulated with fused multiply-adds.
 *
 * <p>Interim: the {@code preprocess} package will provide the project's resize modes; until then
 * the extractors that need this one ({@link org.ganeval4j.feature.ImageNetFeatureExtractor}) use it.
 */
public final class AntialiasResize {
    private final int in;
    private final int out;
    private final int[] start;
    private final int[] size;
    private final float[] weights;
    private final int maxTaps;

    private AntialiasResize(int in, int out) {
        this.in = in;
        this.out = out;
        float scale = (float) in / (float) out;
        float support = scale >= 1f ? scale : 1f;
        float invScale = scale >= 1f ? 1f / scale : 1f;
        int taps = (int) Math.ceil(support) * 2 + 1;
        this.maxTaps = taps;
        this.start = new int[out];
        this.size = new int[out];
        this.weights = new float[out * taps];
        for (int i = 0; i < out; i++) {
            float center = (float) (scale * (i + 0.5));
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int xsize = Math.min((int) (center + support + 0.5), in) - xmin;
            xsize = Math.min(xsize, taps);
            float total = 0f;
            for (int j = 0; j < xsize; j++) {
                float x = (float) ((j + xmin - center + 0.5) * invScale);
                float ax = Math.abs(x);
                float w = ax < 1f ? 1f - ax : 0f;
                weights[i * taps + j] = w;
                total += w;
            }
            if (total != 0f) {
                for (int j = 0; j < xsize; j++) {
                    weights[i * taps + j] /= total;
                }
            }
            start[i] = xmin;
            size[i] = xsize;
        }
    }

    /**
     * Resizes one row-major {@code h × w} plane to {@code outH × outW}.
     */
    public static float[] resize(float[] src, int h, int w, int outH, int outW) {
        return resize(src, h, w, outH, outW, new AntialiasResize(w, outW), new AntialiasResize(h, outH));
    }

    /** Resizes with precomputed weights ({@code across}: width {@code w → outW}, {@code down}: height). */
    static float[] resize(float[] src, int h, int w, int outH, int outW, AntialiasResize across, AntialiasResize down) {
        float[] tmp;
        int tw;
        if (w != outW) {
            tmp = new float[h * outW];
            for (int r = 0; r < h; r++) {
                across.apply(src, r * w, 1, tmp, r * outW, 1);
            }
            tw = outW;
        } else {
            tmp = src;
            tw = w;
        }
        if (h == outH) {
            return tmp == src ? src.clone() : tmp;
        }
        float[] dst = new float[outH * outW];
        for (int c = 0; c < tw; c++) {
            down.apply(tmp, c, tw, dst, c, outW);
        }
        return dst;
    }

    /** A reusable resizer for planes of {@code h × w} to {@code outH × outW}. */
    public static Plane plane(int h, int w, int outH, int outW) {
        return new Plane(h, w, outH, outW, new AntialiasResize(w, outW), new AntialiasResize(h, outH));
    }

    /** Precomputed weights for one input and output size. */
    public record Plane(int h, int w, int outH, int outW, AntialiasResize across, AntialiasResize down) {
        /** Resizes one row-major plane. */
        public float[] resize(float[] src) {
            return AntialiasResize.resize(src, h, w, outH, outW, across, down);
        }
    }

    private void apply(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride) {
        for (int i = 0; i < out; i++) {
            int base = i * maxTaps;
            int s = srcOff + start[i] * srcStride;
            float t = src[s] * weights[base];
            for (int j = 1; j < size[i]; j++) {
                t = Math.fma(src[s + j * srcStride], weights[base + j], t);
            }
            dst[dstOff + i * dstStride] = t;
        }
    }

    int inputSize() {
        return in;
    }
}
