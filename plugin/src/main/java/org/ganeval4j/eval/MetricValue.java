package org.ganeval4j.eval;

import java.util.Objects;

/**
 * One named value a metric produced in one evaluation.
 *
 * @param name        the value's name in histories and charts, e.g. {@code FID}, {@code precision}
 * @param value       the value
 * @param std         standard deviation or standard error where the metric has one, else NaN
 * @param extractorId the features used (e.g. {@code fid-inception/pool_2048@pytorch}), or empty
 */
public record MetricValue(String name, double value, double std, String extractorId) {
    public MetricValue {
        Objects.requireNonNull(name, "name");
        extractorId = extractorId == null ? "" : extractorId;
    }

    /** A value without spread. */
    public static MetricValue of(String name, double value, String extractorId) {
        return new MetricValue(name, value, Double.NaN, extractorId);
    }
}
