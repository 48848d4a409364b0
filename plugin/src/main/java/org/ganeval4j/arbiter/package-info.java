/**
 * Arbiter hyperparameter search that optimises a GAN metric: a search space over the reference
 * GAN's hyperparameters ({@link org.ganeval4j.arbiter.GanSearchSpace}), a task creator that trains
 * each candidate with the metrics listener attached and stops hopeless ones early
 * ({@link org.ganeval4j.arbiter.GanTaskCreator}), a score function that follows the metric's direction
 * ({@link org.ganeval4j.arbiter.GanMetricScoreFunction}) and random or grid sweeps with a results
 * table ({@link org.ganeval4j.arbiter.GanSweep}). Arbiter ({@code arbiter-core},
 * {@code arbiter-deeplearning4j} 1.0.0-beta7) is an optional dependency: only this package uses it.
 */
package org.ganeval4j.arbiter;
