package org.ganeval4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ganeval4j.testing.Python;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The commands that need no network never load ND4J (its native backend costs about two seconds of
 * start-up): each runs in a fresh JVM with {@code -verbose:class}, and no class of {@code org.nd4j}
 * may be loaded. Inputs are written by numpy (pytorch-fid's {@code mu}/{@code sigma} files and float32
 * feature rows).
 */
class NoNativeBackendTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void files() throws Exception {
        Python.check("""
                import sys, numpy as np
                d = sys.argv[1]
                rng = np.random.default_rng(7)
                for name, shift in (('a', 0.0), ('b', 0.3)):
                    f = (rng.standard_normal((240, 24)) + shift).astype(np.float32)
                    np.save(d + '/' + name + '.npy', f)
                    np.savez(d + '/' + name + '.npz', mu=f.astype(np.float64).mean(0), sigma=np.cov(f.astype(np.float64), rowvar=False))
                """, dir.toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fid a.npz b.npz", "fid a.npy b.npy", "fid a.npz b.npy", "kid a.npy b.npy --subsets 5 --subset-size 100",
        "pr a.npy b.npy", "prdc a.npy b.npy", "inspect a.npz", "fid-inf a.npz b.npy --n-min 60 --n-max 240 --points 4"})
    void loadsNoNd4jClass(String command) throws Exception {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        for (String word : command.split(" ")) {
            argv.add(word.endsWith(".npz") || word.endsWith(".npy") ? dir.resolve(word).toString() : word);
        }
        Path log = dir.resolve("out.txt");
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        List<String> output = lines.stream().filter(l -> !l.startsWith("[")).toList();
        assertThat(p.exitValue()).as(String.join("\n", output)).isZero();
        assertThat(output).as("the command printed its result").isNotEmpty();
        assertThat(lines.stream().filter(l -> l.contains("[class,load]")).count()).as("class loading was logged").isPositive();
        assertThat(lines).filteredOn(l -> l.contains("[class,load] org.nd4j.")).as("ND4J classes loaded").isEmpty();
    }
}
