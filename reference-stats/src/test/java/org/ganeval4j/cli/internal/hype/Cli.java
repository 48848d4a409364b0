package org.ganeval4j.cli.internal.hype;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.ganeval4j.cli.Main;

/** Runs the {@code ganeval4j} CLI in-process, as the HYPE tests drive it. */
final class Cli {
    private Cli() {
    }

    /** Exit code and both streams of one run. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    static Result run(Object... args) {
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
