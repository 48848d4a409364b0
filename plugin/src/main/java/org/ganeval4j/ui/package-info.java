/**
 * The ganeval4j page of the DL4J training UI: every metric's curve over iterations and the latest
 * sample grid, fed through DL4J's {@code StatsStorage} (in memory, {@code FileStatsStorage}, or a
 * UI in another process). Needs {@code org.deeplearning4j:deeplearning4j-vertx} on the class path
 * (an optional dependency of ganeval4j); nothing else in ganeval4j loads this package.
 */
package org.ganeval4j.ui;
