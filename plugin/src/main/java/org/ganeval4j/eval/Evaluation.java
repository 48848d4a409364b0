package org.ganeval4j.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The outcome of one evaluation: every metric's result, and a few of the generated samples for a
 * picture (NCHW, pixel values 0..255, RGB or grayscale; may be null). When an output could not take
 * the evaluation (the history file on a full disk, the DL4J UI not running, a chart that could not be
 * written), the listener records it in {@link #outputFailures()}; such an evaluation is not
 * {@link #ok()} even though its metric values are valid.
 *
 * @param iteration      training iteration
 * @param epoch          training epoch
 * @param results        one result per metric, failed ones included
 * @param samples        preview images, or null
 * @param outputFailures output name → reason, in the order they failed; empty when every output took it
 */
public record Evaluation(long iteration, long epoch, List<MetricResult> results, INDArray samples,
                         Map<String, String> outputFailures) {
    public Evaluation {
        Objects.requireNonNull(results, "results");
        results = List.copyOf(results);
        outputFailures = outputFailures == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputFailures));
    }

    /** An evaluation that every output took. */
    public Evaluation(long iteration, long epoch, List<MetricResult> results, INDArray samples) {
        this(iteration, epoch, results, samples, Map.of());
    }

    /** A copy recording that these outputs failed (name → reason). */
    public Evaluation withOutputFailures(Map<String, String> failures) {
        Map<String, String> all = new LinkedHashMap<>(outputFailures);
        all.putAll(failures);
        return new Evaluation(iteration, epoch, results, samples, all);
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
    public boolean metricsOk() {
        return results.stream().allMatch(MetricResult::ok);
    }

    /** True when every metric succeeded and every output took the evaluation. */
    public boolean ok() {
        return metricsOk() && outputFailures.isEmpty();
    }
}
