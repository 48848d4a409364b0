package org.ganeval4j.eval;

import java.util.Map;
import java.util.Objects;

/**
 * One named value a metric produced in one evaluation.
 *
 * @param name        the value's name in histories and charts, e.g. {@code FID}, {@code precision}
 * @param value       the value
 * @param std         standard deviation or standard error where the metric has one, else NaN
 * @param extractorId the features used (e.g. {@code fid-inception/pool_2048@pytorch}), or empty
 * @param details     further named numbers behind the value (e.g. FID∞'s grid of N, its FID_N, slope
 *                    and R²), recorded in {@code metrics.jsonl} and JSON outputs; values are numbers,
 *                    strings, booleans, lists and maps of these (non-finite numbers become null);
 *                    empty for most metrics
 */
public record MetricValue(String name, double value, double std, String extractorId, Map<String, Object> details) {
    public MetricValue {
        Objects.requireNonNull(name, "name");
        extractorId = extractorId == null ? "" : extractorId;
        details = Details.freeze(details);
    }

    /** A value without details. */
    public MetricValue(String name, double value, double std, String extractorId) {
        this(name, value, std, extractorId, Map.of());
    }

    /** A value without spread. */
    public static MetricValue of(String name, double value, String extractorId) {
        return new MetricValue(name, value, Double.NaN, extractorId);
    }
}
