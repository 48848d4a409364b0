package org.ganeval4j.earlystopping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ganeval4j.eval.Evaluation;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.metric.Direction;

/**
 * Follows one metric over evaluations: its best value (by the metric's {@link Direction}, improved
 * only by at least {@code minDelta} when it is positive), how long since it improved, and the termination conditions.
 * Built with {@link #builder(String)}. Thread safe.
 */
public final class MetricMonitor {
    private final String metric;
    private final double minDelta;
    private final List<TerminationCondition> conditions;
    private final long startNanos;
    private MetricResult latest;
    private MetricResult best;
    private int sinceImprovement;
    private int consecutiveFailures;
    private String stopReason;

    private MetricMonitor(Builder b) {
        this.metric = b.metric;
        this.minDelta = b.minDelta;
        this.conditions = List.copyOf(b.conditions);
        this.startNanos = System.nanoTime();
    }

    /** A monitor of the named metric (e.g. {@code FID}). */
    public static Builder builder(String metric) {
        return new Builder(metric);
    }

    /** Validating builder. */
    public static final class Builder {
        private final String metric;
        private double minDelta;
        private final List<TerminationCondition> conditions = new ArrayList<>();

        private Builder(String metric) {
            this.metric = Objects.requireNonNull(metric, "metric");
        }

        /** An improvement counts when it is at least this large (≥ 0, in the metric's units; 0: any strict improvement); default 0. */
        public Builder minDelta(double delta) {
            this.minDelta = delta;
            return this;
        }

        /** Adds a termination condition. */
        public Builder stopWhen(TerminationCondition condition) {
            conditions.add(Objects.requireNonNull(condition, "condition"));
            return this;
        }

        public MetricMonitor build() {
            if (metric.isBlank()) {
                throw new IllegalArgumentException("the monitored metric name must not be blank");
            }
            if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
                throw new IllegalArgumentException("minDelta must be finite and >= 0, got " + minDelta);
            }
            return new MetricMonitor(this);
        }
    }

    /** The monitored metric's name. */
    public String metric() {
        return metric;
    }

    /**
     * Takes one evaluation into account.
     *
     * @return true when the monitored metric improved (the caller saves the best model then)
     */
    public synchronized boolean update(Evaluation e) {
        MetricResult r = e.result(metric);
        if (r == null) {
            return false;
        }
        return update(r);
    }

    /** Takes one result of the monitored metric into account; true when it improved. */
    public synchronized boolean update(MetricResult r) {
        if (!r.name().equals(metric)) {
            throw new IllegalArgumentException("monitor follows " + metric + ", got a result of " + r.name());
        }
        latest = r;
        boolean improved = false;
        if (r.ok()) {
            consecutiveFailures = 0;
            Direction d = r.direction();
            if (best == null || d.improves(r.value(), best.value(), minDelta)) {
                best = r;
                sinceImprovement = 0;
                improved = true;
            } else {
                sinceImprovement++;
            }
        } else {
            consecutiveFailures++;
            sinceImprovement++;
        }
        if (stopReason == null) {
            MonitorState s = state();
            for (TerminationCondition c : conditions) {
                Optional<String> why = c.check(s);
                if (why.isPresent()) {
                    stopReason = why.get();
                    break;
                }
            }
        }
        return improved;
    }

    /** Re-checks time-based conditions without a new evaluation; true when training should stop. */
    public synchronized boolean shouldStop() {
        if (stopReason == null && !conditions.isEmpty()) {
            MonitorState s = state();
            for (TerminationCondition c : conditions) {
                if (c instanceof TerminationCondition.MaxTime) {
                    Optional<String> why = c.check(s);
                    if (why.isPresent()) {
                        stopReason = why.get();
                    }
                }
            }
        }
        return stopReason != null;
    }

    /** Why training should stop, or empty. */
    public synchronized Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    /** The best successful result so far. */
    public synchronized Optional<MetricResult> best() {
        return Optional.ofNullable(best);
    }

    /** The current state. */
    public synchronized MonitorState state() {
        return new MonitorState(metric, latest == null ? null : latest.direction(), latest, best, sinceImprovement,
                consecutiveFailures, Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
