package org.ganeval4j.acceptance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ganeval4j.cli.CliRun;

/**
 * Runs the {@code ganeval4j} CLI in-process ({@link CliRun#run}, with its {@link CliRun.Result}, inherited
 * from the CLI module's test jar), or as the real {@code java -jar} process.
 */
final class Cli extends CliRun {
    private Cli() {
    }

    /** The packaged jar, {@code reference-stats/target/ganeval4j.jar}. */
    static Path jar() {
        String root = System.getProperty("ganeval4j.root");
        Path base = root == null || root.isBlank() ? Paths.get("..") : Paths.get(root);
        return base.resolve("reference-stats/target/ganeval4j.jar").toAbsolutePath().normalize();
    }

    /** Runs {@code java -jar ganeval4j.jar ARGS} as a separate process. */
    static Result runJar(Object... args) throws IOException, InterruptedException {
        return runJarWith(List.of(), args);
    }

    /** Runs {@code java JVM_ARGS -jar ganeval4j.jar ARGS} as a separate process (e.g. with {@code -Xmx256m}). */
    static Result runJarWith(List<String> jvmArgs, Object... args) throws IOException, InterruptedException {
        Path jar = jar();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with `mvn package` (the tests run in `mvn verify`)");
        }
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
        for (String prop : new String[] {"ganeval4j.assets", "ganeval4j.offline"}) {
            if (System.getProperty(prop) != null) {
                cmd.add("-D" + prop + "=" + System.getProperty(prop));
            }
        }
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", jar.toString()));
        for (Object o : args) {
            cmd.add(String.valueOf(o));
        }
        Process p = new ProcessBuilder(cmd).start();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        return new Result(p.exitValue(), out, err.join());
    }
}
