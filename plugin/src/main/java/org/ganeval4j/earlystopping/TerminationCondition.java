package org.ganeval4j.earlystopping;

import java.time.Duration;
import java.util.Optional;

/**
 * Decides after each evaluation whether training should stop. Implementations are immutable values;
 * the {@link MetricMonitor} keeps the state.
 */
public interface TerminationCondition {
    /** The reason to stop, or empty to go on. */
    Optional<String> check(MonitorState state);

    /**
     * Stop after {@code evaluations} evaluations without an improvement of the best value by at
     * least the monitor's minimum delta.
     */
    static TerminationCondition patience(int evaluations) {
        return new Patience(evaluations);
    }

    /** Stop once a successful evaluation reaches {@code target} (≤ for lower-is-better metrics, ≥ otherwise). */
    static TerminationCondition target(double target) {
        return new Target(target);
    }

    /**
     * Stop a hopeless run: once an evaluation at or after iteration {@code iteration} has been made and
     * the best value so far has not reached {@code threshold} (≤ for lower-is-better metrics, ≥
     * otherwise). Hyperparameter sweeps use it to spend their budget on promising candidates, e.g.
     * {@code reachBy(80.0, 200)}: FD must be at most 80 by iteration 200.
     */
    static TerminationCondition reachBy(double threshold, long iteration) {
        return new ReachBy(threshold, iteration);
    }

    /** Stop once {@code limit} has passed since monitoring started. */
    static TerminationCondition maxTime(Duration limit) {
        return new MaxTime(limit);
    }

    /** Stop after {@code failures} failed evaluations in a row (NaN samples, a diverged generator). */
    static TerminationCondition consecutiveFailures(int failures) {
        return new ConsecutiveFailures(failures);
    }

    /** See {@link TerminationCondition#patience(int)}. */
    record Patience(int evaluations) implements TerminationCondition {
        public Patience {
            if (evaluations < 1) {
                throw new IllegalArgumentException("patience must be >= 1 evaluation, got " + evaluations);
            }
        }

        @Override
        public Optional<String> check(MonitorState s) {
            return s.best() != null && s.evaluationsSinceImprovement() >= evaluations
                    ? Optional.of(s.metric() + " did not improve for " + s.evaluationsSinceImprovement()
                            + " evaluations (patience " + evaluations + "; best " + s.best().value() + " at iteration "
                            + s.best().iteration() + ")")
                    : Optional.empty();
        }
    }

    /** See {@link TerminationCondition#target(double)}. */
    record Target(double target) implements TerminationCondition {
        public Target {
            if (!Double.isFinite(target)) {
                throw new IllegalArgumentException("target must be finite, got " + target);
            }
        }

        @Override
        public Optional<String> check(MonitorState s) {
            var last = s.latest();
            if (last == null || !last.ok()) {
                return Optional.empty();
            }
            boolean reached = s.direction().minimize() ? last.value() <= target : last.value() >= target;
            return reached ? Optional.of(s.metric() + " reached the target " + target + " (" + last.value()
                    + " at iteration " + last.iteration() + ")") : Optional.empty();
        }
    }

    /** See {@link TerminationCondition#reachBy(double, long)}. */
    record ReachBy(double threshold, long iteration) implements TerminationCondition {
        public ReachBy {
            if (!Double.isFinite(threshold)) {
                throw new IllegalArgumentException("threshold must be finite, got " + threshold);
            }
            if (iteration < 1) {
                throw new IllegalArgumentException("the iteration by which the threshold must be reached must be >= 1,"
                        + " got " + iteration);
            }
        }

        @Override
        public Optional<String> check(MonitorState s) {
            var last = s.latest();
            if (last == null || last.iteration() < iteration) {
                return Optional.empty();
            }
            var best = s.best();
            boolean reached = best != null
                    && (s.direction().minimize() ? best.value() <= threshold : best.value() >= threshold);
            return reached ? Optional.empty() : Optional.of(s.metric() + " did not reach " + threshold + " by iteration "
                    + iteration + " (best " + (best == null ? "none" : best.value() + " at iteration " + best.iteration())
                    + ")");
        }
    }

    /** See {@link TerminationCondition#maxTime(Duration)}. */
    record MaxTime(Duration limit) implements TerminationCondition {
        public MaxTime {
            java.util.Objects.requireNonNull(limit, "limit");
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("time limit must be positive, got " + limit);
            }
        }

        @Override
        public Optional<String> check(MonitorState s) {
            return s.elapsed().compareTo(limit) >= 0
                    ? Optional.of("time limit " + limit + " reached (" + s.elapsed().toSeconds() + " s)")
                    : Optional.empty();
        }
    }

    /** See {@link TerminationCondition#consecutiveFailures(int)}. */
    record ConsecutiveFailures(int failures) implements TerminationCondition {
        public ConsecutiveFailures {
            if (failures < 1) {
                throw new IllegalArgumentException("failures must be >= 1, got " + failures);
            }
        }

        @Override
        public Optional<String> check(MonitorState s) {
            return s.consecutiveFailures() >= failures
                    ? Optional.of(s.consecutiveFailures() + " failed evaluations in a row (last: "
                            + s.latest().failure() + ")")
                    : Optional.empty();
        }
    }
}
