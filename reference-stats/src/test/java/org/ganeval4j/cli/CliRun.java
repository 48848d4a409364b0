package org.ganeval4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs the {@code ganeval4j} CLI in-process ({@link Main#run}), capturing both streams: the one runner
 * of the CLI's tests, shared with the acceptance tests through this module's test jar. Thread safe
 * as far as the commands run are.
 */
public class CliRun {
    protected CliRun() {
    }

    /**
     * Exit code and both streams of one run.
     *
     * @param exitCode 0, 1 (internal failure) or 2 (bad input)
     * @param stdout   what the command printed
     * @param stderr   its messages
     */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs {@code ganeval4j ARGS} ({@link String#valueOf} of each argument, so paths and numbers may be passed). */
    public static Result run(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] a = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = String.valueOf(args[i]);
        }
        int code = Main.run(a, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
