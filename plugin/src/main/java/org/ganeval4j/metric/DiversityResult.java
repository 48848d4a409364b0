package org.ganeval4j.metric;

import java.util.List;

/**
 * A pairwise diversity: the mean distance over pairs of samples, its standard error and its
 * per-layer parts.
 *
 * @param mean          mean distance over the pairs
 * @param standardError standard error of {@code mean} as an estimate of the generator's expected pair
 *                      distance, counting that pairs sharing a sample are correlated (see
 *                      {@link PairwiseDiversity#standardError}); NaN with a single pair
 * @param pairStd       standard deviation of the distances over the pairs (N−1 denominator); NaN with one pair
 * @param pairs         number of pairs averaged
 * @param samples       number of samples
 * @param layerNames    the column groups (LPIPS taps)
 * @param layerMeans    mean over the pairs of each group's part of the distance (they sum to {@code mean})
 * @param route         how it was computed: {@code gram} (all pairs from the N×N Gram matrix),
 *                      {@code pairs} (random pairs, differences of embeddings) or {@code brute-force}
 *                      (all pairs, differences of embeddings, for signed weights)
 */
public record DiversityResult(double mean, double standardError, double pairStd, long pairs, int samples,
                              List<String> layerNames, double[] layerMeans, String route) {
    public DiversityResult {
        layerNames = List.copyOf(layerNames);
        layerMeans = layerMeans.clone();
        if (layerNames.size() != layerMeans.length) {
            throw new IllegalArgumentException(layerNames.size() + " layer names but " + layerMeans.length + " means");
        }
    }

    @Override
    public double[] layerMeans() {
        return layerMeans.clone();
    }
}
