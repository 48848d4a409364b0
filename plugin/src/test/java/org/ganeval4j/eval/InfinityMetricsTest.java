package org.ganeval4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.ganeval4j.arbiter.GanMetricScoreFunction;
import org.ganeval4j.earlystopping.MetricMonitor;
import org.ganeval4j.feature.ExtractorSpec;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.image.Generator;
import org.ganeval4j.image.ImageFormat;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.image.LatentSpec;
import org.ganeval4j.metric.Direction;
import org.ganeval4j.sink.MetricHistory;
import org.ganeval4j.stats.FeatureMatrix;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.stats.StatsFile;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link FidInfinity} and {@link IsInfinity} through the {@link GanEvaluator}: a generator whose i-th
 * sample encodes i in its pixels and an extractor that returns row i of the reference features, so
 * the evaluator's batches (of a size that does not divide the grid) reach the metrics in sample order;
 * every FID_N / IS_N, FID∞ / IS∞, slope and R² within 1e-9 relative of
 * {@code infinity/expected.json}, recorded in {@code metrics.jsonl} and read back; directions in
 * early stopping and Arbiter.
 */
class InfinityMetricsTest {
    private static final double REL = 1e-9;

    /** Sample i is a 1×2×2 image whose first two pixels are i mod 256 and i / 256. */
    static final class IndexedGenerator implements Generator {
        private int next;

        @Override
        public INDArray sample(INDArray z, INDArray labels) {
            int n = (int) z.size(0);
            float[] px = new float[n * 4];
            for (int i = 0; i < n; i++, next++) {
                px[i * 4] = next % 256;
                px[i * 4 + 1] = next / 256;
            }
            return Nd4j.create(px, new long[] {n, 1, 2, 2}, 'c');
        }
    }

    /** Returns row i of {@code rows} for the image of sample i. */
    static final class Lookup implements FeatureExtractor {
        private final FeatureMatrix rows;
        private final ExtractorSpec spec;

        Lookup(FeatureMatrix rows) {
            this.rows = rows;
            this.spec = new ExtractorSpec("lookup", "rows", rows.cols(), "none", null);
        }

        @Override
        public ExtractorSpec spec() {
            return spec;
        }

        @Override
        public Map<String, INDArray> extract(INDArray images, Set<String> outputs) {
            int n = (int) images.size(0);
            int d = rows.cols();
            float[] out = new float[n * d];
            for (int i = 0; i < n; i++) {
                int index = images.getInt(i, 0, 0, 0) + 256 * images.getInt(i, 0, 0, 1);
                System.arraycopy(rows.row(index), 0, out, i * d, d);
            }
            return Map.of("rows", Nd4j.create(out, new long[] {n, d}, 'c').castTo(DataType.FLOAT));
        }
    }

    static final ImageFormat FORMAT = ImageFormat.of(ImageFormat.Layout.NCHW, InputRange.ZERO_255, 1, 2, 2);

    static JsonNode expected() throws Exception {
        return new ObjectMapper().readTree(TestData.testdata("infinity/expected.json").toFile());
    }

    static int[] ints(JsonNode a) {
        return StreamSupport.stream(a.spliterator(), false).mapToInt(JsonNode::asInt).toArray();
    }

    static double rel(double a, double b) {
        return Math.abs(a - b) / Math.abs(b);
    }

    @SuppressWarnings("unchecked")
    static void assertDetails(MetricResult r, JsonNode e, String key, String interceptKey) {
        assertThat(rel(r.value(), e.get(interceptKey).asDouble())).as("%s %s", r.name(), r.value()).isLessThanOrEqualTo(REL);
        List<Number> n = (List<Number>) r.details().get("n");
        List<Number> values = (List<Number>) r.details().get(key);
        assertThat(n.stream().mapToInt(Number::intValue).toArray()).containsExactly(ints(e.get("n")));
        for (int k = 0; k < values.size(); k++) {
            assertThat(rel(values.get(k).doubleValue(), e.get(key).get(k).asDouble())).as("%s at N=%s", key, n.get(k))
                    .isLessThanOrEqualTo(REL);
        }
        assertThat(rel(((Number) r.details().get("slope")).doubleValue(), e.get("slope").asDouble())).isLessThanOrEqualTo(REL);
        assertThat(rel(((Number) r.details().get("r2")).doubleValue(), e.get("r2").asDouble())).isLessThanOrEqualTo(REL);
        assertThat(r.details()).containsEntry("mode", "prefix");
    }

