package org.ganeval4j.cli;

import picocli.CommandLine.Command;

/** {@code ganeval4j bench …}: speed measurements of the library's hot paths. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: seconds per call or items per second of the library's hot paths.",
        subcommands = {BenchFidCommand.class, BenchListenerCommand.class, BenchLpipsCommand.class, BenchInceptionCommand.class})
final class BenchCommand {
}
