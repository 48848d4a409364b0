/** Resampling kernels and their per-axis index/weight tables; not API. */
package org.ganeval4j.preprocess.internal;
