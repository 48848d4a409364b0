package org.ganeval4j.earlystopping;

import org.deeplearning4j.nn.api.Model;
import org.ganeval4j.eval.Evaluation;

/**
 * Where a {@link GanScoreCalculator} gets the evaluation of a model at an iteration: the metrics
 * listener (which reuses its own evaluation of that iteration, so nothing is evaluated twice), or an
 * evaluator run on the spot.
 */
@FunctionalInterface
public interface EvaluationSource {
    /** The evaluation of {@code model}'s generator after {@code iteration} completed iterations. */
    Evaluation evaluationAt(Model model, long iteration, long epoch);
}