    @Test
    void fidAndIsInfinityThroughTheEvaluatorAndTheHistory(@TempDir Path dir) throws Exception {
        JsonNode e = expected();
        GaussianStats reference = StatsFile.read(TestData.testdata("infinity/reference_stats.npz"));
        FeatureMatrix features = FeatureMatrix.read(TestData.testdata("infinity/features_in_sample_order.npy"));
        int[] n = ints(e.get("fid").get("n"));
        try (FidInfinity fid = FidInfinity.builder(reference, new Lookup(features))
                .grid(n[0], n[n.length - 1], n.length).build()) {
            GanEvaluator evaluator = GanEvaluator.builder(new IndexedGenerator(), FORMAT, LatentSpec.sobolNormal(4, 1))
                    .samples(features.rows()).batchSize(333).previewImages(0).metric(fid).build();
            Evaluation ev = evaluator.evaluate(10, 0);
            MetricResult r = ev.result("FD-lookup-inf");
            assertThat(r).as("results %s", ev.results()).isNotNull();
            assertThat(r.ok()).as(String.valueOf(r.failure())).isTrue();
            assertThat(r.direction()).isEqualTo(Direction.LOWER_IS_BETTER);
            assertDetails(r, e.get("fid"), "fid_n", "fid_inf");

            MetricHistory history = MetricHistory.open(dir);
            history.accept(ev);
            MetricResult back = MetricHistory.read(dir).get(0);
            assertDetails(back, e.get("fid"), "fid_n", "fid_inf");
            assertThat(back.value()).isEqualTo(r.value());
            JsonNode line = new ObjectMapper().readTree(Files.readAllLines(dir.resolve(MetricHistory.JSONL)).get(0));
            assertThat(line.get("details").get("fid_n")).hasSize(n.length);
        }

        FeatureMatrix logits = FeatureMatrix.read(TestData.testdata(e.get("is").get("logits").asText()));
        int[] m = ints(e.get("is").get("n"));
        IsInfinity is = IsInfinity.builder(new Lookup(logits), "rows").grid(m[0], m[m.length - 1], m.length).build();
        GanEvaluator evaluator = GanEvaluator.builder(new IndexedGenerator(), FORMAT, LatentSpec.sobolUniform(4, 1))
                .samples(logits.rows()).batchSize(128).previewImages(0).metric(is).build();
        MetricResult r = evaluator.evaluate(0, 0).result(IsInfinity.NAME);
        assertThat(r.ok()).as(String.valueOf(r.failure())).isTrue();
        assertThat(r.direction()).isEqualTo(Direction.HIGHER_IS_BETTER);
        assertDetails(r, e.get("is"), "is_n", "is_inf");
    }

    @Test
    void tooFewSamplesAreRefusedNamingWhatIsNeeded() throws Exception {
        FeatureMatrix features = FeatureMatrix.read(TestData.testdata("infinity/features_in_sample_order.npy"));
        GaussianStats reference = StatsFile.read(TestData.testdata("infinity/reference_stats.npz"));
        try (FidInfinity fid = FidInfinity.builder(reference, new Lookup(features)).grid(100, 1000, 4).build()) {
            assertThat(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> GanEvaluator.builder(new IndexedGenerator(), FORMAT, LatentSpec.normal(4, 1)).samples(500)
                            .metric(fid).build()).getMessage()).contains("1000").contains("500").contains(fid.name());
            assertThat(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> fid.start(500))
                    .getMessage()).contains("1000").contains("500");
        }
    }

    @Test
    void directionsHoldInEarlyStoppingAndArbiter() throws Exception {
        FeatureMatrix features = FeatureMatrix.read(TestData.testdata("infinity/features_in_sample_order.npy"));
        GaussianStats reference = StatsFile.read(TestData.testdata("infinity/reference_stats.npz"));
        try (FidInfinity fid = FidInfinity.builder(reference, new Lookup(features)).grid(100, 1000, 4).build()) {
            IsInfinity is = IsInfinity.builder(new Lookup(features), "rows").grid(100, 1000, 4).build();
            assertThat(GanMetricScoreFunction.of(fid).minimize()).isTrue();
            assertThat(GanMetricScoreFunction.of(is).minimize()).isFalse();

            MetricMonitor lower = MetricMonitor.builder(fid.name()).build();
            assertThat(lower.update(MetricResult.ok(fid.name(), 5.0, Double.NaN, fid.direction(), 1000, 1, 0, 1, ""))).isTrue();
            assertThat(lower.update(MetricResult.ok(fid.name(), 6.0, Double.NaN, fid.direction(), 1000, 2, 0, 1, ""))).isFalse();
            assertThat(lower.update(MetricResult.ok(fid.name(), 4.0, Double.NaN, fid.direction(), 1000, 3, 0, 1, ""))).isTrue();
            MetricMonitor higher = MetricMonitor.builder(is.name()).build();
            assertThat(higher.update(MetricResult.ok(is.name(), 5.0, Double.NaN, is.direction(), 1000, 1, 0, 1, ""))).isTrue();
            assertThat(higher.update(MetricResult.ok(is.name(), 4.0, Double.NaN, is.direction(), 1000, 2, 0, 1, ""))).isFalse();
            assertThat(higher.update(MetricResult.ok(is.name(), 6.0, Double.NaN, is.direction(), 1000, 3, 0, 1, ""))).isTrue();
        }
    }
}
