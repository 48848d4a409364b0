/**
 * Arbiter hyperparameter search that optimises a GAN metric, for any GAN: a search space of named
 * hyperparameters ({@link org.ganeval4j.arbiter.HyperparameterSpace}) whose values reach the user's
 * {@link org.ganeval4j.gan.GanFactory}, a task creator that trains each candidate
 * ({@link org.ganeval4j.gan.TrainableGan}) with the metrics listener and stops hopeless ones early
 * ({@link org.ganeval4j.arbiter.GanTaskCreator}), a score function that follows the metric's direction
 * ({@link org.ganeval4j.arbiter.GanMetricScoreFunction}) and random or grid sweeps with a results
 * table ({@link org.ganeval4j.arbiter.GanSweep}). Arbiter ({@code arbiter-core},
 * {@code arbiter-deeplearning4j} 1.0.0-beta7) is an optional dependency: only this package uses it.
 */
package org.ganeval4j.arbiter;
