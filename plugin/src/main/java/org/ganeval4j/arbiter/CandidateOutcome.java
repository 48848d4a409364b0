package org.ganeval4j.arbiter;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row of a sweep's results table: how a candidate ended, its score and where its files are.
 *
 * @param id              Arbiter's candidate index (its folder is {@code candidate-<id>})
 * @param hyperparameters the searched values, in the space's order (empty when unknown)
 * @param status          completed, stopped early, or failed
 * @param reason          why it stopped early or failed; empty when it completed its budget
 * @param metric          the metric it was scored by
 * @param score           the score (best or final value of the metric); NaN when failed
 * @param iteration       the iteration at which the score was reached; −1 when failed
 * @param iterations      training iterations done
 * @param seconds         wall-clock seconds for training and evaluation
 * @param directory       the candidate's folder (metric history, generator, {@code candidate.json})
 * @param model           the generator file that reproduces the score, or null when failed
 */
public record CandidateOutcome(int id, Map<String, Serializable> hyperparameters, Status status,
                               String reason, String metric, double score, long iteration, long iterations,
                               double seconds, Path directory, Path model) {
    /** How a candidate ended. */
    public enum Status {
        /** Trained for its whole budget. */
        COMPLETED,
        /** Stopped by a termination condition (patience, a threshold missed, time); scored all the same. */
        STOPPED,
        /** No score: invalid hyperparameters, a diverged run (NaN), an exception. */
        FAILED
    }

    public CandidateOutcome {
        Objects.requireNonNull(hyperparameters, "hyperparameters");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(metric, "metric");
        hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
        reason = reason == null ? "" : reason;
        if (status == Status.FAILED ? reason.isBlank() : !Double.isFinite(score)) {
            throw new IllegalArgumentException(status == Status.FAILED ? "a failed candidate needs a reason"
                    : "a " + status + " candidate needs a finite score, got " + score);
        }
    }

    /** True when the candidate has a score. */
    public boolean scored() {
        return status != Status.FAILED;
    }

    /** A scored candidate (completed or stopped early). */
    public static CandidateOutcome scored(int id, Map<String, Serializable> hyperparameters, Status status,
                                          String reason, String metric, double score, long iteration, long iterations,
                                          double seconds, Path directory, Path model) {
        if (status == Status.FAILED) {
            throw new IllegalArgumentException("a scored candidate is completed or stopped, got " + status);
        }
        return new CandidateOutcome(id, hyperparameters, status, reason, metric, score, iteration, iterations, seconds,
                directory, model);
    }

    /** A failed candidate, with the reason. */
    public static CandidateOutcome failed(int id, Map<String, Serializable> hyperparameters, String reason,
                                          String metric, long iterations, double seconds, Path directory) {
        return new CandidateOutcome(id, hyperparameters, Status.FAILED, reason, metric, Double.NaN, -1, iterations,
                seconds, directory, null);
    }

    /** The folder name of candidate {@code id}. */
    public static String folderName(int id) {
        return "candidate-" + id;
    }
}
