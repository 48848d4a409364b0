package org.ganeval4j.metric;

import org.ganeval4j.metric.internal.PixelChecks;

/**
 * Mean squared error of image pairs, {@code MSE = mean over all pixels and channels of (a − b)²}, in
 * float64 on the images' own scale (as torchmetrics' {@code mean_squared_error} on float64 images).
 * Lower is better; identical images give 0. Immutable and thread safe.
 */
public final class Mse implements PixelMetric {
    /** The name in outputs. */
    public static final String NAME = "MSE";
    private static final Mse INSTANCE = new Mse();

    private Mse() {
    }

    /** The metric. */
    public static Mse of() {
        return INSTANCE;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@link Direction#LOWER_IS_BETTER}. */
    @Override
    public Direction direction() {
        return Direction.LOWER_IS_BETTER;
    }

    @Override
    public int minimumSize() {
        return 1;
    }

    @Override
    public double compute(double[] a, double[] b, int channels, int height, int width) {
        return meanSquaredError(NAME, a, b, channels, height, width);
    }

    /** The MSE of one pair of C×H×W images of any size, checked as {@code metric} (MSE, PSNR) words it. */
    static double meanSquaredError(String metric, double[] a, double[] b, int channels, int height, int width) {
        PixelChecks.pair(metric, a, b, channels, height, width, 1);
        return meanSquaredError(a, b);
    }

    /**
     * The mean of {@code (a_i − b_i)²} over arrays of one length (≥ 1), summed in blocks of 1024 so the
     * round-off stays near {@code (1024 + n/1024)·ε} relative.
     */
    static double meanSquaredError(double[] a, double[] b) {
        double total = 0;
        for (int from = 0; from < a.length; from += 1024) {
            int to = Math.min(a.length, from + 1024);
            double sum = 0;
            for (int i = from; i < to; i++) {
                double d = a[i] - b[i];
                sum += d * d;
            }
            total += sum;
        }
        return total / a.length;
    }

    @Override
    public String toString() {
        return NAME;
    }
}
