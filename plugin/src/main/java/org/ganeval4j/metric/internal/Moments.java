package org.ganeval4j.metric.internal;

/** Mean and population standard deviation of a few values, as {@code np.mean} / {@code np.std} (ddof 0). */
public final class Moments {
    private Moments() {
    }

    /** The arithmetic mean; NaN for no values. */
    public static double mean(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** {@code sqrt(mean((v − mean(v))²))}; NaN for no values. */
    public static double populationStd(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            double d = x - m;
            s += d * d;
        }
        return Math.sqrt(s / v.length);
    }
}
