package org.ganeval4j.earlystopping;

import java.time.Duration;
import java.util.List;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.metric.Direction;

/**
 * What termination conditions see after each evaluation of the monitored metric.
 *
 * @param metric                     the monitored metric's name
 * @param direction                  whether lower or higher is better
 * @param series                     every result of the metric so far, oldest first (failed ones included)
 * @param best                       the best successful result so far, or null
 * @param evaluationsSinceImprovement evaluations since the best improved by more than the minimum delta
 * @param consecutiveFailures        failed evaluations in a row at the end of the series
 * @param elapsed                    time since monitoring started
 */
public record MonitorState(String metric, Direction direction, List<MetricResult> series, MetricResult best,
                           int evaluationsSinceImprovement, int consecutiveFailures, Duration elapsed) {
    public MonitorState {
        series = List.copyOf(series);
    }

    /** The latest result, or null before the first evaluation. */
    public MetricResult latest() {
        return series.isEmpty() ? null : series.get(series.size() - 1);
    }
}
