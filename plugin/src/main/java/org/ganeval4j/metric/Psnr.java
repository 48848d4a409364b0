package org.ganeval4j.metric;

import org.ganeval4j.metric.internal.PixelChecks;

/**
 * Peak signal-to-noise ratio of image pairs in decibels, exactly as torchmetrics 1.9.0's
 * {@code peak_signal_noise_ratio(a_k, b_k, data_range=L)} computes it for one pair:
 * <pre>
 *   PSNR = 10 · log10(L² / MSE),   MSE = mean over all pixels and channels of (a − b)²
 * </pre>
 * evaluated as torchmetrics does, {@code (2 ln L − ln MSE) · (10 / ln 10)}, where {@code ln L} and
 * {@code 10 / ln 10} are float32 numbers (torchmetrics makes them 0-dim tensors of the default dtype)
 * and the rest is float64 — reproduced, so values agree to the last bits instead of ~3e-8 relative.
 * Identical images give {@code +∞}. The data range is explicit (255 for 0..255 images, 1 for [0, 1],
 * 2 for [−1, 1]); PSNR is invariant to scaling the images and L together. Higher is better.
 * Immutable and thread safe.
 */
public final class Psnr implements PixelMetric {
    /** The name in outputs. */
    public static final String NAME = "PSNR";

    private final double dataRange;
    private final double twoLogRange;
    private final double factor;

    private Psnr(double dataRange) {
        PixelChecks.dataRange(NAME, dataRange);
        this.dataRange = dataRange;
        float logRange = (float) Math.log((float) dataRange);
        this.twoLogRange = 2f * logRange;
        this.factor = 10f / (float) Math.log(10f);
    }

    /** PSNR for images of data range {@code L} (finite, > 0). */
    public static Psnr of(double dataRange) {
        return new Psnr(dataRange);
    }

    /** The data range L. */
    public double dataRange() {
        return dataRange;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@link Direction#HIGHER_IS_BETTER}. */
    @Override
    public Direction direction() {
        return Direction.HIGHER_IS_BETTER;
    }

    @Override
    public int minimumSize() {
        return 1;
    }

    /** PSNR in dB; {@code +∞} for identical images. */
    @Override
    public double compute(double[] a, double[] b, int channels, int height, int width) {
        return fromMse(Mse.meanSquaredError(NAME, a, b, channels, height, width));
    }

    /** PSNR of a given mean squared error (≥ 0); {@code +∞} for 0. */
    public double fromMse(double mse) {
        if (!(mse >= 0)) {
            throw new IllegalArgumentException("PSNR needs a mean squared error >= 0, got " + mse);
        }
        return (twoLogRange - Math.log(mse)) * factor;
    }

    @Override
    public String toString() {
        return NAME + "(L=" + dataRange + ")";
    }
}
