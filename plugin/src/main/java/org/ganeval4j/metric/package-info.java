/**
 * Metrics computed from statistics or features: Fréchet distance (FID), KID, Inception Score,
 * precision/recall, density/coverage, LPIPS diversity. Each declares its {@link org.ganeval4j.metric.Direction}
 * once; early stopping, Arbiter and charts derive from it. Never needs network weights.
 */
package org.ganeval4j.metric;
