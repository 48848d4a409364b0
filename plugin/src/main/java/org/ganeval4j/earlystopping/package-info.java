/**
 * Early stopping on a GAN metric: termination conditions (patience, target value, maximum time,
 * repeated failures) evaluated after each evaluation, the best generator saved whenever the metric
 * improves, and adapters for DL4J's {@code EarlyStoppingTrainer} ({@code ScoreCalculator},
 * {@code IterationTerminationCondition}).
 */
package org.ganeval4j.earlystopping;
