package org.ganeval4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.ganeval4j.feature.Dl4jModelExtractor;
import org.ganeval4j.image.Generator;
import org.ganeval4j.image.LatentSpec;
import org.ganeval4j.io.Npy;
import org.ganeval4j.metric.DensityCoverage;
import org.ganeval4j.metric.InceptionScore;
import org.ganeval4j.metric.InceptionScoreResult;
import org.ganeval4j.metric.KernelInceptionDistance;
import org.ganeval4j.metric.PrecisionRecall;
import org.ganeval4j.stats.FeatureMatrix;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** KID, IS, precision/recall and density/coverage through the evaluator equal the direct computation. */
class SampleMetricsTest {
    @ParameterizedTest
    @CsvSource({"isc_logits_n1000.npy,true,10", "isc_logits_n2500.npy,false,10", "isc_logits_n1000.npy,true,1",
                "isc_logits_n1000.npy,true,7"})
    void streamingInceptionScoreEqualsTheBatchComputation(String file, boolean shuffle, int splits) throws Exception {
        FeatureMatrix logits = FeatureMatrix.of(Npy.read(TestData.testdata("metrics/" + file)));
        InceptionScore is = InceptionScore.builder().splits(splits).shuffle(shuffle).build();
        InceptionScoreResult batch = is.compute(logits);
        InceptionScore.Streaming s = is.streaming(logits.rows(), logits.cols());
        for (int from = 0; from < logits.rows(); from += 77) {
            int to = Math.min(logits.rows(), from + 77);
            s.accept(logits.rows(from, to).toArray(), to - from);
        }
        InceptionScoreResult streamed = s.finish();
        assertThat(streamed.mean()).isCloseTo(batch.mean(), within(1e-12 * batch.mean()));
        assertThat(streamed.std()).isCloseTo(batch.std(), within(1e-10 * Math.max(1, batch.std())));
    }

    /**
     * Parts of the rows fed to separate accumulators at their positions (out of order, some serialized
     * as Spark ships them), merged in any order, give the one-pass score.
     */
    @ParameterizedTest
    @CsvSource({"isc_logits_n1000.npy,true,10,1,7", "isc_logits_n2500.npy,false,10,3,4", "isc_logits_n1000.npy,true,7,2,13"})
    void partsMergedInAnyOrderEqualTheBatchComputation(String file, boolean shuffle, int splits, long order, int parts)
            throws Exception {
        FeatureMatrix logits = FeatureMatrix.of(Npy.read(TestData.testdata("metrics/" + file)));
        InceptionScore is = InceptionScore.builder().splits(splits).shuffle(shuffle).build();
        InceptionScoreResult batch = is.compute(logits);
        int n = logits.rows();
        java.util.List<InceptionScore.Streaming> accs = new ArrayList<>();
        for (int p = parts - 1; p >= 0; p--) {
            InceptionScore.Streaming s = is.streaming(n, logits.cols());
            int from = (int) ((long) p * n / parts);
            int to = (int) ((long) (p + 1) * n / parts);
            for (int end = to; end > from; end -= 50) {
                int start = Math.max(from, end - 50);
                s.accept(start, logits.rows(start, end).toArray(), end - start);
            }
            accs.add(p % 2 == 0 ? roundTrip(s) : s);
        }
        java.util.Collections.shuffle(accs, new java.util.Random(order));
        InceptionScore.Streaming all = accs.get(0);
        for (int i = 1; i < accs.size(); i++) {
            all.merge(accs.get(i));
        }
        InceptionScoreResult merged = all.finish();
        assertThat(merged.mean()).isCloseTo(batch.mean(), within(1e-12 * batch.mean()));
        assertThat(merged.std()).isCloseTo(batch.std(), within(1e-10 * Math.max(1, batch.std())));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> all.merge(accs.get(1))).hasMessageContaining("offered already");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> all.merge(InceptionScore.builder().splits(splits + 1).build()
                .streaming(n, logits.cols()))).hasMessageContaining("splits=" + (splits + 1));
    }

    private static InceptionScore.Streaming roundTrip(InceptionScore.Streaming s) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            return (InceptionScore.Streaming) in.readObject();
        }
    }

    @Test
    void evaluatorMetricsEqualTheirDirectComputation() {
        MultiLayerNetwork g = TinyNets.generator(11);
        Dl4jModelExtractor ex = TinyNets.extractor(12);
        List<INDArray> realBatches = TinyNets.realImages(13, 120, 40);
        List<INDArray> realFeatures = new ArrayList<>();
        for (INDArray b : realBatches) {
            realFeatures.add(ex.extract(b));
        }
        FeatureMatrix real = FeatureMatrix.of(Nd4j.concat(0, realFeatures.toArray(new INDArray[0])));
        KernelInceptionDistance kid = KernelInceptionDistance.builder().subsets(5).subsetSize(50).build();
        int n = 90;
        GanEvaluator e = GanEvaluator.builder(Generator.of(g), GanEvaluatorTest.FORMAT, LatentSpec.normal(TinyNets.LATENT, 5))
                .samples(n).batchSize(25)
                .metric(new KidMetric(real, ex, kid, 1000))
                .metric(NeighbourhoodMetric.precisionRecall(real, ex, 1000))
                .metric(NeighbourhoodMetric.densityCoverage(real, ex, 1000))
                .metric(new InceptionScoreMetric(ex, ex.spec().layer(), InceptionScore.builder().splits(3).build()))
                .build();
        Evaluation ev = e.evaluate(1, 0);
        assertThat(ev.ok()).as(ev.toString()).isTrue();
        assertThat(ev.results()).extracting(MetricResult::name)
                .containsExactly("KID", "precision", "recall", "density", "coverage", "IS");

        INDArray images = GanEvaluatorTest.FORMAT.toCanonical(g.output(LatentSpec.normal(TinyNets.LATENT, 5).latents(0, n), false));
        FeatureMatrix fake = FeatureMatrix.of(ex.extract(images));
        double k = kid.compute(real, fake).mean();
        assertThat(ev.result("KID").value()).isCloseTo(k, within(1e-6 * Math.abs(k) + 1e-9));
        var pr = PrecisionRecall.defaults().compute(real, fake);
        assertThat(ev.result("precision").value()).isEqualTo(pr.precision());
        assertThat(ev.result("recall").value()).isEqualTo(pr.recall());
        var dc = DensityCoverage.defaults().compute(real, fake);
        assertThat(ev.result("density").value()).isEqualTo(dc.density());
        assertThat(ev.result("coverage").value()).isEqualTo(dc.coverage());
        double isv = InceptionScore.builder().splits(3).build().compute(fake).mean();
        assertThat(ev.result("IS").value()).isCloseTo(isv, within(1e-9 * isv));
        assertThat(ev.result("IS").std()).isFinite();
    }
}
