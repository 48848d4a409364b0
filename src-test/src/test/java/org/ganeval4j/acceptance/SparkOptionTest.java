package org.ganeval4j.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI without the {@code ganeval4j-spark} module (this module's class path): {@code --spark} says in
 * one line what to add, with the bad-input exit code, and writes nothing; {@code --partitions} alone is refused.
 */
class SparkOptionTest {
    @Test
    void withoutTheSparkModuleTheOptionSaysWhatToAdd(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("images"));
        Path out = dir.resolve("out.npz");
        Cli.Result r = Cli.run("stats", in, "-o", out, "--spark", "local[2]");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr().strip()).doesNotContain("\n").startsWith("ganeval4j: --spark needs the ganeval4j-spark module")
                .contains("java -jar spark/target/ganeval4j-spark.jar stats").contains("org.ganeval4j.spark.StatsJob");
        assertThat(out).doesNotExist();

        Cli.Result p = Cli.run("stats", in, "-o", out, "--partitions", "3");
        assertThat(p.exitCode()).isEqualTo(2);
        assertThat(p.stderr()).contains("--partitions applies with --spark only");
    }
}
