package org.ganeval4j.eval;

/**
 * A metric's value from one evaluation.
 *
 * @param value       the value
 * @param std         standard deviation or standard error where the metric has one, else NaN
 * @param extractorId the features used (e.g. {@code fid-inception/pool_2048@pytorch}), or empty
 */
public record MetricValue(double value, double std, String extractorId) {
    /** A value without spread. */
    public static MetricValue of(double value, String extractorId) {
        return new MetricValue(value, Double.NaN, extractorId);
    }
}
