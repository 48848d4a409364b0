package org.ganeval4j.metric.internal;

import java.util.Objects;

/** Argument checks shared by the pixel metrics. Not API. */
public final class PixelChecks {
    private PixelChecks() {
    }

    /**
     * Checks one pair of C×H×W images.
     *
     * @throws IllegalArgumentException for a non-positive shape, lengths that do not match it, or a side
     *                                  below {@code minimum} (the message names the minimum)
     */
    public static void pair(String metric, double[] a, double[] b, int channels, int height, int width, int minimum) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(metric + " expects a positive image shape, got " + channels + "×" + height
                    + "×" + width);
        }
        long len = (long) channels * height * width;
        if (a.length != len || b.length != len) {
            throw new IllegalArgumentException(metric + " expects two images of " + channels + "×" + height + "×" + width
                    + " = " + len + " values, got " + a.length + " and " + b.length);
        }
        if (height < minimum || width < minimum) {
            throw new IllegalArgumentException(metric + " needs images of at least " + minimum + "×" + minimum
                    + " pixels, got " + height + "×" + width);
        }
    }

    /** Checks a data range: finite and positive. */
    public static void dataRange(String metric, double dataRange) {
        if (!(dataRange > 0) || !Double.isFinite(dataRange)) {
            throw new IllegalArgumentException(metric + " needs a finite data range > 0 (e.g. 255 for 0..255 images, 1"
                    + " for [0, 1], 2 for [-1, 1]), got " + dataRange);
        }
    }
}
