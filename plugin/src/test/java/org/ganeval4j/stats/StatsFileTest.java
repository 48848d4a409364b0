package org.ganeval4j.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ganeval4j.io.FileFormatException;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.io.Npz;
import org.ganeval4j.testing.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatsFileTest {
    @TempDir
    Path dir;

    static GaussianStats sample() {
        return new GaussianStats(new double[] {1, 2}, new double[] {2, 0.5, 0.5, 1}, 42,
                new StatsProvenance("fid-inception", "pool_2048", 2, "ab12", "pytorch", "toy", "0.1"));
    }

    @Test
    void roundTripKeepsValuesAndProvenance() throws Exception {
        Path f = dir.resolve("s.npz");
        StatsFile.write(f, sample());
        GaussianStats back = StatsFile.read(f);
        assertThat(back.mean()).containsExactly(1, 2);
        assertThat(back.covariance()).containsExactly(2, 0.5, 0.5, 1);
        assertThat(back.count()).isEqualTo(42);
        assertThat(back.provenance().extractor()).isEqualTo("fid-inception");
        assertThat(back.provenance().resizeMode()).isEqualTo("pytorch");
        assertThat(back.provenance().datasetId()).isEqualTo("toy");
        assertThat(back.provenance().libraryVersion()).isNotBlank();
    }

    @Test
    void extraMetadataIsWrittenAfterTheStandardEntriesAndReadersIgnoreIt() throws Exception {
        Path f = dir.resolve("x.npz");
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("partitions", 7);
        extra.put("engine", "spark");
        StatsFile.write(f, sample(), false, extra);
        assertThat(StatsFile.read(f)).isEqualTo(sample().withProvenance(StatsFile.read(f).provenance()));
        String out = Python.check("import numpy as np,json,sys; m=json.loads(str(np.load(sys.argv[1])['metadata']));"
                + " print(m['partitions'], m['engine'], list(m)[-3:])", f.toString());
        assertThat(out.strip()).isEqualTo("7 spark ['partitions', 'engine', 'created']");
        assertThatThrownBy(() -> StatsFile.write(f, sample(), false, Map.of("sample_count", 3)))
                .hasMessageContaining("'sample_count'");
        assertThatThrownBy(() -> StatsFile.write(f, sample(), false, Map.of("x", new int[0])))
                .hasMessageContaining("'x'").hasMessageContaining("int[]");
    }

    @Test
    void numpyReadsOurFileAndItsMetadata() throws Exception {
        Path f = dir.resolve("s.npz");
        StatsFile.write(f, sample(), true);
        String out = Python.check("import numpy as np,json,sys; z=np.load(sys.argv[1]); m=json.loads(str(z['metadata']));"
                + "print(z['mu'].dtype, z['sigma'].shape, m['format'], m['format_version'], m['extractor'], m['layer'],"
                + " m['dims'], m['weights_sha256'], m['resize_mode'], m['sample_count'], m['dataset_id'])", f.toString());
        assertThat(out.strip()).isEqualTo("float64 (2, 2) ganeval4j-stats 1 fid-inception pool_2048 2 ab12 pytorch 42 toy");
    }

    @ParameterizedTest
    @CsvSource({"savez,float32", "savez,float64", "savez_compressed,float32", "savez_compressed,float64"})
    void readsPytorchFidStyleFiles(String fn, String dtype) throws Exception {
        Path f = dir.resolve("p.npz");
        Python.check("import numpy as np,sys; r=np.random.RandomState(0); x=r.randn(50,4);"
                + "getattr(np,sys.argv[2])(sys.argv[1], mu=x.mean(0).astype(sys.argv[3]),"
                + " sigma=np.cov(x,rowvar=False).astype(sys.argv[3]))", f.toString(), fn, dtype);
        GaussianStats s = StatsFile.read(f);
        assertThat(s.dim()).isEqualTo(4);
        assertThat(s.count()).isZero();
        assertThat(s.provenance().isUnknown()).isTrue();
    }

    @Test
    void newerFormatVersionIsRefusedNamingBothVersions() throws Exception {
        Path f = dir.resolve("v.npz");
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put("mu", NpyArray.ofDoubles(new double[] {0}, 1));
        m.put("sigma", NpyArray.ofDoubles(new double[] {1}, 1, 1));
        m.put("metadata", NpyArray.ofString("{\"format\": \"ganeval4j-stats\", \"format_version\": 7}"));
        Npz.write(f, m, false);
        assertThatThrownBy(() -> StatsFile.read(f)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("format version 7").hasMessageContaining("reads versions 1 to 1");
    }

    @Test
    void badFilesGiveClearErrors() throws Exception {
        Path noMu = dir.resolve("nomu.npz");
        Npz.write(noMu, Map.of("sigma", NpyArray.ofDoubles(new double[] {1}, 1, 1)), false);
        assertThatThrownBy(() -> StatsFile.read(noMu)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("needs arrays 'mu' and 'sigma'").hasMessageContaining("[sigma]");

        Path shape = dir.resolve("shape.npz");
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put("mu", NpyArray.ofDoubles(new double[] {0, 0}, 2));
        m.put("sigma", NpyArray.ofDoubles(new double[] {1, 0, 0}, 1, 3));
        Npz.write(shape, m, false);
        assertThatThrownBy(() -> StatsFile.read(shape)).hasMessageContaining("2×2 matrix").hasMessageContaining("[1, 3]");

        Path nan = dir.resolve("nan.npz");
        m.put("sigma", NpyArray.ofDoubles(new double[] {1, 0, 0, Double.NaN}, 2, 2));
        Npz.write(nan, m, false);
        assertThatThrownBy(() -> StatsFile.read(nan)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("covariance must be finite, found NaN at [1, 1]");

        Path asym = dir.resolve("asym.npz");
        m.put("sigma", NpyArray.ofDoubles(new double[] {1, 0.5, 0.1, 1}, 2, 2));
        Npz.write(asym, m, false);
        assertThatThrownBy(() -> StatsFile.read(asym)).hasMessageContaining("symmetric");

        Path garbage = dir.resolve("garbage.npz");
        Files.writeString(garbage, "not a zip");
        assertThatThrownBy(() -> StatsFile.read(garbage)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("garbage.npz");
    }

    @Test
    void provenanceConflictsAreNamed() {
        StatsProvenance a = new StatsProvenance("fid-inception", "pool_2048", 2048, null, "pytorch", "x", null);
        StatsProvenance b = new StatsProvenance("squeezenet", "pool_512", 512, null, "pytorch", "y", null);
        assertThat(a.conflictsWith(b)).containsExactly("extractor: fid-inception vs squeezenet",
                "layer: pool_2048 vs pool_512", "dims: 2048 vs 512");
        assertThat(a.conflictsWith(StatsProvenance.unknown())).isEmpty();
        assertThat(a.conflictsWith(a.withDatasetId("other"))).isEmpty();
    }

    @Test
    void openedStatsStreamTheCovarianceThatReadGives() throws Exception {
        Path f = dir.resolve("o.npz");
        int d = 70;
        java.util.Random r = new java.util.Random(3);
        float[] rows = new float[200 * d];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) r.nextGaussian();
        }
        GaussianStats s = FeatureMatrix.of(rows, 200, d).toStats(sample().provenance());
        StatsFile.write(f, s);
        StoredStats stored = StatsFile.open(f, d);
        GaussianStats read = StatsFile.read(f);
        assertThat(stored.dim()).isEqualTo(d);
        assertThat(stored.count()).isEqualTo(200);
        assertThat(stored.mean()).containsExactly(read.mean());
        assertThat(stored.provenance()).isEqualTo(read.provenance());
        java.nio.DoubleBuffer direct = java.nio.ByteBuffer.allocateDirect(8 * (d * d + 3))
                .order(java.nio.ByteOrder.nativeOrder()).asDoubleBuffer();
        direct.position(3);
        stored.copyCovarianceTo(direct);
        assertThat(direct.position()).isEqualTo(3 + d * d);
        double[] copied = new double[d * d];
        direct.get(3, copied);
        assertThat(copied).containsExactly(read.covariance());
        assertThat(stored.load()).isEqualTo(read);
        assertThatThrownBy(() -> StatsFile.open(f, d + 1)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("dimension " + d + ", expected " + (d + 1));
    }

    @Test
    void storedStatsCheckTheCovarianceTheyStreamAndNoticeAChangedFile() throws Exception {
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put("mu", NpyArray.ofDoubles(new double[] {0, 0}, 2));
        m.put("sigma", NpyArray.ofDoubles(new double[] {1, 0, 0, Double.NaN}, 2, 2));
        Path nan = dir.resolve("nan.npz");
        Npz.write(nan, m, false);
        StoredStats n = StatsFile.open(nan, -1);
        assertThatThrownBy(() -> n.copyCovarianceTo(java.nio.DoubleBuffer.allocate(4)))
                .isInstanceOf(FileFormatException.class).hasMessageStartingWith(nan.toString())
                .hasMessageContaining("covariance must be finite, found NaN at [1, 1]");
        assertThatThrownBy(n::load).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("covariance must be finite, found NaN at [1, 1]");

        Path asym = dir.resolve("asym.npz");
        m.put("sigma", NpyArray.ofDoubles(new double[] {1, 0.5, 0.1, 1}, 2, 2));
        Npz.write(asym, m, false);
        StoredStats a = StatsFile.open(asym, 2);
        assertThatThrownBy(() -> a.copyCovarianceTo(java.nio.DoubleBuffer.allocate(4)))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("symmetric");

        Path integers = dir.resolve("integers.npz");
        m.put("sigma", NpyArray.ofLongs(new long[] {1, 0, 0, 1}, 2, 2));
        Npz.write(integers, m, false);
        assertThatThrownBy(() -> StatsFile.open(integers, -1)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("'sigma' must be a float 2×2 matrix").hasMessageContaining("<i8 [2, 2]");

        Path changing = dir.resolve("changing.npz");
        StatsFile.write(changing, sample());
        StoredStats before = StatsFile.open(changing, 2);
        StatsFile.write(changing, new GaussianStats(new double[] {1}, new double[] {2}, 3, StatsProvenance.unknown()));
        assertThatThrownBy(() -> before.copyCovarianceTo(java.nio.DoubleBuffer.allocate(4)))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("it was 2×2 when the file was opened");
    }
}
