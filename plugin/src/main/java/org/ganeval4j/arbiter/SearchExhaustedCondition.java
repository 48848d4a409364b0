package org.ganeval4j.arbiter;

import org.deeplearning4j.arbiter.optimize.api.termination.TerminationCondition;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;

/**
 * Ends an Arbiter search once its candidate generator has no more candidates (a grid search that has
 * visited every point) and none is running. Arbiter's runner otherwise waits for a termination
 * condition forever after the last grid point; {@code MaxCandidatesCondition} with the grid size would
 * not end it either if a candidate failed during generation (those are not counted).
 */
public final class SearchExhaustedCondition implements TerminationCondition {
    @Override
    public void initialize(IOptimizationRunner runner) {
    }

    @Override
    public boolean terminate(IOptimizationRunner runner) {
        return !runner.getConfiguration().getCandidateGenerator().hasMoreCandidates() && runner.numCandidatesQueued() == 0;
    }

    @Override
    public String toString() {
        return "SearchExhaustedCondition";
    }
}
