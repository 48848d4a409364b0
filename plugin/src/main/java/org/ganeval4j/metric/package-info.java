/**
 * Metrics computed from statistics or features: Fréchet distance (FID), KID
 * ({@link org.ganeval4j.metric.KernelInceptionDistance}), Inception Score
 * ({@link org.ganeval4j.metric.InceptionScore}), precision/recall
 * ({@link org.ganeval4j.metric.PrecisionRecall}), density/coverage
 * ({@link org.ganeval4j.metric.DensityCoverage}), LPIPS diversity, and the paired pixel metrics
 * ({@link org.ganeval4j.metric.PixelMetric}: {@link org.ganeval4j.metric.Ssim},
 * {@link org.ganeval4j.metric.MsSsim}, {@link org.ganeval4j.metric.Psnr},
 * {@link org.ganeval4j.metric.Mse}, as torchmetrics defines them). Each declares its
 * {@link org.ganeval4j.metric.Direction} once; early stopping, Arbiter and charts derive from it.
 * Sample-based metrics take a {@link org.ganeval4j.stats.FeatureMatrix}, which a bounded
 * {@link org.ganeval4j.metric.FeatureReservoir} fills from a stream of batches. Never needs network
 * weights.
 */
package org.ganeval4j.metric;
