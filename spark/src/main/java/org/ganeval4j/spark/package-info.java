/**
 * ganeval4j on Apache Spark: reference statistics, feature reservoirs (KID, precision/recall,
 * density/coverage) and the Inception Score over inputs too large for one machine, and saved
 * generators evaluated over many samples — each partition streams its images through the feature
 * extractor into mergeable accumulators that the driver combines with {@code treeAggregate}; the
 * result does not depend on the partitioning. {@link org.ganeval4j.spark.StatsJob} is the
 * {@code spark-submit} entry point.
 */
package org.ganeval4j.spark;
