package org.ganeval4j.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ganeval4j.cli.CliRun;
import org.ganeval4j.testing.TestData;

/**
 * Runs the {@code ganeval4j} CLI in-process ({@link CliRun#run}, with its {@link CliRun.Result}, inherited
 * from the CLI module's test jar), or as the real {@code java -jar} process.
 */
final class Cli extends CliRun {
    private Cli() {
    }

    /** The arguments, with nested arrays flattened. */
    static Object[] args(Object... parts) {
        List<Object> all = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof Object[] a) {
                all.addAll(List.of(args(a)));
            } else {
                all.add(p);
            }
        }
        return all.toArray();
    }

    /** {@code --net NET --trunk … --head …}: the LPIPS weights of {@code alex} or {@code squeeze} from the assets. */
    static Object[] lpipsWeights(String net) {
        return new Object[] {"--net", net, "--trunk",
                TestData.asset(net.equals("alex") ? "weights/alexnet-features.pth" : "weights/squeezenet1_1-features.pth"),
                "--head", TestData.asset("weights/lpips/v0.1/" + net + ".pth")};
    }

    /**
     * Asserts the CLI's answer to bad input: exit code 2, nothing on stdout, one line on stderr starting with
     * {@code ganeval4j: }, no stack trace, every fragment in it.
     */
    static void assertBadInput(Result r, String... fragments) {
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.stderr()).isEqualTo(2);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr().strip().lines()).as(r.stderr()).hasSize(1);
        assertThat(r.stderr()).startsWith("ganeval4j: ").doesNotContain("\tat ");
        for (String f : fragments) {
            assertThat(r.stderr()).contains(f);
        }
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
        return runProcess(cmd, java.util.Map.of());
    }

    /** Runs a command ({@link String#valueOf} of each part) with extra environment variables, capturing both streams. */
    static Result runProcess(List<?> command, java.util.Map<String, String> env) throws IOException, InterruptedException {
        List<String> cmd = command.stream().map(String::valueOf).toList();
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Process p = pb.start();
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
