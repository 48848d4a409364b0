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
