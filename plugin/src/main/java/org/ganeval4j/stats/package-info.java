/**
 * Float64 streaming Gaussian statistics of feature vectors (mean, unbiased covariance), mergeable
 * and independent of batch size and order, and the self-describing reference-statistics files
 * ({@code .npz} as pytorch-fid reads and writes them). Never needs network weights.
 */
package org.ganeval4j.stats;
