/**
 * Where evaluations go: an SLF4J log line, the metric history ({@code metrics.csv} and
 * {@code metrics.jsonl}, appended and flushed, continued across restarts), PNG charts of each metric
 * and a PNG grid of the latest samples.
 */
package org.ganeval4j.sink;
