package org.ganeval4j.metric;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of {@link PrecisionRecall#compute}.
 *
 * @param precision fraction of fake rows inside the real manifold, in [0, 1]
 * @param recall fraction of real rows inside the fake manifold, in [0, 1]
 * @param precisionCount number of fake rows inside the real manifold
 * @param recallCount number of real rows inside the fake manifold
 * @param realRows N_real
 * @param fakeRows N_fake
 * @param dimension feature dimension d
 * @param k neighbourhood size
 */
public record PrecisionRecallResult(double precision, double recall, int precisionCount, int recallCount, int realRows,
        int fakeRows, int dimension, int k) {

    /** torch-fidelity's {@code f_score}: {@code 2PR / max(1e-5, P + R)}. */
    public double fScore() {
        return 2 * precision * recall / Math.max(1e-5, precision + recall);
    }

    /** {@link PrecisionRecall#DIRECTION} (of precision, recall and F alike). */
    public Direction direction() {
        return PrecisionRecall.DIRECTION;
    }

    /** The values under torch-fidelity's keys. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("precision", precision);
        m.put("recall", recall);
        m.put("f_score", fScore());
        return m;
    }
}
