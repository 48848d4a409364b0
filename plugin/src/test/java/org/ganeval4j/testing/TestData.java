package org.ganeval4j.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates {@code ../shared/testdata} and {@code ../shared/assets} for tests: the environment
 * ({@code GANEVAL4J_TESTDATA}, {@code GANEVAL4J_ASSETS}, as {@code .ci/run} sets them), then the
 * {@code shared} folder beside the project root. A missing folder fails the test in CI
 * ({@code CI=true}) and skips it elsewhere.
 */
public final class TestData {
    private TestData() {
    }

    /** True when running under CI, where nothing may be skipped for a missing asset. */
    public static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    /** The reference-vector folder ({@code ../shared/testdata}). */
    public static Path testdata() {
        return locate("GANEVAL4J_TESTDATA", "ganeval4j.testdata", "testdata");
    }

    /**
     * The offline asset folder ({@code ../shared/assets}). When it was found beside the project rather
     * than through the environment, the {@code ganeval4j.assets} system property is set to it, so the
     * library's asset resolver (and an in-process CLI) finds the same files without downloading.
     */
    public static synchronized Path assets() {
        Path p = locate("GANEVAL4J_ASSETS", "ganeval4j.assets", "assets");
        String env = System.getenv("GANEVAL4J_ASSETS");
        if ((env == null || env.isBlank()) && System.getProperty("ganeval4j.assets") == null) {
            System.setProperty("ganeval4j.assets", p.toString());
        }
        if (System.getProperty("ganeval4j.offline") == null && System.getenv("GANEVAL4J_OFFLINE") == null) {
            // tests never download
            System.setProperty("ganeval4j.offline", "true");
        }
        return p;
    }

    /** A file under the test data folder; fails (CI) or skips (elsewhere) when it is missing. */
    public static Path testdata(String relative) {
        return require(testdata().resolve(relative));
    }

    /** A file under the asset folder; fails (CI) or skips (elsewhere) when it is missing. */
    public static Path asset(String relative) {
        return require(assets().resolve(relative));
    }

    private static Path require(Path p) {
        if (!Files.exists(p)) {
            missing("required test file " + p + " is missing");
        }
        return p;
    }

    private static Path locate(String env, String property, String sub) {
        String v = System.getenv(env);
        if (v == null || v.isBlank()) {
            v = System.getProperty(property);
        }
        if (v != null && !v.isBlank()) {
            Path p = Paths.get(v).toAbsolutePath().normalize();
            if (!Files.isDirectory(p)) {
                missing(env + " points at " + p + ", which is not a directory");
            }
            return p;
        }
        for (Path start : candidates()) {
            for (Path d = start; d != null; d = d.getParent()) {
                Path p = d.resolveSibling("shared").resolve(sub);
                if (Files.isDirectory(p)) {
                    return p.normalize();
                }
            }
        }
        missing("../shared/" + sub + " not found beside the project (set " + env + ")");
        return null;
    }

    private static Path[] candidates() {
        String root = System.getProperty("ganeval4j.root");
        Path cwd = Paths.get("").toAbsolutePath();
        return root == null || root.isBlank() ? new Path[] {cwd} : new Path[] {Paths.get(root).toAbsolutePath(), cwd};
    }

    /** Fails in CI, skips elsewhere. */
    public static void missing(String message) {
        if (inCi()) {
            Assertions.fail(message + " (CI=true: tests must not skip)");
        }
        Assumptions.abort(message);
    }
}
