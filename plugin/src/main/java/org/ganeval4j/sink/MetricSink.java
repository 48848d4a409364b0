package org.ganeval4j.sink;

import java.io.IOException;
import org.ganeval4j.eval.Evaluation;

/**
 * Receives every evaluation. A sink that throws is reported by the caller (the listener logs it
 * once and carries on); it must never lose what it already wrote.
 */
public interface MetricSink extends AutoCloseable {
    /** Records one evaluation. */
    void accept(Evaluation evaluation) throws IOException;

    /** A short name for log messages, e.g. {@code metrics.csv}. */
    default String name() {
        return getClass().getSimpleName();
    }

    @Override
    default void close() throws IOException {
    }
}
