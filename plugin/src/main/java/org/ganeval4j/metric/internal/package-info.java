/**
 * Helpers of the metrics that are not API: NumPy's legacy random generator, the BLAS bridge, the
 * values of FID∞ and IS∞ over the N grid, the k-nearest-neighbour ball counts, the SSIM window
 * filtering and pooling, the pixel metrics' argument checks. May change without notice.
 */
package org.ganeval4j.metric.internal;
