package org.ganeval4j.metric;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of {@link DensityCoverage#compute}.
 *
 * @param precision fraction of fake rows strictly inside some real ball, in [0, 1]
 * @param recall fraction of real rows strictly inside some fake ball, in [0, 1]
 * @param density {@code densityPairs / (k · N_fake)}, in [0, N_real / k]
 * @param coverage fraction of real rows whose ball holds a fake row, in [0, 1]
 * @param precisionCount fake rows strictly inside some real ball
 * @param recallCount real rows strictly inside some fake ball
 * @param densityPairs (fake, real) pairs with the fake row strictly inside the real row's ball
 * @param coverageCount real rows whose ball holds a fake row
 * @param realRows N_real
 * @param fakeRows N_fake
 * @param dimension feature dimension d
 * @param k neighbourhood size
 */
public record DensityCoverageResult(double precision, double recall, double density, double coverage, int precisionCount,
        int recallCount, long densityPairs, int coverageCount, int realRows, int fakeRows, int dimension, int k) {

    /** {@link DensityCoverage#DIRECTION} (of all four values). */
    public Direction direction() {
        return DensityCoverage.DIRECTION;
    }

    /** The values under prdc's keys. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("precision", precision);
        m.put("recall", recall);
        m.put("density", density);
        m.put("coverage", coverage);
        return m;
    }
}
