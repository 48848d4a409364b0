/**
 * The training listener: {@link org.ganeval4j.listener.GanMetricsListener} evaluates the generator on
 * a schedule during DL4J training (GAN loops calling {@code fit(DataSet)} included) and sends every
 * evaluation to its sinks and its early-stopping monitor.
 */
package org.ganeval4j.listener;
