package org.ganeval4j.eval;

import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The outcome of one evaluation: every metric's result, and a few of the generated samples for a
 * picture (NCHW, pixel values 0..255, RGB or grayscale; may be null).
 *
 * @param iteration training iteration
 * @param epoch     training epoch
 * @param results   one result per metric, failed ones included
 * @param samples   preview images, or null
 */
public record Evaluation(long iteration, long epoch, List<MetricResult> results, INDArray samples) {
    public Evaluation {
        Objects.requireNonNull(results, "results");
        results = List.copyOf(results);
    }

    /** The result of the named metric, or null. */
    public MetricResult result(String name) {
        for (MetricResult r : results) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    /** True when every metric succeeded. */
    public boolean ok() {
        return results.stream().allMatch(MetricResult::ok);
    }
}
