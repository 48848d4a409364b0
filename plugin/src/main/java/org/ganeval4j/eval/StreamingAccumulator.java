package org.ganeval4j.eval;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The accumulator of a metric computed in streaming form: each batch's {@code request} output goes to
 * {@code feed}, and {@code finish} gives the values once every batch has been seen. Not thread safe.
 */
final class StreamingAccumulator implements GanMetric.Accumulator {
    private final FeatureRequest request;
    private final Consumer<INDArray> feed;
    private final Supplier<List<MetricValue>> finish;

    StreamingAccumulator(FeatureRequest request, Consumer<INDArray> feed, Supplier<List<MetricValue>> finish) {
        this.request = Objects.requireNonNull(request, "request");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.finish = Objects.requireNonNull(finish, "finish");
    }

    @Override
    public void accept(FeatureBatch batch) {
        feed.accept(batch.features(request));
    }

    @Override
    public List<MetricValue> finish() {
        return finish.get();
    }
}
