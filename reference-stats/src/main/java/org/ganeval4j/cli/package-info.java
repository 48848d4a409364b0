/** The {@code ganeval4j} command line (picocli): one subcommand per task, all through the library's API. */
package org.ganeval4j.cli;
