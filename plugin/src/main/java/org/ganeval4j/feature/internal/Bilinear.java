package org.ganeval4j.feature.internal;

/**
 * Bilinear resampling of one float32 plane as torch's {@code nn.Upsample(size, mode='bilinear',
 * align_corners=False)} computes it: source coordinate {@code max(scale·(i + 0.5) − 0.5, 0)} with
 * {@code scale = in/out}, neighbours {@code i0 = floor}, {@code i1 = min(i0 + 1, in − 1)}, weights
 * {@code λ = src − i0} and {@code 1 − λ}, width first, then height; no antialiasing.
 */
public final class Bilinear {
    private Bilinear() {
    }

    /** Resamples a row-major {@code h × w} plane to {@code outH × outW}. */
    public static float[] resize(float[] src, int h, int w, int outH, int outW) {
        int[] y0 = new int[outH];
        int[] y1 = new int[outH];
        float[] ly = new float[outH];
        coordinates(h, outH, y0, y1, ly);
        int[] x0 = new int[outW];
        int[] x1 = new int[outW];
        float[] lx = new float[outW];
        coordinates(w, outW, x0, x1, lx);
        float[] out = new float[outH * outW];
        for (int i = 0; i < outH; i++) {
            int r0 = y0[i] * w;
            int r1 = y1[i] * w;
            float l1 = ly[i];
            float l0 = 1f - l1;
            for (int j = 0; j < outW; j++) {
                float a = Math.fma(src[r0 + x0[j]], 1f - lx[j], src[r0 + x1[j]] * lx[j]);
                float b = Math.fma(src[r1 + x0[j]], 1f - lx[j], src[r1 + x1[j]] * lx[j]);
                out[i * outW + j] = Math.fma(a, l0, b * l1);
            }
        }
        return out;
    }

    private static void coordinates(int in, int out, int[] i0, int[] i1, float[] lambda) {
        float scale = (float) in / (float) out;
        for (int i = 0; i < out; i++) {
            double src = Math.max((double) scale * (i + 0.5) - 0.5, 0);
            int lo = Math.min((int) src, in - 1);
            i0[i] = lo;
            i1[i] = lo + (lo < in - 1 ? 1 : 0);
            lambda[i] = (float) Math.min(Math.max(src - lo, 0), 1);
        }
    }
}
