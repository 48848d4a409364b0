package org.ganeval4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Function;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CLI's OpenMP wait policy: which command lines set it (those that run a network; never one that
 * only reads statistics or features, which must not pay for loading JNA), and that the C library's
 * environment, where libgomp reads it, holds it afterwards.
 */
class OpenMpWaitPolicyTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void files() throws Exception {
        Files.createDirectories(dir.resolve("images"));
        for (String name : new String[] {"a.npz", "b.npy", "archive.tar.gz"}) {
            Files.write(dir.resolve(name), new byte[] {0});
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "stats images -o out.npz --limit 1000, true",
        "features archive.tar.gz -o f.npz, true",
        "bench inception, true",
        "fid images a.npz, true",
        "fid archive.tar.gz a.npz, true",
        "fid a.npz b.npy, false",
        "kid b.npy b.npy --subsets 5, false",
        "is b.npy, false",
        "inspect a.npz, false",
        "hype-report a.npz, false",
        "ssim images images, false"})
    void runsOnlyForCommandLinesThatRunANetwork(String line, boolean expected) {
        String[] args = line.split(" ");
        for (int i = 0; i < args.length; i++) {
            if (Files.exists(dir.resolve(args[i]))) {
                args[i] = dir.resolve(args[i]).toString();
            }
        }
        assertThat(OpenMpWaitPolicy.runsNetwork(args[0], args)).isEqualTo(expected);
    }

    @Test
    void theCLibraryEnvironmentHoldsThePolicy() {
        OpenMpWaitPolicy.setPassive();
        String set = Function.getFunction("c", "getenv").invokeString(new Object[] {"OMP_WAIT_POLICY"}, false);
        // a value the user set is kept
        String user = System.getenv("OMP_WAIT_POLICY");
        assertThat(set).isEqualTo(user != null ? user : "PASSIVE");
    }
}
