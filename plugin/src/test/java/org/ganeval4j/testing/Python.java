package org.ganeval4j.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code python3 -c SCRIPT} with NumPy to prove file interop. Where python3 or numpy is
 * missing the test is skipped, except in CI, where it fails.
 */
public final class Python {
    private static Boolean available;

    private Python() {
    }

    /** The result of one run. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs the script with the arguments ({@code sys.argv[1:]}); skips/fails when numpy is missing. */
    public static Result run(String script, String... args) throws IOException, InterruptedException {
        requireNumpy();
        return exec(script, args);
    }

    /** Like {@link #run} and asserts exit code 0, returning stdout. */
    public static String check(String script, String... args) throws IOException, InterruptedException {
        Result r = run(script, args);
        if (r.exitCode() != 0) {
            throw new AssertionError("python3 failed (" + r.exitCode() + "): " + r.stderr());
        }
        return r.stdout();
    }

    private static synchronized void requireNumpy() throws InterruptedException {
        if (available == null) {
            try {
                available = exec("import numpy", new String[0]).exitCode() == 0;
            } catch (IOException e) {
                available = false;
            }
        }
        if (!available) {
            TestData.missing("python3 with numpy is not available");
        }
    }

    private static Result exec(String script, String[] args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        var errFuture = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        var out = p.getInputStream().readAllBytes();
        var err = errFuture.join();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("python3 timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
