package org.ganeval4j.earlystopping;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.deeplearning4j.earlystopping.termination.IterationTerminationCondition;

/**
 * Adapts the listener's termination conditions to DL4J's {@link IterationTerminationCondition}, so
 * an {@code EarlyStoppingTrainer} stops when the GAN metric's patience, target or time limit says so:
 * {@code new MonitorTerminationCondition(listener::shouldStop)}.
 */
public final class MonitorTerminationCondition implements IterationTerminationCondition {
    private static final long serialVersionUID = 1L;

    private final transient BooleanSupplier shouldStop;

    /** Stops when {@code shouldStop} says so (e.g. {@code listener::shouldStop}). */
    public MonitorTerminationCondition(BooleanSupplier shouldStop) {
        this.shouldStop = Objects.requireNonNull(shouldStop, "shouldStop");
    }

    /** Stops when the monitor says so. */
    public MonitorTerminationCondition(MetricMonitor monitor) {
        this(Objects.requireNonNull(monitor, "monitor")::shouldStop);
    }

    @Override
    public void initialize() {
    }

    @Override
    public boolean terminate(double lastMiniBatchScore) {
        return shouldStop.getAsBoolean();
    }

    @Override
    public String toString() {
        return "MonitorTerminationCondition";
    }
}
