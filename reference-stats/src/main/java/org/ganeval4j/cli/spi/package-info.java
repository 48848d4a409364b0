/**
 * Service interfaces the command line looks up with {@link java.util.ServiceLoader}, so that optional
 * engines (the {@code ganeval4j-spark} module) plug in when they are on the class path and the CLI
 * never depends on them.
 */
package org.ganeval4j.cli.spi;
