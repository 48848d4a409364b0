package org.ganeval4j.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A statistics file of format version 1, written once by ganeval4j 0.1 and committed: it must keep
 * loading with its values and metadata (Tribuo's serialisation-fixture idea). Never regenerate it.
 */
class FrozenStatsFileTest {
    static final String FIXTURE = "stats-format-1.npz";
    static final double[] MU = {0.5, -1.25, 3.0};
    static final double[] SIGMA = {2.0, 0.5, 0.0, 0.5, 1.0, -0.25, 0.0, -0.25, 0.75};
    static final StatsProvenance PROVENANCE = new StatsProvenance("squeezenet", "pool_512", 3, "ab12", "antialias",
            "frozen-fixture", "0.1.0-SNAPSHOT");

    @Test
    void formatVersionOneKeepsLoading(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(FIXTURE);
        try (InputStream in = FrozenStatsFileTest.class.getResourceAsStream(FIXTURE)) {
            assertThat(in).as("fixture %s", FIXTURE).isNotNull();
            Files.copy(in, file);
        }
        GaussianStats s = StatsFile.read(file);
        assertThat(s.mean()).containsExactly(MU);
        assertThat(s.covariance()).containsExactly(SIGMA);
        assertThat(s.count()).isEqualTo(17);
        assertThat(s.provenance()).isEqualTo(PROVENANCE);
        assertThat(StatsFile.readProvenance(file)).isEqualTo(PROVENANCE);
    }

    /** Writes the fixture into {@code args[0]} (done once, for format version 1). */
    public static void main(String[] args) throws Exception {
        StatsFile.write(Path.of(args[0]).resolve(FIXTURE), new GaussianStats(MU, SIGMA, 17, PROVENANCE));
    }
}
