package org.ganeval4j.sink;

import java.time.Instant;
import java.util.Objects;

/**
 * An output (the history file, the DL4J UI, a chart, the best-model file) that could not take the
 * evaluation at {@code iteration}: a row of the metric history with {@code status=output_failed}.
 *
 * @param timestamp when it failed
 * @param iteration the evaluation's training iteration
 * @param epoch     the evaluation's epoch
 * @param output    the output's name
 * @param reason    why
 */
public record OutputFailure(Instant timestamp, long iteration, long epoch, String output, String reason) {
    /** The {@code status} column of such rows. */
    public static final String STATUS = "output_failed";

    public OutputFailure {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(reason, "reason");
    }
}
