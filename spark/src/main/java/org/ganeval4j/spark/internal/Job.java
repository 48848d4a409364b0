package org.ganeval4j.spark.internal;

import java.io.Serializable;
import org.apache.spark.util.LongAccumulator;
import org.ganeval4j.metric.InceptionScore;
import org.ganeval4j.spark.ExtractorRef;
import org.ganeval4j.spark.GeneratorRef;

/**
 * Everything a partition task needs besides its {@link Slice}.
 *
 * @param extractor         the feature extractor
 * @param weightsFile       the name under which explicit weights were shipped ({@code SparkFiles}), or null
 * @param generator         the generator for generated samples, or null for an input
 * @param modelFile         the name under which the generator was shipped, or null
 * @param rows              images or samples in the whole stream
 * @param stats             accumulate the Gaussian statistics of the extractor's main output
 * @param reservoirCapacity rows of the feature reservoir, 0 for none
 * @param reservoirSeed     the reservoir's seed
 * @param inceptionScore    the Inception Score to accumulate, or null
 * @param isOutput          the extractor output taken as logits for it
 * @param hadoop            the driver's file-system configuration
 * @param failOnce          partitions whose first attempt fails halfway (a failure drill; empty normally)
 * @param progress          images done, for the progress listener (may be null)
 */
public record Job(ExtractorRef extractor, String weightsFile, GeneratorRef generator, String modelFile, long rows,
                  boolean stats, int reservoirCapacity, long reservoirSeed, InceptionScore inceptionScore, String isOutput,
                  HadoopConf hadoop, int[] failOnce, LongAccumulator progress) implements Serializable {
}
