package org.ganeval4j.metric;

/**
 * Whether smaller or larger values of a metric are better. Declared once per metric; everything
 * else (early stopping's {@code minimizeScore}, Arbiter's {@code minimize()}, chart labels) derives
 * from it.
 */
public enum Direction {
    /** Smaller is better (FID, KID). */
    LOWER_IS_BETTER,
    /** Larger is better (Inception Score, precision, recall, LPIPS diversity). */
    HIGHER_IS_BETTER;

    /** True when an optimiser should minimise this metric. */
    public boolean minimize() {
        return this == LOWER_IS_BETTER;
    }

    /**
     * True when {@code candidate} improves on {@code incumbent} by at least {@code minDelta} when
     * {@code minDelta > 0}, or is strictly better when {@code minDelta = 0} (an equal value is no
     * improvement). A NaN candidate never improves; anything finite improves on a NaN incumbent.
     */
    public boolean improves(double candidate, double incumbent, double minDelta) {
        if (Double.isNaN(candidate)) {
            return false;
        }
        if (Double.isNaN(incumbent)) {
            return true;
        }
        if (minDelta == 0) {
            return this == LOWER_IS_BETTER ? candidate < incumbent : candidate > incumbent;
        }
        return this == LOWER_IS_BETTER ? candidate <= incumbent - minDelta : candidate >= incumbent + minDelta;
    }

    /** The worst possible value, useful as a starting incumbent. */
    public double worst() {
        return this == LOWER_IS_BETTER ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
}
