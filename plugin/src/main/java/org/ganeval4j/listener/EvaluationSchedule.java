package org.ganeval4j.listener;

/**
 * When the listener evaluates. Iterations are counted as completed training iterations (DL4J calls
 * {@code iterationDone} with the 0-based index i of the iteration just finished; the listener counts
 * it as iteration i + 1), so {@code everyIterations = 100} evaluates after iterations 100, 200, …
 * Epoch events only fire with {@code fit(DataSetIterator)}; GAN loops that call {@code fit(DataSet)}
 * need the iteration schedule.
 *
 * @param everyIterations evaluate after every K completed iterations; 0 = never by iteration
 * @param everyEpochs     evaluate at the end of every E epochs; 0 = never by epoch
 * @param atEnd           evaluate when training finishes ({@link GanMetricsListener#finish})
 */
public record EvaluationSchedule(int everyIterations, int everyEpochs, boolean atEnd) {
    public EvaluationSchedule {
        if (everyIterations < 0 || everyEpochs < 0) {
            throw new IllegalArgumentException("schedule periods must be >= 0 (0 = off), got every " + everyIterations
                    + " iterations and every " + everyEpochs + " epochs");
        }
        if (everyIterations == 0 && everyEpochs == 0 && !atEnd) {
            throw new IllegalArgumentException("the schedule never evaluates: set every-K-iterations, every-E-epochs or"
                    + " at-end");
        }
    }

    /**
     * The default: every 5000 iterations and at the end. With 1000 samples an evaluation costs about
     * as much as 150 (FD-SqueezeNet) to 750 (FID Inception) DCGAN steps on a 2-core CPU, so this keeps the
     * overhead at a few percent ({@code ganeval4j bench listener} measures it).
     */
    public static final EvaluationSchedule DEFAULT = new EvaluationSchedule(5000, 0, true);

    /** Every {@code k} iterations and at the end. */
    public static EvaluationSchedule everyIterations(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("evaluate every K iterations needs K >= 1, got " + k);
        }
        return new EvaluationSchedule(k, 0, true);
    }

    /** Every {@code e} epochs and at the end. */
    public static EvaluationSchedule everyEpochs(int e) {
        if (e < 1) {
            throw new IllegalArgumentException("evaluate every E epochs needs E >= 1, got " + e);
        }
        return new EvaluationSchedule(0, e, true);
    }

    /** True when completed iteration {@code iteration} (1-based) is scheduled. */
    public boolean atIteration(long iteration) {
        return everyIterations > 0 && iteration > 0 && iteration % everyIterations == 0;
    }

    /** True when the end of epoch {@code epoch} (0-based) is scheduled. */
    public boolean atEpochEnd(long epoch) {
        return everyEpochs > 0 && (epoch + 1) % everyEpochs == 0;
    }
}
