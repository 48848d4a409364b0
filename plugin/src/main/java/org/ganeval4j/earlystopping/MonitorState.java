package org.ganeval4j.earlystopping;

import java.time.Duration;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.metric.Direction;

/**
 * What termination conditions see after each evaluation of the monitored metric.
 *
 * @param metric                     the monitored metric's name
 * @param direction                  whether lower or higher is better (the metric's own, from its results);
 *                                   null before the first result
 * @param latest                     the latest result (failed or not), or null before the first evaluation
 * @param best                       the best successful result so far, or null
 * @param evaluationsSinceImprovement evaluations since the best improved by at least the minimum delta
 * @param consecutiveFailures        failed evaluations in a row up to the latest
 * @param elapsed                    time since monitoring started
 */
public record MonitorState(String metric, Direction direction, MetricResult latest, MetricResult best,
                           int evaluationsSinceImprovement, int consecutiveFailures, Duration elapsed) {
}
