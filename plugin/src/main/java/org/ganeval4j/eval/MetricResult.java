package org.ganeval4j.eval;

import java.time.Instant;
import java.util.Objects;
import org.ganeval4j.metric.Direction;

/**
 * One metric from one evaluation, as recorded in the history ({@code metrics.csv},
 * {@code metrics.jsonl}), shown in the UI and used by early stopping.
 *
 * @param name        metric name, e.g. {@code FID}, {@code FD-SqueezeNet}, {@code LPIPS-diversity}
 * @param value       the value; NaN for a failed evaluation
 * @param std         its standard deviation or standard error where the metric has one (KID, IS,
 *                    LPIPS diversity), else NaN
 * @param direction   whether lower or higher is better
 * @param samples     generated samples the value is computed from
 * @param iteration   training iteration at which the evaluation ran
 * @param epoch       training epoch at which the evaluation ran
 * @param timestamp   when the evaluation finished
 * @param seconds     wall-clock seconds the evaluation took
 * @param extractorId the features used, e.g. {@code fid-inception/pool_2048@pytorch}, or empty
 * @param failure     why the evaluation failed, or null when it succeeded
 * @param details     further named numbers behind the value ({@link MetricValue#details()}, e.g. FID∞'s
 *                    points, slope and R²); empty for most metrics
 */
public record MetricResult(String name, double value, double std, Direction direction, long samples, long iteration,
                           long epoch, Instant timestamp, double seconds, String extractorId, String failure,
                           java.util.Map<String, Object> details) {
    public MetricResult {
        details = Details.freeze(details);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(timestamp, "timestamp");
        extractorId = extractorId == null ? "" : extractorId;
        if (name.isBlank()) {
            throw new IllegalArgumentException("metric name must not be blank");
        }
        if (failure == null && !Double.isFinite(value)) {
            throw new IllegalArgumentException("a successful " + name + " must be finite, got " + value
                    + " (record a failure instead)");
        }
    }

    /** A result without details. */
    public MetricResult(String name, double value, double std, Direction direction, long samples, long iteration,
                        long epoch, Instant timestamp, double seconds, String extractorId, String failure) {
        this(name, value, std, direction, samples, iteration, epoch, timestamp, seconds, extractorId, failure,
                java.util.Map.of());
    }

    /** The same result with these details. */
    public MetricResult withDetails(java.util.Map<String, ?> details) {
        return new MetricResult(name, value, std, direction, samples, iteration, epoch, timestamp, seconds, extractorId,
                failure, Details.freeze(details));
    }

    /** A successful result. */
    public static MetricResult ok(String name, double value, double std, Direction direction, long samples,
                                  long iteration, long epoch, double seconds, String extractorId) {
        return new MetricResult(name, value, std, direction, samples, iteration, epoch, Instant.now(), seconds,
                extractorId, null);
    }

    /** A failed evaluation of the metric, with the reason. */
    public static MetricResult failed(String name, Direction direction, long iteration, long epoch, double seconds,
                                      String extractorId, String reason) {
        return new MetricResult(name, Double.NaN, Double.NaN, direction, 0, iteration, epoch, Instant.now(), seconds,
                extractorId, reason == null || reason.isBlank() ? "unknown failure" : reason);
    }

    /** True when the evaluation succeeded. */
    public boolean ok() {
        return failure == null;
    }
}
