package org.ganeval4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.ganeval4j.io.Npz;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.stats.StatsFile;

/** Comparisons of statistics and their files in the Spark tests. */
final class Stats {
    private Stats() {
    }

    /** The largest absolute difference relative to the largest absolute value, for mean and covariance. */
    static void assertClose(GaussianStats actual, GaussianStats expected, double relative) {
        assertThat(actual.count()).isEqualTo(expected.count());
        assertThat(relativeError(actual.mean(), expected.mean())).as("mu").isLessThanOrEqualTo(relative);
        assertThat(relativeError(actual.covariance(), expected.covariance())).as("sigma").isLessThanOrEqualTo(relative);
    }

    static double relativeError(double[] a, double[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(b[i]));
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
        }
        return diff / max;
    }

    /** The metadata JSON of a statistics file. */
    static String metadata(Path npz) throws IOException {
        return Npz.read(npz, StatsFile.METADATA_KEY).toUnicodeString();
    }

    static Map<String, Object> json(String s) throws IOException {
        return new ObjectMapper().readValue(s, new TypeReference<Map<String, Object>>() { });
    }
}
